"""End to end, in headless Chromium at 390 × 844 (a phone): the gallery's lightbox.

The photo takes the screen's width on a dark, opaque ground; the page behind is
inert; the keyboard opens it, moves between photos (arrows), keeps Tab inside
it and closes it (Escape), focus going back to the gallery; a swipe on the
touch screen goes to the next and the previous photo.
"""

import re

import pytest

from tests.e2e.conftest import needs_chromium
from tests.projects.factories import GalleryImageFactory, ProjectFactory

pytestmark = [*needs_chromium, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def gallery(http_settings, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    project = ProjectFactory()
    for _ in range(3):
        GalleryImageFactory(project=project)
    return project


def state(page):
    return page.evaluate(
        """() => {
            const box = document.querySelector('.lightbox:target');
            const active = document.activeElement;
            return {
                open: box ? box.id : null,
                focusInside: !!(box && box.contains(active)),
                focused: active ? (active.getAttribute('href') || active.id || active.tagName) : null,
                headerInert: document.querySelector('.site-header').inert,
                footerInert: document.querySelector('footer').inert,
                scrollLocked: getComputedStyle(document.documentElement).overflow === 'hidden',
                photoWidth: box ? box.querySelector('img').getBoundingClientRect().width : 0,
                background: box ? getComputedStyle(box).backgroundColor : null,
            };
        }"""
    )


def swipe(page, session, from_x, to_x, y=420):
    session.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": from_x, "y": y}]})
    session.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": (from_x + to_x) / 2, "y": y}]})
    session.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": to_x, "y": y}]})
    session.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    # At a person's pace: two touches within Chromium's double-tap window (300 ms) are one gesture.
    page.wait_for_timeout(400)


def test_the_lightbox_fills_a_phone_and_works_by_keyboard_and_touch(live_server, browser, gallery):
    # Polled from the driver's side: the page's policy forbids evaluating strings (no 'unsafe-eval').
    from playwright.sync_api import expect

    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{live_server.url}{gallery.get_absolute_url_for('en')}")
    page.locator('a.gallery-open[href="#photo-1"]').focus()
    page.keyboard.press("Enter")
    # The script's hashchange handler makes the page inert, locks the scroll and moves focus in one task,
    # the class on <html> first: once the class is there, all of it is done.
    expect(page.locator("html")).to_have_class(re.compile(r"\blightbox-open\b"))
    expect(page.locator("#photo-1")).to_be_focused()
    shown = state(page)
    assert shown["open"] == "photo-1" and shown["focused"] == "photo-1"
    assert shown["headerInert"] and shown["footerInert"] and shown["scrollLocked"]
    assert shown["photoWidth"] >= PHONE["width"] - 2, shown  # edge to edge
    assert shown["background"] == "rgb(5, 16, 26)"  # opaque: nothing of the page shows through
    # Tab goes round the lightbox's own links and never leaves it.
    for _ in range(5):
        page.keyboard.press("Tab")
        assert state(page)["focusInside"], state(page)
    page.keyboard.press("Shift+Tab")
    assert state(page)["focusInside"]
    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"#photo-2$"))
    assert state(page)["open"] == "photo-2"
    page.keyboard.press("ArrowLeft")
    expect(page).to_have_url(re.compile(r"#photo-1$"))
    # A swipe to the left brings the next photo, to the right the previous one.
    session = context.new_cdp_session(page)
    # After each, the script has shown the photo (focus on it) before the next touch.
    swipe(page, session, 320, 60)
    expect(page).to_have_url(re.compile(r"#photo-2$"))
    expect(page.locator("#photo-2")).to_be_focused()
    swipe(page, session, 320, 60)
    expect(page).to_have_url(re.compile(r"#photo-3$"))
    expect(page.locator("#photo-3")).to_be_focused()
    swipe(page, session, 60, 320)
    expect(page).to_have_url(re.compile(r"#photo-2$"))
    # Escape closes it: the page is live again and focus is back on the gallery's link of that photo.
    page.keyboard.press("Escape")
    expect(page.locator(".lightbox:target")).to_have_count(0)
    expect(page.locator("html")).not_to_have_class(re.compile(r"\blightbox-open\b"))
    closed = state(page)
    assert closed["focused"] == "#photo-2", closed
    assert not closed["headerInert"] and not closed["footerInert"] and not closed["scrollLocked"]
    assert errors == []  # nothing refused by the Content Security Policy, no script error
    context.close()
