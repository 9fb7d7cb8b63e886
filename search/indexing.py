"""Keeping the search index current: one SearchEntry per item and language.

Each app says what the search finds of its items in its ``search_text.py``
(a kind, a model, the prefetches and a ``texts(obj, language)`` function),
found in every installed app when the search app is ready (as
``admin.autodiscover`` finds ``admin.py``): a new content type needs no edit
here. This module turns that into index rows, whether the
item is visible by the one publication rule (``is_released`` and the publish
time, see core.models), keeps them current through signals (connected in
``SearchConfig.ready``) and rebuilds the whole index in bulk.
"""

import io
import threading
from contextlib import contextmanager
from importlib import import_module

from django.apps import apps
from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.utils.module_loading import module_has_submodule

from core.i18n import available_languages, url_in
from core.models import LANGUAGE_CODES
from core.text import fold_all
from news.models import NewsItem
from projects.models import Project
from search.models import SearchEntry, SearchWord
from search.query import _WORD, MAX_TEXT_LENGTH, MAX_WORD_LENGTH, use_postgres

BULK_REINDEX_ROWS = 20_000

SEARCH_TEXT_MODULE = "search_text"
# (kind, model, texts function, prefetches) for everything the search covers (SearchConfig.ready()).
SOURCES = []


def discover_sources():
    """The `search_text` module of every installed app that has one, as sources."""
    found = []
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, SEARCH_TEXT_MODULE):
            module = import_module(f"{config.name}.{SEARCH_TEXT_MODULE}")
            found.append((module.KIND, module.MODEL, module.texts, module.PREFETCH))
    return found


def sources():
    return SOURCES


def _source_for(model):
    for source in sources():
        if source[1] is model:
            return source
    return None


def entries_for(obj, kind, texts):
    """Unsaved SearchEntry rows of `obj`, one per language it exists in.

    The item's languages and addresses are read in one call each, and its texts folded in one.
    """
    visible = obj.is_released
    publish_at = getattr(obj, "publish_at", None)  # organisations have no publish time
    expire_at = getattr(obj, "expire_at", None)
    languages = available_languages(obj)
    if not languages:
        return []
    urls = obj.get_absolute_urls() if hasattr(obj, "get_absolute_urls") else {}
    parts = []
    for code in languages:
        data = texts(obj, code)
        lead = data["lead"][:MAX_TEXT_LENGTH]
        body = data["body"][:MAX_TEXT_LENGTH]
        # Names of places and organisations are found, but not shown in excerpts.
        extra = " ".join(name for name in data.get("extra", []) if name)
        parts.append((code, data, lead, body, f"{body} {extra}" if extra else body))
    folded = fold_all([text for _code, data, lead, _body, found in parts for text in (data["title"], lead, found)])
    rows = []
    for index, (code, data, lead, body, _found) in enumerate(parts):
        title_folded, lead_folded, body_folded = folded[3 * index : 3 * index + 3]
        url = urls.get(code) or url_in(obj, code)
        rows.append(
            SearchEntry(
                language=code,
                kind=kind,
                object_id=obj.pk,
                title=data["title"][:300],
                text=" ".join(part for part in (lead, body) if part),
                url=url[:300],
                date=data["date"],
                is_visible=visible,
                publish_at=publish_at,
                expire_at=expire_at,
                title_folded=title_folded[:300],
                lead_folded=lead_folded,
                body_folded=body_folded,
            )
        )
    return rows


def update_vectors(queryset, postgres=None):
    """Compute the weighted tsvector of the given entries (PostgreSQL only; `postgres`: use_postgres(), when known)."""
    if use_postgres() if postgres is None else postgres:
        queryset.update(
            vector=SearchVector("title_folded", weight="A", config="simple")
            + SearchVector("lead_folded", weight="B", config="simple")
            + SearchVector("body_folded", weight="C", config="simple"),
            title_vector=SearchVector("title_folded", config="simple"),
        )


def index_objects(model, pks):
    """Re-index the `model` objects with these primary keys (missing ones are dropped)."""
    source = _source_for(model)
    if source is None or not pks:
        return
    kind, model, build, prefetch = source
    pks = list(pks)
    with transaction.atomic():
        SearchEntry.objects.filter(kind=kind, object_id__in=pks).delete()
        rows = []
        for obj in model._base_manager.filter(pk__in=pks).prefetch_related(*prefetch):
            rows.extend(entries_for(obj, kind, build))
        SearchEntry.objects.bulk_create(rows)
        postgres = use_postgres()
        update_vectors(SearchEntry.objects.filter(kind=kind, object_id__in=pks), postgres)
        add_words(kind, pks, rows, postgres)


def add_words(kind, pks, rows, postgres=None):
    """Put the words of these entries in the dictionary (SearchWord) when they are new.

    Words of changed or deleted texts stay until the next rebuild: a
    correction to such a word finds nothing and is not offered.
    """
    if use_postgres() if postgres is None else postgres:
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO search_word (language, word, entries) "
                "SELECT DISTINCT language, word, 1 FROM portal_searchentry, "
                "unnest(tsvector_to_array(vector)) AS word "
                "WHERE kind = %s AND object_id = ANY(%s) AND length(word) <= %s "
                "ON CONFLICT (language, word) DO NOTHING",
                [kind, list(pks), MAX_WORD_LENGTH],
            )
        return
    SearchWord.objects.bulk_create(_word_rows(rows), ignore_conflicts=True)


def _word_rows(rows):
    """Unsaved SearchWord rows of the words of unsaved SearchEntry rows (no PostgreSQL)."""
    words = {}
    for row in rows:
        for word in _WORD.findall(f"{row.title_folded} {row.lead_folded} {row.body_folded}"):
            if len(word) <= MAX_WORD_LENGTH:
                words[row.language, word] = words.get((row.language, word), 0) + 1
    return [SearchWord(language=language, word=word, entries=count) for (language, word), count in words.items()]


# Columns that rebuild() copies; the vectors are computed from the folded ones.
_COPY_COLUMNS = (
    "language",
    "kind",
    "object_id",
    "title",
    "text",
    "url",
    "date",
    "is_visible",
    "publish_at",
    "expire_at",
    "title_folded",
    "lead_folded",
    "body_folded",
)
_VECTORS_SQL = (
    "setweight(to_tsvector('simple', title_folded), 'A')"
    " || setweight(to_tsvector('simple', lead_folded), 'B')"
    " || setweight(to_tsvector('simple', body_folded), 'C')",
    "to_tsvector('simple', title_folded)",
)


def _copy_value(value):
    """One field in PostgreSQL's COPY text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _copy_rows(cursor, table, rows):
    """COPY unsaved SearchEntry rows into `table` (psycopg 2 or 3)."""
    data = "".join("\t".join(_copy_value(getattr(row, column)) for column in _COPY_COLUMNS) + "\n" for row in rows)
    statement = f"COPY {table} ({', '.join(_COPY_COLUMNS)}) FROM STDIN"
    raw = cursor.cursor
    if hasattr(raw, "copy_expert"):  # psycopg2
        raw.copy_expert(statement, io.StringIO(data))
    else:  # psycopg 3
        with raw.copy(statement) as copy:
            copy.write(data)


def _search_indexes(cursor):
    """(name, CREATE INDEX statement) of the search indexes made by the migrations.

    Not the primary key nor the unique constraint (they stay).
    """
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
        "AND tablename = 'portal_searchentry' AND indexname <> ALL(%s) ORDER BY indexname",
        [["portal_searchentry_pkey", "searchentry_unique_item_language"]],
    )
    return cursor.fetchall()


def _entry_batches(batch_size, kinds_only):
    """(kind, list of unsaved SearchEntry) batches of everything to index."""
    for kind, model, build, prefetch in sources():
        if kinds_only and kind not in kinds_only:
            continue
        rows = []
        for obj in model._base_manager.order_by("pk").prefetch_related(*prefetch).iterator(chunk_size=batch_size):
            rows.extend(entries_for(obj, kind, build))
            if len(rows) >= batch_size:
                yield kind, rows
                rows = []
        yield kind, rows


def rebuild(stdout=None, batch_size=2000, kinds_only=None):
    """Rebuild the whole index (or only some kinds) in bulk. Returns the number of entries.

    On PostgreSQL the entries are copied (COPY) into a temporary table and
    moved in with one INSERT ... SELECT that computes the vectors and writes
    the rows in the order searches read them (language, newest first); the
    statistics are refreshed afterwards (VACUUM ANALYZE outside a transaction).
    Searches see the old index until the new one is committed.
    """
    kinds_done = [kind for kind, *_rest in sources() if not kinds_only or kind in kinds_only]
    total = 0
    if not use_postgres():
        with transaction.atomic():
            SearchEntry.objects.filter(kind__in=kinds_done).delete()
            for _kind, rows in _entry_batches(batch_size, kinds_only):
                SearchEntry.objects.bulk_create(rows)
                total += len(rows)
            SearchWord.objects.all().delete()
            for entries in _all_entries(batch_size):
                SearchWord.objects.bulk_create(_word_rows(entries), ignore_conflicts=True)
    else:
        columns = ", ".join(_COPY_COLUMNS)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS search_rebuild")
            cursor.execute(
                "CREATE TEMPORARY TABLE search_rebuild ON COMMIT DROP AS "  # noqa: S608 - constant column names
                f"SELECT {columns} FROM portal_searchentry WITH NO DATA"
            )
            for _kind, rows in _entry_batches(batch_size, kinds_only):
                _copy_rows(cursor, "search_rebuild", rows)
                total += len(rows)
            # Many rows: building the search indexes afresh is much faster than
            # updating them row by row (searches wait for the commit meanwhile).
            indexes = _search_indexes(cursor) if total >= BULK_REINDEX_ROWS else []
            for name, _definition in indexes:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
            cursor.execute("DELETE FROM portal_searchentry WHERE kind = ANY(%s)", [kinds_done])
            cursor.execute(
                f"INSERT INTO portal_searchentry ({columns}, vector, title_vector) "  # noqa: S608 - constants
                f"SELECT {columns}, {_VECTORS_SQL[0]}, {_VECTORS_SQL[1]} FROM search_rebuild "
                "ORDER BY language, date DESC NULLS LAST, kind, object_id DESC"
            )
            cursor.execute("DROP TABLE search_rebuild")
            if indexes:
                cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for _name, definition in indexes:
                cursor.execute(definition)
            _recount_words(cursor)
        with connection.cursor() as cursor:
            for table in ("portal_searchentry", "search_word"):
                cursor.execute(f"ANALYZE {table}" if connection.in_atomic_block else f"VACUUM ANALYZE {table}")
    if stdout:
        for kind in kinds_done:
            stdout.write(f"{kind}: {SearchEntry.objects.filter(kind=kind).count()} entries")
    return total


def _all_entries(batch_size):
    """Every SearchEntry (only the folded texts), in batches."""
    batch = []
    fields = ("language", "title_folded", "lead_folded", "body_folded")
    for entry in SearchEntry.objects.only(*fields).order_by("pk").iterator(chunk_size=batch_size):
        batch.append(entry)
        if len(batch) >= batch_size:
            yield batch
            batch = []
    yield batch


def _recount_words(cursor):
    """The dictionary afresh from the vectors (PostgreSQL's ts_stat), with the number of entries of each word."""
    cursor.execute("DELETE FROM search_word")
    for code in LANGUAGE_CODES:
        # ts_stat takes the query as text; `code` is one of settings.LANGUAGES.
        inner = f"SELECT vector FROM portal_searchentry WHERE language = '{code}'"  # noqa: S608
        cursor.execute(
            "INSERT INTO search_word (language, word, entries) "
            "SELECT %s, word, ndoc FROM ts_stat(%s) WHERE length(word) <= %s",
            [code, inner, MAX_WORD_LENGTH],
        )


# --- Signals: keep the index current --------------------------------------------

_state = threading.local()


@contextmanager
def signals_paused():
    """Skip per-object index updates (bulk loads rebuild the index afterwards)."""
    previous = getattr(_state, "paused", False)
    _state.paused = True
    try:
        yield
    finally:
        _state.paused = previous


def _paused():
    return getattr(_state, "paused", False)


def on_save(sender, instance, raw=False, **kwargs):
    """post_save of an indexed model: re-index the item."""
    if raw or _paused():
        return
    index_objects(sender, [instance.pk])


def on_organisation_saved(sender, instance, raw=False, **kwargs):
    """post_save of an organisation: its names are part of the news and project texts."""
    if raw or _paused():
        return
    index_objects(NewsItem, list(instance.news.values_list("pk", flat=True)))
    index_objects(
        Project,
        list(
            Project._base_manager.filter(partner_roles__organisation=instance).values_list("pk", flat=True).distinct()
        ),
    )


def on_delete(sender, instance, **kwargs):
    if _paused():
        return
    source = _source_for(sender)
    if source:
        SearchEntry.objects.filter(kind=source[0], object_id=instance.pk).delete()


def on_m2m_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """Links between news and organisations, projects and places: re-index both sides."""
    if action not in ("post_add", "post_remove", "post_clear") or _paused():
        return
    if not reverse:
        index_objects(type(instance), [instance.pk])
    elif pk_set:
        index_objects(model, pk_set)


def on_partner_role_changed(sender, instance, raw=False, **kwargs):
    """A project's partner roles are part of its text."""
    if not raw and not _paused():
        index_objects(Project, [instance.project_id])
