"""End to end, in headless Chromium: the admin screens an editor and a translator use every day.

- every change list and change form fits the window at 1280 and 1440 px (and
  the change forms at 390 px): nothing scrolls sideways, neither the page nor
  the change list's table;
- axe-core (WCAG 2.0-2.2 A and AA) finds no critical or serious violation on
  the index, the change lists, the missing-translations list, the change forms,
  the history, compare and restore pages;
- a translator's day: the missing-translations list, the item side by side
  with the source rendered, save, and the badge turns complete.
"""

import pytest

from tests.e2e.conftest import PASSWORD, axe_serious, log_in, needs_chromium

pytestmark = needs_chromium

KINDS = {
    "news": "news/newsitem",
    "event": "events/event",
    "project": "projects/project",
    "organisation": "partners/organisation",
    "page": "portal/page",
}

# Elements wider than their box that scroll sideways (the change list's table sits in one).
SIDEWAYS = """() => Array.from(document.querySelectorAll('*')).filter(e =>
    e.clientWidth > 2 && e.scrollWidth > e.clientWidth + 1 &&
    ['auto', 'scroll'].includes(getComputedStyle(e).overflowX)).map(e =>
    `${e.tagName.toLowerCase()}.${e.className} ${e.scrollWidth}/${e.clientWidth}`)"""


def superuser():
    from tests.editorial.workflow_helpers import make_user

    user = make_user("admin", superuser=True)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.mark.parametrize("width", [1280, 1440, 390])
def test_admin_lists_and_forms_fit_the_window(live_server, browser, http_settings, admin_content, width):
    superuser()
    context = browser.new_context(locale="be", viewport={"width": width, "height": 900})
    page = context.new_page()
    log_in(page, live_server.url, "admin")
    too_wide = {}
    for kind, path in KINDS.items():
        # At 390 px a change list's table may scroll in its own box, but the page does not.
        change = f"/admin/{path}/{admin_content[kind].pk}/change/"
        urls = [change, f"{change}?language=pair", f"/admin/{path}/add/", f"/admin/{path}/"]
        if kind == "news":  # the dashboard (drafts, schedule) and an item's history too
            urls += ["/admin/", f"/admin/{path}/{admin_content[kind].pk}/history/"]
        for url in urls:
            page.goto(f"{live_server.url}{url}")
            page.wait_for_load_state("load")
            scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
            sideways = page.evaluate(SIDEWAYS) if width >= 1280 else []
            if scroll_width > inner_width or sideways:
                too_wide[url] = (scroll_width, inner_width, sideways)
    assert too_wide == {}
    # The columns an editor needs are on screen: the translation badges of the first row.
    if width >= 1280:
        page.goto(f"{live_server.url}/admin/news/newsitem/")
        badge = page.locator(".tr-status").last
        box = badge.bounding_box()
        assert box["x"] + box["width"] <= width
        assert box["width"] >= 24 and box["height"] >= 24
    context.close()


def test_admin_screens_have_no_serious_accessibility_violations(
    live_server, browser, http_settings, admin_content, axe_source
):
    from reversion.models import Version

    superuser()
    news = admin_content["news"]
    versions = list(Version.objects.get_for_object(news).order_by("pk"))
    urls = ["/admin/", "/admin/news/newsitem/?translation=sq:missing"]
    for kind, path in KINDS.items():
        urls += [f"/admin/{path}/", f"/admin/{path}/{admin_content[kind].pk}/change/"]
    urls += [
        f"/admin/news/newsitem/{news.pk}/history/",
        f"/admin/news/newsitem/{news.pk}/history/{versions[0].pk}/compare/",
        f"/admin/news/newsitem/{news.pk}/history/{versions[0].pk}/",
        f"/admin/news/newsitem/{news.pk}/change/?language=pair",
        # The image library: list, one image with its focal point, the upload of several.
        "/admin/library/image/",
        f"/admin/library/image/{news.image_id}/change/",
        "/admin/library/image/upload/",
        "/admin/library/image/pick/",
        # The interface catalogue editor: languages, one language's entries, one entry.
        "/admin/catalogue/",
        "/admin/catalogue/sq/?status=untranslated",
        "/admin/catalogue/be/?q=Texts+may+be+quoted",
        # The translators' files: export for translation, import.
        "/admin/translations/export/",
        "/admin/translations/import/",
    ]
    # The CSP is relaxed for this test browser only, so that axe-core can be injected.
    context = browser.new_context(locale="sq", viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    log_in(page, live_server.url, "admin")
    found = {}
    for url in urls:
        response = page.goto(f"{live_server.url}{url}")
        assert response.status == 200, url
        page.wait_for_load_state("load")
        page.wait_for_timeout(200)  # the widgets' scripts have run
        violations = axe_serious(page, axe_source)
        if violations:
            found[url] = violations
    assert found == {}
    context.close()


def test_a_translators_day(live_server, browser, http_settings, admin_content):
    from playwright.sync_api import expect

    from news.models import NewsItem
    from tests.editorial.workflow_helpers import make_user
    from tests.news.factories import NewsItemFactory

    item = NewsItemFactory(
        source_language="en",
        title_en="Kosovo ready to host Belarusian journalists and bloggers",
        lead_en="Kosovo is ready to host Belarusian journalists.",
        body_en="<p>Kosovo offers <strong>residence</strong> to journalists.</p><ul><li>journalists</li><li>bloggers</li></ul>",
        place_en="Prishtina",
        title_sq="",
        lead_sq="",
        body_sq="",
        place_sq="",
        slug_sq="",
    )
    translator = make_user("driton", "Translators (sq)")
    translator.set_password(PASSWORD)
    translator.save()

    context = browser.new_context(locale="sq", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, live_server.url, "driton")

    # The missing-translations list: this item, its Albanian badge "missing".
    page.goto(f"{live_server.url}/admin/news/newsitem/?translation=sq:missing")
    row = page.locator("#result_list tbody tr", has_text="Kosovo ready to host")
    assert row.count() == 1
    badge = row.locator("a.tr-status[href*='language=sq']")
    assert "tr-missing" in badge.get_attribute("class")
    badge.click()

    # The form opens in Albanian; side by side shows the English source beside it.
    page.wait_for_selector("#lang-bar:not([hidden])")
    assert page.is_checked("#lang-view-sq")
    page.click("label[for=lang-view-pair]")
    page.select_option("#lang-left", "en")
    page.select_option("#lang-right", "sq")
    source = page.locator(".form-row.field-rendered__body_en .rendered-rich-text")
    assert source.is_visible()
    assert source.locator("strong", has_text="residence").count() == 1
    assert source.locator("li").count() == 2
    assert "<p>" not in source.inner_text()
    title_sq = page.locator("#id_title_sq")
    title_en_row = page.locator(".form-row.field-title_en")
    assert title_sq.is_visible() and title_en_row.is_visible()
    # The two languages stand side by side: the Albanian title to the right of the English one.
    assert title_sq.bounding_box()["x"] > title_en_row.bounding_box()["x"] + 200
    assert not page.locator(".form-row.field-title_be").is_visible()

    # Translate; the slug follows the title while it is typed, by the server's rule.
    title_sq.fill("Kosova gati të presë gazetarë dhe blogerë bjellorusë")
    expect(page.locator("#id_slug_sq")).to_have_value("kosova-gati-te-prese-gazetare-dhe-blogere-bjelloruse")
    page.fill("#id_lead_sq", "Kosova është gati të presë gazetarë bjellorusë.")
    page.fill("#id_place_sq", "Prishtinë")
    editor = page.locator(".form-row.field-body_sq [contenteditable=true]")
    editor.click()
    page.keyboard.type("Kosova u ofron gazetarëve leje qëndrimi.")
    page.click("input[name=_save]")

    # Back on the list: the Albanian badge is complete.
    page.wait_for_load_state("load")
    assert page.locator(".errornote, .errorlist").all_inner_texts() == []
    page.wait_for_selector(".messagelist .success")
    item.refresh_from_db()
    assert item.title_sq == "Kosova gati të presë gazetarë dhe blogerë bjellorusë"
    assert item.slug_sq
    page.goto(f"{live_server.url}/admin/news/newsitem/?q=Kosovo+ready")
    # The list shows the titles in the admin's language, Albanian: now the translation.
    badge = page.locator("#result_list tbody tr", has_text="Kosova gati").locator("a.tr-status[href*='language=sq']")
    assert "tr-complete" in badge.get_attribute("class")
    assert NewsItem.objects.get(pk=item.pk).title_en == "Kosovo ready to host Belarusian journalists and bloggers"
    assert errors == []
    context.close()
