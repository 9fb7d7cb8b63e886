from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MirrorConfig(AppConfig):
    name = "mirror"
    # Translators: the app that writes the public site as static files for mirrors.
    verbose_name = _("Static snapshots")

    def ready(self):
        from mirror import updates

        # After a publish, unpublish or deletion: the copy is updated by a job (mirror.updates).
        updates.connect()
