"""Foreign names and acronyms in Łacinka: in their own Latin spelling, not converted from Cyrillic.

latynkatar converts Belarusian words; a foreign name in a Belarusian text is a
transcription, and converting it letter by letter gives another name ("Холлай"
→ "Chołłaj" for Hollaj, "Віці" → "Vici" for Viti, "Грачаніцы" → "Hračanicy").
Łacinka writes such names as their owners do, with the Belarusian case
ending the Cyrillic text gives them ("ŭ Gračanicy", "ŭ Lipjanie"; "ŭ Viti"
does not decline). ``apply`` rewrites them in a page (or feed, or export)
before ``portal.latin`` converts the rest; what it writes is in Latin letters,
so the conversion leaves it alone. Three sources, in this order:

1. The editors' markup. In Belarusian rich text an editor writes a name with
   its Latin form, ``[[Леартай Холлай|Leartaj Hollaj]]``; the Cyrillic page
   shows "Леартай Холлай" (``core.richtext`` renders the mark as
   ``<span data-latin="Leartaj Hollaj">``), the Łacinka page "Leartaj Hollaj".
2. The names table, derived from the content: a place whose Belarusian name
   transcribes a foreign one (Грачаніца / Gračanica, Буянавац / Bujanovac)
   and an organisation whose Belarusian name is its English one in Cyrillic
   letters. Countries and the established Belarusian names of foreign places
   (``EXONYMS``: Прышціна, Мітравіца, Тырана…) are Belarusian words and are
   converted as such ("ŭ Pryšcinie"), as docs/glossary.md says.
3. Acronyms: a word of two to five Cyrillic capitals is written letter by
   letter, without the iotation and softness rules for words: АБСЕ → ABSE
   (not "ABSIE"), ЕС → ES (not "JES"), ПРААН → PRAAN.
"""

import html
import re
from functools import lru_cache

from django.core.cache import cache
from django.db import DatabaseError
from latynkatar import CyrLatConverter

from core import cache as site_cache
from core.text import same_names
from partners.models import Organisation
from projects.models import Place

# Belarusian names of foreign places that are Belarusian words: Łacinka converts them like any other.
EXONYMS = frozenset({"Прышціна", "Мітравіца", "Тырана", "Вільнюс", "Косава", "Варшава", "Белград", "Скоп’е"})

# The markup as the Cyrillic page carries it (core.richtext), in HTML and inside a JSON string.
MARKED = re.compile(r'<span data-latin=(\\?)"([^"\\<>]*)\1">([^<]*)</span>')

# Case endings of the two declensions a transcribed name takes: -а nouns (Грачаніца, Прэшава) and
# names that end in a consonant (Буянавац, Ліп’ян). A name that ends in another vowel (Віці) is
# indeclinable.
A_ENDINGS = ("а", "ы", "і", "е", "у", "ай", "ой", "ам", "амі", "ах", "аў")
CONSONANT_ENDINGS = ("", "а", "у", "ам", "е", "ы", "і", "ом", "амі", "ах", "аў")
LATIN_VOWELS = "aeoëiuy"
BOUNDARY_BEFORE = r"(?<![\w’'ʼ-])"
BOUNDARY_AFTER = r"(?![\w’'ʼ])"
APOSTROPHES = "’'ʼ"

ACRONYM = re.compile(BOUNDARY_BEFORE + r"[А-ЯЁІЎ]{2,5}" + BOUNDARY_AFTER)
ACRONYM_LETTERS = str.maketrans(
    {
        "А": "A", "Б": "B", "В": "V", "Г": "H", "Д": "D", "Е": "E", "Ё": "JO", "Ж": "Ž", "З": "Z", "І": "I",
        "Й": "J", "К": "K", "Л": "L", "М": "M", "Н": "N", "О": "O", "П": "P", "Р": "R", "С": "S", "Т": "T",
        "У": "U", "Ў": "Ŭ", "Ф": "F", "Х": "CH", "Ц": "C", "Ч": "Č", "Ш": "Š", "Ы": "Y", "Э": "E", "Ю": "JU",
        "Я": "JA",
    }
)  # fmt: skip
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def latin_ending(ending):
    """A Belarusian case ending in Łacinka, as after a consonant: "е" → "ie", "ы" → "y", "ай" → "aj"."""
    return CyrLatConverter("б" + ending).convert()[1:] if ending else ""


def forms(cyrillic, latin):
    """{Cyrillic form: Łacinka form} of one name: every case form the Cyrillic text may give it."""
    if cyrillic[-1] in "ая":
        stem, latin_stem = cyrillic[:-1], latin[:-1] if latin[-1] in LATIN_VOWELS else latin
        found = {stem + ending: latin_stem + latin_ending(ending) for ending in A_ENDINGS}
    elif CYRILLIC.match(cyrillic[-1]) and cyrillic[-1] not in "аеёіоуыэюяй":
        found = {cyrillic + ending: latin + latin_ending(ending) for ending in CONSONANT_ENDINGS}
    else:
        found = {}
    found[cyrillic] = latin  # the nominative keeps the name's own spelling
    return found


def derived_names():
    """[(Cyrillic, Latin)] from the places and organisations: the transcribed names among them."""
    names = []
    for name_be, name_en in Place.objects.exclude(kind=Place.Kind.COUNTRY).values_list("name_be", "name_en"):
        if name_be and name_en and " " not in name_be and name_be not in EXONYMS and not CYRILLIC.search(name_en):
            names.append((name_be, name_en))
    pairs = [
        (name_be, name_en)
        for name_be, name_en in Organisation.objects.values_list("name_be", "name_en")
        if name_be and name_en and CYRILLIC.search(name_be) and not CYRILLIC.search(name_en)
    ]
    # The same name in two scripts ("Гермін" / "Germin"), not a translation.
    names.extend(same_names(pairs))
    return sorted(set(names))


def names():
    """The names table of the current site version ([] while the database cannot be read)."""
    try:
        return cache.get_or_set(**site_cache.fragment("latin-names"), default=derived_names)
    except DatabaseError:
        return []


@lru_cache(maxsize=8)
def _compiled(table):
    replacements = {}
    for cyrillic, latin in table:
        for form, written in forms(cyrillic, latin).items():
            replacements[form] = written
            for mark in APOSTROPHES:  # "Ліп’ян" is also typed "Ліп'ян"
                replacements.setdefault(form.replace("’", mark), written)
    if not replacements:
        return None, {}
    words = "|".join(re.escape(form) for form in sorted(replacements, key=len, reverse=True))
    return re.compile(f"{BOUNDARY_BEFORE}(?:{words}){BOUNDARY_AFTER}"), replacements


def apply(text, table=None):
    """`text` (a page, a feed or an export, still in Cyrillic) with its foreign names and acronyms in Latin letters."""
    if not text or not CYRILLIC.search(text):
        return text
    text = MARKED.sub(lambda match: html.escape(html.unescape(match.group(2)), quote=False), text)
    pattern, replacements = _compiled(tuple(names() if table is None else table))
    if pattern is not None:
        text = pattern.sub(lambda match: replacements[match.group()], text)
    return ACRONYM.sub(lambda match: match.group().translate(ACRONYM_LETTERS), text)
