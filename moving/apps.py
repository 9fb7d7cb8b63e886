from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MovingConfig(AppConfig):
    name = "moving"
    # Translators: a section of the admin's index: importing another site (WordPress) and its old addresses
    verbose_name = _("Moving in")
