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

from django.conf import settings
from django.db import connection
from django.db.models import Case, CharField, F, IntegerField, Q, Value, When
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce, Collate, NullIf
from django.urls import translate_url
from django.utils import timezone
from django.utils.translation import get_language, get_language_info, override, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname, resolution_order

from core.text import absolute_url

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

# Language names inside a sentence ("no translation: albanian, english"): lower case in
# be and sq, as those languages write them; settings.LANGUAGES holds the capitalised
# names for menus, tabs and the language switcher.
NAMES_IN_TEXT = {
    "be": pgettext_lazy("language name inside a sentence", "Belarusian"),
    "sq": pgettext_lazy("language name inside a sentence", "Albanian"),
    "en": pgettext_lazy("language name inside a sentence", "English"),
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


def language_name_in_text(code):
    """The name of the language `code` as it reads inside a sentence of the active language."""
    return NAMES_IN_TEXT.get(code) or language_name(code)


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


def existing_languages(obj):
    """(code, name in the active language) of each language `obj` really exists in."""
    return [(code, language_name(code)) for code in available_languages(obj)]


def fallback_order(language=None):
    """`language` first, then its fallbacks from MODELTRANSLATION_FALLBACK_LANGUAGES."""
    return resolution_order(language or get_language())


def any_slug_q(slug, prefix=""):
    """Objects whose slug in any language is `slug` (`prefix` reaches a related object: "project__")."""
    condition = Q(pk__in=[])
    for code in LANGUAGE_CODES:
        condition |= Q(**{prefix + localized("slug", code): slug})
    return condition


def pick_by_slug(objects, slug, language=None):
    """The object among `objects` whose slug is `slug`, looked for along the fallback order.

    The active language's slug wins; then the fallback languages' slugs in
    order; then any other language's. This is the one rule for reading a
    slug that may come from another language (detail pages, filter values,
    document addresses).
    """
    if not slug:
        return None
    objects = list(objects)
    order = list(fallback_order(language))
    order += [code for code in LANGUAGE_CODES if code not in order]
    for code in order:
        for obj in objects:
            if getattr(obj, localized("slug", code), None) == slug:
                return obj
    return None


def slug_preference(slug, language=None):
    """An expression ranking a row by the language its slug `slug` is in: pick_by_slug's order, 0 first."""
    order = list(fallback_order(language))
    order += [code for code in LANGUAGE_CODES if code not in order]
    return Case(
        *(When(**{localized("slug", code): slug}, then=Value(rank)) for rank, code in enumerate(order)),
        default=Value(len(order)),
        output_field=IntegerField(),
    )


def find_by_slug(queryset, slug):
    """The object of `queryset` with the slug `slug` in any language (pick_by_slug's order), one query.

    The database picks the one row (the slug in the active language, then
    in its fallbacks), so only that object is loaded and only its related
    objects are prefetched.
    """
    if not slug:
        return None
    ranked = queryset.filter(any_slug_q(slug)).alias(slug_preference=slug_preference(slug))
    return ranked.order_by("slug_preference", "pk").first()


def display_language(obj, language=None):
    """The language `obj` is shown in when `language` (default: active) is asked for."""
    field = title_field(type(obj))
    return field_language(obj, field, language)


def other_language(obj, field=None):
    """The language `field` of `obj` (default: its title) is shown in, when not the page's; else "".

    "" too for an object without translated fields.
    """
    if not is_translatable(obj):
        return ""
    language = field_language(obj, field or title_field(type(obj)))
    return "" if language == get_language() else language


def field_languages(obj):
    """{field: other_language(obj, field)} for every text field of `obj`: a page's `lang` attributes in one call."""
    if not is_translatable(obj):
        return {}
    language = get_language()
    shown = {field: field_language(obj, field, language) for field in content_fields(type(obj))}
    return {field: "" if code == language else code for field, code in shown.items()}


def other_languages(objects):
    """[other_language(obj) for obj in objects]: the `lang` of each title in a list of links, in one call."""
    return [other_language(obj) for obj in objects]


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


def page_alternates(request):
    """[(hreflang, absolute url)] for a page without an item (home, lists, search), on the primary address."""
    path = request.get_full_path()
    links = {code: absolute_url(translate_url(path, code)) for code in LANGUAGE_CODES}
    return [*links.items(), ("x-default", links[DEFAULT_LANGUAGE])]


def item_languages(obj, language=None):
    """What a page of `obj` says about its languages, worked out in one pass (None for an object
    without translated fields or a page of its own).

    - ``urls``: {language: its address there}, for every language (with the fallback's slug where it
      has none);
    - ``available``: the languages it really exists in;
    - ``shown``: {language it does not exist in: the language it is shown in there};
    - ``alternates``: its hreflang links (``hreflang_alternates``);
    - ``translation``: what the visitor's page needs to know (``page_translation``).
    """
    if not is_translatable(obj) or not hasattr(obj, "get_absolute_url"):
        return None
    language = language or get_language()
    urls = obj.get_absolute_urls() if hasattr(obj, "get_absolute_urls") else {}
    urls = {code: urls.get(code) or url_in(obj, code) for code in LANGUAGE_CODES}
    available = available_languages(obj)
    return {
        "urls": urls,
        "available": available,
        "shown": {code: display_language(obj, code) for code in LANGUAGE_CODES if code not in available},
        "alternates": _alternates({code: urls[code] for code in available}),
        "translation": page_translation(obj, language, urls=urls),
    }


def hreflang_alternates(obj, request=None):
    """[(hreflang, absolute url)] for the languages `obj` exists in, plus x-default.

    x-default is the version in the site's default language, or else the
    first version along the default fallback order. Absolute on the primary
    address (SITE_URL), whichever mirror the page is served on.
    """
    return _alternates(language_urls(obj))


def _alternates(urls):
    if not urls:
        return []
    links = {code: absolute_url(url) for code, url in urls.items()}
    default = next((code for code in fallback_order(DEFAULT_LANGUAGE) if code in urls), None)
    return [*links.items(), ("x-default", links[default])]


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
    return OUTDATED if _made_from_older_source(obj, language) else COMPLETE


def is_outdated(obj, language):
    """True when the translation to `language` was made from an older source text."""
    if language == _source_language(obj) or not has_language(obj, language):
        return False
    return _made_from_older_source(obj, language)


def _made_from_older_source(obj, language):
    """True when the recorded fingerprint of the `language` translation differs from the source's."""
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


# --- What a page shows ---------------------------------------------------------


def page_translation(obj, language=None, urls=None):
    """What the visitor's page needs to know about the language of `obj` (`urls`: its addresses, when known)."""
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
        "source_url": ((urls or {}).get(source) or url_in(obj, source)) if has_language(obj, source) else None,
        "source_name": get_language_info(source)["name_local"],
    }


# --- Alphabetical order per language ------------------------------------------
# PostgreSQL sorts with ICU collations created by a migration (portal 0007):
# Belarusian order (і after з, ў after у), Albanian order (ç after c, ë after e),
# punctuation such as «» quotes ignored. SQLite keeps its plain order.

COLLATIONS = {code: f"ura_{code}" for code in LANGUAGE_CODES}

# Belarusian letters placed where the alphabet has them: и is not a Belarusian
# letter, so і takes its place; the others follow their base letter.
_SORT_LETTERS = str.maketrans(
    {"і": "и", "ё": "е\uffff", "ў": "у\uffff", "ґ": "г\uffff", "ç": "c\uffff", "ë": "e\uffff"}
)


def collated(field, language=None):
    """An order_by expression: `field` in the active language (or its fallbacks), collated."""
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
