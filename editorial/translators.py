"""Translators: who may translate into which language, and the interface catalogues edited in the browser.

The "Translators" group (editorial.roles) translates into every language; the
"Translators (be)", "Translators (sq)" and "Translators (en)" groups only
into theirs. Both see and change content, never add, delete or publish it;
the admin (editorial.translation_admin) limits them to translated fields.
"""

import gettext
import time
from functools import wraps
from pathlib import Path

from django.apps import apps as global_apps
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.urls import URLPattern
from django.utils import timezone
from django.utils.translation import trans_real
from rosetta import urls as rosetta_urls

from core import cache as site_cache
from core.models import LANGUAGE_CODES

TRANSLATORS_GROUP = "Translators"


def language_group_name(language):
    return f"{TRANSLATORS_GROUP} ({language})"


LANGUAGE_GROUPS = {language_group_name(code): code for code in LANGUAGE_CODES}


def translator_languages(user):
    """The languages `user` may translate into: all for superusers, none for others outside the groups."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return frozenset(LANGUAGE_CODES)
    cached = getattr(user, "_ura_translator_languages", None)
    if cached is None:
        names = set(user.groups.filter(name__in=[TRANSLATORS_GROUP, *LANGUAGE_GROUPS]).values_list("name", flat=True))
        if TRANSLATORS_GROUP in names:
            cached = frozenset(LANGUAGE_CODES)
        else:
            cached = frozenset(LANGUAGE_GROUPS[name] for name in names)
        user._ura_translator_languages = cached
    return cached


def can_translate(user):
    """Rosetta's access check (ROSETTA_ACCESS_CONTROL_FUNCTION): staff translators and superusers."""
    return bool(getattr(user, "is_staff", False) and translator_languages(user))


def can_translate_language(user, language):
    return can_translate(user) and language in translator_languages(user)


def sync_language_translator_groups(apps=None, **kwargs):
    """post_migrate: one group per language with the Translators group's permissions."""
    if apps is None:
        apps = global_apps
    try:
        Group = apps.get_model("auth", "Group")
    except LookupError:
        return
    base = Group.objects.filter(name=TRANSLATORS_GROUP).first()
    permissions = list(base.permissions.values_list("pk", flat=True)) if base else []
    for name in LANGUAGE_GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        if permissions:
            group.permissions.set(permissions)


# --- Interface catalogues edited in the browser (Rosetta) ----------------------
# Rosetta writes the .po and .mo files of LOCALE_PATHS. Each process keeps the
# catalogues it loaded in memory, so after a save the catalogue version in the
# shared cache is bumped, and every process drops its loaded catalogues when
# it sees a newer version: changes take effect on all workers without a restart.

CATALOGUE_VERSION_KEY = "ura:catalogue-version"
# How often a process asks the shared cache for the catalogue version: not on
# every request, since catalogues change a few times a year.
CATALOGUE_CHECK_SECONDS = 5
_seen_catalogue_version = None
_next_catalogue_check = 0.0
# The compiled catalogues' modification times as this process last saw them: the
# fallback when the shared cache is down (every worker of one server sees the
# .mo files Rosetta wrote there).
_seen_catalogue_files = None


def catalogue_files_stamp():
    """The modification times of the compiled catalogues of LOCALE_PATHS (a few stat calls)."""
    stamps = []
    for root in settings.LOCALE_PATHS:
        for path in sorted(Path(root).glob("*/LC_MESSAGES/django.mo")):
            try:
                stamps.append(path.stat().st_mtime_ns)
            except OSError:
                stamps.append(0)
    return tuple(stamps)


def reset_translation_caches():
    """Forget the loaded gettext catalogues, as Django's autoreloader does on a .mo change.

    Each thread's active translation is left alone: a request being served in
    another thread keeps its language, and every request activates its
    language again (LocaleMiddleware), which loads the new catalogue.
    """
    # Private caches of gettext and Django, emptied as Django's own autoreloader does
    # (django.utils.translation.reloader.translation_file_changed); tests pin the effect.
    gettext._translations = {}
    trans_real._translations = {}
    trans_real._default = None


def catalogues_changed(sender=None, **kwargs):
    """Rosetta's post_save signal: publish a new catalogue version and reload here."""
    global _seen_catalogue_version
    version = timezone.now().isoformat()
    cache.set(CATALOGUE_VERSION_KEY, version, timeout=None)
    _seen_catalogue_version = version
    reset_translation_caches()
    # Every cached page carries interface strings.
    site_cache.bump()


def seen_catalogue_version():
    """What identifies the catalogues this process has loaded: the shared version and the files' times."""
    files = "-".join(str(stamp) for stamp in _seen_catalogue_files or ())
    return f"{_seen_catalogue_version or ''}:{files}"


class CatalogueReloadMiddleware:
    """Reloads the interface catalogues when a translator saved them in another process.

    It looks at the shared version at most every CATALOGUE_CHECK_SECONDS.

    Place it before LocaleMiddleware, which activates the request's language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        global _seen_catalogue_version, _next_catalogue_check, _seen_catalogue_files
        now = time.monotonic()
        if now >= _next_catalogue_check:
            _next_catalogue_check = now + CATALOGUE_CHECK_SECONDS
            version = cache.get(CATALOGUE_VERSION_KEY)  # None too when the cache is down
            files = catalogue_files_stamp()
            changed = version is not None and version != _seen_catalogue_version
            changed |= _seen_catalogue_files is not None and files != _seen_catalogue_files
            if changed:
                reset_translation_caches()
            if version is not None:
                _seen_catalogue_version = version
            _seen_catalogue_files = files
        return self.get_response(request)


def rosetta_urlpatterns():
    """Rosetta's URLs, each view limited to the languages the user may translate."""

    def guard(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            language = kwargs.get("lang_id")
            if language is not None and not can_translate_language(request.user, language):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return [
        URLPattern(pattern.pattern, guard(pattern.callback), pattern.default_args, pattern.name)
        for pattern in rosetta_urls.urlpatterns
    ]
