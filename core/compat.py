"""Django's private names that the project relies on, in one place.

Each is used because Django offers no public way to do the same; each has a
test (tests/core/test_compat.py) against the Django version in
requirements.txt, so that an upgrade that changes one fails there, loudly.
No other module reaches into Django's private names (tests/test_layout.py).
"""

from django.utils.translation import trans_real


def is_new_upload(field_file):
    """True for a file assigned to a FileField since the instance was loaded, not yet written to storage.

    FieldFile._committed is what FileField.pre_save() itself reads to decide whether to store the file.
    """
    return not getattr(field_file, "_committed", True)


def fill_prefetch_cache(obj, accessor, items):
    """Make ``obj.<accessor>.all()`` return `items` without a query, as a prefetch would have.

    For the preview of unsaved changes, whose related rows (many-to-many choices,
    inline rows) exist only in the form. prefetch_related_objects() can only read
    rows from the database; this fills the caches it would fill:
    QuerySet._result_cache, QuerySet._prefetch_done and
    Model._prefetched_objects_cache.
    """
    queryset = getattr(obj, accessor).get_queryset()
    queryset._result_cache = list(items)
    queryset._prefetch_done = True
    if not hasattr(obj, "_prefetched_objects_cache"):
        obj._prefetched_objects_cache = {}
    obj._prefetched_objects_cache[accessor] = queryset


def mark_logged(response):
    """Tell Django's request logging that this error response was already logged, in one line of ours.

    django.utils.log.log_response() skips a response whose _has_been_logged is true.
    """
    response._has_been_logged = True
    return response


def translation_with_overrides(code, overrides, plural=None, fallback=None):
    """A new gettext translation of `code` whose lookups try `overrides` first (the catalogue editor's edits).

    `overrides` maps a msgid (or, for plurals, (msgid, form index)) with its context to the text,
    as a compiled catalogue does; `plural` is the language's plural function, `fallback` the
    translation to fall back to. Django's DjangoTranslation keeps its merged catalogues in
    _catalog (a gettext TranslationCatalog with _catalogs and _plurals) and its fallback in _fallback.
    """
    translation = trans_real.DjangoTranslation(code)
    if fallback is not None:
        translation._fallback = fallback
    translation._catalog._catalogs.insert(0, overrides)
    translation._catalog._plurals.insert(0, plural or translation.plural)
    return translation


def install_django_translations(translations):
    """Make {code: translation} the ones Django's gettext uses in this process, in one assignment."""
    trans_real._translations = translations
    trans_real._default = None


def installed_django_translations():
    """The {code: translation} Django's gettext uses now in this process."""
    return trans_real._translations
