from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The ground floor: the building blocks every app shares, and the topics news and projects share."""

    name = "core"
    verbose_name = _("Topics")
