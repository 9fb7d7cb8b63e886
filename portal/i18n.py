"""Which languages an item really exists in, how it falls back, and how fresh its translations are.

The rules, in one place for views, templates, the admin, the sitemap and search:

- An item *exists* in a language when its title (``name`` for organisations)
  is filled in that language. Other empty fields fall back field by field.
- A visitor who asks for a language the item does not exist in sees it in the
  first language of ``MODELTRANSLATION_FALLBACK_LANGUAGES`` that has it, with a
  notice, under the item's address in the requested language; that address
  uses the fallback language's slug (``/be/news/<english-slug>/``).
- Each translation records a fingerprint (a hash) of the source-language text
  it was made from, in ``translation_sources``; when the source text changes,
  the translation is *outdated* until a translator updates or confirms it.

``translation_sources`` looks like::

    {"source": {"language": "en", "fingerprint": "3f0c…"},
     "be": {"source": "en", "fingerprint": "3f0c…", "at": "2025-04-16T09:30:00+00:00"}}
"""

import hashlib
import json
import time

from django.conf import settings
from django.db.models import F, Q
from django.db.models.fields.json import KT
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import translate_url
from django.utils import timezone
from django.utils.translation import get_language, get_language_info, override, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname, resolution_order

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
DEFAULT_LANGUAGE = settings.LANGUAGE_CODE

MISSING = "missing"
INCOMPLETE = "incomplete"
OUTDATED = "outdated"
COMPLETE = "complete"
STATUS_LABELS = {
    MISSING: pgettext_lazy("translation status", "missing"),
    INCOMPLETE: pgettext_lazy("translation status", "incomplete"),
    OUTDATED: pgettext_lazy("translation status", "outdated"),
    COMPLETE: pgettext_lazy("translation status", "complete"),
}

# Language names as they appear inside a sentence of the visitor's language.
IN_LANGUAGE = {
    "be": _("in Belarusian"),
    "sq": _("in Albanian"),
    "en": _("in English"),
}

# "Not available in X; shown in Y": a whole sentence per pair, so that every
# language can phrase it naturally.
FALLBACK_NOTICES = {
    ("be", "en"): _("This item is not available in Belarusian; it is shown in English."),
    ("be", "sq"): _("This item is not available in Belarusian; it is shown in Albanian."),
    ("sq", "en"): _("This item is not available in Albanian; it is shown in English."),
    ("sq", "be"): _("This item is not available in Albanian; it is shown in Belarusian."),
    ("en", "be"): _("This item is not available in English; it is shown in Belarusian."),
    ("en", "sq"): _("This item is not available in English; it is shown in Albanian."),
}

SOURCE_KEY = "source"


# --- Fields -------------------------------------------------------------------


def translated_fields(model):
    """Names of the fields modeltranslation translates for `model` (slug included)."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return ()
    return tuple(options.fields)


def content_fields(model):
    """The translated fields that carry text (the slug is derived, not translated)."""
    return tuple(name for name in translated_fields(model) if name != "slug")


def title_field(model):
    fields = translated_fields(model)
    return "title" if "title" in fields else "name"


def localized(field, language):
    return build_localized_fieldname(field, language)


def _value(obj, field, language):
    value = getattr(obj, localized(field, language), None)
    return value if value not in (None, "") else None


def _empty_q(name):
    return Q(**{name: ""}) | Q(**{f"{name}__isnull": True})


def _filled_q(name):
    return ~_empty_q(name)


def language_name(code):
    """The name of the language `code` in the active language."""
    return get_language_info(code)["name_translated"]


def is_translatable(obj):
    return obj is not None and hasattr(obj, "_meta") and bool(translated_fields(type(obj)))


# --- Existence and fallback ---------------------------------------------------


def has_language(obj, language):
    """True when `obj` has a title in `language`."""
    return _value(obj, title_field(type(obj)), language) is not None


def available_languages(obj):
    """The languages `obj` really exists in, in the order of settings.LANGUAGES.

    For the sitemap (``Sitemap.get_languages_for_item``), hreflang links and search.
    """
    return [code for code in LANGUAGE_CODES if has_language(obj, code)]


def fallback_order(language=None):
    """`language` first, then its fallbacks from MODELTRANSLATION_FALLBACK_LANGUAGES."""
    return resolution_order(language or get_language())


def display_language(obj, language=None):
    """The language `obj` is shown in when `language` (default: active) is asked for."""
    field = title_field(type(obj))
    return field_language(obj, field, language)


def field_language(obj, field, language=None):
    """The language the value of `field` comes from for `language` (modeltranslation's fallback)."""
    language = language or get_language()
    for code in fallback_order(language):
        if _value(obj, field, code) is not None:
            return code
    return language


def url_in(obj, language):
    """The address of `obj` in `language`; when it has no slug there, with the fallback's slug."""
    with override(language):
        return obj.get_absolute_url()


def language_urls(obj):
    """{language: path} for the languages `obj` really exists in."""
    return {code: url_in(obj, code) for code in available_languages(obj)}


def hreflang_alternates(obj, request):
    """[(hreflang, absolute url)] for the languages `obj` exists in, plus x-default.

    x-default is the version in the site's default language, or else the
    first version along the default fallback order.
    """
    urls = language_urls(obj)
    if not urls:
        return []
    links = [(code, request.build_absolute_uri(url)) for code, url in urls.items()]
    default = next((code for code in fallback_order(DEFAULT_LANGUAGE) if code in urls), None)
    links.append(("x-default", request.build_absolute_uri(urls[default])))
    return links


def page_alternates(request):
    """[(hreflang, absolute url)] for a page without an item (home, lists, search)."""
    path = request.get_full_path()
    links = [(code, request.build_absolute_uri(translate_url(path, code))) for code in LANGUAGE_CODES]
    links.append(("x-default", request.build_absolute_uri(translate_url(path, DEFAULT_LANGUAGE))))
    return links


# --- Freshness ----------------------------------------------------------------


def fingerprint(obj, language):
    """A short hash of the text fields of `obj` in `language`."""
    values = {field: getattr(obj, localized(field, language), None) or "" for field in content_fields(type(obj))}
    data = json.dumps(values, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:20]


def _source_language(obj):
    return getattr(obj, "source_language", None) or DEFAULT_LANGUAGE


def translation_status(obj, language):
    """MISSING, INCOMPLETE, OUTDATED or COMPLETE for `obj` in `language`.

    The source language is complete when it has a title. A translation is
    incomplete when a text field filled in the source is empty in it, and
    outdated when its recorded fingerprint differs from the source's.
    """
    model = type(obj)
    if not has_language(obj, language):
        return MISSING
    source = _source_language(obj)
    if language == source:
        return COMPLETE
    for field in content_fields(model):
        if _value(obj, field, source) is not None and _value(obj, field, language) is None:
            return INCOMPLETE
    sources = getattr(obj, "translation_sources", None) or {}
    record, current = sources.get(language), sources.get(SOURCE_KEY)
    if record and current and record.get("fingerprint") != current.get("fingerprint"):
        return OUTDATED
    return COMPLETE


def is_outdated(obj, language):
    """True when the translation to `language` was made from an older source text."""
    if language == _source_language(obj) or not has_language(obj, language):
        return False
    sources = getattr(obj, "translation_sources", None) or {}
    record, current = sources.get(language), sources.get(SOURCE_KEY)
    return bool(record and current and record.get("fingerprint") != current.get("fingerprint"))


def translation_statuses(obj):
    return {code: translation_status(obj, code) for code in LANGUAGE_CODES}


def tracks_sources(model):
    """True for models that record the source text of each translation (Publishable, Organisation)."""
    return any(field.name == "translation_sources" for field in model._meta.concrete_fields)


def _source_q(model, source):
    """Items written in `source`: the `source_language` field, else the default language for all."""
    if any(field.name == "source_language" for field in model._meta.concrete_fields):
        return Q(source_language=source)
    return Q() if source == DEFAULT_LANGUAGE else Q(pk__in=[])


def status_q(model, language, status):
    """A Q object selecting the items of `model` whose translation to `language` has `status`.

    The same rules as translation_status(), in SQL, for the admin's list
    filter and dashboard. OUTDATED needs the aliases of filter_by_status().
    """
    title = title_field(model)
    missing = _empty_q(localized(title, language))
    incomplete = Q(pk__in=[])
    for source in LANGUAGE_CODES:
        if source == language:
            continue
        gaps = Q(pk__in=[])
        for field in content_fields(model):
            gaps |= _filled_q(localized(field, source)) & _empty_q(localized(field, language))
        incomplete |= _source_q(model, source) & gaps
    incomplete &= ~missing
    outdated = Q(pk__in=[])
    if tracks_sources(model):
        outdated = (
            ~missing
            & ~incomplete
            & ~_source_q(model, language)
            & Q(_tr_source__isnull=False, _tr_record__isnull=False)
            & ~Q(_tr_record=F("_tr_source"))
        )
    return {
        MISSING: missing,
        INCOMPLETE: incomplete,
        OUTDATED: outdated,
        COMPLETE: ~missing & ~incomplete & ~outdated,
    }[status]


def filter_by_status(queryset, language, status):
    """`queryset` narrowed to the items whose `language` translation has `status`."""
    if tracks_sources(queryset.model):
        queryset = queryset.alias(
            _tr_source=KT(f"translation_sources__{SOURCE_KEY}__fingerprint"),
            _tr_record=KT(f"translation_sources__{language}__fingerprint"),
        )
    return queryset.filter(status_q(queryset.model, language, status))


def untranslated_q(model):
    """Items missing, or incomplete, in at least one language."""
    condition = Q(pk__in=[])
    for code in LANGUAGE_CODES:
        condition |= status_q(model, code, MISSING) | status_q(model, code, INCOMPLETE)
    return condition


def untranslated_languages(obj):
    """The languages in which `obj` is missing or incomplete."""
    return [code for code in LANGUAGE_CODES if translation_status(obj, code) in (MISSING, INCOMPLETE)]


def _record(source, fingerprint_value):
    return {"source": source, "fingerprint": fingerprint_value, "at": timezone.now().isoformat(timespec="seconds")}


def update_translation_sources(obj, previous=None, confirmed=()):
    """Bring `obj.translation_sources` up to date before it is saved.

    `previous` is the stored version (None for a new item). A translation
    whose text changed in this save, or that is listed in `confirmed`, is
    recorded as made from the current source. A translation that was never
    recorded is taken as made from the previous source text. Translations
    that disappeared lose their record.
    """
    model = type(obj)
    fields = content_fields(model)
    source = _source_language(obj)
    current = fingerprint(obj, source)
    sources = dict(getattr(obj, "translation_sources", None) or {})
    for code in LANGUAGE_CODES:
        if code == source or not has_language(obj, code):
            sources.pop(code, None)
            continue
        changed = previous is None or any(
            (getattr(previous, localized(field, code), None) or "")
            != (getattr(obj, localized(field, code), None) or "")
            for field in fields
        )
        if changed or code in confirmed:
            sources[code] = _record(source, current)
        elif code not in sources:
            same_source = _source_language(previous) == source
            sources[code] = _record(source, fingerprint(previous, source) if same_source else current)
    sources[SOURCE_KEY] = {"language": source, "fingerprint": current}
    obj.translation_sources = sources


def mark_up_to_date(obj, languages=None):
    """Record the translations of `obj` (all, or `languages`) as made from the current source."""
    source = _source_language(obj)
    current = fingerprint(obj, source)
    sources = dict(obj.translation_sources or {})
    marked = []
    for code in languages or LANGUAGE_CODES:
        if code != source and has_language(obj, code):
            sources[code] = _record(source, current)
            marked.append(code)
    sources[SOURCE_KEY] = {"language": source, "fingerprint": current}
    obj.translation_sources = sources
    return marked


def record_translation_sources(sender, instance, raw=False, **kwargs):
    """pre_save receiver for every model with a `translation_sources` field."""
    if raw or not translated_fields(sender):
        return
    if not tracks_sources(sender):
        return
    previous = None
    if instance.pk is not None and not instance._state.adding:
        previous = sender._base_manager.filter(pk=instance.pk).first()
    update_translation_sources(instance, previous, getattr(instance, "_confirmed_translations", ()))


# --- What a page shows ---------------------------------------------------------


def page_translation(obj, language=None):
    """What the visitor's page needs to know about the language of `obj`."""
    language = language or get_language()
    shown = display_language(obj, language)
    fallback = shown != language
    source = _source_language(obj)
    return {
        "requested": language,
        "shown": shown,
        "is_fallback": fallback,
        "notice": FALLBACK_NOTICES.get((language, shown)) if fallback else None,
        "outdated": not fallback and is_outdated(obj, language),
        "source": source,
        "source_url": url_in(obj, source) if has_language(obj, source) else None,
        "source_name": get_language_info(source)["name_local"],
    }


# --- Views --------------------------------------------------------------------


class TranslatedSlugMixin:
    """For DetailView: find the item by its slug in any language, one query.

    The active language's slug wins; otherwise the slugs of the fallback
    languages are tried in order. The item is then served at its canonical
    address in the active language (its own slug there, or the fallback
    language's slug when it has no translation): any other address gets a
    301 to it, query string kept.
    """

    slug_url_kwarg = "slug"

    def get_object(self, queryset=None):
        if queryset is None:
            queryset = self.get_queryset()
        slug = self.kwargs.get(self.slug_url_kwarg)
        if not slug:
            raise Http404
        order = fallback_order()
        condition = Q(pk__in=[])
        for code in order:
            condition |= Q(**{localized("slug", code): slug})
        candidates = list(queryset.filter(condition)[: len(order)])
        for code in order:
            for candidate in candidates:
                if getattr(candidate, localized("slug", code), None) == slug:
                    return candidate
        raise Http404

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        canonical = self.object.get_absolute_url()
        if request.path != canonical:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(f"{canonical}?{query}" if query else canonical)
        context = self.get_context_data(object=self.object)
        return self.render_to_response(context)


# --- Translators ---------------------------------------------------------------
# The "Translators" group (portal.roles) translates into every language; the
# "Translators (be)", "Translators (sq)" and "Translators (en)" groups only
# into theirs. Both see and change content, never add, delete or publish it;
# the admin (portal.admin_translation) limits them to translated fields.

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
        from django.apps import apps as global_apps

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


def reset_translation_caches():
    """Forget the loaded gettext catalogues, as Django's autoreloader does on a .mo change.

    Each thread's active translation is left alone: a request being served in
    another thread keeps its language, and every request activates its
    language again (LocaleMiddleware), which loads the new catalogue.
    """
    import gettext

    from django.utils.translation import trans_real

    gettext._translations = {}
    trans_real._translations = {}
    trans_real._default = None


def catalogues_changed(sender=None, **kwargs):
    """Rosetta's post_save signal: publish a new catalogue version and reload here."""
    global _seen_catalogue_version
    from django.core.cache import cache

    version = timezone.now().isoformat()
    cache.set(CATALOGUE_VERSION_KEY, version, timeout=None)
    _seen_catalogue_version = version
    reset_translation_caches()


class CatalogueReloadMiddleware:
    """Reloads the interface catalogues when a translator saved them in another process.

    It looks at the shared version at most every CATALOGUE_CHECK_SECONDS.

    Place it before LocaleMiddleware, which activates the request's language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        global _seen_catalogue_version, _next_catalogue_check
        now = time.monotonic()
        if now >= _next_catalogue_check:
            from django.core.cache import cache

            _next_catalogue_check = now + CATALOGUE_CHECK_SECONDS
            version = cache.get(CATALOGUE_VERSION_KEY)
            if version is not None and version != _seen_catalogue_version:
                reset_translation_caches()
                _seen_catalogue_version = version
        return self.get_response(request)


def rosetta_urlpatterns():
    """Rosetta's URLs, each view limited to the languages the user may translate."""
    from functools import wraps

    from django.core.exceptions import PermissionDenied
    from django.urls import URLPattern
    from rosetta import urls as rosetta_urls

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


# --- Alphabetical order per language ------------------------------------------
# PostgreSQL sorts with ICU collations created by a migration (portal 0007):
# Belarusian order (і after з, ў after у), Albanian order (ç after c, ë after e),
# punctuation such as «» quotes ignored. SQLite keeps its plain order.

COLLATIONS = {"be": "ura_be", "sq": "ura_sq", "en": "ura_en"}

# Belarusian letters placed where the alphabet has them: и is not a Belarusian
# letter, so і takes its place; the others follow their base letter.
_SORT_LETTERS = str.maketrans(
    {"і": "и", "ё": "е\uffff", "ў": "у\uffff", "ґ": "г\uffff", "ç": "c\uffff", "ë": "e\uffff"}
)


def collated(field, language=None):
    """An order_by expression: `field` in the active language (or its fallbacks), collated."""
    from django.db import connection
    from django.db.models import CharField, Value
    from django.db.models.functions import Coalesce, Collate, NullIf

    language = language or get_language() or settings.LANGUAGE_CODE
    if language not in COLLATIONS:
        language = settings.LANGUAGE_CODE
    expression = Coalesce(
        NullIf(F(localized(field, language)), Value("")),
        *(NullIf(F(localized(field, code)), Value("")) for code in fallback_order(language)),
        output_field=CharField(),
    )
    if connection.vendor == "postgresql":
        return Collate(expression, COLLATIONS[language])
    return expression


def sort_key(text):
    """A key for sorting names in Python in alphabetical order for be, sq and en."""
    text = str(text).casefold().lstrip("«»“”„\"'(")
    return text.translate(_SORT_LETTERS)
