from django.apps import AppConfig
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Site")

    def ready(self):
        # Imported here: these modules import models, which need the app registry ready.
        from core.i18n import record_translation_sources

        pre_save.connect(
            record_translation_sources, sender=self.get_model("Page"), dispatch_uid="portal-translation-sources"
        )
