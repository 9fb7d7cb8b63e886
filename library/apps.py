from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    """The image library: every image stored once, with its texts, focal point and renditions."""

    name = "library"
    verbose_name = _("Image library")
