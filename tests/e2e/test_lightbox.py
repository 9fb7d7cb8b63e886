"""End to end, in headless Chromium at 390 × 844 (a phone): the gallery's lightbox.

The photo takes the screen's width on a dark, opaque ground; the page behind is
inert; the keyboard opens it, moves between photos (arrows), keeps Tab inside
it and closes it (Escape), focus going back to the gallery; a swipe on the
touch screen goes to the next and the previous photo.
"""

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
    page.wait_for_timeout(100)


def test_the_lightbox_fills_a_phone_and_works_by_keyboard_and_touch(live_server, browser, gallery):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{live_server.url}{gallery.get_absolute_url_for('en')}")
    page.locator('a.gallery-open[href="#photo-1"]').focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'photo-1'")
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
    page.wait_for_function("location.hash === '#photo-2'")
    assert state(page)["open"] == "photo-2"
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("location.hash === '#photo-1'")
    # A swipe to the left brings the next photo, to the right the previous one.
    session = context.new_cdp_session(page)
    swipe(page, session, 320, 60)
    page.wait_for_function("location.hash === '#photo-2'")
    swipe(page, session, 320, 60)
    page.wait_for_function("location.hash === '#photo-3'")
    swipe(page, session, 60, 320)
    page.wait_for_function("location.hash === '#photo-2'")
    # Escape closes it: the page is live again and focus is back on the gallery's link of that photo.
    page.keyboard.press("Escape")
    page.wait_for_function("!document.querySelector('.lightbox:target')")
    closed = state(page)
    assert closed["focused"] == "#photo-2", closed
    assert not closed["headerInert"] and not closed["footerInert"] and not closed["scrollLocked"]
    assert errors == []  # nothing refused by the Content Security Policy, no script error
    context.close()
