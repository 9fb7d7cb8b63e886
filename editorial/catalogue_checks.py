"""The rules a translation of an interface string keeps, wherever it comes from.

Django trusts its catalogues: the output of `{% blocktranslate %}` is not
escaped, and the code formats translated strings with `%` (and Django's admin
with `str.format`). So a translation may bring no markup and no placeholder its
source text does not have, and must format with the values the code passes for
the source. `problems()` says what is wrong with one translation; the catalogue
editor (editorial.catalogue_admin), the overlay that serves the editor's texts
(editorial.catalogue), `import_catalogue_edits` and scripts/check_messages.py
all use it.

- **Markup.** The translation has the HTML tags of the source, each with the
  same attributes (in any order, values compared with entities decoded); the
  tags may come in another order, since languages order phrases differently,
  but they nest properly when the source's do. Every `<` a browser would read
  as the start of markup must begin a complete tag with its attribute values in
  quotes: a comment, a declaration, an unclosed tag or an unquoted value is
  refused, rather than guessing how a browser would recover from it.
- **Placeholders**, as `msgfmt --check-format` checks python-format and
  python-brace-format strings: a translation has no placeholder its source
  lacks and gives each the same kind of value (`%(n)d` and `%(n)i` agree,
  `%(n)d` and `%(n)s` do not); a stray `%` (or `{`) is refused. Where Python is
  stricter than msgfmt, Python's rule is kept: `%s`-style placeholders must
  all stay, in order, and `%x`/`%o` need a whole number where `%d` takes any;
  a width or precision over 99 is refused (Python would build a string that
  wide every time the text is shown).
  A plural form that serves many numbers keeps every placeholder; one that
  serves a single number (Albanian and English "1") may leave the number out,
  as msgfmt allows. A source with no `%` at all gets no `%` in its
  translation: `{% blocktranslate %}` formats even such a string.
- **Length**: at most ten times the source text (and never less than
  `MIN_LENGTH_LIMIT` characters).
- Last, the translation is formatted with stand-in values of the kinds the
  source needs; if that raises, the translation is refused.

The module needs nothing of Django but `gettext`, so that the script can load
it before Django is set up; its messages are marked with `gettext_noop` and
translated when shown (`str(problem)`), or shown in English (`english()`).
"""

import gettext as gettext_module
import html
import re
import string
from collections import Counter
from functools import lru_cache

from django.utils.translation import gettext, gettext_noop

LENGTH_FACTOR = 10
MIN_LENGTH_LIMIT = 100

# Translators: %(length)s and %(limit)s are numbers of characters.
TOO_LONG = gettext_noop("The translation is too long (%(length)s characters; at most %(limit)s for this source text).")
PLACEHOLDERS = gettext_noop(
    # Translators: %(expected)s and %(found)s are lists of placeholders as written ("%(name)s {count}"),
    # or the word for "none".
    "The translation must keep the placeholders of the source text exactly: %(expected)s (found: %(found)s)."
)
NOT_A_PLACEHOLDER = gettext_noop(
    # Translators: %(text)s is what the translator wrote after a percent sign; %(escaped)s is "%%".
    "“%(text)s” in the translation is not a placeholder. A percent sign is written %(escaped)s here."
)
NO_PERCENT = gettext_noop(
    "The source text has no percent sign, so the translation cannot have one: write the word instead."
)
STRAY_BRACE = gettext_noop(
    "The translation has a curly bracket that is not part of a placeholder; write {{ or }} for a bracket."
)
# Translators: %(error)s is Python's own message, in English.
CANNOT_FORMAT = gettext_noop("The placeholders of the translation cannot be filled in: %(error)s")
# Translators: %(tags)s is a list of HTML tags as written ("<a href>, <em>").
EXTRA_MARKUP = gettext_noop("The translation has HTML that the source text does not have: %(tags)s")
# Translators: %(tags)s is a list of HTML tags as written ("<a href>, <em>").
MISSING_MARKUP = gettext_noop("The translation lacks HTML tags of the source text: %(tags)s")
MALFORMED_MARKUP = gettext_noop(
    # Translators: %(text)s is the piece of the translation that is not a complete tag.
    "The translation has an incomplete or unsupported HTML tag: “%(text)s”. Keep the tags of the source "
    "text as they are, with attribute values in quotes."
)
NESTING = gettext_noop("The HTML tags of the translation must be closed in the reverse order of opening.")
NONE = gettext_noop("none")


class Problem:
    """Why a translation cannot be used. `str()` gives the message in the active language."""

    def __init__(self, message, **params):
        self.message = message
        self.params = params

    def _render(self, translate):
        params = {
            key: (" ".join(value) or translate(NONE)) if isinstance(value, list) else value
            for key, value in self.params.items()
        }
        return translate(self.message) % params

    def __str__(self):
        return self._render(gettext)

    def english(self):
        return self._render(lambda message: message)

    def __repr__(self):
        return f"<Problem {self.english()!r}>"


def problems(translation, msgid, msgid_plural="", strict=True):
    """What is wrong with `translation` as a translation of `msgid` (or, for a plural form, of
    `msgid_plural`): a list of Problem, empty when the translation may be used. `strict` is
    False only for a plural form that serves a single number (see strict_forms). An empty
    translation is fine: gettext then shows the source."""
    if not translation:
        return []
    source = msgid_plural or msgid
    limit = max(LENGTH_FACTOR * max(len(msgid), len(msgid_plural)), MIN_LENGTH_LIMIT)
    if len(translation) > limit:
        return [Problem(TOO_LONG, length=len(translation), limit=limit)]
    found = markup_problems(source, translation) + placeholder_problems(source, translation, strict)
    if not found:
        found = trial_problems(source, translation)
    return found


@lru_cache(maxsize=16)
def strict_forms(plural_forms):
    """For each form of a `Plural-Forms` header: whether it serves many numbers, so that it must
    keep every placeholder. As msgfmt does, a form is "many" when at least 5 of 0…1000 use it."""
    match = re.search(r"nplurals\s*=\s*(\d+)", plural_forms or "")
    if not match or "plural=" not in plural_forms:
        return ()
    plural = gettext_module.c2py(plural_forms.split("plural=", 1)[1].strip().rstrip(";"))
    counts = Counter(plural(n) for n in range(1001))
    return tuple(counts[form] >= 5 for form in range(int(match.group(1))))


# --- Markup ---------------------------------------------------------------------------------------

# What a browser reads as the start of markup: a tag, an end tag, a comment or declaration.
MARKUP_START = re.compile(r"<[A-Za-z/!?]")
START_TAG = re.compile(r"""<([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*/?>""")
ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?""")
END_TAG = re.compile(r"</([A-Za-z][A-Za-z0-9-]*)\s*>")
VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)


def markup(text):
    """(tags, malformed) of a text: its tags in order, each as ("<a", sorted attributes) or ("</a",),
    and the first fragment where a browser would begin markup that is no complete tag, or None."""
    tags = []
    for start in MARKUP_START.finditer(text):
        position = start.start()
        if tags and position < tags[-1][1]:
            continue  # inside a tag already read (an attribute value)
        if text.startswith("</", position):
            match = END_TAG.match(text, position)
            tag = match and (f"</{match.group(1).lower()}",)
        else:
            match = START_TAG.match(text, position) if text[position + 1].isalpha() else None
            tag = match and (f"<{match.group(1).lower()}", _attributes(match.group(2)))
        if not match:
            return [tag for tag, _end in tags], text[position : position + 40]
        tags.append((tag, match.end()))
    return [tag for tag, _end in tags], None


def _attributes(text):
    # Names are case-insensitive; values are compared with their entities decoded.
    return tuple(
        sorted(
            (match.group(1).lower(), html.unescape(match.group(2) or match.group(3) or ""))
            for match in ATTRIBUTE.finditer(text)
        )
    )


def _show(tag):
    if len(tag) == 1:
        return f"{tag[0]}>"
    return tag[0] + "".join(f' {name}="{html.escape(value)}"' for name, value in tag[1]) + ">"


def _nested(tags):
    open_tags = []
    for tag in tags:
        if len(tag) == 2:
            if tag[0][1:] not in VOID_ELEMENTS:
                open_tags.append(tag[0][1:])
        elif not open_tags or open_tags.pop() != tag[0][2:]:
            return False
    return not open_tags


def markup_problems(source, translation):
    if "<" not in source and "<" not in translation:
        return []
    expected, _malformed = markup(source)
    found, malformed = markup(translation)
    if malformed:
        return [Problem(MALFORMED_MARKUP, text=malformed)]
    result = []
    extra, missing = Counter(found) - Counter(expected), Counter(expected) - Counter(found)
    if extra:
        result.append(Problem(EXTRA_MARKUP, tags=sorted({_show(tag) for tag in extra})))
    if missing:
        result.append(Problem(MISSING_MARKUP, tags=sorted({_show(tag) for tag in missing})))
    if not result and _nested(expected) and not _nested(found):
        result.append(Problem(NESTING))
    return result


# --- Placeholders -----------------------------------------------------------------------------------

# Python's %-conversions by the kind of value they take. msgfmt counts d/i/u/o/x/X as one kind,
# but Python's %x and %o refuse a float that %d formats, so they are kept apart.
KINDS = {
    **dict.fromkeys("sra", "any"),
    **dict.fromkeys("diu", "number"),
    **dict.fromkeys("oxX", "whole number"),
    **dict.fromkeys("eEfFgG", "real number"),
    "c": "character",
}
# A width or precision of at most 99: a wider one is no typography but a way to exhaust memory.
MAX_WIDTH_DIGITS = 2
STAND_INS = {"any": "x", "number": 1, "whole number": 1, "real number": 1.5, "character": "x"}


class FormatError(ValueError):
    """Not a valid %-format: `fragment` is where it goes wrong; `mixed` when its placeholders are
    each valid but cannot be used together (named and unnamed, or one name with two kinds)."""

    def __init__(self, fragment, mixed=False):
        super().__init__(fragment)
        self.fragment = fragment
        self.mixed = mixed


class PercentFormat:
    """The %-placeholders of a text, parsed with Python's own grammar: %[(name)][flags][width]
    [.precision][length]conversion, `*` for a width or precision taken from the values, `%%`."""

    def __init__(self, text):
        self.shown = []  # the placeholders as written
        self.named = {}  # name: kind
        self.unnamed = []  # kinds, in order (a `*` takes a whole number)
        position = 0
        while (position := text.find("%", position)) >= 0:
            position = self._directive(text, position)
        if self.named and self.unnamed:
            raise FormatError(self.shown, mixed=True)  # Python takes a dict or a tuple, not both

    def _directive(self, text, start):
        position, end = start + 1, len(text)
        name = None
        if text.startswith("(", position):
            depth, position = 1, position + 1
            while position < end and depth:  # the key may hold balanced brackets, as in Python
                depth += {"(": 1, ")": -1}.get(text[position], 0)
                position += 1
            if depth:
                raise FormatError(text[start:])
            name = text[start + 2 : position - 1]
        while position < end and text[position] in "-+ #0":
            position += 1
        stars = []
        for part in ("width", "precision"):
            if part == "precision":
                if not text.startswith(".", position):
                    break
                position += 1
            if text.startswith("*", position):
                stars.append("whole number")
                position += 1
            digits = position
            while position < end and text[position].isdigit():
                position += 1
            if position - digits > MAX_WIDTH_DIGITS:
                # Python would build a string that wide (gigabytes) each time the text is shown.
                raise FormatError(text[start:position])
        if position < end and text[position] in "hlL":
            position += 1
        if position >= end:
            raise FormatError(text[start:])
        conversion, position = text[position], position + 1
        if conversion == "%" and position - start == 2:
            return position  # %%
        if conversion not in KINDS or (name is not None and stars):
            raise FormatError(text[start:position])
        kind = KINDS[conversion]
        self.shown.append(text[start:position])
        if name is None:
            self.unnamed.extend([*stars, kind])
        elif self.named.setdefault(name, kind) != kind:
            raise FormatError(self.shown, mixed=True)
        return position

    def stand_ins(self):
        """Values of the kinds this format needs."""
        if self.unnamed:
            return tuple(STAND_INS[kind] for kind in self.unnamed)
        return {name: STAND_INS[kind] for name, kind in self.named.items()}

    def fits(self, source, strict):
        """Whether a translation with these placeholders formats with the values of `source`."""
        if source.unnamed or self.unnamed:
            return self.unnamed == source.unnamed
        if strict and self.named.keys() != source.named.keys():
            return False
        return all(source.named.get(name) == kind for name, kind in self.named.items())


def percent_format(text):
    try:
        return PercentFormat(text)
    except FormatError:
        return None


def brace_fields(text):
    """The replacement fields of a str.format text, as written; None when it is not one."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return None
    fields = [
        "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        for _literal, name, spec, conversion in parsed
        if name is not None
    ]
    if not fields and "{{" not in text and "}}" not in text:
        return None
    return fields


def placeholder_problems(source, translation, strict=True):
    result = []
    # Each kind of placeholder: (the source's, the translation's, whether they fit).
    compared = []
    source_format = percent_format(source)
    # A source that is no %-format at all (a lone "%") is not formatted by the code.
    if source_format is not None:
        if "%" not in source and "%" in translation:
            result.append(Problem(NO_PERCENT))
        else:
            try:
                found = PercentFormat(translation)
            except FormatError as error:
                if error.mixed:
                    compared.append((_shown(source_format), error.fragment, False))
                else:
                    result.append(Problem(NOT_A_PLACEHOLDER, text=error.fragment[:20], escaped="%%"))
            else:
                compared.append((_shown(source_format), _shown(found), found.fits(source_format, strict)))
    expected_fields, found_fields = brace_fields(source), brace_fields(translation)
    if expected_fields is None:
        compared.append(([], sorted(set(found_fields or ())), not found_fields))
    elif found_fields is None:
        result.append(Problem(STRAY_BRACE))
    else:
        fit = _fields_fit(expected_fields, found_fields, strict)
        compared.append((sorted(set(expected_fields)), sorted(set(found_fields)), fit))
    if not all(fit for _expected, _found, fit in compared):
        expected = [text for texts, _found, _fit in compared for text in texts]
        found = [text for _expected, texts, _fit in compared for text in texts]
        result.append(Problem(PLACEHOLDERS, expected=expected, found=found))
    return result


def _shown(percent):
    return percent.shown if percent.unnamed else sorted(set(percent.shown))


def _fields_fit(expected, found, strict):
    # "{}" fields take the positional values in turn: no more of them than the source has.
    expected_auto, found_auto = expected.count("{}"), found.count("{}")
    expected_named, found_named = set(expected) - {"{}"}, set(found) - {"{}"}
    if strict:
        return found_auto == expected_auto and found_named == expected_named
    return found_auto <= expected_auto and found_named <= expected_named


def trial_problems(source, translation):
    """Format the translation with stand-in values of the kinds the source needs (the last guard)."""
    source_format = percent_format(source)
    if source_format is not None:
        try:
            _formatted = translation % source_format.stand_ins()
        except (ValueError, KeyError, TypeError, IndexError, OverflowError) as error:
            return [Problem(CANNOT_FORMAT, error=str(error))]
    fields = brace_fields(source)
    if fields:
        values = [f[1:-1].split("!")[0].split(":")[0] for f in fields]
        positional = ["x"] * len(fields)
        named = {name: "x" for name in values if name and not name.isdigit()}
        try:
            source.format(*positional, **named)
        except (ValueError, KeyError, TypeError, IndexError, AttributeError):
            return []  # the source needs values of other kinds: nothing to try them with
        try:
            _formatted = translation.format(*positional, **named)
        except (ValueError, KeyError, TypeError, IndexError, AttributeError) as error:
            return [Problem(CANNOT_FORMAT, error=str(error))]
    return []
