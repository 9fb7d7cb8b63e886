from django.apps import AppConfig
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        # Imported here: these modules import models, which need the app registry ready.
        from core.i18n import record_translation_sources
        from core.images import strip_image_metadata

        NewsItem = self.get_model("NewsItem")
        pre_save.connect(record_translation_sources, sender=NewsItem, dispatch_uid="news-translation-sources")
        pre_save.connect(strip_image_metadata, sender=NewsItem, dispatch_uid="news-image-metadata")
