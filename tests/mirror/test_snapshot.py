"""The static snapshot of a small site: relative links that resolve, no reference to the main
address but the canonical one and forms, an unchanged rebuild writes nothing, a draft is absent,
Pagefind finds words in each script, and LinkChecker finds no broken link through a plain nginx
serving the copy under a path prefix."""

import json
import os
import posixpath
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.conf import settings
from django.db import transaction
from lxml import etree as ET

from core.models import Status
from mirror.builder import build_snapshot, run_pagefind
from tests.events.factories import EventFactory
from tests.library.factories import ImageFactory
from tests.news.factories import NewsItemFactory, uploaded_image
from tests.partners.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["be", "be-latn", "sq", "en"]
NODE = shutil.which("node")
NGINX = shutil.which("nginx")
LINKCHECKER = shutil.which("linkchecker")
LINK = re.compile(r'\s(?:href|src|action)=["\']([^"\']*)["\']', re.I)


@pytest.fixture(scope="module")
def snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    """One build of a handful of items, inside a transaction rolled back at the end of the module."""
    dest = tmp_path_factory.mktemp("snapshot")
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), transaction.atomic():
        before = settings.MEDIA_ROOT
        settings.MEDIA_ROOT = media
        try:
            NewsItemFactory(
                title_be="Сустрэча ў Прызрэне",
                title_sq="Takim në Prizren për bashkëpunimin",
                title_en="Meeting in Prizren",
            )
            NewsItemFactory(title_en="Second visit", image=ImageFactory(file=uploaded_image(size=(800, 500))))
            ProjectFactory()
            OrganisationFactory()
            EventFactory()
            NewsItemFactory(
                title_en="Hidden draft",
                title_be="Чарнавік",
                title_sq="Draft i fshehur",
                status=Status.DRAFT,
                slug_en="hidden-draft",
            )
            _snapshot, first = build_snapshot(dest)
            _snapshot, second = build_snapshot(dest)
            run_pagefind(dest)
            yield dest, first, second
        finally:
            settings.MEDIA_ROOT = before
            transaction.set_rollback(True)


def html_files(dest):
    return sorted(path for path in dest.rglob("*.html") if "pagefind" not in path.parts)


def test_every_language_has_pages_and_a_second_build_writes_nothing(snapshot):
    dest, first, second = snapshot
    assert first.written == len(first.files) > 20
    assert second.written == 0
    assert second.unchanged == len(first.files)
    for code in LANGUAGES:
        assert (dest / code / "index.html").is_file()
        assert (dest / code / "mirrors" / "index.html").is_file()
        assert list((dest / code / "news").glob("*/index.html"))
        assert (dest / code / "events" / "feed.ics").is_file()
        assert (dest / code / "feeds" / "news" / "index.xml").is_file()
        assert json.loads((dest / code / "export" / "news.json").read_text())
    assert (dest / "sitemap.xml").is_file()
    assert (dest / "iati" / "activities.xml").is_file()
    assert list((dest / "static").rglob("*.css"))
    # The news image's renditions the pages show, from the media storage.
    assert list((dest / "media").rglob("*.webp")) or list((dest / "media").rglob("*.jpg"))


def test_no_page_names_the_main_address_but_its_canonical_identifiers_and_forms(snapshot):
    """Only the canonical link, what names the page for other sites (Open Graph, JSON-LD, the printout's
    source line) and forms (which need the server) keep the main address; nothing a browser loads or
    follows does."""
    dest, _first, _second = snapshot
    main = urlsplit(settings.SITE_URL).netloc
    for path in html_files(dest):
        text = path.read_text()
        if path.parent.name == "mirrors":
            continue  # it lists the main address on purpose
        text = re.sub(r'<link[^>]*rel=["\']canonical["\'][^>]*>', "", text)
        text = re.sub(r"<form[^>]*>", "", text)
        text = re.sub(r'<p class="print-source">[^<]*</p>', "", text)
        text = re.sub(r'<meta (?:property="og:|name="twitter:)[^>]*>', "", text)
        text = re.sub(r'<script type="application/ld\+json">.*?</script>', "", text, flags=re.S)
        assert main not in text, path


def test_every_relative_link_resolves_to_a_file(snapshot):
    dest, _first, _second = snapshot
    checked = 0
    for path in html_files(dest):
        for url in LINK.findall(path.read_text()):
            parts = urlsplit(url.replace("&amp;", "&"))
            if parts.scheme or parts.netloc or not parts.path or "<form" in url:
                continue
            target = Path(posixpath.normpath(path.parent / unquote(parts.path)))
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{path.relative_to(dest)}: {url}"
            checked += 1
    assert checked > 100


SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML_LINK = "{http://www.w3.org/1999/xhtml}link"
ATOM = "{http://www.w3.org/2005/Atom}"


def in_copy(dest, url):
    """The copy's file for an address of the main site (as the manifest records it), or None."""
    from mirror.manifest import Manifest

    path, _mark, query = url.removeprefix(settings.SITE_URL).partition("?")
    manifest = Manifest(dest)
    try:
        name = manifest.file(manifest.alias((path, query)) or (path, query))
    finally:
        manifest.close()
    return dest / name if name else None


def test_the_sitemaps_are_whole_and_their_alternates_reciprocal(snapshot):
    """What the sitemap checker of an outside audit looks at: every file the index names is in the
    copy, every <loc> is absolute and in the copy, and each URL's hreflang set names itself and is
    named back by each alternate."""
    dest, _first, _second = snapshot
    index = ET.fromstring((dest / "sitemap.xml").read_bytes())
    assert index.tag == f"{SM}sitemapindex"
    entries = {}
    for loc in index.iter(f"{SM}loc"):
        part = in_copy(dest, loc.text.strip())
        assert part and part.is_file(), loc.text
        root = ET.fromstring(part.read_bytes())
        assert root.tag == f"{SM}urlset", part
        for url in root.iter(f"{SM}url"):
            location = url.findtext(f"{SM}loc").strip()
            assert urlsplit(location).scheme in ("http", "https") and location not in entries
            assert (in_copy(dest, location) or dest / "missing").is_file(), location
            entries[location] = {link.get("hreflang"): link.get("href") for link in url.iter(XHTML_LINK)}
    assert len(entries) > 20
    for location, alternates in entries.items():
        assert location in alternates.values(), location
        own = next(code for code, href in alternates.items() if href == location and code != "x-default")
        for code, href in alternates.items():
            if code != "x-default" and href != location:
                assert entries[href].get(own) == location, (location, code)
    languages = {code for alternates in entries.values() for code in alternates}
    assert {"be", "be-Latn", "sq", "en", "x-default"} <= languages


def test_every_feed_is_well_formed_with_dated_entries_and_unique_ids(snapshot):
    """What a feed checker looks at, for every RSS and Atom feed of the copy."""
    dest, _first, _second = snapshot
    checked = entries = 0
    for path in sorted(dest.glob("*/feeds/**/*.xml")):
        root = ET.fromstring(path.read_bytes())
        ids = set()
        if root.tag == "rss":
            channel = root.find("channel")
            for field in ("title", "link", "language"):
                assert (channel.findtext(field) or "").strip(), (path, field)
            for item in channel.iter("item"):
                assert item.findtext("title") and item.findtext("pubDate"), path
                assert urlsplit(item.findtext("link")).scheme in ("http", "https"), path
                ids.add(item.findtext("guid") or item.findtext("link"))
                entries += 1
            assert len(ids) == len(channel.findall("item")), path
        else:
            assert root.tag == f"{ATOM}feed", path
            assert root.findtext(f"{ATOM}title") and root.findtext(f"{ATOM}id"), path
            for entry in root.iter(f"{ATOM}entry"):
                assert entry.findtext(f"{ATOM}title") and entry.findtext(f"{ATOM}updated"), path
                ids.add(entry.findtext(f"{ATOM}id"))
                entries += 1
            assert len(ids) == len(root.findall(f"{ATOM}entry")), path
        checked += 1
    assert checked >= 8 and entries > 8


def test_a_draft_is_absent(snapshot):
    dest, _first, _second = snapshot
    for path in dest.rglob("*"):
        if path.is_file() and "pagefind" not in path.parts:
            text = path.read_bytes()
            assert b"Hidden draft" not in text and "Чарнавік".encode() not in text, path
    assert not list(dest.rglob("hidden-draft"))


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("be", 'data-zero-results="Па запыце [SEARCH_TERM] нічога не знойдзена"'),
        ("be-latn", 'data-zero-results="Pa zapycie [SEARCH_TERM] ničoha nie znojdziena"'),
        ("sq", 'data-load-more="Shfaq më shumë rezultate"'),
        ("en", 'data-many-results="Results for [SEARCH_TERM]: [COUNT]"'),
    ],
)
def test_the_search_interface_speaks_the_page_s_language(snapshot, code, words):
    dest, _first, _second = snapshot
    assert words in (dest / code / "snapshot-search" / "index.html").read_text()


def test_the_mirrors_page_links_to_the_main_site_itself(snapshot):
    dest, _first, _second = snapshot
    assert f'href="{settings.SITE_URL}/"' in (dest / "sq" / "mirrors" / "index.html").read_text()


def test_be_latn_pages_say_their_script(snapshot):
    dest, _first, _second = snapshot
    assert '<html lang="be-Latn"' in (dest / "be-latn" / "index.html").read_text()


@pytest.mark.skipif(not NODE, reason="node is not installed: the index is queried with Pagefind's own module")
@pytest.mark.parametrize(
    ("language", "word", "title"),
    [
        ("be", "Прызрэне", "Сустрэча ў Прызрэне"),
        ("be-Latn", "Pryzrenie", "Sustreča ŭ Pryzrenie"),
        ("be-Latn", "Sustreča", "Sustreča ŭ Pryzrenie"),
        ("sq", "bashkëpunimin", "Takim në Prizren"),
    ],
)
def test_the_search_index_finds_words_in_each_script(snapshot, language, word, title):
    dest, _first, _second = snapshot
    # Node's fetch does not read files, and Pagefind takes the language from the page's
    # <html lang>: the module is given a fetch that reads the index and a page in `language`.
    script = f"""
      import {{ readFile }} from "node:fs/promises";
      globalThis.fetch = async (url) => new Response(await readFile(String(url).split("?")[0]));
      const pagefind = await import({json.dumps((dest / "pagefind" / "pagefind.js").as_uri())});
      await pagefind.options({{basePath: {json.dumps(str(dest / "pagefind") + "/")}}});
      globalThis.document = {{ querySelector: () => ({{ getAttribute: () => {json.dumps(language)} }}) }};
      const search = await pagefind.search({json.dumps(word)});
      const data = await Promise.all(search.results.map((r) => r.data()));
      console.log(JSON.stringify(data.map((d) => [d.url, d.meta.title])));
    """
    output = subprocess.run(
        [NODE, "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60, check=True
    )
    found = json.loads(output.stdout.strip().splitlines()[-1])
    folder = f"{dest}/{language.lower()}/news/"
    assert any(url.startswith(folder) and title in found_title for url, found_title in found), found
    assert all(url.startswith(f"{dest}/{language.lower()}/") for url, _title in found), found


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def served(snapshot, tmp_path_factory):
    """The copy served by a plain nginx under a path prefix, on a port of its own: its base address."""
    if not NGINX:
        pytest.skip("Debian's nginx is not installed")
    dest, _first, _second = snapshot
    tmp_path = tmp_path_factory.mktemp("nginx")
    port = free_port()
    (tmp_path / "logs").mkdir()
    config = tmp_path / "nginx.conf"
    # Started as root, nginx's workers would run as another user, who cannot read pytest's folders.
    user = "user root;" if os.getuid() == 0 else ""
    config.write_text(
        f"""
        {user} daemon off; pid {tmp_path}/nginx.pid; error_log {tmp_path}/logs/error.log;
        events {{}}
        http {{
          include /etc/nginx/mime.types; access_log off;
          client_body_temp_path {tmp_path}; proxy_temp_path {tmp_path}; fastcgi_temp_path {tmp_path};
          uwsgi_temp_path {tmp_path}; scgi_temp_path {tmp_path};
          server {{ listen 127.0.0.1:{port}; location /mirror/ura/ {{ alias {dest}/; }} }}
        }}
        """
    )
    server = subprocess.Popen([NGINX, "-c", str(config), "-p", str(tmp_path)])
    try:
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/mirror/ura"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.skipif(not LINKCHECKER, reason="Debian's linkchecker is not installed")
def test_linkchecker_finds_no_broken_link_through_nginx_under_a_prefix(served):
    pages = [f"{served}/{code}/index.html" for code in LANGUAGES]
    result = subprocess.run(
        [LINKCHECKER, "--no-status", "--no-warnings", "--threads=2", *pages],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:]
    assert "0 errors found" in result.stdout, result.stdout[-2000:]
    checked = int(re.search(r"(\d+) links? in (\d+) URLs? checked", result.stdout)[1])
    assert checked > 200, result.stdout[-2000:]


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.e2e
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")
def test_in_chromium_the_copy_asks_nothing_of_the_main_site_and_searches_in_each_language(served, monkeypatch):
    """Chromium's network log over pages of each language and the search: every request stays on the
    copy's own host; the search's interface speaks the page's language and finds the item."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    copy_host = urlsplit(served).netloc
    searches = {
        "be": ("Прызрэне", "Вынікі па запыце"),
        "be-latn": ("Pryzrenie", "Vyniki pa zapycie"),
        "sq": ("bashkëpunimin", "Rezultatet për"),
        "en": ("Prizren", "Results for"),
    }
    requested = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
        )
        try:
            page = browser.new_page()
            page.on("request", lambda request: requested.append(request.url))
            for code, (word, heading) in searches.items():
                page.goto(f"{served}/{code}/index.html")
                page.goto(f"{served}/{code}/news/index.html")
                page.click("main a[href*='news/']")
                page.wait_for_load_state("load")
                page.goto(f"{served}/{code}/snapshot-search/index.html?q={word}")
                page.wait_for_selector(".pagefind-ui__result", timeout=15000)
                message = page.inner_text(".pagefind-ui__message")
                assert heading in message, (code, message)
        finally:
            browser.close()
    assert len(requested) > 20
    outside = [url for url in requested if urlsplit(url).netloc != copy_host and not url.startswith("data:")]
    assert outside == []
