from django.apps import AppConfig
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    """The image library: every image stored once, with its texts, focal point and renditions."""

    name = "library"
    verbose_name = _("Image library")

    def ready(self):
        # Imported here: these modules import models, which need the app registry ready.
        from core.images import strip_image_metadata

        Image = self.get_model("Image")
        pre_save.connect(strip_image_metadata, sender=Image, dispatch_uid="library-image-metadata")
