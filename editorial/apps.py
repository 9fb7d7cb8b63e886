from django.apps import AppConfig, apps
from django.contrib.admin import apps as admin_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.signals import user_logged_out
from django.core import checks
from django.core.signals import setting_changed
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate
from django.utils.autoreload import file_changed
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    # Translators: a section of the admin's index: the editors' tools (autosaved forms, interface translations)
    verbose_name = _("Editorial")

    def ready(self):
        # Imported here: these modules import models, which need the app registry ready.
        from django.contrib.auth import get_user_model

        from editorial import autosave, catalogue, roles, translators
        from editorial.checks import check_content_admins

        checks.register(check_content_admins, checks.Tags.admin)

        def sync_groups(app_config, using=DEFAULT_DB_ALIAS, **kwargs):
            """The editorial groups and their permissions, after every migrate and every flush."""
            state = kwargs.get("apps")
            # This receiver was connected before django.contrib.auth's (editorial comes first in
            # INSTALLED_APPS), so the last app's permissions do not exist yet: they are made here.
            create_permissions(app_config, verbosity=0, using=using, apps=state or apps)
            roles.sync_roles(state)
            translators.sync_language_translator_groups(state)

        # post_migrate is sent once per app with models, in INSTALLED_APPS order: the
        # last app's comes after every other app's permissions exist.
        last = [config for config in apps.get_app_configs() if config.models_module is not None][-1]
        post_migrate.connect(sync_groups, sender=last, dispatch_uid="ura_editorial_groups", weak=False)
        # A shared computer keeps nothing of a user's unsaved forms after they log out.
        user_logged_out.connect(autosave.forget_autosaves, sender=get_user_model(), dispatch_uid="ura_forget_autosaves")
        # Every request is answered in the interface catalogues the translators last saved: the page
        # cache's middleware looks at them every CATALOGUE_CHECK_SECONDS, and at once after Django
        # dropped its translations.
        setting_changed.connect(catalogue.check_soon, dispatch_uid="ura_catalogues_after_settings")
        file_changed.connect(catalogue.check_soon, dispatch_uid="ura_catalogues_after_mo_file")


class EditorialAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the editorial site as the default admin site."""

    default = False  # named explicitly in INSTALLED_APPS; EditorialConfig is this module's default

    default_site = "editorial.sites.EditorialAdminSite"
