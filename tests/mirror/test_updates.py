"""The copy kept current after a change: only the touched pages are rendered again, only changed
files are written and sent, an unpublished item's files go, and each destination's outcome is
recorded."""

import datetime
import re

import pytest
from django.utils import translation

from core.models import Status
from mirror.builder import build_snapshot
from mirror.models import Destination, PendingChange
from tests.news.factories import NewsItemFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["be", "be-latn", "sq", "en"]


def make_copy(tmp_path, settings, items, languages=None):
    """A small site, its copy in SNAPSHOT_DIR (every language, or `languages`) and one folder destination."""
    dest, mirror = tmp_path / "copy", tmp_path / "mirror"
    project = ProjectFactory()
    for number in range(items):
        NewsItemFactory(
            title_en=f"Older item {number}", date=datetime.date(2024, 1, 1) + datetime.timedelta(days=number)
        )
    settings.SNAPSHOT_DESTINATIONS = f"folder {mirror} https://copy.example.net/ura copy.example.net,ura.example.info"
    build_snapshot(dest, languages)
    settings.SNAPSHOT_DIR = str(dest)
    settings.SNAPSHOT_SEARCH = False
    return dest, mirror, project


@pytest.fixture
def copy(tmp_path, settings):
    return make_copy(tmp_path, settings, 24)  # two parts of the news list: the first page and an older one


@pytest.fixture
def small_copy(tmp_path, settings):
    return make_copy(tmp_path, settings, 1, ["en"])  # the tests that use it look at English pages


def mtimes(dest):
    return {p.relative_to(dest).as_posix(): p.stat().st_mtime_ns for p in dest.rglob("*") if p.is_file()}


def slug_path(item, language):
    with translation.override(language):
        return item.get_absolute_url().strip("/")


def test_a_publish_renders_only_what_it_touches_and_reaches_the_destination(
    copy, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    dest, mirror, project = copy
    before = mtimes(dest)
    with django_capture_on_commit_callbacks(execute=True):
        item = NewsItemFactory(title_en="Fresh from Prishtina", title_be="Свежае з Прыштыны")
        item.projects.add(project)
    assert not PendingChange.objects.exists()  # the job took the change
    for code in ("be", "sq", "en"):
        assert (dest / slug_path(item, code) / "index.html").is_file()
    assert "Sviežaje" in (dest / ("be-latn/" + slug_path(item, "be")[3:]) / "index.html").read_text()
    for code in LANGUAGES:
        assert "Fresh from Prishtina" in (dest / "en" / "news" / "index.html").read_text()
        assert (dest / code / "index.html").stat().st_mtime_ns >= before[f"{code}/index.html"]
    assert "Fresh from Prishtina" in (dest / "en" / "feeds" / "news" / "index.xml").read_text()
    after = mtimes(dest)
    changed = {name for name, stamp in after.items() if before.get(name) != stamp}
    # Most of the copy is untouched: the older items' pages, the style sheets, the pictures.
    assert len(changed) < len(before) / 2, sorted(changed)
    assert not any(name.startswith("static/") for name in changed)
    # The news list's older part is as it was (stable parts): not even rendered again.
    assert "en/news/part-1/index.html" in before and "en/news/part-1/index.html" not in changed
    # The destination got the whole copy the first time, then only what changed.
    assert (mirror / "en" / "news" / "index.html").read_bytes() == (dest / "en" / "news" / "index.html").read_bytes()
    status = Destination.objects.get(name="folder")
    assert status.last_success and not status.failing
    assert 0 < status.files_sent
    # The mirrors page lists each destination's addresses.
    mirrors = (mirror / "sq" / "mirrors" / "index.html").read_text()
    assert "https://copy.example.net/ura/" in mirrors and "https://ura.example.info/" in mirrors
    # The destination's sitemaps name the destination's addresses, the pages' language alternates
    # too, each a file the destination holds.
    base = "https://copy.example.net/ura/"
    named = [
        address
        for sitemap in mirror.glob("sitemap*.xml")
        for address in re.findall(r'(?:<loc>|<xhtml:link [^>]*href=")([^<"]+)', sitemap.read_text())
    ]
    assert f"{base}en/news/" in named and any("hreflang" in path.read_text() for path in mirror.glob("sitemap*.xml"))
    assert all(address.startswith(base) for address in named), [a for a in named if not a.startswith(base)][:5]
    for address in named:
        name = address.removeprefix(base)
        assert (mirror / name).is_file() or (mirror / name / "index.html").is_file(), address

    # Unpublished: its pages go, here and at the destination, and the lists forget it.
    sent_before = status.files_sent
    with django_capture_on_commit_callbacks(execute=True):
        item.status = Status.DRAFT
        item.save()
    for code in ("be", "sq", "en"):
        assert not (dest / slug_path(item, code) / "index.html").exists()
        assert not (mirror / slug_path(item, code) / "index.html").exists()
    assert "Fresh from Prishtina" not in (dest / "en" / "news" / "index.html").read_text()
    status.refresh_from_db()
    assert status.files_deleted >= 4 and status.files_sent <= sent_before


def test_a_failing_destination_is_recorded_and_the_others_still_get_the_copy(
    small_copy, settings, tmp_path, django_capture_on_commit_callbacks
):
    _dest, mirror, _project = small_copy
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where a folder should be")
    settings.SNAPSHOT_DESTINATIONS += f"\nbroken {blocked}/ura https://other.example.net"
    with django_capture_on_commit_callbacks(execute=True):
        NewsItemFactory(title_en="Second publish")
    broken, folder = Destination.objects.get(name="broken"), Destination.objects.get(name="folder")
    assert broken.failing and broken.last_success is None and "Error" in broken.last_error
    assert folder.last_success and not folder.failing
    assert "Second publish" in (mirror / "en" / "news" / "index.html").read_text()


def publish_and_count(tmp_path, settings, items):
    """What one publish renders on a copy of `items` news, with sitemap files of two items each,
    and what an edit of the newest item (in every item page's latest news) then renders."""
    from mirror.builder import Snapshot
    from mirror.manifest import Manifest
    from mirror.updates import addresses_of
    from news.models import NewsItem

    dest, _mirror, _project = make_copy(tmp_path / str(items), settings, items, ["en"])
    newest = NewsItem.objects.order_by("-date", "-pk").first()
    item = NewsItemFactory(title_en=f"Fresh among {items}", date=datetime.date(2025, 6, 1))
    manifest = Manifest(dest)
    try:
        result = Snapshot(dest, manifest=manifest).update(addresses_of(item))
        newest.title_en += " (corrected)"
        newest.save()
        result.edit = Snapshot(dest, manifest=manifest).update(addresses_of(newest))
    finally:
        manifest.close()
    number = re.compile(r"--p-(\d+)")
    sitemaps = sorted(
        (p.name for p in dest.glob("sitemap-news*.xml")), key=lambda n: int((number.findall(n) or [1])[0])
    )
    listed = [name for name in sitemaps if item.slug_en in (dest / name).read_text()]
    return result, sitemaps, listed


def test_what_a_publish_renders_does_not_grow_with_the_number_of_items(tmp_path, settings, monkeypatch):
    from mirror.builder import Snapshot
    from portal.sitemaps import TranslatedSitemap

    monkeypatch.setattr(TranslatedSitemap, "limit", 2)  # many sitemap files from few items
    monkeypatch.setattr(Snapshot, "crowd", 3)  # the latest news box on every item page, on few items
    # 6 items, then 7 + 17 (the database keeps the first copy's): each publish opens a new file.
    small, small_sitemaps, small_listed = publish_and_count(tmp_path, settings, 6)
    large, large_sitemaps, large_listed = publish_and_count(tmp_path, settings, 17)
    assert len(large_sitemaps) > 2 * len(small_sitemaps)  # the copies differ in size
    # The new item is in the last sitemap file of each copy, which the update rendered.
    assert small_listed == [small_sitemaps[-1]] and large_listed == [large_sitemaps[-1]]
    assert not small.failed and not large.failed
    assert small.rendered == large.rendered, (small.rendered, large.rendered)
    # An edit of the item every page's latest news shows renders its lists, not every item page.
    assert not small.edit.failed and small.edit.rendered == large.edit.rendered, (
        small.edit.rendered,
        large.edit.rendered,
    )


def test_the_search_index_follows_the_pages_to_the_destination(
    small_copy, settings, django_capture_on_commit_callbacks
):
    dest, mirror, _project = small_copy
    settings.SNAPSHOT_SEARCH = True
    with django_capture_on_commit_callbacks(execute=True):
        NewsItemFactory(title_en="Indexed publish")
    assert "Indexed publish" in (mirror / "en" / "news" / "index.html").read_text()

    def index(root):
        return sorted(p.relative_to(root).as_posix() for p in (root / "pagefind").rglob("*") if p.is_file())

    assert "pagefind/pagefind.js" in index(mirror) and index(mirror) == index(dest)
    # The status counts the pages and the index's files the update sent.
    status = Destination.objects.get(name="folder")
    assert status.files_sent > len([name for name in index(dest) if name.endswith(".pf_meta")]) + 4


def test_a_copy_of_some_languages_keeps_them_after_an_update(tmp_path, settings, django_capture_on_commit_callbacks):
    dest = tmp_path / "copy"
    NewsItemFactory(title_en="Already there")
    build_snapshot(dest, ["en", "sq"])
    settings.SNAPSHOT_DIR, settings.SNAPSHOT_SEARCH, settings.SNAPSHOT_DESTINATIONS = str(dest), False, ""
    with django_capture_on_commit_callbacks(execute=True):
        item = NewsItemFactory(title_en="Only where the copy is")
    assert "Only where the copy is" in (dest / "en" / "news" / "index.html").read_text()
    assert (dest / slug_path(item, "sq") / "index.html").is_file()
    assert not (dest / "be").exists() and not (dest / "be-latn").exists()


def test_the_iati_file_is_rendered_again_for_a_project_not_for_a_news_item(small_copy, settings):
    from mirror.builder import Snapshot
    from mirror.manifest import Manifest
    from mirror.updates import addresses_of

    dest, _mirror, project = small_copy
    iati = dest / "iati" / "activities.xml"
    news = NewsItemFactory(title_en="Not an activity")
    project.title_en = "Water for Gjakova, second phase"
    project.save()
    rendered = {}
    for label, item in (("news", news), ("project", project)):
        manifest = Manifest(dest)
        try:
            rendered[label] = Snapshot(dest, manifest=manifest).update(addresses_of(item)).files
        finally:
            manifest.close()
    assert "iati/activities.xml" not in rendered["news"]
    assert "iati/activities.xml" in rendered["project"]
    assert "Water for Gjakova, second phase" in iati.read_text()
