from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Site")

    def ready(self):
        from django.db.models.signals import post_migrate, pre_save

        from portal import search

        search.connect_signals()

        from portal import i18n

        pre_save.connect(i18n.record_translation_sources, dispatch_uid="ura_translation_sources")
        post_migrate.connect(i18n.sync_language_translator_groups, sender=self, dispatch_uid="ura_translator_groups")

        from rosetta.signals import post_save as catalogue_saved

        catalogue_saved.connect(i18n.catalogues_changed, dispatch_uid="ura_catalogues_changed")
