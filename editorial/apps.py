from django.apps import AppConfig, apps
from django.contrib.admin import apps as admin_apps
from django.contrib.auth.signals import user_logged_out
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from rosetta.signals import post_save as catalogue_saved


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Editorial")

    def ready(self):
        # Imported here: these modules import models, which need the app registry ready.
        from editorial import autosave, translators

        # After every migrate (sent per app with models; the groups are auth's).
        post_migrate.connect(
            translators.sync_language_translator_groups,
            sender=apps.get_app_config("auth"),
            dispatch_uid="ura_translator_groups",
        )
        # A shared computer keeps nothing of a user's unsaved forms after they log out.
        user_logged_out.connect(autosave.forget_autosaves, dispatch_uid="ura_forget_autosaves")
        # Rosetta sends its signal with sender=None.
        catalogue_saved.connect(translators.catalogues_changed, sender=None, dispatch_uid="ura_catalogues_changed")


class EditorialAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the editorial site as the default admin site."""

    default = False  # named explicitly in INSTALLED_APPS; EditorialConfig is this module's default

    default_site = "editorial.admin.EditorialAdminSite"
