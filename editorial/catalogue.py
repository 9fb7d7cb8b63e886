"""Interface catalogues: the committed .po files plus the translators' edits stored in the database.

The catalogues in ``locale/<language>/LC_MESSAGES/django.po`` are what a fresh
install starts from. Translators change entries in the admin's catalogue editor
(editorial.catalogue_admin); each change is a ``CatalogueEdit`` row and moves
the catalogue version, kept in the database and in the shared cache. Every
process looks at the shared version at most every ``CATALOGUE_CHECK_SECONDS``
(``check_catalogues``, called by the page cache's middleware once the moment has come) and, when it moved, builds new translation
objects for the site's languages with the database edits on top of the
compiled catalogues, and swaps them in at once. So an edit is live on every
server within a few seconds, with no shared disk and no restart, and a
request in steady state costs one dictionary look-up and no query.
"""

import gettext
import logging
import re
import threading
import time
from functools import lru_cache
from pathlib import Path

import polib
import reversion
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from core import cache as site_cache
from core.compat import install_django_translations, installed_django_translations, translation_with_overrides
from editorial import catalogue_checks
from editorial.models import CatalogueEdit, CatalogueVersion, entry_key

logger = logging.getLogger(__name__)

CATALOGUE_VERSION_KEY = "ura:catalogue-version"
# How long the shared cache keeps the version it read from the database: should a
# cache write be lost, every process still reads the database again after this.
CATALOGUE_VERSION_TIMEOUT = 60
# The settings whose change makes Django drop the translations it loaded (django.test.signals).
DJANGO_TRANSLATION_SETTINGS = {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"}

# The example numbers that name each plural form, per language, in the order of the
# catalogue's Plural-Forms rule.
PLURAL_FORM_LABELS = {
    "be": (
        pgettext_lazy("plural form", "1, 21, 31…"),
        pgettext_lazy("plural form", "2–4, 22–24, 32–34…"),
        pgettext_lazy("plural form", "0, 5–20, 25–30…"),
        pgettext_lazy("plural form", "fractions: 1.5, 2.5…"),
    ),
    "sq": (pgettext_lazy("plural form", "1"), pgettext_lazy("plural form", "0, 2, 3, 4…")),
    "en": (pgettext_lazy("plural form", "1"), pgettext_lazy("plural form", "0, 2, 3, 4…")),
}

# --- The committed catalogues -----------------------------------------------------------------


def catalogue_path(language):
    return Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"


class Entry:
    """One entry of a committed catalogue, with the database edit (if any) on top."""

    def __init__(self, po_entry, language):
        self.language = language
        self.msgctxt = po_entry.msgctxt or ""
        self.msgid = po_entry.msgid
        self.msgid_plural = po_entry.msgid_plural or ""
        self.committed_msgstr = po_entry.msgstr or ""
        self.committed_plural = [po_entry.msgstr_plural[index] for index in sorted(po_entry.msgstr_plural)]
        self.comment = po_entry.comment or ""  # "#." extracted comments, for translators
        self.translator_comment = po_entry.tcomment or ""
        # makemessages writes paths relative to the repository; anything else is not shown.
        self.locations = sorted(
            {path for path, _line in po_entry.occurrences if path and not path.startswith(("/", "\\", ".."))}
        )
        self.fuzzy = "fuzzy" in po_entry.flags
        self.key = entry_key(self.msgctxt, self.msgid)
        self.edit = None

    @property
    def is_plural(self):
        return bool(self.msgid_plural)

    @property
    def msgstr(self):
        return self.edit.msgstr if self.edit is not None else self.committed_msgstr

    @property
    def msgstr_plural(self):
        return list(self.edit.msgstr_plural) if self.edit is not None else list(self.committed_plural)

    @property
    def translated(self):
        if self.is_plural:
            forms = self.msgstr_plural
            return bool(forms) and all(forms)
        return bool(self.msgstr)

    @property
    def changed(self):
        """Edited in the browser to something other than the committed text."""
        return self.edit is not None and not edit_matches(self.edit, self)

    def search_text(self):
        return "\n".join([self.msgctxt, self.msgid, self.msgid_plural, self.msgstr, *self.msgstr_plural]).casefold()


def edit_matches(edit, entry):
    if entry.is_plural:
        return list(edit.msgstr_plural) == list(entry.committed_plural)
    return edit.msgstr == entry.committed_msgstr


@lru_cache(maxsize=8)
def _parsed(path, stamp):
    return polib.pofile(str(path), wrapwidth=0)


@lru_cache(maxsize=8)
def _by_key(path, stamp):
    return {(entry.msgctxt or "", entry.msgid): entry for entry in _parsed(path, stamp) if not entry.obsolete}


def committed_pofile(language):
    """The committed catalogue of a language, parsed once per file version."""
    path = catalogue_path(language)
    return _parsed(path, path.stat().st_mtime_ns)


def committed_entry(language, msgctxt, msgid):
    """The polib entry of the committed catalogue, or None (also for a language without one)."""
    path = catalogue_path(language)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return None
    return _by_key(path, stamp).get((msgctxt, msgid))


def nplurals(language):
    match = re.search(r"nplurals\s*=\s*(\d+)", committed_pofile(language).metadata.get("Plural-Forms", ""))
    return int(match.group(1)) if match else 2


def plural_function(language):
    rule = committed_pofile(language).metadata.get("Plural-Forms", "plural=(n != 1);")
    expression = rule.split("plural=", 1)[1].strip().rstrip(";")
    return gettext.c2py(expression)


def plural_labels(language):
    labels = PLURAL_FORM_LABELS.get(language, ())
    count = nplurals(language)
    return [labels[index] if index < len(labels) else str(index + 1) for index in range(count)]


def entries(language):
    """The entries of a language's catalogue in file order, each with its database edit."""
    po = committed_pofile(language)
    result = [Entry(po_entry, language) for po_entry in po if not po_entry.obsolete and po_entry.msgid]
    by_key = {(entry.msgctxt, entry.msgid): entry for entry in result}
    for edit in CatalogueEdit.objects.filter(language=language).select_related("edited_by"):
        entry = by_key.get((edit.msgctxt, edit.msgid))
        if entry is not None:
            entry.edit = edit
    return result


def find_entry(language, key):
    for entry in entries(language):
        if entry.key == key:
            return entry
    return None


# --- Validation ---------------------------------------------------------------------------------


def strict_forms(language):
    """For each plural form of the language: whether it must keep every placeholder (catalogue_checks)."""
    return catalogue_checks.strict_forms(committed_pofile(language).metadata.get("Plural-Forms", ""))


def translation_problems(language, msgid, msgid_plural="", msgstr="", msgstr_plural=()):
    """What keeps a text from being used for an entry (editorial.catalogue_checks): {None: [problem]}
    for a singular entry, {form index: [problem]} for the forms of a plural one; {} when all is well."""
    if not msgid_plural:
        found = catalogue_checks.problems(msgstr, msgid)
        return {None: found} if found else {}
    strict = strict_forms(language)
    result = {}
    for index, text in enumerate(msgstr_plural):
        found = catalogue_checks.problems(text, msgid, msgid_plural, strict[index] if index < len(strict) else True)
        if found:
            result[index] = found
    return result


# --- Saving -------------------------------------------------------------------------------------


def save_edit(entry, user, msgstr="", msgstr_plural=()):
    """Store a translator's text for an entry and move the catalogue version (one transaction)."""
    with transaction.atomic(), reversion.create_revision():
        edit, _created = CatalogueEdit.objects.update_or_create(
            language=entry.language,
            msgctxt=entry.msgctxt,
            msgid=entry.msgid,
            defaults={
                "msgid_plural": entry.msgid_plural,
                "msgstr": "" if entry.is_plural else msgstr,
                "msgstr_plural": list(msgstr_plural) if entry.is_plural else [],
                "edited_by": user if getattr(user, "is_authenticated", False) else None,
                "edited_at": timezone.now(),
            },
        )
        if getattr(user, "is_authenticated", False):
            reversion.set_user(user)
        number = bump_version()
    _go_live(number)
    return edit


def save_edits(changes, user):
    """Store the texts of several entries ([(entry, {"msgstr"|"msgstr_plural": ...})]) in one transaction
    and one move of the catalogue version (an uploaded .po file)."""
    if not changes:
        return 0
    authenticated = getattr(user, "is_authenticated", False)
    with transaction.atomic(), reversion.create_revision():
        for entry, texts in changes:
            CatalogueEdit.objects.update_or_create(
                language=entry.language,
                msgctxt=entry.msgctxt,
                msgid=entry.msgid,
                defaults={
                    "msgid_plural": entry.msgid_plural,
                    "msgstr": "" if entry.is_plural else texts.get("msgstr", ""),
                    "msgstr_plural": list(texts.get("msgstr_plural", ())) if entry.is_plural else [],
                    "edited_by": user if authenticated else None,
                    "edited_at": timezone.now(),
                },
            )
        if authenticated:
            reversion.set_user(user)
        number = bump_version()
    _go_live(number)
    return len(changes)


def current_pofile(language):
    """The catalogue of a language as the site uses it now: the committed file with the edits on top."""
    po = polib.pofile(str(catalogue_path(language)), wrapwidth=0)
    by_key = {(entry.msgctxt or "", entry.msgid): entry for entry in po if not entry.obsolete}
    for edit in CatalogueEdit.objects.filter(language=language):
        po_entry = by_key.get((edit.msgctxt, edit.msgid))
        if po_entry is None:
            continue
        if po_entry.msgid_plural:
            po_entry.msgstr_plural = dict(enumerate(edit.msgstr_plural))
        else:
            po_entry.msgstr = edit.msgstr
        if "fuzzy" in po_entry.flags:
            po_entry.flags.remove("fuzzy")
    return po


def discard_edit(entry):
    """Drop the edit of an entry: the committed text is live again, and stays the source when the
    repository later changes it (an edit that only repeated it would hide that change)."""
    with transaction.atomic():
        deleted, _kinds = CatalogueEdit.objects.filter(
            language=entry.language, msgctxt=entry.msgctxt, msgid=entry.msgid
        ).delete()
        if not deleted:
            return
        number = bump_version()
    _go_live(number)


def _go_live(number):
    # This process reloads at once (its connection sees the change); the others learn of the new
    # version from the shared cache once it is committed.
    reload_catalogues(number)
    site_cache.bump()  # every cached page carries interface strings
    transaction.on_commit(lambda: publish_version(number))


def bump_version():
    """Move the catalogue version in the database; the caller's transaction publishes it."""
    updated = CatalogueVersion.objects.filter(pk=1).update(number=F("number") + 1)
    if not updated:
        CatalogueVersion.objects.get_or_create(pk=1, defaults={"number": 1})
    return CatalogueVersion.objects.values_list("number", flat=True).get(pk=1)


def publish_version(number):
    """Tell every process that the catalogues moved to `number`."""
    cache.set(CATALOGUE_VERSION_KEY, number, timeout=CATALOGUE_VERSION_TIMEOUT)


# --- Loading into Django's translations ------------------------------------------------------------

_lock = threading.Lock()
# Read by every request without a call (portal.page_cache): the version loaded is part of a page's
# key, and the catalogues are looked at (check_catalogues) only once the moment for it has come.
loaded_version = None
next_check = 0.0
# What this process installed: Django empties its translations when a .mo file changes under
# the development autoreloader or a test changes LANGUAGES/LOCALE_PATHS; the edits are then
# put back from memory on the next request, with no query.
_installed = None
_overrides = {}


def database_version():
    return CatalogueVersion.objects.filter(pk=1).values_list("number", flat=True).first() or 0


def shared_version():
    """The catalogue version from the shared cache, else from the database (and into the cache)."""
    version = cache.get(CATALOGUE_VERSION_KEY)
    if version is None:
        version = database_version()
        cache.set(CATALOGUE_VERSION_KEY, version, timeout=CATALOGUE_VERSION_TIMEOUT)
    return version


def overrides_by_language():
    """{language: {gettext key: text}} from the database edits; plural keys are (msgid, form).

    Only edits of entries of the committed catalogue are served, and only when their text keeps
    the rules of editorial.catalogue_checks for that entry. The editor and the import refuse any
    other text; one that reached the table some other way (written by hand, or stored before a
    rule existed) is left out with a warning, and the committed translation is shown instead:
    Django does not escape a catalogue's text in `{% blocktranslate %}`, and the code formats
    it, so a text that broke the rules could put markup on the pages or make them fail.
    """
    result = {}
    rows = CatalogueEdit.objects.values_list("language", "msgctxt", "msgid", "msgid_plural", "msgstr", "msgstr_plural")
    for language, msgctxt, msgid, msgid_plural, msgstr, msgstr_plural in rows:
        entry = committed_entry(language, msgctxt, msgid)
        if entry is None or bool(entry.msgid_plural) != bool(msgid_plural):
            continue  # an edit of an entry the catalogue no longer has (in this form): nothing asks for it
        if msgid_plural and not (
            isinstance(msgstr_plural, list) and all(isinstance(text, str) for text in msgstr_plural)
        ):
            logger.warning(
                "Catalogue edit not served (%s, %r): its plural forms are not a list of texts", language, msgid[:80]
            )
            continue
        problems = translation_problems(language, msgid, entry.msgid_plural, msgstr, msgstr_plural)
        if problems:
            logger.warning(
                "Catalogue edit not served, the committed text is shown instead (%s, %r): %s",
                language,
                msgid[:80],
                " ".join(problem.english() for found in problems.values() for problem in found),
            )
            continue
        catalogue = result.setdefault(language, {})
        key = f"{msgctxt}\x04{msgid}" if msgctxt else msgid
        if msgid_plural:
            for index, text in enumerate(msgstr_plural or ()):
                if text:
                    catalogue[(key, index)] = text
        else:
            # An emptied translation hides the compiled one: the source text is shown, as gettext does.
            catalogue[key] = msgstr or msgid
    return result


def build_translations(overrides):
    """New translation objects for the site's languages, the database edits on top."""
    built = {}
    default = settings.LANGUAGE_CODE
    codes = [default, *(code for code, _name in settings.LANGUAGES if code != default)]
    for code in codes:
        try:
            plural = plural_function(code)
        except (OSError, IndexError):
            plural = None
        # Another language falls back to the default language's new translation, not the old.
        fallback = built[default] if code != default else None
        translation = translation_with_overrides(code, dict(overrides.get(code, {})), plural, fallback)
        built[code] = translation
    return built


def reload_catalogues(version):
    """Install translations with the current database edits in this process."""
    install_translations(overrides_by_language(), version)


def install_translations(overrides, version):
    """Swap in translations built from the compiled catalogues and `overrides` (thread-safe)."""
    global loaded_version, _installed, _overrides
    with _lock:
        translations = build_translations(overrides)
        # One assignment each: a thread that looks up a language sees the old objects or the new.
        install_django_translations(translations)
        _installed, _overrides, loaded_version = translations, overrides, version


def seen_catalogue_version():
    """The catalogue version this process has loaded (part of the page cache key)."""
    return "" if loaded_version is None else str(loaded_version)


def check_catalogues():
    """At most every settings.CATALOGUE_CHECK_SECONDS: reload when another process moved the version."""
    global next_check
    if _installed is not None and installed_django_translations() is not _installed:
        install_translations(_overrides, loaded_version)
    now = time.monotonic()
    if now < next_check:
        return
    first = loaded_version is None
    # The first request of a process waits for the catalogues; later ones never wait.
    if not _lock.acquire(blocking=first):
        return
    try:
        if time.monotonic() < next_check:
            return
        next_check = now + settings.CATALOGUE_CHECK_SECONDS
        version = shared_version()
    except DatabaseError:
        logger.warning("Catalogue version unavailable; keeping the loaded catalogues.")
        return
    finally:
        _lock.release()
    if version != loaded_version:
        try:
            reload_catalogues(version)
        except DatabaseError:
            logger.warning("Catalogue edits unavailable; keeping the loaded catalogues.")


def check_soon(sender=None, setting=None, file_path=None, **kwargs):
    """Look at the catalogues on the next request, after Django dropped its translations.

    Connected (editorial.apps) to ``setting_changed``, for a test that changes the
    languages or the locale paths, and to the development autoreloader's
    ``file_changed``, for a changed .mo file: the next request's check_catalogues()
    puts the edits back from memory, with no query, before a page is built.
    """
    global next_check
    if setting in DJANGO_TRANSLATION_SETTINGS or (file_path is not None and file_path.suffix == ".mo"):
        next_check = 0.0


def write_pofile(language, edits, output_dir=None):
    """The committed catalogue of a language with the edits applied, saved under output_dir.

    Returns how many entries changed. Edits of entries that are no longer in the
    catalogue are left out.
    """
    po = polib.pofile(str(catalogue_path(language)))
    by_key = {(entry.msgctxt or "", entry.msgid): entry for entry in po if not entry.obsolete}
    changed = 0
    for edit in edits:
        po_entry = by_key.get((edit.msgctxt, edit.msgid))
        if po_entry is None:
            continue
        if po_entry.msgid_plural:
            forms = {index: text for index, text in enumerate(edit.msgstr_plural)}
            if forms != {index: po_entry.msgstr_plural.get(index, "") for index in forms}:
                po_entry.msgstr_plural = forms
                changed += 1
        elif edit.msgstr != po_entry.msgstr:
            po_entry.msgstr = edit.msgstr
            changed += 1
        if "fuzzy" in po_entry.flags:
            po_entry.flags.remove("fuzzy")
    target = Path(output_dir) / language / "LC_MESSAGES" / "django.po" if output_dir else catalogue_path(language)
    target.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(target))
    return changed
