from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    # Translators: a section of the admin and of the site: public events (conferences, forums, meetings)
    verbose_name = _("Events")
