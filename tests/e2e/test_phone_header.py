"""End to end, in headless Chromium at 390 × 844 (a phone): the header fits, the menu folds, the news come first.

In every language and in Łacinka: the header (brand, search, language
switcher, menu toggle) takes at most a fifth of the first screen, the first
news item on the news list starts above the fold, the menu opens and closes
with its toggle (a <details>, so also without JavaScript, which this test
turns off for one page) and the keyboard, and a gallery photo opens full size
and closes with Escape. At 1280 px the menu is open with no toggle.
"""

import pytest

from portal.models import MenuItem
from tests.e2e.conftest import needs_chromium
from tests.news.factories import NewsItemFactory
from tests.portal.factories import MenuItemFactory
from tests.projects.factories import GalleryImageFactory, ProjectFactory

pytestmark = [*needs_chromium, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
PREFIXES = ["be", "be-latn", "sq", "en"]


@pytest.fixture
def news(http_settings):
    for section in (MenuItem.Section.NEWS, MenuItem.Section.PROJECTS, MenuItem.Section.PARTNERS):
        MenuItemFactory(section=section)
    return [NewsItemFactory() for _ in range(4)]


def header_and_first_item(page):
    return page.evaluate(
        """() => [
            document.querySelector('.site-header').getBoundingClientRect().height,
            document.querySelector('.cards > li').getBoundingClientRect().top,
        ]"""
    )


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_phone_header_fits_and_the_first_news_item_is_above_the_fold(live_server, browser, news, prefix):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/{prefix}/news/")
    header, first_item = header_and_first_item(page)
    assert header <= 0.2 * PHONE["height"], header
    assert first_item < PHONE["height"], first_item
    # The menu is folded behind a labelled toggle; it opens with the keyboard and closes again.
    toggle = page.locator("summary.menu-toggle")
    assert toggle.is_visible()
    assert toggle.inner_text().strip()
    assert not page.locator(".main-nav").is_visible()
    toggle.focus()
    page.keyboard.press("Enter")
    assert page.locator(".main-nav").is_visible()
    assert page.locator(".main-nav a").first.is_visible()
    page.keyboard.press("Enter")
    assert not page.locator(".main-nav").is_visible()
    context.close()


def test_the_menu_toggle_works_without_javascript(live_server, browser, news):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/be-latn/news/")
    assert not page.locator(".main-nav").is_visible()
    page.locator("summary.menu-toggle").click()
    assert page.locator(".main-nav").is_visible()
    context.close()


def test_on_a_wide_screen_the_menu_is_open_and_there_is_no_toggle(live_server, browser, news):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server.url}/en/news/")
    assert page.locator(".main-nav a").first.is_visible()
    assert not page.locator("summary.menu-toggle").is_visible()
    assert page.locator(".news-filters").is_visible()
    context.close()


def test_a_gallery_photo_opens_full_size_and_closes_with_escape(
    live_server, browser, http_settings, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    project = ProjectFactory()
    GalleryImageFactory(
        project=project,
        image__credit_en="Fatmir Berisha",
        image__credit_be="Fatmir Berisha",
        image__credit_sq="Fatmir Berisha",
    )
    GalleryImageFactory(project=project)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}{project.get_absolute_url_for('en')}")
    lightbox = page.locator("#photo-1")
    assert not lightbox.is_visible()
    page.locator('a.gallery-open[href="#photo-1"]').focus()
    page.keyboard.press("Enter")
    assert lightbox.is_visible()
    assert "Fatmir Berisha" in lightbox.inner_text()
    page.keyboard.press("ArrowRight")
    assert page.locator("#photo-2").is_visible()
    page.keyboard.press("Escape")
    assert not page.locator("#photo-2").is_visible()
    context.close()
