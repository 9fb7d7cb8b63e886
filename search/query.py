"""Site search: one index of news, projects, partners and pages per language.

Indexing
    Every item has one ``SearchEntry`` per language in which it has a title
    and a slug. The entry keeps the text as written (for excerpts) and
    *folded* (for matching, see ``core.text.fold``): lower case, no accents, Cyrillic
    and Łacinka in one Latin spelling, so that "Prishtinë", "prishtina",
    "Pryšcina" and "Прышціна" meet. Signals keep the index current; ``rebuild_search_index`` rebuilds it.

Typos
    Every indexed word is in a per-language dictionary (``SearchWord``, the
    PostgreSQL documentation's recipe for spelling suggestions: a words
    table with a trigram index). A query word that no indexed word starts
    with is replaced, before the full-text query, by the most similar
    indexed word that a visible entry contains; the page then says "Did you
    mean …" with a link to the corrected query. So a typo of a word anywhere
    in a text (not only in titles) finds it. The word shown is written as a
    visible entry writes it or, for a name an entry carries without showing it
    (a project's places and partners), as the places and organisations write
    it in any language, in the script of the query ("Mitrovca" on /be/:
    "Mitrovica"). A word that is only another form of an indexed one
    ("Kosovës" for "Kosova") is looked for without the notice. SQLite
    compares the words in Python.

Matching on PostgreSQL
    Full-text search over a weighted ``tsvector`` (title A, lead B, body C,
    ``simple`` configuration over the folded text), every word as a prefix
    with a light ending removed ("prishtina" -> ``prishtin:*``), OR a trigram
    word similarity on the title for typos and spellings in other scripts.
    The trigram pass runs only when the words give less than a page of
    results. Ranked by ``ts_rank`` plus the title similarity, title matches
    first. GIN indexes per language, led by the type of entry (btree_gin);
    counts and the ranking read a bounded number of rows (see ``Search``),
    so the page stays fast with 100,000 items (``bench/search_bench.py``).

Matching elsewhere (the SQLite quick start)
    Every word must appear in the folded text (``LIKE``); title hits first.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core import cache as site_cache
from core.text import fold
from partners.models import Organisation
from projects.models import Place
from search.models import SearchEntry, SearchWord

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
MAX_TERM_LENGTH = 40
# Longer words are left out of the dictionary of indexed words (SearchWord).
MAX_WORD_LENGTH = 100
# A query word of at least this many letters that no indexed word starts with
# is replaced by the most similar indexed word, if one is at least this similar
# (pg_trgm's similarity(); "delegaton" and "delegation" score 0.67).
CORRECT_MIN_LENGTH = 4
CORRECT_THRESHOLD = 0.35
MAX_TEXT_LENGTH = 100_000
RESULTS_PER_PAGE = 10
# Matches are counted up to this number ("1000+" above it) and paged through
# up to it: a common word then costs about as much as a rare one.
COUNT_LIMIT = 1000
# A rebuild of at least this many entries drops and re-creates the search
# indexes instead of updating them row by row.
# word_similarity() above which a title counts as a match next to the full-text
# matches (typos), and the lower one used when nothing else matched (spellings
# in another script: "pristina" and "Прышціне" score 0.44).
TRIGRAM_THRESHOLD = 0.5
TRIGRAM_FALLBACK_THRESHOLD = 0.4
SEARCH_WORK_MEM = "32MB"
EXCERPT_WORDS = 30
RESULT_FIELDS = ("kind", "object_id", "title", "text", "url", "date", "language")

# Words of the indexed text and of the query, folded alike (core.text.fold).
_WORD = re.compile(r"[^\W_]+")
# A word as written, apostrophes inside it included ("Ліп’ян"): for highlighting.
_WRITTEN_WORD = re.compile(r"[^\W_]+(?:['’ʼ][^\W_]+)*")


def stem(term):
    """Drop one inflected ending so that the prefix also matches other forms."""
    if len(term) >= 5 and term[-1] in "aeiou":
        return term[:-1]
    if len(term) >= 6 and term[-1] == "s":
        return term[:-1]
    return term


def _trigrams(text):
    """pg_trgm's trigrams: each word padded with two spaces before and one after."""
    grams = set()
    for word in text.split():
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def similarity(a, b):
    """pg_trgm's similarity() of two (folded) strings."""
    first, second = _trigrams(a), _trigrams(b)
    return len(first & second) / len(first | second) if first and second else 0.0


# --- The query ------------------------------------------------------------------


@dataclass(frozen=True)
class SearchTerms:
    raw: str
    terms: tuple
    truncated: bool = False

    @classmethod
    def parse(cls, raw):
        raw = str(raw or "").replace("\x00", " ")
        truncated = len(raw) > MAX_QUERY_LENGTH
        raw = raw[:MAX_QUERY_LENGTH].strip()
        terms = []
        for word in _WORD.findall(fold(raw)):
            word = word[:MAX_TERM_LENGTH]
            if word not in terms:
                terms.append(word)
        return cls(raw=raw, terms=tuple(terms[:MAX_TERMS]), truncated=truncated or len(terms) > MAX_TERMS)

    def __bool__(self):
        return bool(self.terms)

    @property
    def stems(self):
        return tuple(stem(term) for term in self.terms)

    @property
    def phrase(self):
        """The words without their endings, for trigram similarity ("prishtin" meets "pristina")."""
        return " ".join(self.stems)

    def tsquery(self):
        # Only [^\W_]+ words reach this point: nothing to escape but the quotes we add.
        return " & ".join(f"'{word}':*" for word in self.stems)

    def corrected(self, corrections):
        """These terms with some words replaced: `corrections` maps a term to (word, written form)."""
        terms = tuple(dict.fromkeys(corrections.get(term, (term,))[0] for term in self.terms))
        written = []
        for word in _WRITTEN_WORD.findall(self.raw):
            folded = " ".join(_WORD.findall(fold(word)))
            if folded in corrections:
                correction = corrections[folded][1]
                word = correction.lower() if word.islower() else correction
            written.append(word)
        return SearchTerms(raw=" ".join(written), terms=terms, truncated=self.truncated)

    def matches_word(self, folded_word):
        if any(folded_word.startswith(word) for word in self.stems):
            return True
        if len(folded_word) >= 4:
            return any(len(term) >= 4 and similarity(term, folded_word) >= 0.35 for term in self.terms)
        return False


def kinds():
    """Result types in display order: (code, plural label)."""
    return [
        ("news", _("News")),
        ("event", _("Events")),
        ("project", _("Projects")),
        ("partner", _("Partners")),
        ("page", _("Pages")),
    ]


def _needs_correction(term):
    return len(term) >= CORRECT_MIN_LENGTH and not term.isdigit()


def _unknown_terms_sql(terms, language):
    """SQL giving, for each term, NULL when an indexed word starts with it, else its most similar word."""
    parts, params = [], []
    for term, word_stem in zip(terms.terms, terms.stems, strict=True):
        parts.append(
            "CASE WHEN EXISTS (SELECT 1 FROM search_word WHERE language = %s AND word LIKE %s) THEN NULL "
            "ELSE (SELECT word FROM search_word WHERE language = %s AND word %% %s "
            "ORDER BY similarity(word, %s) DESC, entries DESC, word LIMIT 1) END"
        )
        # Terms are [^\W_]+ words: no LIKE wildcard in them.
        params += [language, f"{word_stem}%", language, term, term]
    return "SELECT " + ", ".join(parts), params


def _similar_words(terms, language):
    """{term: most similar indexed word} for the terms no indexed word starts with."""
    candidates = [term for term in terms.terms if _needs_correction(term)]
    if not candidates:
        return {}
    unknown = SearchTerms(raw="", terms=tuple(candidates))
    if use_postgres():
        sql, params = _unknown_terms_sql(unknown, language)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        return {term: word for term, word in zip(candidates, row, strict=True) if word and word != term}
    words = SearchWord.objects.filter(language=language)
    found = {}
    for term, word_stem in zip(unknown.terms, unknown.stems, strict=True):
        if words.filter(word__startswith=word_stem).exists():
            continue
        # The quick start (SQLite) has no trigram index: compare a bounded number of words in Python.
        scored = [
            (similarity(term, word), entries, word)
            for word, entries in words.filter(word__startswith=term[0]).values_list("word", "entries")[:5000]
        ]
        best = max(scored, key=lambda item: (item[0], item[1], [-ord(c) for c in item[2]]), default=None)
        if best and best[0] >= CORRECT_THRESHOLD:
            found[term] = best[2]
    return found


def is_inflection(term, word):
    """Whether the folded `term` is `word` with another ending ("kasaves" and "kasava"), not a misspelling."""
    base = stem(word)
    return len(base) >= CORRECT_MIN_LENGTH and (term.startswith(base) or word.startswith(stem(term)))


def written_form(word, texts):
    """How `word` (folded) is written in `texts`, or None."""
    for text in texts:
        for written in _WRITTEN_WORD.findall(text or ""):
            if fold(written) == word:
                return written
    return None


def spelling_corrections(terms, language, entries):
    """{term: (word, written form)} for the misspelt terms; only words that visible `entries` contain.

    Two queries at most: the similar words of every unknown term, then one
    visible entry with each (its text gives the word as written).
    """
    similar = _similar_words(terms, language)
    if not similar:
        return {}
    corrections = {}
    if use_postgres():
        parts, params = [], []
        for word in similar.values():
            lexeme = word.replace("\\", "\\\\").replace("'", "''")  # a dictionary word, quoted for tsquery
            sql, part_params = (
                entries.filter(vector=SearchQuery(f"'{lexeme}'", search_type="raw", config="simple"))
                .order_by()
                .values_list("title", "text")[:1]
                .query.sql_with_params()
            )
            # Compiled by Django with parameters.
            parts.append(f"(SELECT %s, * FROM ({sql}) AS written)")  # noqa: S608
            params += [word, *part_params]
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            texts = {word: (title, text) for word, title, text in cursor.fetchall()}
    else:
        texts = {}
        for word in similar.values():
            row = (
                entries.filter(
                    Q(title_folded__contains=word) | Q(lead_folded__contains=word) | Q(body_folded__contains=word)
                )
                .values_list("title", "text")
                .first()
            )
            if row:
                texts[word] = row
    names = None
    for term, word in similar.items():
        # The folded key is not a word to show ("rights" folds to "rihc"): no written form, no correction.
        written = written_form(word, texts[word]) if word in texts else ""
        if not written:
            # A name the entry carries without showing it in its text (a place or partner of a project,
            # indexed in this language's spelling): its written forms in every language, in the query's script.
            names = name_forms() if names is None else names
            cyrillic = bool(_CYRILLIC_LETTER.search(terms.raw))
            written = _in_script(names.get(word, ()), cyrillic, (language, settings.LANGUAGE_CODE))
        if written:
            corrections[term] = (word, written)
    return corrections


_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")


def _in_script(forms, cyrillic, preferred):
    """Of `forms` ((language, written) pairs), one in the script of the query, in a preferred language if
    there is one ("Gračanica" for a Latin query on /be/, "Graçanica" on /sq/); else any."""
    same_script = [(code, form) for code, form in forms if bool(_CYRILLIC_LETTER.search(form)) == cyrillic]
    for wanted in preferred:
        for code, form in same_script:
            if code == wanted:
                return form
    candidates = same_script or list(forms)
    return candidates[0][1] if candidates else ""


def name_forms():
    """{folded word: [(language, written form)]} of the names of places and organisations in every language.

    The correction vocabulary of a language includes the names its pages show in other scripts:
    "Mitrovca" typed on /be/ is corrected to "Mitrovica", which finds "Мітравіца". Computed once per
    site version.
    """
    return cache.get_or_set(**site_cache.fragment("search-name-forms"), default=_name_forms)


def _name_forms():
    languages = [code for code, _name in settings.LANGUAGES]
    names = [(code, f"name_{code}") for code in languages]
    rows = [(names, row) for row in Place.objects.values_list(*(field for _code, field in names))]
    acronyms = names + [(code, f"acronym_{code}") for code in languages]
    rows += [(acronyms, row) for row in Organisation.objects.values_list(*(field for _code, field in acronyms))]
    forms = {}
    for fields, row in rows:
        for (code, _field), name in zip(fields, row, strict=True):
            for written in _WRITTEN_WORD.findall(name or ""):
                key = " ".join(_WORD.findall(fold(written)))
                if key and (code, written) not in forms.setdefault(key, []):
                    forms[key].append((code, written))
    return forms


def visible_entries(language, now=None):
    now = now or timezone.now()
    return (
        SearchEntry.objects.filter(language=language, is_visible=True)
        .filter(Q(publish_at__isnull=True) | Q(publish_at__lte=now))
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
    )


def use_postgres():
    return connection.vendor == "postgresql"


def capped_counts_sql(matches, limit=None):
    """SQL counting `matches` per kind (in kinds() order), each up to ``limit + 1``."""
    limit = COUNT_LIMIT if limit is None else limit
    parts, params = [], []
    for code, _label in kinds():
        try:
            sql, part_params = matches.filter(kind=code).order_by().values("pk")[: limit + 1].query.sql_with_params()
        except EmptyResultSet:  # e.g. no similar titles at all
            parts.append("0")
            continue
        # Compiled by Django with parameters; `code` is one of kinds().
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS matches_{code})")  # noqa: S608
        params.extend(part_params)
    return "SELECT " + ", ".join(parts), params


def capped_counts(matches, limit=None):
    """Matches per kind, each counted up to ``limit + 1`` (one query).

    Every count reads at most ``limit + 1`` rows of its kind, so that a common
    word costs no more than a rare one; a count above ``limit`` is shown as
    "1000+".
    """
    sql, params = capped_counts_sql(matches, limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return {code: count for (code, _label), count in zip(kinds(), row, strict=True) if count}


class Search:
    """One search in one language: counts per kind and ranked pages.

    On PostgreSQL (call inside a transaction: the trigram threshold and
    work_mem are set for it) the matches are ranked in two tiers, so that no
    query reads every matching row:

    1. entries whose *title* matches (every word as a prefix in
       ``title_vector``; when the words give less than a page, also a
       similar title by trigrams, for typos and other scripts): the newest
       ``COUNT_LIMIT`` of them, ranked by ``ts_rank`` of the weighted text
       plus the title similarity;
    2. after them, the other entries whose text matches: again the newest
       ``COUNT_LIMIT`` of them, ranked the same way.

    So a title match always comes before a match in the text only, and when
    a word is in more than COUNT_LIMIT titles, the older ones give way to
    the newer ones (the date is also the tie-break of equal ranks).

    Counts per kind stop at ``COUNT_LIMIT`` + 1 and so do the pages, so the
    cost of a common word is bounded. When nothing matches word for word,
    titles with a similar spelling are the results (``approximate``).

    On SQLite (the quick start) every word must appear in the folded text
    (``LIKE``), title hits first; fine for small databases.
    """

    def __init__(self, terms, language, kind=""):
        self.language, self.kind = language, kind
        self.entries = visible_entries(language)
        self.approximate = False
        self.similar_titles = False  # trigram pass used (PostgreSQL)
        if use_postgres():
            _set_trigram_threshold(TRIGRAM_THRESHOLD)
        # Misspelt words are corrected before the words are looked for ("Did you mean …").
        corrections = spelling_corrections(terms, language, self.entries)
        self.original = terms
        # "Did you mean" is for misspellings: a word in another of its forms ("Kosovës" for Kosova,
        # "Mitrovicën" for Mitrovica) is looked for in the form the index has, without a notice.
        self.corrected = any(not is_inflection(term, word) for term, (word, _written) in corrections.items())
        self.terms = terms = terms.corrected(corrections) if corrections else terms
        if use_postgres():
            self.query = SearchQuery(terms.tsquery(), search_type="raw", config="simple")
            self.rank = SearchRank(F("vector"), self.query) + TrigramWordSimilarity(Value(terms.phrase), "title_folded")
            similar = len(terms.phrase) >= 4
            # Word for word first (the title is part of the weighted vector).
            self.in_title, self.in_text = Q(title_vector=self.query), Q(vector=self.query)
            self.counts = capped_counts(self.entries.filter(self.in_text))
            if sum(self.counts.values()) < RESULTS_PER_PAGE and similar:
                # Less than a page: add titles with a similar spelling (typos, other scripts).
                self.in_title |= Q(title_folded__trigram_word_similar=terms.phrase)
                self.similar_titles = True
                self.counts = capped_counts(self.entries.filter(self.in_title | self.in_text))
            if not self.counts and similar:
                _set_trigram_threshold(TRIGRAM_FALLBACK_THRESHOLD)
                self.in_title, self.in_text = Q(title_folded__trigram_word_similar=terms.phrase), None
                self.counts, self.approximate = capped_counts(self.entries.filter(self.in_title)), True
                self.similar_titles = True
        else:
            condition = Q()
            rank = Value(0)
            for word in terms.stems:
                condition &= (
                    Q(title_folded__contains=word) | Q(lead_folded__contains=word) | Q(body_folded__contains=word)
                )
                rank = rank + Case(
                    When(title_folded__contains=word, then=Value(4)),
                    When(lead_folded__contains=word, then=Value(2)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            self.rank, self.matches = rank, self.entries.filter(condition)
            self.counts = capped_counts(self.matches)
            if not self.counts and len(terms.phrase) >= 4:
                # No trigram index here: compare the titles in Python (small quick-start databases only).
                self.matches = self.entries.filter(
                    pk__in=_similar_titles(self.entries, terms, TRIGRAM_FALLBACK_THRESHOLD)
                )
                self.counts, self.approximate = capped_counts(self.matches), True

    @property
    def total(self):
        """Number of results that can be paged through (at most COUNT_LIMIT)."""
        found = self.counts.get(self.kind, 0) if self.kind else sum(self.counts.values())
        return min(found, COUNT_LIMIT)

    @property
    def capped(self):
        found = self.counts.get(self.kind, 0) if self.kind else sum(self.counts.values())
        return found > COUNT_LIMIT

    def _of_kind(self, queryset):
        return queryset.filter(kind=self.kind) if self.kind else queryset

    def _ordered(self, queryset):
        return queryset.annotate(rank=self.rank).order_by("-rank", F("date").desc(nulls_last=True), "pk")

    def _newest(self, queryset):
        """Primary keys of the newest COUNT_LIMIT entries of `queryset` (index on the date)."""
        return queryset.order_by(F("date").desc(nulls_last=True), "-pk").values("pk")[:COUNT_LIMIT]

    def title_matches(self):
        """Tier 1 (PostgreSQL): the newest COUNT_LIMIT title matches, ranked."""
        newest = self._newest(self._of_kind(self.entries.filter(self.in_title)))
        return self._ordered(SearchEntry.objects.filter(pk__in=newest))

    def text_matches(self):
        """Tier 2 (PostgreSQL): the newest COUNT_LIMIT other matches, ranked."""
        newest = self._newest(self._of_kind(self.entries.filter(self.in_text).exclude(self.in_title)))
        return self._ordered(SearchEntry.objects.filter(pk__in=newest))

    def ranked_pks(self, start, stop):
        """Primary keys of the results from `start` to `stop` (0-based), best first."""
        if not use_postgres():
            return list(self._ordered(self._of_kind(self.matches)).values_list("pk", flat=True)[start:stop])
        pks = list(self.title_matches().values_list("pk", flat=True)[start:stop])
        wanted = stop - start - len(pks)
        if wanted <= 0 or self.in_text is None:
            return pks
        in_titles = start + len(pks) if pks or start == 0 else self.title_matches().count()
        offset = max(0, start - in_titles)
        pks += self.text_matches().values_list("pk", flat=True)[offset : offset + wanted]
        return pks

    def page(self, start, stop):
        """The entries from `start` to `stop`, with only the fields a result shows."""
        pks = self.ranked_pks(start, stop)
        rows = SearchEntry.objects.only(*RESULT_FIELDS).in_bulk(pks)
        return [rows[pk] for pk in pks if pk in rows]


def word_similarity(phrase, text):
    """pg_trgm's word_similarity(): how well `phrase` matches the best stretch of `text`."""
    wanted = _trigrams(phrase)
    if not wanted:
        return 0.0
    ordered = []
    for word in text.split():
        padded = f"  {word} "
        ordered.extend(padded[i : i + 3] for i in range(len(padded) - 2))
    best = 0.0
    for start in range(len(ordered)):
        if ordered[start] not in wanted:
            continue
        found = set()
        for end in range(start, len(ordered)):
            if ordered[end] in wanted:
                found.add(ordered[end])
                extra = (end - start + 1) - len(found)
                best = max(best, len(found) / (len(wanted) + max(0, extra)))
    return best


def _similar_titles(entries, terms, threshold, limit=5000):
    candidates = entries.values_list("pk", "title_folded")[:limit]
    return [
        pk for pk, title in candidates if word_similarity(terms.phrase, " ".join(_WORD.findall(title))) >= threshold
    ]


def _set_trigram_threshold(value):
    """pg_trgm's threshold for the %> operator, for the current transaction.

    Also room for the bitmaps of common words (SEARCH_WORK_MEM), so that
    PostgreSQL does not fall back to lossy pages and re-check every row.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true), "
            "set_config('pg_trgm.similarity_threshold', %s, true), set_config('work_mem', %s, true)",
            [str(value), str(CORRECT_THRESHOLD), SEARCH_WORK_MEM],
        )


# --- Highlighting ---------------------------------------------------------------


def _pieces(text):
    """Split `text` into (is_word, piece) runs."""
    position = 0
    for match in _WRITTEN_WORD.finditer(text):
        if match.start() > position:
            yield False, text[position : match.start()]
        yield True, match.group()
        position = match.end()
    if position < len(text):
        yield False, text[position:]


def highlight(text, terms):
    """`text` escaped, with the words that match `terms` in <mark>."""
    out = []
    for is_word, piece in _pieces(str(text or "")):
        if is_word and terms.matches_word(fold(piece)):
            out.append(f"<mark>{escape(piece)}</mark>")
        else:
            out.append(escape(piece))
    return mark_safe("".join(out))  # every piece escaped above


def excerpt(text, terms, words=EXCERPT_WORDS):
    """About `words` words of `text` around the first match, highlighted and escaped."""
    pieces = list(_pieces(str(text or "")))
    word_positions = [index for index, (is_word, _piece) in enumerate(pieces) if is_word]
    if not word_positions:
        return ""
    first = next(
        (n for n, index in enumerate(word_positions) if terms.matches_word(fold(pieces[index][1]))),
        0,
    )
    start_word = max(0, first - words // 4)
    end_word = min(len(word_positions), start_word + words)
    start_word = max(0, min(start_word, end_word - words))
    start = word_positions[start_word]
    end = word_positions[end_word - 1] + 1
    out = ["… " if start_word > 0 else ""]
    for is_word, piece in pieces[start:end]:
        if is_word and terms.matches_word(fold(piece)):
            out.append(f"<mark>{escape(piece)}</mark>")
        else:
            out.append(escape(piece))
    if end_word < len(word_positions):
        out.append(" …")
    return mark_safe("".join(out))  # every piece escaped above


# --- The page -------------------------------------------------------------------
