"""The public site as static files: every page an anonymous reader can reach, with relative links.

The builder walks the site from the home pages and the sitemaps, rendering each address in
this process through Django's test client (no network), and writes each answer under DEST:
an HTML page at ``<path>/index.html``, anything else at its own path. Every reference to
this site in a page (``href``, ``src``, ``srcset``, ``action``, CSS ``url()``) becomes a
link relative to the page, so the copy works on any host under any path prefix; only the
canonical link and feeds' self links keep the main address, and forms that need the server
(newsletter, filters) send readers to the main site. A file is written only when its
content changed, so a rebuild after a small change writes little.

Links are rewritten only once every address's file name is known, so the answers wait in a
staging folder under DEST (``.snapshot-staging``, never served or sent, removed at the end)
and the links each page makes go to the manifest as they are found: the builder keeps
names, not bodies, and its memory does not grow with the pages' contents.
"""

import hashlib
import posixpath
import re
import shutil
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import translation

from mirror.destinations import rewrite_sitemap_addresses
from mirror.manifest import Manifest
from portal import latin

# Addresses the snapshot leaves to the main site: forms and per-reader pages.
DYNAMIC_PREFIXES = ("/admin/", "/language/", "/healthz", "/readyz", "/livez", "/mail-events/", "/rosetta/")
DYNAMIC_PARTS = ("/search/",)
# Query strings the snapshot follows: list pages, and the filtered lists and feeds that pages
# link to (by kind, year, topic, project, partner, country), the sitemaps' later files (?p=N); the filter
# forms stay on the main site.
FOLLOWED_QUERY_KEYS = {"page", "part", "p", "kind", "year", "topic", "project", "partner", "country", "when"}
ATTRIBUTE = re.compile(r'(?P<pre>\s(?:href|src|action|poster|data-src)=)(?P<q>["\'])(?P<url>[^"\']*)(?P=q)', re.I)
SRCSET = re.compile(r'(?P<pre>\ssrcset=)(?P<q>["\'])(?P<url>[^"\']*)(?P=q)', re.I)
CSS_URL = re.compile(r"url\((?P<q>['\"]?)(?P<url>[^'\")]+)(?P=q)\)")
SITEMAP_LOC = re.compile(r"<loc>([^<]+)</loc>")
CSRF_INPUT = re.compile(r'<input[^>]*name=["\']csrfmiddlewaretoken["\'][^>]*>', re.I)
OPENSEARCH = re.compile(r"<link[^>]*application/opensearchdescription\+xml[^>]*>\n?", re.I)
STAGING = ".snapshot-staging"  # the answers before their links are rewritten (under DEST, never served)
SEARCH_PAGE = "snapshot-search/index.html"
MIRRORS_PAGE = "mirrors/index.html"
CANONICAL = re.compile(r'<link[^>]*rel=["\']canonical["\'][^>]*>', re.I)


@dataclass
class Result:
    rendered: int = 0  # addresses asked of the site (pages, documents, files)
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    deleted: set = field(default_factory=set)
    failed: list = field(default_factory=list)
    files: set = field(default_factory=set)


def snapshot_languages():
    """Every language of the site, Łacinka right after the Belarusian it is made from."""
    codes = []
    for code, _name in settings.LANGUAGES:
        codes.append(code)
        if code == latin.SOURCE:
            codes.append(latin.PREFIX)
    return codes


def main_hosts():
    hosts = {urlsplit(settings.SITE_URL).netloc, *settings.SITE_MIRRORS}
    return {host for host in hosts if host}


def file_for(path, query, content_type):
    """The snapshot's file (relative to DEST) for an address of the site."""
    name = path.lstrip("/")
    if query:
        pairs = "_".join(f"{key}-{value}" for key, value in parse_qsl(query))
        pairs = re.sub(r"[^\w-]", "", pairs) or hashlib.sha256(query.encode()).hexdigest()[:12]
        if name == "" or name.endswith("/"):
            name = posixpath.join(name, pairs) + "/"
        else:
            # A file's filtered version beside it: feed.ics?project=x is feed--project-x.ics.
            stem, extension = posixpath.splitext(name)
            name = f"{stem}--{pairs}{extension}"
    if name == "" or name.endswith("/"):
        extension = "html" if "html" in content_type else "xml" if "xml" in content_type else "txt"
        name += f"index.{extension}"
    return name


class Known(dict):
    """Addresses found in this run, and (in an update) those of earlier runs read from the manifest."""

    def __init__(self, lookup=None):
        super().__init__()
        self.lookup = lookup
        self.dropped = set()

    def __missing__(self, found):
        value = self.lookup(found) if self.lookup and found not in self.dropped else None
        if value is None:
            raise KeyError(found)
        return value

    def get(self, found, default=None):
        try:
            return self[found]
        except KeyError:
            return default

    def __contains__(self, found):
        return self.get(found) is not None

    def pop(self, found, default=None):
        self.dropped.add(found)
        return super().pop(found, default)

    def __setitem__(self, found, value):
        self.dropped.discard(found)
        super().__setitem__(found, value)


class Snapshot:
    shared_from = 1000  # files: fewer are rewritten here, more by the rendering processes
    crowd = 200  # pages linking to one item beyond which its links are a box on every page

    def __init__(self, dest, languages=None, base_url=None, manifest=None, processes=1):
        self.base_url = base_url.rstrip("/") if base_url else None
        self.dest = Path(dest)
        if manifest and not languages:
            # An update keeps the copy's languages: those whose home page it holds.
            languages = [code for code in snapshot_languages() if manifest.file((f"/{code}/", ""))]
        self.languages = languages or snapshot_languages()
        self.site = urlsplit(settings.SITE_URL)
        self.hosts = main_hosts()
        self.client = Client(HTTP_HOST=self.site.netloc, headers={"accept-language": self.languages[0]})
        self.manifest = manifest  # an update's: earlier runs' files, aliases and links
        self.files = Known(manifest.file if manifest else None)  # address -> file name (relative to DEST)
        self.staging = self.dest / STAGING  # file name -> its answer, before links are rewritten
        self.kinds = {}  # file name -> "html" | "css" | "other" (the files staged in this run)
        self.aliases = Known(manifest.alias if manifest else None)  # address -> address it redirects to
        self.links = {}  # page address -> the item pages it links to (an update's; a build's go to the manifest)
        self.link_sink = None  # a build's manifest, which takes each page's links as they are found
        self.processes = max(1, processes)  # a full build's rendering processes (an update renders here)
        self.pool = None
        self.expand = set()  # addresses whose links are followed even when already in the copy
        self.result = Result()

    # --- Addresses ---------------------------------------------------------------------
    def local(self, url, base="/"):
        """(path, query) of a URL of this site, or None for another site's or one left to the server."""
        url = url.strip()
        if not url or url.startswith(("#", "mailto:", "tel:", "data:", "javascript:")):
            return None
        parts = urlsplit(url)
        if parts.scheme and parts.scheme not in ("http", "https"):
            return None
        if parts.netloc and parts.netloc not in self.hosts:
            return None
        path = unquote(posixpath.normpath(posixpath.join(posixpath.dirname(base), parts.path)) if parts.path else base)
        if parts.path.endswith("/") and not path.endswith("/"):
            path += "/"
        return path, parts.query

    def followed(self, path, query):
        if path.startswith(DYNAMIC_PREFIXES) or any(part in path for part in DYNAMIC_PARTS):
            return False
        if path.startswith(("/static/", settings.MEDIA_URL)):
            return True
        language = path.strip("/").split("/")[0]
        if language in snapshot_languages() and language not in self.languages:
            return False
        return all(key in FOLLOWED_QUERY_KEYS for key, _value in parse_qsl(query, keep_blank_values=True))

    # --- Fetching ------------------------------------------------------------------------
    def fetch(self, path, query):
        """(content type, body) of an address, or None when it is not a public page."""
        if path.startswith("/static/"):
            name = path.removeprefix("/static/")
            found = finders.find(name)
            if not found and staticfiles_storage.exists(name):
                found = staticfiles_storage.path(name)
            if not found:
                return None
            return ("text/css" if name.endswith(".css") else "application/octet-stream"), Path(found).read_bytes()
        if path.startswith(settings.MEDIA_URL):
            name = path.removeprefix(settings.MEDIA_URL)
            if not default_storage.exists(name):
                return None
            with default_storage.open(name) as handle:
                return "application/octet-stream", handle.read()
        # As the site answers behind TLS (where SECURE_SSL_REDIRECT would send a plain request).
        secure = self.site.scheme == "https" or settings.SECURE_SSL_REDIRECT
        response = self.client.get(path, query_params=dict(parse_qsl(query)), secure=secure)
        if response.status_code in (301, 302, 307, 308):
            return ("redirect", response["Location"])
        if response.status_code != 200:
            return None
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return response.get("Content-Type", ""), body

    def render(self, found):
        """Ask the site for one address and stage its answer: ("failed", None, ()), ("redirect",
        location, ()) or (kind, file name, the URLs it names). Runs in a rendering process when
        the build has several (it touches nothing but the staging folder)."""
        path, query = found
        fetched = self.fetch(path, query)
        if fetched is None:
            return "failed", None, ()
        content_type, body = fetched
        if content_type == "redirect":
            return "redirect", body, ()
        name = file_for(path, query, content_type)
        self.stage(name, body)
        text = body.decode("utf-8", "replace") if not content_type.startswith("application/octet") else ""
        if "html" in content_type:
            urls = [match["url"] for match in ATTRIBUTE.finditer(text)]
            for match in SRCSET.finditer(text):
                urls += [candidate.strip().split(" ")[0] for candidate in match["url"].split(",")]
            return "html", name, urls
        if "css" in content_type:
            return "css", name, [match["url"] for match in CSS_URL.finditer(text)]
        return "other", name, [loc.strip() for loc in SITEMAP_LOC.findall(text)]

    def rendered(self, queue):
        """(address, what render() made of it) for each address of `queue`, in the queue's order,
        while the caller adds to the queue; with a pool, several are rendered at once."""
        if self.pool is None:
            while queue:
                found = queue.popleft()
                yield found, self.render(found)
            return
        waiting = deque()
        while queue or waiting:
            while queue and len(waiting) < 8 * self.processes:
                found = queue.popleft()
                waiting.append((found, self.pool.apply_async(render_in_process, (found,))))
            found, outcome = waiting.popleft()
            yield found, outcome.get()

    def crawl(self, seeds):
        queue = deque(seeds)
        seen = set(seeds)
        page = None

        def add(link, base):
            found = self.local(link, base)
            if not found or not self.followed(*found):
                return
            if item_page(found):
                page_links.add(found)
            if found in seen:
                return
            # An update follows only what the copy lacks (a new item's pictures), and the item
            # pages that a changed item's page links to (its project, its partners).
            if self.manifest and (found in self.files or found in self.aliases):
                if not (page in self.expand and item_page(found)):
                    return
            seen.add(found)
            queue.append(found)

        for page, (kind, detail, urls) in self.rendered(queue):
            page_links = set()
            path, query = page
            self.result.rendered += 1
            if kind == "failed":
                self.result.failed.append(path + (f"?{query}" if query else ""))
                self.forget(page)
                continue
            if kind == "redirect":
                target = self.local(detail, path)
                self.forget(page)
                if target and self.followed(*target):
                    self.aliases[page] = target
                    add(detail, path)
            else:
                self.files[page] = detail
                self.kinds[detail] = kind
                for url in urls:
                    add(url, path)
            if page_links:
                self.keep_links(page, page_links)

    def keep_links(self, page, targets):
        if self.link_sink is not None:
            self.link_sink.add_links(page, targets)
        else:
            self.links.setdefault(page, set()).update(targets)

    def stage(self, name, body):
        path = self.staging / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)

    def staged(self, name):
        """A file's answer as this run staged it (b"" if it staged none)."""
        path = self.staging / name if name in self.kinds else None
        return path.read_bytes() if path and path.is_file() else b""

    @staticmethod
    def filter_named(query, item_text):
        """No filter, or a filter whose value (a slug, a year, a kind) the items' pages name."""
        return not query or any(value and value in item_text for _key, value in parse_qsl(query))

    def document_touched(self, found, addresses, item_text, last_pages):
        path, query = found
        if path == reverse("iati_activities"):
            # The IATI file lists projects and their organisations, and is long (seconds per
            # thousand projects): only when a project or an organisation changed.
            return self.in_sections(addresses, ("projects:list", "partners:list"))
        paged = page_of(found)
        if paged:
            # A later page of a paged document (a sitemap's ?p=N): those that list the items were
            # rendered with the pages that link to them; of the others only the last, where a
            # new item arrives. The pages between hold the same items as before.
            sequence, number = paged
            return number == last_pages[sequence] and self.filter_named(sequence[1], item_text)
        if query:
            return self.filter_named(query, item_text)
        parent = posixpath.dirname(path.rstrip("/"))
        while parent.count("/") >= 3:
            name = self.manifest.file((parent + "/", ""))
            if name and name.endswith(".html"):
                # A file of an item's own (its calendar entry): only when that item changed.
                return (parent + "/", "") in addresses
            parent = posixpath.dirname(parent)
        return True

    def in_sections(self, addresses, lists):
        """Whether any of the addresses is an item of the lists named (e.g. "projects:list")."""
        prefixes = set()
        for code in self.languages:
            with translation.override(latin.SOURCE if code == latin.PREFIX else code):
                for name in lists:
                    prefix = reverse(name)
                    prefixes.add(latin.latin_path(prefix) if code == latin.PREFIX else prefix)
        return any(path.startswith(tuple(prefixes)) and path not in prefixes for path, _query in addresses)

    def linking_to(self, addresses):
        """The pages of the copy that link to the items, but for an item in a box that every item
        page shows (the latest news), linked from more than `crowd` pages: of those, the lists,
        home pages, sitemaps and feeds that name it (the boxes wait for the next full build)."""
        found = set()
        for target in addresses:
            sources = self.manifest.linking_to([target])
            if len(sources) > self.crowd:
                sources = {source for source in sources if not item_page(source)}
            found |= sources
        return found

    def forget(self, page):
        """An address that no longer answers with a page: its file goes (in an update)."""
        name = self.files.pop(page)
        self.aliases.pop(page)
        if self.manifest:
            name = self.manifest.forget(page) or name
            if name and (self.dest / name).is_file() and not self.manifest.has_name(name):
                (self.dest / name).unlink()
                self.result.removed += 1
                self.result.deleted.add(name)

    # --- Rewriting --------------------------------------------------------------------------
    def target(self, url, page_path, page_file):
        """The link that replaces `url` in the file `page_file` (the page at `page_path`), or None to keep it."""
        found = self.local(url, page_path)
        if not found:
            return None
        fragment = "#" + urlsplit(url).fragment if "#" in url else ""
        if found[0].startswith("/language/"):
            # The language switcher: straight to the page in the other language.
            following = dict(parse_qsl(found[1])).get("next")
            found = self.local(following) if following and following.startswith("/") else None
            if not found:
                return None
        for _ in range(5):
            if found in self.aliases:
                found = self.aliases[found]
        name = self.files.get(found)
        if name is None and not found[1]:
            # A file of the snapshot named as such (its own pages' links, Pagefind's files).
            file_name = found[0].lstrip("/")
            if (
                file_name in self.kinds
                or file_name.startswith("pagefind/")
                or (self.manifest and self.manifest.has_name(file_name))
            ):
                name = file_name
        if name is None:
            # Not in the snapshot (a form, a filter, a reader's page): the main site answers.
            path, query = found
            return settings.SITE_URL + path + (f"?{query}" if query else "") + fragment
        return posixpath.relpath(name, posixpath.dirname(page_file) or ".") + fragment

    def rewrite_html(self, text, page_path, page_file):
        canonical = {match.start(): match.end() for match in CANONICAL.finditer(text)}

        def in_canonical(position):
            return any(start <= position < end for start, end in canonical.items())

        def attribute(match):
            if in_canonical(match.start()):
                return match.group(0)
            if page_file.endswith(MIRRORS_PAGE) and match["url"].startswith(settings.SITE_URL):
                return match.group(0)  # the mirrors page names the main site itself
            if "action" in match["pre"].lower():
                return f"{match['pre']}{match['q']}{escape_attribute(self.form_target(match['url'], page_path, page_file))}{match['q']}"
            new = self.target(match["url"], page_path, page_file)
            if new is None:
                return match.group(0)
            return f"{match['pre']}{match['q']}{escape_attribute(new)}{match['q']}"

        def srcset(match):
            candidates = []
            for candidate in match["url"].split(","):
                url, _space, size = candidate.strip().partition(" ")
                new = self.target(url, page_path, page_file) or url
                candidates.append(f"{escape_attribute(new)} {size}".strip())
            return f"{match['pre']}{match['q']}{', '.join(candidates)}{match['q']}"

        # Forms go to the main site (the newsletter's needs no CSRF token; this copy keeps none).
        text = CSRF_INPUT.sub("", text)
        # The main site's OpenSearch description would send the browser's searches there.
        text = OPENSEARCH.sub("", text)
        text = ATTRIBUTE.sub(attribute, text)
        text = SRCSET.sub(srcset, text)
        language = page_file.split("/")[0]
        if language in self.languages and "</footer>" in text:
            # Every page of a language says it is a copy and links to the mirrors and the search.
            text = text.replace("</footer>", self.note(language, page_file) + "</footer>", 1)
        if page_file.startswith("be-latn/"):
            text = text.replace('<html lang="be-latn"', '<html lang="be-Latn"', 1)
        return text

    def note(self, language, page_file):
        from django.template.loader import render_to_string

        here = posixpath.dirname(page_file)
        source = latin.SOURCE if language == latin.PREFIX else language
        with translation.override(source):
            html = render_to_string(
                "mirror/_note.html",
                {
                    "mirrors": posixpath.relpath(f"{language}/{MIRRORS_PAGE}", here),
                    "search": posixpath.relpath(f"{language}/{SEARCH_PAGE}", here),
                },
            )
        return latin.to_latin(html) if language == latin.PREFIX else html

    def form_target(self, url, page_path, page_file):
        """Search forms go to the snapshot's own search page; every other form to the main site."""
        found = self.local(url, page_path)
        if not found:
            return url
        path, _query = found
        if path.rstrip("/").endswith("/search"):
            language = path.strip("/").split("/")[0]
            return posixpath.relpath(f"{language}/{SEARCH_PAGE}", posixpath.dirname(page_file) or ".")
        return settings.SITE_URL + path

    def rewrite_css(self, text, page_path, page_file):
        def url(match):
            new = self.target(match["url"], page_path, page_file)
            return match.group(0) if new is None else f"url({match['q']}{new}{match['q']})"

        return CSS_URL.sub(url, text)

    def rewrite_sitemap(self, text):
        """A sitemap's addresses at the mirror's base (a sitemap needs absolute addresses)."""

        def file_of(url):
            found = self.local(url)
            return self.files.get(self.aliases.get(found, found)) if found else None

        return rewrite_sitemap_addresses(text, self.base_url, file_of)

    # --- Writing ------------------------------------------------------------------------------
    def write(self, name, body):
        self.result.files.add(name)
        path = self.dest / name
        if path.is_file() and content_hash(path.read_bytes()) == content_hash(body):
            self.result.unchanged += 1
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part")
        partial.write_bytes(body)
        partial.replace(path)
        self.result.written += 1

    def build(self, extra_pages=()):
        seeds = [("/", "")]
        for code in self.languages:
            seeds.append((f"/{code}/", ""))
        seeds += [("/sitemap.xml", ""), ("/robots.txt", ""), (reverse("iati_activities"), "")]
        # The open-data exports (their first page; no page links to them all).
        from opendata.exports import EXPORTS

        for code in self.languages:
            for dataset in EXPORTS:
                seeds.append((f"/{code}/export/{dataset}.json", ""))
        shutil.rmtree(self.staging, ignore_errors=True)  # what an interrupted build left
        if self.processes > 1:
            self.pool = start_pool(self, self.processes)
        manifest = Manifest(self.dest)
        try:
            manifest.start_links()
            self.link_sink = manifest
            try:
                self.crawl(seeds)
            finally:
                if self.pool is not None:
                    self.pool.close()
                    self.pool.join()
                    self.pool = None
            self.add_pages(extra_pages)
            self.write_all()
            # Files of an earlier build that are no longer part of the site (an item unpublished).
            for path in sorted(self.dest.rglob("*")):
                name = path.relative_to(self.dest).as_posix()
                if path.is_file() and name not in self.result.files and not name.startswith(("pagefind/", ".snapshot")):
                    path.unlink()
                    self.result.removed += 1
                    self.result.deleted.add(name)
            manifest.replace_all(dict(self.files), dict(self.aliases))
        finally:
            self.link_sink = None
            manifest.close()
            shutil.rmtree(self.staging, ignore_errors=True)
        return self.result

    def add_pages(self, extra_pages):
        for name, body in extra_pages:
            path = "/" + name.removesuffix("index.html")
            self.files[(path, "")] = name
            self.stage(name, body)
            self.kinds[name] = "html" if name.endswith(".html") else "other"

    def write_all(self):
        self.pages = {name: path for (path, _query), name in dict.items(self.files)}
        # Not an address that answered, then no longer did in this run.
        names = [name for name in self.kinds if name in self.pages]
        if self.processes == 1 or self.manifest is not None or len(names) < self.shared_from:
            self.write_some(names)
            return
        # A full build's files rewritten by several processes, a share each.
        pool = start_pool(self, self.processes)
        try:
            shares = [names[start : start + 500] for start in range(0, len(names), 500)]
            for written, unchanged, files in pool.imap_unordered(write_in_process, shares):
                self.result.written += written
                self.result.unchanged += unchanged
                self.result.files |= files
        finally:
            pool.close()
            pool.join()

    def write_some(self, names):
        for name in names:
            kind, path = self.kinds[name], self.pages[name]
            body = (self.staging / name).read_bytes()
            if kind == "html":
                body = self.rewrite_html(body.decode(), path, name).encode()
            elif kind == "other" and self.base_url and name.startswith("sitemap"):
                body = self.rewrite_sitemap(body.decode()).encode()
            elif kind == "css":
                body = self.rewrite_css(body.decode(), path, name).encode()
            self.write(name, body)

    def update(self, addresses):
        """Render again the pages a change touches, given the changed items' addresses (in every
        language, before and after the change), and write the files whose content changed.

        Touched: the items' own pages, every page of the copy that links to them, the pages
        their new versions link to (their project, partners, related items), the home pages,
        the first page of their lists (every filter's; older parts never change), and every
        feed, sitemap, export and calendar. New addresses found on the way (a new item's
        pictures) are added; addresses that no longer answer lose their files.
        """
        # The items' addresses in the copy's languages (a copy of some languages stays so).
        addresses = {tuple(found) for found in addresses if self.followed(*found)}
        manifest = self.manifest
        shutil.rmtree(self.staging, ignore_errors=True)  # what an interrupted run left
        # The items' pages as the copy had them: what filtered feeds they were in shows there.
        before = [self.dest / name for name in filter(None, map(manifest.file, addresses))]
        item_text = "".join(path.read_text(errors="replace") for path in before if path.is_file())
        self.expand = set(addresses)
        self.crawl(sorted(addresses))
        item_text += "".join(self.staged(self.files.get(found)).decode(errors="replace") for found in addresses)
        # Lists: the unfiltered first pages, and those whose filter the items name (before or
        # after the change), not the list of every partner and topic.
        lists = {posixpath.dirname(path.rstrip("/")) + "/" for path, _query in addresses}
        seeds = self.linking_to(addresses)
        seeds |= {found for found in manifest.lists(lists) if self.filter_named(found[1], item_text)}
        seeds |= {("/", "")} | {(f"/{code}/", "") for code in self.languages}
        self.crawl(sorted(found for found in seeds if not dict.__contains__(self.files, found)))
        # Feeds, calendars, sitemaps and exports: the site-wide ones, the changed items' own, and
        # the filtered ones whose filter the items name, not the feeds of every partner and topic.
        every_document = manifest.documents()
        last_pages = {}
        for sequence, number in filter(None, map(page_of, every_document)):
            last_pages[sequence] = max(number, last_pages.get(sequence, 0))
        documents = [
            found
            for found in every_document
            if not dict.__contains__(self.files, found)  # not rendered above already
            if self.document_touched(found, addresses, item_text, last_pages)
        ]
        self.crawl(sorted(documents))
        for page in self.files:
            manifest.set_file(page, self.files[page])
        for page in dict(self.aliases):
            manifest.set_alias(page, self.aliases[page])
        for page in self.files:
            manifest.set_links(page, self.links.get(page, ()))
        # Written only once links are known: new pages' links to each other resolve.
        try:
            self.write_all()
        finally:
            shutil.rmtree(self.staging, ignore_errors=True)
        manifest.db.commit()
        return self.result


# The moment a file was made, which changes on every build while nothing else does: a feed's
# build date (RSS lastBuildDate, Atom's first <updated>, the feed's own), the IATI file's
# generated-datetime. Left out of the comparison; entries' dates are compared.
VOLATILE = re.compile(rb"<lastBuildDate>[^<]*</lastBuildDate>|generated-datetime=\"[^\"]*\"")
FEED_UPDATED = re.compile(rb"<updated>[^<]*</updated>")


PAGE_KEYS = ("p", "page")


def page_of(found):
    """((path, the query without its page number), number) of a document's later page, else None."""
    path, query = found
    pairs = parse_qsl(query)
    numbers = [value for key, value in pairs if key in PAGE_KEYS]
    if len(numbers) != 1 or not numbers[0].isdigit():
        return None
    rest = "&".join(f"{key}={value}" for key, value in pairs if key not in PAGE_KEYS)
    return (path, rest), int(numbers[0])


_RENDERING = None  # the snapshot a rendering process inherits from the build that started it


def render_in_process(found):
    return _RENDERING.render(found)


def write_in_process(names):
    snapshot = _RENDERING
    snapshot.result = Result()
    snapshot.write_some(names)
    return snapshot.result.written, snapshot.result.unchanged, snapshot.result.files


def start_pool(snapshot, processes):
    """Rendering processes, forked from this one (each with its own database connection)."""
    import multiprocessing

    from django.db import connections

    global _RENDERING  # read by the forked processes
    _RENDERING = snapshot
    connections.close_all()
    return multiprocessing.get_context("fork").Pool(processes)


def item_page(found):
    """An item's own page (/en/news/slug/): what the link index records."""
    path, query = found
    return not query and path.endswith("/") and path.count("/") >= 4 and not path.startswith(("/static/", "/media/"))


def content_hash(body):
    return hashlib.sha256(FEED_UPDATED.sub(b"", VOLATILE.sub(b"", body), count=1)).digest()


def escape_attribute(url):
    return url.replace("&", "&amp;").replace('"', "&quot;")


def render_page(template, code, context):
    """A page of the snapshot's own in language `code` (Łacinka converted from Belarusian)."""
    from django.template.loader import render_to_string

    source = latin.SOURCE if code == latin.PREFIX else code
    with translation.override(source):
        home = reverse("portal:home")
        html = render_to_string(template, {**context, "home": home, "lang": source})
    if code == latin.PREFIX:
        html = latin.to_latin(html).replace(f'href="{home}"', f'href="{latin.latin_path(home)}"')
        html = html.replace(f'<html lang="{source}"', f'<html lang="{latin.TAG}"', 1)
    return html.encode()


def mirrors_page(code):
    """(file name, body) of the page listing the mirrors and the onion address, in language `code`."""
    from mirror.destinations import configured

    mirrors = list(settings.SNAPSHOT_MIRRORS)
    for destination in configured():
        # Each destination's base address and the host names it is also reached at.
        for address in [f"{destination.base_url}/", *(f"https://{host}/" for host in destination.hosts)]:
            if address not in mirrors:
                mirrors.append(address)
    context = {"mirrors": mirrors, "site_url": settings.SITE_URL, "onion_host": settings.ONION_HOST}
    return f"{code}/{MIRRORS_PAGE}", render_page("mirror/mirrors.html", code, context)


def search_page(code):
    return f"{code}/{SEARCH_PAGE}", render_page("mirror/search.html", code, {})


def build_snapshot(dest, languages=None, base_url=None, processes=1):
    snapshot = Snapshot(dest, languages, base_url, processes=processes)
    extra = []
    for code in snapshot.languages:
        extra.append(mirrors_page(code))
        extra.append(search_page(code))
    extra.append(("snapshot-search.js", (Path(__file__).parent / "search.js").read_bytes()))
    return snapshot, snapshot.build(extra)


def run_pagefind(dest):
    """Pagefind's index of the snapshot under DEST/pagefind (one per language, from <html lang>)."""
    import subprocess
    import sys

    subprocess.run(  # noqa: S603 - this interpreter, Pagefind and the snapshot folder given by the operator
        [sys.executable, "-m", "pagefind", "--site", str(dest), "--output-subdir", "pagefind"],
        check=True,
        capture_output=True,
        timeout=600,
    )
