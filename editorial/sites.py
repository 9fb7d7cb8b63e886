"""The editorial admin: every model with translated content gets the same rules.

``EditorialAdminSite`` is the project's admin site (``editorial.apps.
EditorialAdminConfig`` replaces ``django.contrib.admin`` in INSTALLED_APPS).
When an app registers a model whose fields are translated (news, projects,
places, organisations, pages, menu items, topics), the site puts
``EditorialAdminMixin`` in front of the app's ModelAdmin. So the content apps
write plain ModelAdmins (``@admin.register(NewsItem)`` in ``news/admin.py``)
without knowing the editorial app, and no model can be registered past the
publishing and translation rules.

``EditorialAdminMixin`` brings:

- the workflow (editorial.workflow): history with compare and restore,
  publishing permission and actions, per-language preview links, preview of
  unsaved changes and protection against concurrent edits;
- the translation admin (editorial.translation_admin): the translation
  status per language, and translators limited to the translated fields of
  their languages;
- one language control per change form, side by side, rendered read-only
  rich text, what changed in the source of an outdated translation, and
  slugs while typing (editorial.languages);
- autosave (editorial.autosave): the unsaved form is kept for its user every
  few seconds and offered back when they open it again; leaving a changed
  form asks first.
"""

import re
import zoneinfo
from functools import wraps

from django.contrib import admin
from django.db.models.base import ModelBase
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import i18n
from editorial import translators
from editorial.autosave import AutosaveAdminMixin
from editorial.languages import LanguageFormAdminMixin
from editorial.toolbar import AdminJavaScriptCatalog
from editorial.translation_admin import TranslationAdminMixin
from editorial.workflow import WorkflowAdminMixin
from library.autocomplete import ChooserAutocompleteJsonView


class EditorialAdminMixin(LanguageFormAdminMixin, AutosaveAdminMixin, TranslationAdminMixin, WorkflowAdminMixin):
    save_on_top = True


def is_editorial(model):
    """Models with translated fields are edited under the editorial rules."""
    return bool(i18n.translated_fields(model))


TIME_ZONE_COOKIE = "ura_tz"
_ZONE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+){0,2}$")


def editor_time_zone(request):
    """The editor's time zone (editorial/timezone.js keeps it in a cookie), or None for the site's.

    Decided so: the admin shows and reads dates and times in the zone of the
    browser the editor works in, so Django's "You are N hours behind server
    time" note never appears (it compares that zone with the browser's);
    without JavaScript the site's TIME_ZONE is used, as before. Visitors'
    pages always use the site's zone.
    """
    name = request.COOKIES.get(TIME_ZONE_COOKIE, "")
    if not name or len(name) > 64 or not _ZONE_NAME.match(name):
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return None


class EditorialAdminSite(admin.AdminSite):
    site_header = _("Ura administration")
    site_title = _("Ura administration")
    # No model list beside every page: the change lists and forms get the whole width
    # (their columns fit at 1280 px); the index and the breadcrumbs lead everywhere.
    enable_nav_sidebar = False

    def i18n_javascript(self, request, extra_context=None):
        return AdminJavaScriptCatalog.as_view(packages=["django.contrib.admin"])(request)

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def in_editor_time_zone(request, *args, **kwargs):
            zone = editor_time_zone(request)
            if zone is None:
                return inner(request, *args, **kwargs)
            with timezone.override(zone):
                response = inner(request, *args, **kwargs)
                # Rendered here, while the zone is active (template responses render late).
                if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                    response.render()
                return response

        return in_editor_time_zone

    def autocomplete_view(self, request):
        return ChooserAutocompleteJsonView.as_view(admin_site=self)(request)

    def index(self, request, extra_context=None):
        # The catalogue editor (editorial.catalogue_admin) is linked for those who may use it.
        extra_context = {"catalogue_languages": translators.catalogue_languages(request.user), **(extra_context or {})}
        return super().index(request, extra_context)

    def register(self, model_or_iterable, admin_class=None, **options):
        models = [model_or_iterable] if isinstance(model_or_iterable, ModelBase) else list(model_or_iterable)
        for model in models:
            model_admin = admin_class or admin.ModelAdmin
            if is_editorial(model) and not issubclass(model_admin, EditorialAdminMixin):
                model_admin = type(
                    model_admin.__name__,
                    (EditorialAdminMixin, model_admin),
                    {"__module__": model_admin.__module__, "__doc__": model_admin.__doc__},
                )
            super().register(model, model_admin, **options)
