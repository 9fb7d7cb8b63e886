"""The translation memory: pairs of segments learnt from every translated item, and matches for a new segment.

- `learn(obj)` replaces what the memory holds from one item: for each
  translated text field and each pair of languages the item has it in, the
  field is aligned block by block when both languages have the same number
  of blocks (translating.segments.blocks), and sentence by sentence inside a
  pair of blocks with the same number of sentences; a field whose blocks do
  not line up is one pair (when short enough to be one segment).
- `matches(text, source, target)` gives the best pairs for `text`, each
  with a score in percent (difflib's ratio of the normalised sources). On
  PostgreSQL the candidates come from a word index (rows sharing two of the
  segment's longest words) or, for a short segment, a trigram index (pg_trgm)
  on the normalised source; on SQLite (the quick start) from a bounded scan.
"""

import difflib
import itertools
import re

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

from core import i18n
from core.text import plain_text
from translating.models import MemorySegment, text_hash
from translating.segments import blocks, sentences

# A field whose blocks do not line up is kept whole only up to this length (longer is no use as one match).
WHOLE_FIELD_LIMIT = 1000
# PostgreSQL: trigram candidates read per lookup; SQLite: rows compared at most.
CANDIDATES = 30
SCAN_LIMIT = 5000
MAX_QUERY_LENGTH = 2000


def plain_segment(html):
    """A segment as the memory keeps it: plain text (inline markup out, spaces collapsed)."""
    return plain_text(html)


def aligned_pairs(source_html, target_html):
    """[(source segment, target segment)] of one field in two languages, aligned by block, then by sentence."""
    source_blocks, target_blocks = blocks(source_html), blocks(target_html)
    if not source_blocks or not target_blocks:
        return []
    pairs = []
    if len(source_blocks) == len(target_blocks):
        for source_block, target_block in zip(source_blocks, target_blocks, strict=True):
            source, target = plain_segment(source_block), plain_segment(target_block)
            if source and target:
                pairs.append((source, target))
            source_sentences, target_sentences = sentences(source), sentences(target)
            if len(source_sentences) > 1 and len(source_sentences) == len(target_sentences):
                pairs.extend(zip(source_sentences, target_sentences, strict=True))
    else:
        source, target = plain_segment(source_html), plain_segment(target_html)
        if source and target and len(source) <= WHOLE_FIELD_LIMIT:
            pairs.append((source, target))
    return pairs


def segments_of(obj):
    """Unsaved MemorySegment rows for every aligned pair of `obj`, in every ordered pair of its languages."""
    model = type(obj)
    content_type = ContentType.objects.get_for_model(model)
    rows, seen = [], set()
    for field in i18n.content_fields(model):
        values = {code: getattr(obj, i18n.localized(field, code), None) or "" for code in i18n.LANGUAGE_CODES}
        for source_language, target_language in itertools.permutations(i18n.LANGUAGE_CODES, 2):
            if not values[source_language].strip() or not values[target_language].strip():
                continue
            for source, target in aligned_pairs(values[source_language], values[target_language]):
                key = (source_language, target_language, source, target)
                if key in seen:
                    continue
                seen.add(key)
                rows.append(
                    MemorySegment(
                        source_language=source_language,
                        target_language=target_language,
                        source_text=source,
                        target_text=target,
                        content_type=content_type,
                        object_id=str(obj.pk),
                        field=field,
                    ).prepare()
                )
    return rows


def learn(obj):
    """Record the aligned pairs of one saved translated item (replacing what was learnt from it before)."""
    if obj is None or obj.pk is None or not i18n.is_translatable(obj):
        return 0
    rows = segments_of(obj)
    content_type = ContentType.objects.get_for_model(type(obj))
    with transaction.atomic():
        MemorySegment.objects.filter(content_type=content_type, object_id=str(obj.pk)).delete()
        MemorySegment.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def forget_key(model, pk):
    """Take out what the memory learnt from a deleted item."""
    content_type = ContentType.objects.get_for_model(model)
    MemorySegment.objects.filter(content_type=content_type, object_id=str(pk)).delete()


def score(a, b):
    """The similarity of two normalised segments in percent."""
    if a == b:
        return 100
    return int(difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio() * 100)


def trigram_threshold(threshold):
    """pg_trgm's similarity threshold for candidates of a difflib score of `threshold` percent.

    Trigram similarity falls faster than difflib's ratio (a changed word changes three trigrams or
    more), so the candidates' threshold is lower than the score's; difflib decides.
    """
    return round(max(0.1, min(0.9, threshold / 100 - 0.25)), 2)


_WORD = re.compile(r"\w+")
# A key with this many words of MIN_WORD letters or more is looked up by its words; a shorter one by trigrams.
MIN_WORD, KEY_WORDS, WORD_LOOKUP_MIN = 4, 5, 3


def key_words(key):
    """The longest words of a key (at most KEY_WORDS, longest first): a match keeps two of them at least."""
    words = sorted({word for word in _WORD.findall(key) if len(word) >= MIN_WORD}, key=lambda word: (-len(word), word))
    return words[:KEY_WORDS]


def words_query(words):
    """A tsquery (text) for rows with two of `words` at least: ('a' & 'b') | ('a' & 'c') | …"""
    return " | ".join(f"('{a}' & '{b}')" for a, b in itertools.combinations(words, 2))


_LATERAL = (
    "SELECT query.number, match.source_text, match.target_text, match.normalised "
    "FROM unnest(%s::text[], %s::text[], %s::text[]) WITH ORDINALITY AS query(key, hash, words, number) "
    "CROSS JOIN LATERAL (SELECT source_text, target_text, normalised FROM translating_memorysegment "
    "WHERE source_language = %s AND target_language = %s AND (source_hash = query.hash OR {condition}) "
    "ORDER BY similarity(normalised, query.key) DESC, updated DESC LIMIT %s) AS match"
)
BY_WORDS = _LATERAL.format(condition="to_tsvector('simple', normalised) @@ to_tsquery('simple', query.words)")
BY_TRIGRAMS = _LATERAL.format(condition="normalised %% query.key")


def _candidates_many(keys, source_language, target_language, threshold):
    """For each normalised key, the rows of the language pair that may reach `threshold`: [(source, target, key)].

    PostgreSQL: the same source (its hash), and rows that share two of the key's five longest words (a
    word index, translating migration 0002) or, for a key with fewer long words, rows with similar
    trigrams (pg_trgm's `%` through the trigram index, at `trigram_threshold`); the most similar first,
    one query for every key of each kind. SQLite: a bounded scan.
    """
    if connection.vendor != "postgresql":
        return _scan(keys, source_language, target_language, threshold)
    found = [[] for _key in keys]
    by_words, by_trigrams = [], []
    for number, key in enumerate(keys):
        words = key_words(key)
        (by_words if len(words) >= WORD_LOOKUP_MIN else by_trigrams).append((number, key, words_query(words)))
    with transaction.atomic(), connection.cursor() as cursor:
        for sql, batch in ((BY_WORDS, by_words), (BY_TRIGRAMS, by_trigrams)):
            if not batch:
                continue
            if sql is BY_TRIGRAMS:
                # pg_trgm's threshold for `%`, for this transaction only: the index gives fewer candidates.
                cursor.execute(
                    "SELECT set_config('pg_trgm.similarity_threshold', %s, true)",
                    [str(trigram_threshold(threshold))],
                )
            cursor.execute(
                sql,
                [
                    [key for _number, key, _words in batch],
                    [text_hash(key) for _number, key, _words in batch],
                    [words for _number, _key, words in batch],
                    source_language,
                    target_language,
                    CANDIDATES,
                ],
            )
            for position, *row in cursor.fetchall():
                found[batch[position - 1][0]].append(tuple(row))
    return found


def _scan(keys, source_language, target_language, threshold):
    """SQLite: the same source, and a bounded scan (the newest SCAN_LIMIT rows, read once for every key)
    of rows of a comparable length whose quick ratios may reach `threshold`."""
    rows = list(
        MemorySegment.objects.filter(source_language=source_language, target_language=target_language)
        .order_by("-updated")
        .values_list("source_text", "target_text", "normalised")[:SCAN_LIMIT]
    )
    hashes = {text_hash(key) for key in keys}
    exact = MemorySegment.objects.filter(
        source_language=source_language, target_language=target_language, source_hash__in=hashes
    ).values_list("source_text", "target_text", "normalised")
    exact_by_key = {}
    for row in exact:
        exact_by_key.setdefault(row[2], []).append(row)
    matcher = difflib.SequenceMatcher(autojunk=False)
    found = []
    for key in keys:
        low, high = int(len(key) * threshold / 200), int(len(key) * 200 / max(threshold, 1)) + 1
        matcher.set_seq2(key)
        candidates = list(exact_by_key.get(key, []))
        for row in rows:
            if not low <= len(row[2]) <= high:
                continue
            matcher.set_seq1(row[2])
            if matcher.real_quick_ratio() * 100 >= threshold and matcher.quick_ratio() * 100 >= threshold:
                candidates.append(row)
        found.append(candidates)
    return found


def _best(key, plain, candidates, limit, threshold):
    scored = {}
    for source, target, normalised in candidates:
        value = score(key, normalised)
        if value == 100 and source != plain:
            value = 99  # the same words, but for case or spaces
        if value >= threshold and value > scored.get((source, target), -1):
            scored[(source, target)] = value
    best = sorted(scored.items(), key=lambda item: (-item[1], len(item[0][0]), item[0]))
    found, targets = [], set()
    for (source, target), value in best:
        if target in targets:
            continue
        targets.add(target)
        found.append({"source": source, "target": target, "score": value})
        if len(found) == limit:
            break
    return found


def matches_many(texts, source_language, target_language, *, limit=3, threshold=70):
    """`matches` for several texts at once (one query on PostgreSQL): a list of match lists, in order."""
    plains = [plain_text(text) for text in texts]
    keys = [plain.lower()[:MAX_QUERY_LENGTH] for plain in plains]
    if source_language == target_language:
        return [[] for _key in keys]
    wanted = [key for key in dict.fromkeys(keys) if key]
    candidates = dict(zip(wanted, _candidates_many(wanted, source_language, target_language, threshold), strict=True))
    return [
        _best(key, plain, candidates[key], limit, threshold) if key else []
        for key, plain in zip(keys, plains, strict=True)
    ]


def matches(text, source_language, target_language, *, limit=3, threshold=70):
    """The best pairs of the memory for `text`: [{"source", "target", "score"}], best first, score ≥ threshold.

    `text` may be rich text (its markup is not compared). The score is difflib's ratio of the normalised
    sources in percent (100: the same source, but for case and spaces). A target found for several sources
    counts once, with its best score.
    """
    return matches_many([text], source_language, target_language, limit=limit, threshold=threshold)[0]


def translated_models():
    """Every model modeltranslation translates (the memory is built from all of them)."""
    from django.apps import apps

    return [model for model in apps.get_models() if i18n.content_fields(model)]


def rebuild(models=None, batch=200):
    """Learn every item of every translated model again (the memory's first build); returns the segments kept."""
    total = 0
    for model in models or translated_models():
        for obj in model._base_manager.order_by("pk").iterator(chunk_size=batch):
            total += learn(obj)
    return total
