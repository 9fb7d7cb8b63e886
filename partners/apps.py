from django.apps import AppConfig
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")

    def ready(self):
        # Imported here: these modules import models, which need the app registry ready.
        from core.i18n import record_translation_sources
        from core.images import strip_image_metadata

        Organisation = self.get_model("Organisation")
        pre_save.connect(record_translation_sources, sender=Organisation, dispatch_uid="partners-translation-sources")
        pre_save.connect(strip_image_metadata, sender=Organisation, dispatch_uid="partners-image-metadata")
