from django.apps import AppConfig, apps
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _

# The apps whose models visitors see (content, menu, topics): any change to one
# of their rows makes every cached page stale (core.cache).
CONTENT_APPS = ("core", "news", "events", "projects", "partners", "portal")


class PortalConfig(AppConfig):
    name = "portal"
    # Translators: a section of the admin's index: the site's pages and menu
    verbose_name = _("Site")

    def ready(self):
        # Imported here: these modules import models, which need the app registry ready.
        from django.contrib.auth.signals import user_login_failed

        from core import cache as site_cache
        from editorial.preview import register_script_variant
        from portal import latin
        from portal.logins import alert_on_many_failures

        # The editors' preview offers Belarusian in Łacinka too, converted as the /be-latn/ pages are.
        register_script_variant(latin.PREFIX, latin.SOURCE, latin.NAME, latin.TAG, latin.convert)

        # After django-axes' own receiver (axes is installed before portal): the attempt is counted.
        user_login_failed.connect(alert_on_many_failures, dispatch_uid="portal-login-alert")

        # Publish, unpublish, edit, restore (a save) and delete of every content model,
        # links between them (many-to-many tables) and the menu: a new site version.
        for label in CONTENT_APPS:
            for model in apps.get_app_config(label).get_models(include_auto_created=True):
                uid = f"site-version-{model._meta.label}"
                post_save.connect(site_cache.content_changed, sender=model, dispatch_uid=f"{uid}-save")
                post_delete.connect(site_cache.content_changed, sender=model, dispatch_uid=f"{uid}-delete")
                if model._meta.auto_created:
                    m2m_changed.connect(site_cache.content_changed, sender=model, dispatch_uid=f"{uid}-m2m")
