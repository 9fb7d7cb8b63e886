from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "newsletter"
    # Translators: a section of the admin's index: readers who follow the site by e-mail
    verbose_name = _("Newsletter")
