"""The glossary in use: forbidden variants in a text, terms of a segment, the seed from docs/glossary.md.

A forbidden variant is a regular expression matched without regard to case
(as in the tables of docs/glossary.md: `\\bабяр` is any word starting with
"абяр"); a line that is not a valid expression is matched as plain text.
"""

import re
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from core.text import plain_text
from translating.models import GlossaryTerm

GLOSSARY_LANGUAGES = ("be", "sq", "en")


@lru_cache(maxsize=512)
def _pattern(variant):
    try:
        return re.compile(variant, re.IGNORECASE)
    except re.error:
        return re.compile(re.escape(variant), re.IGNORECASE)


def forbidden_in(text, language, terms=None):
    """[{"term", "variant", "preferred"}]: each forbidden variant of the glossary found in `text`.

    `term` names the concept (its English term), `variant` is the text found,
    `preferred` the glossary's term in `language`.
    """
    plain = plain_text(text) if text else ""
    if not plain or language not in GLOSSARY_LANGUAGES:
        return []
    hits = []
    for term in terms if terms is not None else GlossaryTerm.objects.exclude(**{f"forbidden_{language}": ""}):
        for variant in term.forbidden(language):
            found = _pattern(variant).search(plain)
            if found:
                hits.append({"term": str(term), "variant": found.group(), "preferred": term.term(language)})
    return hits


def terms_in(text, source_language, target_language, terms=None):
    """[{"source", "target", "note"}]: the glossary's terms whose form in `source_language` occurs in `text`."""
    plain = plain_text(text).lower() if text else ""
    if not plain or source_language not in GLOSSARY_LANGUAGES or target_language not in GLOSSARY_LANGUAGES:
        return []
    found = []
    for term in terms if terms is not None else GlossaryTerm.objects.all():
        target = term.term(target_language)
        if not target:
            continue
        for form in term.words(source_language):
            stem = form.lower()
            # A word of the term starting a word of the text ("сайт" in "сайце" does not, "сайта" does).
            if re.search(rf"(?<!\w){re.escape(stem[: max(4, len(stem) - 2)] if ' ' not in stem else stem)}", plain):
                found.append({"source": term.term(source_language), "target": target, "note": term.note})
                break
    return found


# --- The seed: the term tables of docs/glossary.md --------------------------------------

GLOSSARY_FILE = Path(settings.BASE_DIR) / "docs" / "glossary.md"
_CELL_CODE = re.compile(r"`([^`]+)`")


def _cells(line):
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def seed_rows(text):
    """[dict of GlossaryTerm fields] from the tables of the glossary page that have en, be and sq columns."""
    rows, header = [], None
    for line in text.splitlines():
        if not line.startswith("|"):
            header = None
            continue
        cells = _cells(line)
        if header is None:
            header = cells
            continue
        if set(cells) <= {"---", ""} or not {"en", "be", "sq"} <= set(header):
            continue
        values = dict(zip(header, cells, strict=False))
        row = {"note": ""}
        english = values.get("en", "")
        note = re.search(r"\((.*)\)\s*$", english)
        if note:
            row["note"] = note.group(1)
            english = english[: note.start()].strip()
        row["en"], row["be"], row["sq"] = english[:200], values.get("be", "")[:200], values.get("sq", "")[:200]
        for code in GLOSSARY_LANGUAGES:
            row[f"forbidden_{code}"] = "\n".join(_CELL_CODE.findall(values.get(f"not in {code}", "")))
        if row["en"] and (row["be"] or row["sq"]):
            rows.append(row)
    return rows


def seed(path=GLOSSARY_FILE):
    """Add the terms of docs/glossary.md that the glossary does not have yet (by English term); returns the count."""
    existing = set(GlossaryTerm.objects.values_list("en", flat=True))
    new = [
        GlossaryTerm(**row) for row in seed_rows(Path(path).read_text(encoding="utf-8")) if row["en"] not in existing
    ]
    GlossaryTerm.objects.bulk_create(new)
    return len(new)


# --- A warning on save ---------------------------------------------------------------------


def save_warnings(form, cleaned_data):
    """[(field name, message)]: the forbidden variants in the translated fields this save changes."""
    changed = []
    for name in form.changed_data:
        try:
            field = form._meta.model._meta.get_field(name)
        except Exception:  # noqa: S112 - a form field that is not a model field
            continue
        language = getattr(field, "language", None)
        if getattr(field, "translated_field", None) is not None and language in GLOSSARY_LANGUAGES:
            value = cleaned_data.get(name)
            if isinstance(value, str) and value.strip():
                changed.append((name, language, value))
    if not changed:
        return []
    terms = list(GlossaryTerm.objects.all())
    warnings = []
    for name, language, value in changed:
        for hit in forbidden_in(value, language, terms):
            warnings.append((name, warning_message(hit)))
    return warnings


def warning_message(hit):
    # Translators: a warning on saving a translation; %(variant)s is the text found, %(preferred)s the
    # glossary's term, %(term)s the concept in English.
    return _("“%(variant)s” is a variant the glossary does not use: write “%(preferred)s” (%(term)s).") % hit
