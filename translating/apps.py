from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslatingConfig(AppConfig):
    name = "translating"
    verbose_name = _("Translation exchange")
    default_auto_field = "django.db.models.BigAutoField"
