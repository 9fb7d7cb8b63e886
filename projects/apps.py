from django.apps import AppConfig
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects")

    def ready(self):
        # Imported here: these modules import models, which need the app registry ready.
        from core.i18n import record_translation_sources
        from core.images import strip_image_metadata

        pre_save.connect(
            record_translation_sources, sender=self.get_model("Project"), dispatch_uid="projects-translation-sources"
        )
        pre_save.connect(
            strip_image_metadata, sender=self.get_model("GalleryImage"), dispatch_uid="projects-image-metadata"
        )
