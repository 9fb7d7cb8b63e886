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


# Folding makes one matching key (never shown) of a word in any of our scripts
# and spellings: Belarusian Cyrillic, Łacinka, Albanian, English and the usual
# transliterations. It runs on the indexed text and on the query alike, so the
# rules only have to agree with themselves:
#
# 1. Latin digraphs become one letter: sh -> s (ш, š), zh -> z (ж, ž),
#    kh and ch -> h (х: "ch" in Łacinka and the national romanisation),
#    ts -> c (ц), Polish sz -> s, cz -> c (ч, č, ç).
# 2. Cyrillic letters become single Latin ones (ч -> c, ш -> s, х -> h; the
#    iotated vowels with a j: я -> ja), accents go (č -> c, ë -> e, ŭ -> u),
#    ł -> l; apostrophes go.
# 3. Soft c and dz (ці, дзе, ci, dzie: before i or j, not y) become t and d,
#    so that "Прышціна" meets "Prishtina"; then y -> i (ы), w -> v, g -> h
#    (г is h in Belarusian: Грачаніца, Hračanica, Gračanica), akanne o -> a,
#    and a j or an i before a vowel goes (я, ja, ia -> a; ю, ju, iu -> u;
#    е, je, ie -> e; ё, jo, io -> o -> a).
# 4. Doubled letters become one (Albanian ll, rr).
#
# The key is lossy on purpose ("rights" -> "rihc"); it is only compared with
# other keys. Changing these rules needs ``rebuild_search_index``.
# fmt: off
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "je", "ё": "jo",
    "є": "je", "ж": "z", "з": "z", "і": "i", "ї": "ji", "и": "i", "й": "j", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ў": "u", "ф": "f", "х": "h", "ц": "c", "ч": "c", "ш": "s",
    "щ": "sc", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "ju", "я": "ja",
    "’": "", "'": "", "ʼ": "",
}
# fmt: on
_LATIN_EXTRA = {"ß": "ss", "ł": "l", "đ": "d", "ø": "o", "æ": "ae", "œ": "oe", "þ": "th", "ı": "i"}

_FOLD_TABLE = str.maketrans({**_CYRILLIC, **_LATIN_EXTRA})
_COMBINING = re.compile("[\u0300-\u036f]")
_DIGRAPHS = {"kh": "h", "ch": "h", "sh": "s", "zh": "z", "ts": "c", "sz": "s", "cz": "c"}
_DIGRAPH = re.compile("|".join(_DIGRAPHS))
_LETTERS = str.maketrans({"y": "i", "w": "v", "g": "h", "o": "a"})
_SOFT = re.compile(r"(dz|c)(?=[ij])")
_IOTATION = re.compile(r"[ij]+(?=[aeiou])")
_DOUBLE = re.compile(r"([a-z])\1+")


def fold(text):
    """A matching key for `text`: the same for a word in any of our scripts and spellings.

    >>> fold("Прышціне"), fold("Prishtinë"), fold("Pryšcina")
    ('pristine', 'pristine', 'pristina')
    >>> fold("Вячорка"), fold("Viačorka"), fold("Ліп’ян"), fold("Lipjan")
    ('vacarka', 'vacarka', 'lipan', 'lipan')
    """
    text = _DIGRAPH.sub(lambda match: _DIGRAPHS[match.group()], str(text or "").lower())
    if not text.isascii():  # plain ASCII has nothing to transliterate or decompose
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text.translate(_FOLD_TABLE)))
    text = _SOFT.sub(lambda match: "t" if match.group() == "c" else "d", text).translate(_LETTERS)
    return _DOUBLE.sub(r"\1", _IOTATION.sub("", text))


def fold_all(texts):
    """[fold(text) for text in texts]: the texts of an item folded in one call (search.indexing)."""
    return [fold(text) for text in texts]


def same_names(pairs):
    """The (name, name) pairs that are one name in two scripts or spellings ("Гермін", "Germin"): equal when folded."""
    return [(first, second) for first, second in pairs if fold(first) == fold(second)]
