"""Importing a WordPress export: translations joined, content mapped, old addresses kept.

The file is read twice, streaming both times (moving.wxr). The first pass keeps a few
facts per item (type, language, translation group, the attachments' texts, the menus),
so that the second can put each translation into the one Ura item of its group, find a
featured image wherever it sits in the file, and tell the language each archive is in.

Each WordPress item is written in a transaction of its own: an import that is stopped
(a worker killed, the machine restarted) keeps the items it finished, and running it
again takes up where it stopped, since an item already imported with the same values is
"unchanged". ``ImportedItem`` remembers each item's values: a field an editor changed
in Ura since the last import keeps the editor's text, and the report lists it as a
conflict. A dry run does all of this in a transaction that is rolled back, and fetches
no file.

Every item of the file is in the report: created, updated, unchanged or skipped, with
the reason.
"""

import hashlib
import posixpath
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import unquote, urlsplit

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from core import cache as site_cache
from core.images import validate_image
from core.models import LANGUAGE_CODES, SlugAlias, Status, Topic
from core.text import plain_text, slugify_any
from library.models import Image
from moving import content, php, wxr
from moving.models import ImportedItem
from news.models import NewsItem
from portal.models import MenuItem, Page, validate_menu_link
from search import indexing

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp")
SKIPPED_STATUSES = {"trash", "auto-draft", "inherit"}
DRAFT_STATUSES = {"draft", "pending", "private"}
# Types a WordPress export holds that are not content of their own.
# The reasons in the report are message ids (gettext_noop), each with its values: the admin shows
# them in the operator's language (moving.admin), the command in English.
IGNORED_TYPES = {
    "revision": gettext_noop("a revision (the current text is imported)"),
    "nav_menu_item": "",
    "wp_block": gettext_noop("a reusable block (its text is in the posts that use it)"),
    "wp_global_styles": gettext_noop("a part of the theme"),
    "wp_template": gettext_noop("a part of the theme"),
    "wp_template_part": gettext_noop("a part of the theme"),
    "wp_navigation": gettext_noop("a block-theme menu (the classic menus are imported)"),
    "custom_css": gettext_noop("a part of the theme"),
    "customize_changeset": gettext_noop("a part of the theme"),
    "oembed_cache": gettext_noop("a cached embed"),
    "user_request": gettext_noop("a privacy request"),
}
# Every so many items the search index and the site version catch up (not after each item).
FLUSH_EVERY = 200
RESIZED = re.compile(r"-\d+x\d+(?=\.\w+$)")


def ura_language(code):
    """Ura's language for a WordPress locale or language code; None for any other language."""
    code = (code or "").strip().lower().replace("-", "_")
    if code in ("be_by", "bel", "be"):
        return "be"
    if code in ("sq", "sq_al"):
        return "sq"
    if code == "en" or code.startswith("en_"):
        return "en"
    return None


def digest(value):
    return hashlib.blake2b(str(value if value is not None else "").encode(), digest_size=8).hexdigest()


def old_path(url):
    """The path (and query) of an old site's address, as SlugAlias.path stores it."""
    parts = urlsplit(url or "")
    query = dict(pair.split("=", 1) for pair in parts.query.split("&") if "=" in pair)
    for key in ("p", "page_id", "attachment_id", "cat", "tag"):
        if query.get(key, "").isdigit():
            return f"/?{key}={int(query[key])}"
    path = unquote(parts.path or "/")
    return path if path != "/" else ""


@dataclass
class Options:
    site_language: str | None = None  # a monolingual site's language when the export does not name a Ura one
    kind_map: dict = field(default_factory=dict)  # category slug -> NewsItem.Kind
    menus: tuple = ()  # nav_menu slugs that become the site's menu
    media: object = None  # moving.media.MediaSource, or None
    dry_run: bool = False
    progress: object = None  # callable(done, total)
    user: object = None
    run_id: int | None = None  # the ImportRun, when the import is one


@dataclass
class Light:
    """What the first pass keeps of an item."""

    post_type: str
    status: str
    language: str | None
    raw_language: str
    group: str
    title: str = ""
    url: str = ""
    alt: str = ""
    caption: str = ""
    parent: int = 0
    menu_order: int = 0
    menu: str = ""
    meta: dict | None = None


class Report:
    def __init__(self):
        self.items = []
        self.counts = Counter()
        self.by_type = defaultdict(Counter)
        self.conflicts = []
        self.shortcodes = Counter()
        self.unknown_languages = Counter()
        self.missing_files = []
        self.notes = []

    def add(self, wp_id, wp_type, title, outcome, reason="", language=""):
        """One item's outcome; `reason` is a message id, or (message id, {name: value}) for one with placeholders."""
        message, params = (reason, {}) if isinstance(reason, str) else reason
        self.counts[outcome] += 1
        self.by_type[wp_type][outcome] += 1
        self.items.append(
            {
                "id": wp_id,
                "type": wp_type,
                "title": (title or "")[:120],
                "language": language or "",
                "outcome": outcome,
                "reason": message,
                "params": params,
            }
        )

    def as_dict(self):
        return {
            "counts": dict(self.counts),
            "by_type": {kind: dict(counts) for kind, counts in self.by_type.items()},
            "items": self.items,
            "conflicts": self.conflicts,
            "shortcodes": dict(self.shortcodes),
            "unknown_languages": dict(self.unknown_languages),
            "missing_files": self.missing_files,
            "notes": self.notes,
        }


class Rollback(Exception):
    pass


class Importer:
    def __init__(self, open_file, options=None):
        """`open_file` returns a new binary handle on the export each time it is called (the file is read twice)."""
        self.open_file = open_file
        self.options = options or Options()
        self.report = Report()
        self.channel = None
        self.languages = {}  # Polylang language slug -> Ura language (None: not one of Ura's)
        self.light = {}  # post id -> Light
        self.terms = {}  # (taxonomy, slug) -> Term
        self.term_group = {}  # term id -> Polylang term translation group
        self.term_language = {}  # term id -> language slug
        self.group_source = {}  # translation group -> (post id, Ura language) of its original
        self.group_members = defaultdict(list)  # translation group -> post ids
        self.term_members = defaultdict(list)  # term translation group -> term ids
        self.attachment_by_url = {}
        self.images = {}  # attachment id -> Image (or None when it could not be made)
        self.documents = {}  # old URL -> new URL
        self.written = defaultdict(set)  # translation group -> languages this run wrote
        self.created_groups = set()
        self.topics = {}
        self.menu_sizes = Counter()
        self.duplicates = set()  # post ids found twice in the file (the first one is imported)
        self.seen = set()
        self.made_images = set()  # attachments whose image this run made
        self.touched = defaultdict(set)  # model -> pks saved since the last flush
        self.known = {}  # (post type, post id) -> (ImportedItem pk, object id)
        self.other_sites = False
        self.total = 0
        self.done = 0
        self.site = ""

    # --- the first pass --------------------------------------------------------

    def scan(self):
        with self.open_file() as handle:
            for record in wxr.read(handle):
                if isinstance(record, wxr.Channel):
                    self.channel = record
                    self.site = (record.base_site_url or record.link or "").rstrip("/").lower()
                elif isinstance(record, wxr.Term):
                    self.scan_term(record)
                else:
                    self.scan_item(record)
        if self.channel is None:
            raise wxr.WXRError("not_wxr", "This is not a WordPress export.")

    def scan_term(self, term):
        self.terms[(term.taxonomy, term.slug)] = term
        if term.taxonomy == "language":
            locale = ""
            try:
                described = php.loads(term.description)
                if isinstance(described, dict):
                    locale = str(described.get("locale", ""))
            except (php.PHPValueError, ValueError, IndexError):
                pass
            self.languages[term.slug] = ura_language(locale) or ura_language(term.slug)
        elif term.taxonomy == "term_translations":
            for language, term_id in php.translations(term.description).items():
                self.term_group[term_id] = term.slug
                self.term_members[term.slug].append(term_id)
                self.term_language[term_id] = language

    def item_language(self, item):
        polylang = item.terms_of("language")
        if polylang:
            slug = polylang[0][0]
            return self.languages.get(slug, ura_language(slug)), slug
        wpml = item.meta.get("_wpml_import_language_code", "")
        if wpml:
            return ura_language(wpml), wpml
        site = self.channel.language if self.channel else ""
        return self.options.site_language or ura_language(site), site

    def item_group(self, item):
        polylang = item.terms_of("post_translations")
        if polylang:
            return f"pll:{polylang[0][0]}"
        wpml = item.meta.get("_wpml_import_translation_group", "")
        if wpml:
            return f"wpml:{item.post_type}:{wpml}"
        return f"wp:{item.post_id}"

    def scan_item(self, item):
        self.total += 1
        if item.post_id in self.light:
            self.duplicates.add(item.post_id)
            return
        language, raw = self.item_language(item)
        group = self.item_group(item)
        light = Light(item.post_type, item.status, language, raw, group)
        if item.post_type == "attachment":
            light.title = item.title
            light.url = item.attachment_url or item.guid
            light.alt = item.meta.get("_wp_attachment_image_alt", "")
            light.caption = item.excerpt
            self.attachment_by_url[light.url] = item.post_id
        elif item.post_type == "nav_menu_item":
            light.title = item.title
            light.menu_order = item.menu_order
            menus = item.terms_of("nav_menu")
            light.menu = menus[0][0] if menus else ""
            self.menu_sizes[light.menu] += 1
            light.meta = {key: value for key, value in item.meta.items() if key.startswith("_menu_item_")}
        self.light[item.post_id] = light
        self.group_members[group].append(item.post_id)
        if item.post_type in ("post", "page", "attachment") and language:
            wpml_source = item.meta.get("_wpml_import_source_language_code", None)
            current = self.group_source.get(group)
            is_original = wpml_source == "" or (wpml_source is None and (current is None or item.post_id < current[0]))
            if current is None or is_original:
                self.group_source[group] = (item.post_id, language)

    # --- the second pass -------------------------------------------------------

    def run(self):
        self.scan()
        self.load_known()
        if self.options.dry_run:
            try:
                with transaction.atomic():
                    self.import_items()
                    raise Rollback
            except Rollback:
                pass
        else:
            self.import_items()
        return self.report

    def import_items(self):
        with site_cache.changes_batched(), indexing.signals_paused(), self.open_file() as handle:
            for record in wxr.read(handle):
                if isinstance(record, wxr.Item):
                    self.import_one(record)
                    self.done += 1
                    if self.done % FLUSH_EVERY == 0:
                        self.flush()
                    if self.options.progress and (self.done % 25 == 0 or self.done == self.total):
                        self.options.progress(self.done, self.total)
            self.import_menus()
            self.flush()
        self.report.notes.extend(
            {"menu": slug, "items": count, "chosen": slug in self.options.menus}
            for slug, count in sorted(self.menu_sizes.items())
        )

    def flush(self):
        """The search index of the items saved since the last flush, and a new site version."""
        for model, pks in self.touched.items():
            if pks:
                indexing.index_objects(model, sorted(pks))
        self.touched = defaultdict(set)
        site_cache.bump()

    def import_one(self, item):
        kind = item.post_type
        if item.post_id in self.seen:
            self.report.add(
                item.post_id,
                kind,
                item.title,
                "skipped",
                gettext_noop("the same ID again in the file (the first is imported)"),
            )
            return
        self.seen.add(item.post_id)
        if kind == "nav_menu_item":
            return  # import_menus(), at the end
        if kind in IGNORED_TYPES:
            self.report.add(item.post_id, kind, item.title, "skipped", IGNORED_TYPES[kind])
            return
        if kind not in ("post", "page", "attachment"):
            self.report.add(
                item.post_id,
                kind,
                item.title,
                "skipped",
                # Translators: %(type)s is a WordPress item type (revision, product, ...), as a code
                (gettext_noop("the type %(type)s is not imported"), {"type": kind}),
            )
            return
        if item.status in ("trash", "auto-draft") or (item.status == "inherit" and kind != "attachment"):
            self.report.add(
                item.post_id,
                kind,
                item.title,
                "skipped",
                # Translators: %(status)s is a WordPress status, as a code (trash, auto-draft)
                (gettext_noop("its status is %(status)s"), {"status": item.status}),
            )
            return
        light = self.light[item.post_id]
        if light.language is None:
            self.report.unknown_languages[light.raw_language] += 1
            self.report.add(
                item.post_id,
                kind,
                item.title,
                "skipped",
                (
                    # Translators: %(language)s is a WordPress language code (de, ru_RU)
                    gettext_noop("the language %(language)s is not one of the site's"),
                    {"language": light.raw_language or "-"},
                ),
            )
            return
        try:
            with transaction.atomic():
                if kind == "attachment":
                    outcome, reason = self.import_attachment(item, light)
                else:
                    outcome, reason = self.import_content(item, light)
        except (ValidationError, ValueError) as error:
            # Translators: %(error)s is the reason, e.g. an image that is too large
            outcome, reason = "skipped", (gettext_noop("refused: %(error)s"), {"error": str(error)})
        self.report.add(item.post_id, kind, item.title, outcome, reason, light.language)

    # --- mapping helpers ---------------------------------------------------------

    def load_known(self):
        """What this site's earlier imports made of its posts and pages, read once (not a query per item)."""
        self.known = {
            (wp_type, wp_id): (pk, object_id)
            for pk, wp_type, wp_id, object_id in ImportedItem.objects.filter(
                site=self.site, wp_type__in=("post", "page")
            ).values_list("pk", "wp_type", "wp_id", "object_id")
        }
        self.other_sites = ImportedItem.objects.exclude(site=self.site).exists()

    def record_for(self, wp_type, wp_id, guid=""):
        if wp_type in ("post", "page"):
            known = self.known.get((wp_type, wp_id))
            if known is not None:
                return ImportedItem.objects.get(pk=known[0])
            if not (guid and self.other_sites):
                return None
        found = ImportedItem.objects.filter(site=self.site, wp_type=wp_type, wp_id=wp_id).first()
        if found is None and guid:
            # The same item exported from the site at another address (a new domain): same ID and GUID.
            found = ImportedItem.objects.filter(wp_type=wp_type, wp_id=wp_id, guid=guid).first()
        return found

    def group_target(self, model, group, wp_type):
        """The Ura item a translation group already became (through any of its members)."""
        if not group.startswith(("pll:", "wpml:")):
            return None
        if wp_type in ("post", "page"):
            for member in self.group_members[group]:
                known = self.known.get((wp_type, member))
                if known is not None:
                    return model._base_manager.filter(pk=known[1]).first()
            return None
        members = self.group_members[group]
        content_type = ContentType.objects.get_for_model(model)
        found = (
            ImportedItem.objects.filter(site=self.site, wp_type=wp_type, wp_id__in=members, content_type=content_type)
            .values_list("object_id", flat=True)
            .first()
        )
        return model._base_manager.filter(pk=found).first() if found else None

    def apply(self, obj, record_values, new_values, created, item, language, conflicts):
        """Set each field whose imported value changed and that no editor changed since; returns what was set."""
        changed = []
        for attname, value in new_values.items():
            previous = record_values.get(attname)
            current = getattr(obj, attname)
            current = current.isoformat() if hasattr(current, "isoformat") else current
            comparable = value.isoformat() if hasattr(value, "isoformat") else value
            if created:
                setattr(obj, attname, value)
                changed.append(attname)
            elif previous is None:
                if current in (None, "") or digest(current) == digest(comparable):
                    if digest(current) != digest(comparable):
                        setattr(obj, attname, value)
                        changed.append(attname)
                else:
                    conflicts.append(attname)
                    continue
            elif digest(current) != previous:
                if digest(comparable) != previous:
                    conflicts.append(attname)
                continue  # an editor's change stays
            elif digest(comparable) != previous:
                setattr(obj, attname, value)
                changed.append(attname)
            record_values[attname] = digest(comparable)
        return changed

    def publication(self, item):
        """Status and publish time of a post or page."""
        when = None
        for raw, aware in ((item.date_gmt, True), (item.date, False)):
            if raw and not raw.startswith("0000"):
                try:
                    parsed = datetime.strptime(raw, "%Y-%m-%d %H:%M:%S")
                except ValueError:
                    continue
                when = parsed.replace(tzinfo=UTC) if aware else timezone.make_aware(parsed)
                break
        if item.status in DRAFT_STATUSES:
            return Status.DRAFT, None, when
        return Status.PUBLISHED, when or timezone.now(), when

    def slug(self, obj, language, item):
        raw = unquote(item.slug or "")
        base = slugify_any(raw) or obj.slug_for(item.title or "")
        current = getattr(obj, f"slug_{language}", "") or ""
        if current and (current == base or re.fullmatch(rf"{re.escape(base)}-\d+", current)):
            return current
        return obj.free_slug(language, base)

    # --- posts and pages ---------------------------------------------------------

    def import_content(self, item, light):
        model = NewsItem if item.post_type == "post" else Page
        language = light.language
        record = self.record_for(item.post_type, item.post_id, item.guid)
        obj = None
        if record is not None:
            obj = (
                model._base_manager.filter(pk=record.object_id).first()
                if record.content_type.model_class() is model
                else None
            )
            if obj is None:
                return "skipped", gettext_noop("deleted on this site since the last import")
        if obj is None:
            obj = self.group_target(model, light.group, item.post_type)
        created = obj is None
        if created:
            obj = model(source_language=self.group_source.get(light.group, (0, language))[1])
            if model is NewsItem:
                obj.date = timezone.now().date()
        body = content.convert(item.content, self.upload_prefixes())
        for name in body.shortcodes:
            self.report.shortcodes[name] += 1
        html = body.html
        if body.documents and self.options.media and not self.options.dry_run:
            html = content.rewrite_links(html, self.store_documents(body.documents))
        status, publish_at, when = self.publication(item)
        values = {f"title_{language}": (item.title or "").strip()[:200], f"body_{language}": html}
        excerpt = plain_text(item.excerpt).strip()
        values[f"{'lead' if model is NewsItem else 'intro'}_{language}"] = excerpt
        is_source = self.group_source.get(light.group, (item.post_id,))[0] == item.post_id
        if is_source or created:
            if status == Status.PUBLISHED and publish_at and publish_at > timezone.now():
                status = Status.SCHEDULED  # as Publishable.apply_publication_rules stores it
            values["status"] = status
            if when is not None or status == Status.DRAFT:
                values["publish_at"] = publish_at
            if model is NewsItem:
                values["date"] = (when or timezone.now()).date()
                values["kind"] = self.news_kind(item)
        record_values = dict(record.values) if record else {}
        conflicts = []
        changed = self.apply(obj, record_values, values, created, item, language, conflicts)
        slug = self.slug(obj, language, item)
        changed += self.apply(obj, record_values, {f"slug_{language}": slug}, created, item, language, conflicts)
        image = self.featured_image(item, body) if model is NewsItem else None
        self.foreign_images(item, body)
        if image is not None and (created or obj.image_id is None):
            obj.image = image
            changed.append("image")
        if changed or created:
            self.written[light.group].add(language)
            confirmed = [code for code in self.written[light.group] if code != obj.source_language]
            obj.save(confirmed_translations=confirmed)
            self.touched[model].add(obj.pk)
        if model is NewsItem:
            changed += self.set_topics(obj, item, record_values, created)
        for field_name in conflicts:
            self.report.conflicts.append({"id": item.post_id, "type": item.post_type, "field": field_name})
        self.remember(record, item, language, obj, record_values)
        self.old_addresses(item, obj, language)
        if created:
            return "created", ""
        if record is None:
            return "created", gettext_noop("joined to the item of its translations")
        if self.options.run_id and record.first_run == self.options.run_id:
            return "created", gettext_noop("in an earlier attempt of this import")
        if changed:
            # Translators: %(fields)s is a list of field names, as codes (title_en, body_be)
            return "updated", (gettext_noop("changed: %(fields)s"), {"fields": ", ".join(sorted(set(changed)))})
        if conflicts:
            return "unchanged", (
                # Translators: %(fields)s is a list of field names, as codes (title_en, body_be)
                gettext_noop("kept the editor's changes: %(fields)s"),
                {"fields": ", ".join(conflicts)},
            )
        return "unchanged", ""

    def remember(self, record, item, language, obj, values):
        content_type = ContentType.objects.get_for_model(obj)
        if record is None:
            record = ImportedItem.objects.create(
                site=self.site,
                wp_id=item.post_id,
                wp_type=item.post_type,
                guid=item.guid[:500],
                language=language,
                content_type=content_type,
                object_id=obj.pk,
                values=values,
                first_run=self.options.run_id,
            )
        elif record.values != values or record.object_id != obj.pk:
            record.values = values
            record.object_id = obj.pk
            record.content_type = content_type
            record.save(update_fields=["values", "object_id", "content_type", "imported_at"])
        self.known[(item.post_type, item.post_id)] = (record.pk, obj.pk)

    def news_kind(self, item):
        for slug, _name in item.terms_of("category"):
            if slug in self.options.kind_map:
                return self.options.kind_map[slug]
        return NewsItem.Kind.ANNOUNCEMENT

    def set_topics(self, obj, item, record_values, created):
        wanted = []
        for taxonomy in ("category", "post_tag"):
            for slug, name in item.terms_of(taxonomy):
                if taxonomy == "category" and (slug in self.options.kind_map or slug == "uncategorized"):
                    continue
                topic = self.topic(taxonomy, slug, name)
                if topic is not None:
                    wanted.append(topic.pk)
        before = set(record_values.get("topics", []))
        new = [pk for pk in wanted if pk not in before]
        record_values["topics"] = sorted(before | set(wanted))
        if new:
            obj.topics.add(*new)
            return [] if created else ["topics"]
        return []

    def topic(self, taxonomy, slug, name):
        key = (taxonomy, slug)
        if key in self.topics:
            return self.topics[key]
        term = self.terms.get(key)
        term_id = term.term_id if term else 0
        language = (
            self.languages.get(self.term_language.get(term_id, ""), None) if term_id in self.term_language else None
        )
        language = language or self.options.site_language or ura_language(self.channel.language) or "en"
        wp_type = f"term:{taxonomy}"
        record = (
            ImportedItem.objects.filter(site=self.site, wp_type=wp_type, wp_id=term_id).first() if term_id else None
        )
        topic = Topic.objects.filter(pk=record.object_id).first() if record else None
        if topic is None and term_id in self.term_group:
            group = self.term_group[term_id]
            members = self.term_members[group]
            other = ImportedItem.objects.filter(site=self.site, wp_type=wp_type, wp_id__in=members).first()
            topic = Topic.objects.filter(pk=other.object_id).first() if other else None
        if topic is None:
            topic = Topic.objects.filter(**{f"name_{language}": name}).first()
        if topic is None:
            topic = Topic()
        if not getattr(topic, f"name_{language}", ""):
            setattr(topic, f"name_{language}", name[:120])
            topic.save()
        if term_id and record is None:
            ImportedItem.objects.get_or_create(
                site=self.site,
                wp_type=wp_type,
                wp_id=term_id,
                defaults={
                    "language": language,
                    "content_type": ContentType.objects.get_for_model(Topic),
                    "object_id": topic.pk,
                },
            )
        # The archive's old addresses, in the term's language.
        base = "category" if taxonomy == "category" else "tag"
        paths = [f"/{base}/{slug}/"]
        if term_id and term_id in self.term_language:
            paths.append(f"/{self.term_language[term_id]}/{base}/{slug}/")
        if term_id and taxonomy == "category":
            paths.append(f"/?cat={term_id}")
        self.add_addresses(paths, topic, language)
        self.topics[key] = topic
        return topic

    def old_addresses(self, item, obj, language):
        key = "p" if item.post_type == "post" else "page_id"
        paths = [f"/?{key}={item.post_id}"]
        link = old_path(item.link)
        if link and link not in paths:
            paths.append(link)
        self.add_addresses(paths, obj, language)

    def add_addresses(self, paths, obj, language):
        content_type = ContentType.objects.get_for_model(obj)
        SlugAlias.objects.bulk_create(
            [
                SlugAlias(path=path[:500], content_type=content_type, object_id=obj.pk, language=language)
                for path in paths
                if path
            ],
            ignore_conflicts=True,
        )

    # --- images and files ----------------------------------------------------------

    def upload_prefixes(self):
        prefixes = []
        for base in (self.site, (self.channel.base_blog_url or "").rstrip("/").lower() if self.channel else ""):
            if base:
                prefixes.append(f"{base}/wp-content/uploads/")
        return prefixes

    def featured_image(self, item, body):
        thumbnail = item.meta.get("_thumbnail_id", "")
        if thumbnail.isdigit():
            image = self.image_for(int(thumbnail))
            if image is not None:
                return image
        for url, _alt, _caption in body.images:
            attachment = self.attachment_by_url.get(url) or self.attachment_by_url.get(RESIZED.sub("", url))
            if attachment:
                image = self.image_for(attachment)
                if image is not None:
                    return image
        return None

    def foreign_images(self, item, body):
        """Images in the text that are no attachment of the export: listed (the attachments all go to the library)."""
        for url, _alt, _caption in body.images:
            if not (self.attachment_by_url.get(url) or self.attachment_by_url.get(RESIZED.sub("", url))):
                self.report.missing_files.append(
                    {
                        "id": item.post_id,
                        "url": url,
                        "problem": gettext_noop("an image in the text that is not in the export's media"),
                    }
                )

    def image_for(self, attachment_id):
        """The library image an attachment became (made now if need be), or None."""
        if attachment_id in self.images:
            return self.images[attachment_id]
        light = self.light.get(attachment_id)
        image = None
        if light is not None and light.post_type == "attachment" and self.options.media:
            record = self.record_for("attachment", attachment_id)
            if record is not None:
                image = Image.objects.filter(pk=record.object_id).first()
            if image is None:
                image = self.group_target(Image, light.group, "attachment") if light.group.startswith("pll:") else None
            if image is None and light.url.lower().endswith(IMAGE_EXTENSIONS) and not self.options.dry_run:
                data, problem = self.options.media.fetch(light.url)
                if data is None:
                    self.report.missing_files.append({"id": attachment_id, "url": light.url, "problem": problem})
                else:
                    upload = ContentFile(data, name=posixpath.basename(urlsplit(light.url).path) or "image")
                    validate_image(upload)
                    image = Image(file=upload, uploaded_by=self.options.user)
            if image is not None:
                if image.pk is None:
                    self.made_images.add(attachment_id)
                self.image_texts(image, attachment_id, light)
        self.images[attachment_id] = image
        return image

    def image_texts(self, image, attachment_id, light):
        """Alternative text and caption of each language of the attachment's group."""
        members = [(attachment_id, light)]
        if light.group.startswith("pll:"):
            members = [(pid, self.light[pid]) for pid in self.group_members[light.group]]
        for _pid, member in members:
            if member.language:
                for field_name, value in (("alt_text", member.alt), ("caption", plain_text(member.caption))):
                    if value and not getattr(image, f"{field_name}_{member.language}", ""):
                        setattr(image, f"{field_name}_{member.language}", value[:300])
        image.save()
        content_type = ContentType.objects.get_for_model(Image)
        for pid, member in members:
            ImportedItem.objects.get_or_create(
                site=self.site,
                wp_type="attachment",
                wp_id=pid,
                defaults={"language": member.language or "", "content_type": content_type, "object_id": image.pk},
            )

    def import_attachment(self, item, light):
        if not self.options.media:
            return "skipped", gettext_noop("no source for the files was given")
        url = light.url.lower()
        if url.endswith(IMAGE_EXTENSIONS):
            known = self.record_for("attachment", item.post_id) is not None and item.post_id not in self.made_images
            if self.options.dry_run:
                return "created" if not known else "unchanged", gettext_noop(
                    "an image (the file is fetched by the import)"
                )
            image = self.image_for(item.post_id)
            if image is None:
                return "skipped", gettext_noop("file not found")
            link = old_path(item.link)
            self.add_addresses([f"/?attachment_id={item.post_id}", link], image, light.language)
            return ("unchanged", "") if known else ("created", gettext_noop("an image in the library"))
        if url.endswith(content.DOCUMENT_EXTENSIONS):
            if self.options.dry_run:
                return "created", gettext_noop("a document (the file is fetched by the import)")
            stored = self.store_documents([light.url])
            if light.url not in stored:
                return "skipped", gettext_noop("file not found")
            return "created", gettext_noop("a document, stored")
        return "skipped", gettext_noop("a kind of file the site does not keep")

    def store_documents(self, urls):
        """Old links to files of the uploads, stored once under documents/imported/; {old: new}."""
        replacements = {}
        for url in urls:
            if url in self.documents:
                if self.documents[url]:
                    replacements[url] = self.documents[url]
                continue
            path = urlsplit(url).path
            tail = path.split("/uploads/", 1)[-1].lstrip("/")
            name = "documents/imported/" + "/".join(slugify_any(part, 100) or "file" for part in tail.split("/")[:-1])
            filename = posixpath.basename(tail)
            stem, dot, extension = filename.rpartition(".")
            target = f"{name}/{slugify_any(stem, 100) or 'document'}.{extension.lower()}".replace("//", "/")
            if not default_storage.exists(target):
                data, problem = self.options.media.fetch(url)
                if data is None:
                    self.report.missing_files.append({"url": url, "problem": problem})
                    self.documents[url] = ""
                    continue
                target = default_storage.save(target, ContentFile(data))
            self.documents[url] = default_storage.url(target)
            replacements[url] = self.documents[url]
        return replacements

    # --- menus -------------------------------------------------------------------------

    def import_menus(self):
        order = 0
        menu_items = sorted(
            ((pid, light) for pid, light in self.light.items() if light.post_type == "nav_menu_item"),
            key=lambda pair: (pair[1].menu, pair[1].menu_order, pair[0]),
        )
        seen_pages = {}
        for pid, light in menu_items:
            order += 1
            if light.menu not in self.options.menus:
                self.report.add(
                    pid,
                    "nav_menu_item",
                    light.title,
                    "skipped",
                    # Translators: %(menu)s is a WordPress menu's slug
                    (gettext_noop("the menu %(menu)s was not chosen"), {"menu": light.menu or "-"}),
                )
                continue
            outcome, reason = self.import_menu_item(pid, light, order, seen_pages)
            self.report.add(pid, "nav_menu_item", light.title, outcome, reason, light.language or "")

    def import_menu_item(self, pid, light, order, seen_pages):
        meta = light.meta or {}
        kind = meta.get("_menu_item_type", "")
        record = self.record_for("nav_menu_item", pid)
        if record is not None:
            return "unchanged", ""
        with transaction.atomic():
            if kind == "post_type" and meta.get("_menu_item_object") == "page":
                target = self.record_for("page", int(meta.get("_menu_item_object_id") or 0))
                if target is None:
                    return "skipped", gettext_noop("its page was not imported")
                if target.object_id in seen_pages:
                    menu_item = seen_pages[target.object_id]
                    outcome = "unchanged"
                else:
                    menu_item = MenuItem(page_id=target.object_id, order=order)
                    outcome = "created"
                language = self.light.get(int(meta.get("_menu_item_object_id") or 0))
                if light.title and language and language.language:
                    setattr(menu_item, f"label_{language.language}", light.title[:60])
                menu_item.save()
                seen_pages[target.object_id] = menu_item
            elif kind == "custom":
                url = meta.get("_menu_item_url", "")
                if self.site and url.lower().startswith(self.site):
                    return "skipped", gettext_noop("a link into the old site")
                try:
                    validate_menu_link(url)
                except ValidationError:
                    return "skipped", gettext_noop("not a link the menu can hold")
                menu_item = MenuItem(url=url[:300], order=order, label=(light.title or url)[:60])
                menu_item.save()
                outcome = "created"
            else:
                return "skipped", (
                    # Translators: %(kind)s is a WordPress menu entry kind, as a code (category, custom)
                    gettext_noop("a menu entry of the kind %(kind)s (not kept)"),
                    {"kind": meta.get("_menu_item_object") or kind},
                )
            ImportedItem.objects.create(
                site=self.site,
                wp_id=pid,
                wp_type="nav_menu_item",
                content_type=ContentType.objects.get_for_model(MenuItem),
                object_id=menu_item.pk,
            )
        return outcome, ""


def languages_written(report):
    return sorted({item["language"] for item in report.items if item["language"]} & set(LANGUAGE_CODES))
