"""Text helpers shared by every app: slugs in three languages, rich text as plain text."""

import html
import re
import unicodedata

from django.conf import settings
from django.utils.html import strip_tags

# Belarusian Cyrillic to Latin, after the national romanisation of 2007 (UN 2013), with
# ASCII for its diacritics (plain ASCII URLs): ž, č, š -> zh, ch, sh, and х, which the
# national system writes "ch", -> "kh", so that х and ч never meet ("хата" khata,
# "чата" chata). ў and у both give "u": one sound's positional variants. See docs/glossary.md.
BELARUSIAN_TO_LATIN = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "ie",
    "ё": "io",
    "ж": "zh",
    "з": "z",
    "і": "i",
    "и": "i",
    "й": "j",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ў": "u",
    "ф": "f",
    "х": "kh",
    "ц": "c",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
    "’": "",
    "'": "",
    "ʼ": "",
}
# Vowels after which е/ё/ю/я start with "j" (e.g. "Беларусь" vs "Ясна").
_VOWELS = set("аеёіиоуўыэюя")
_IOTATED = {"е": "je", "ё": "jo", "ю": "ju", "я": "ja"}


def transliterate(text):
    """Return `text` with Cyrillic letters written in Latin."""
    out = []
    previous = ""
    for char in text:
        lower = char.lower()
        if lower in _IOTATED and (not previous or previous in _VOWELS or previous in "ьў’'ʼ" or not previous.isalpha()):
            latin = _IOTATED[lower]
        else:
            latin = BELARUSIAN_TO_LATIN.get(lower, char)
        if char != lower and latin:
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
        previous = lower
    return "".join(out)


def slugify_any(text, max_length=80):
    """A lower-case ASCII slug for text in Belarusian, Albanian or English.

    "Дэлегацыя ў Прышціне" -> "deliehacyja-u-pryshcinie";
    "Bashkëpunim ndëretnik në Shtërpcë" -> "bashkepunim-nderetnik-ne-shterpce";
    "Prishtina–Vilnius, 14–15 April" -> "prishtina-vilnius-14-15-april" (every dash,
    slash or other separator becomes one hyphen).
    """
    text = transliterate(str(text))
    text = unicodedata.normalize("NFKD", text)
    # Separators outside ASCII (dashes, quotes, no-break spaces) would vanish in the ASCII
    # step and glue words together: make them spaces first. Combining marks (ë -> e) stay.
    text = "".join(char if char.isascii() or unicodedata.category(char)[0] in "LMN" else " " for char in text)
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(text) > max_length:
        text = text[:max_length].rsplit("-", 1)[0] or text[:max_length]
    return text.strip("-")


# An editor's mark on a foreign name in Belarusian rich text: [[Леартай Холлай|Leartaj Hollaj]] reads
# "Леартай Холлай"; the Łacinka page writes the name as marked (core.richtext, portal.latin_names).
NAME_MARKUP = re.compile(r"\[\[([^\[\]|]+)\|([^\[\]|]+)\]\]")


def without_name_marks(text):
    """`text` with the marked names as they read in Cyrillic."""
    return NAME_MARKUP.sub(r"\1", text)


def plain_text(value):
    """Rich text as plain text: tags and name marks out, entities decoded, spaces collapsed."""
    text = strip_tags(re.sub(r"<(/p|br|/li|/h\d)\b", r" \g<0>", without_name_marks(str(value or ""))))
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def absolute_url(url):
    """`url` on the site's public address (SITE_URL); absolute addresses pass through, empty stays ""."""
    if not url:
        return ""
    if url.startswith(("http://", "https://")):
        return url
    return f"{settings.SITE_URL}{url}"
