"""The editorial admin site: the project's admin site, in the editor's time zone.

``EditorialAdminSite`` replaces ``django.contrib.admin``'s default site
(``editorial.apps.EditorialAdminConfig`` in INSTALLED_APPS). The rules for
content (workflow, translation, languages, autosave) are in
``editorial.options.EditorialAdmin``, the ModelAdmin every content app's admin
class names as its base; a system check (``editorial.checks``) fails when a
model with translated fields is registered without it.
"""

import re
import zoneinfo
from functools import wraps

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from editorial import tools, translators
from editorial.toolbar import AdminJavaScriptCatalog
from library.autocomplete import ChooserAutocompleteJsonView

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
        # Other apps' tools (editorial.tools), such as the translators' files, are linked the same way.
        extra_context = {
            "catalogue_languages": translators.catalogue_languages(request.user),
            "editorial_tools": tools.dashboard_links(request),
            **(extra_context or {}),
        }
        return super().index(request, extra_context)
