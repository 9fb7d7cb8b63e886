"""End to end, in headless Chromium: an editor writes, previews, schedules and publishes a news item,
then previews a change to it before saving.

Runs against pytest-django's live server with Debian's Chromium through
Playwright (no browser download). Skipped only when /usr/bin/chromium is absent.
"""

import datetime
import re

import pytest
from django.utils import timezone
from PIL import Image

from tests.e2e.conftest import PASSWORD, needs_chromium

pytestmark = needs_chromium

TEXT = {
    "en": {
        "title": "Delegation of the democratic forces visits Prishtina",
        "lead": "The delegation met the Office of the President and civil society organisations.",
        "body": "They discussed cooperation between Belarusian and Kosovar civil society.",
    },
    "sq": {
        "title": "Delegacioni i forcave demokratike viziton Prishtinën",
        "lead": "Delegacioni u takua me Zyrën e Presidentes dhe me organizata të shoqërisë civile.",
        "body": "Ata diskutuan bashkëpunimin mes shoqërisë civile bjelloruse dhe kosovare.",
    },
    "be": {
        "title": "Дэлегацыя дэмакратычных сіл наведала Прышціну",
        "lead": "Дэлегацыя сустрэлася з Офісам Прэзідэнткі і арганізацыямі грамадзянскай супольнасці.",
        "body": "Яны абмеркавалі супрацоўніцтва беларускай і касоўскай грамадзянскай супольнасці.",
    },
}
ALT_TEXT = {
    "be": "Сябры дэлегацыі за сталом перамоваў у Прышціне",
    "sq": "Anëtarët e delegacionit në tryezën e takimit në Prishtinë",
    "en": "Members of the delegation at the meeting table in Prishtina",
}


@pytest.fixture
def hero_image(tmp_path):
    path = tmp_path / "prishtina-meeting.jpg"
    image = Image.new("RGB", (1600, 900), (18, 58, 94))
    for x in range(0, 1600, 40):
        for y in range(300, 600):
            image.putpixel((x, y), (240, 200, 60))
    image.save(path, "JPEG", quality=85)
    return path


def fill_rich_text(page, field_id, text):
    # The editor replaces the textarea inside the field's row (one row per language).
    panel = page.locator(f"#{field_id}").locator("xpath=ancestor::*[contains(@class,'form-row')][1]")
    prose = panel.locator(".ProseMirror").last
    prose.click()
    page.keyboard.type(text)


def test_editor_writes_previews_schedules_and_publishes(
    live_server, browser, http_settings, hero_image, media_root, tmp_path
):
    try:
        _run(live_server, browser, hero_image)
    except Exception:
        # Screenshots of every open page, to see what went wrong.
        for index, page in enumerate(p for c in browser.contexts for p in c.pages):
            page.screenshot(path=tmp_path / f"failure-{index}.png", full_page=True)
        raise


def _run(live_server, browser, hero_image):
    from core.models import Status
    from editorial.roles import EDITORS
    from news.models import NewsItem
    from tests.editorial.workflow_helpers import make_user

    user = make_user("olena", EDITORS)
    user.set_password(PASSWORD)
    user.save()

    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    # Log in.
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "olena")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#workflow-drafts")

    # Write the item in three languages with the rich-text editor, add an image.
    page.goto(f"{live_server.url}/admin/news/newsitem/add/")
    page.wait_for_selector(".ProseMirror", state="attached")
    for code, text in TEXT.items():
        page.click(f"label[for=lang-view-{code}]")
        page.fill(f"#id_title_{code}", text["title"])
        page.fill(f"#id_lead_{code}", text["lead"])
        fill_rich_text(page, f"id_body_{code}", text["body"])
    page.fill("#id_date", "2025-04-16")
    page.set_input_files("#id_image_upload", str(hero_image))
    for code, alt in ALT_TEXT.items():
        page.click(f"label[for=lang-view-{code}]")  # each language's alternative text shows with its fields
        page.fill(f"#id_image_alt_{code}", alt)
    page.click("label[for=lang-view-en]")

    # Save as a draft: the uploaded file goes into the image library and is chosen for the item.
    assert page.input_value("#id_status") == Status.DRAFT
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    item = NewsItem.objects.get()
    assert item.status == Status.DRAFT
    assert item.image

    # The image went into the library with its alternative text in each language.
    news_form = page.url
    assert {code: getattr(item.image, f"alt_text_{code}") for code in ALT_TEXT} == ALT_TEXT
    page.goto(news_form)
    page.wait_for_selector(".ProseMirror", state="attached")
    for code, text in TEXT.items():
        assert getattr(item, f"title_{code}") == text["title"]
        assert text["body"] in getattr(item, f"body_{code}")

    # Preview in each language from the links on the change form.
    for code, text in TEXT.items():
        link = page.locator(f"a.viewsitelink[hreflang={code}]")
        href = link.get_attribute("href")
        assert href.endswith("?preview=1")
        preview = context.new_page()
        response = preview.goto(f"{live_server.url}{href}")
        assert response.status == 200
        assert preview.locator(".preview-banner").is_visible()
        assert preview.locator("h1").first.inner_text() == text["title"]
        assert text["body"] in preview.locator("main").inner_text()
        assert response.headers["x-robots-tag"] == "noindex"
        preview.close()

    # Schedule it for tomorrow with one button: visitors still cannot see it.
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    publish = page.locator("button.workflow-publish").last
    assert publish.inner_text() == "Publish"
    page.fill("#id_publish_at_0", tomorrow.strftime("%Y-%m-%d"))
    page.fill("#id_publish_at_1", "09:00:00")
    assert publish.inner_text() == "Schedule"  # the button says what it will do
    publish.click()
    page.wait_for_selector(".messagelist .success")
    item.refresh_from_db()
    assert item.status == Status.SCHEDULED
    assert not item.is_public
    messages = page.locator(".messagelist").inner_text()
    assert "is not visible until then" in messages
    assert f"Scheduled for {tomorrow.day} " in messages

    visitor_context = browser.new_context(locale="sq")
    visitor = visitor_context.new_page()
    for code in TEXT:
        assert visitor.goto(f"{live_server.url}{item.get_absolute_url_for(code)}").status == 404

    # Cancel the schedule, then publish now with one button.
    page.click("button.workflow-unpublish >> nth=-1")
    page.wait_for_selector(".messagelist .success")
    item.refresh_from_db()
    assert item.status == Status.DRAFT
    page.fill("#id_publish_at_0", "")
    page.fill("#id_publish_at_1", "")
    page.locator("button.workflow-publish").last.click()
    page.wait_for_selector(".messagelist .success")
    item.refresh_from_db()
    assert item.is_public
    assert "visitors see" in page.locator(".messagelist").inner_text()
    # A live item offers "Unpublish", no longer "Publish".
    assert page.locator("button.workflow-publish").count() == 0
    assert page.locator("button.workflow-unpublish").last.inner_text() == "Unpublish"

    # An expiry time: the item stays public until then, and the message says so.
    next_week = timezone.localtime() + datetime.timedelta(days=7)
    page.fill("#id_expire_at_0", next_week.strftime("%Y-%m-%d"))
    page.fill("#id_expire_at_1", "18:00:00")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    item.refresh_from_db()
    assert item.is_public
    assert timezone.localtime(item.expire_at).date() == next_week.date()
    assert f"It leaves the site at {next_week.day} " in page.locator(".messagelist").inner_text()

    # A visitor sees it in each language, with the image.
    for code, text in TEXT.items():
        response = visitor.goto(f"{live_server.url}{item.get_absolute_url_for(code)}")
        assert response.status == 200
        assert visitor.locator("html").get_attribute("lang") == code
        assert visitor.locator("h1").first.inner_text() == text["title"]
        assert text["body"] in visitor.locator("main").inner_text()
        assert visitor.locator(".preview-banner").count() == 0
        assert visitor.locator("main img").count() >= 1
        visitor.goto(f"{live_server.url}/{code}/news/")
        assert text["title"] in visitor.locator("main").inner_text()

    # Edit the published item's English title and preview the change before saving it.
    english_url = f"{live_server.url}{item.get_absolute_url_for('en')}"
    new_title = "Delegation of the democratic forces meets civil society in Prishtina"
    page.goto(f"{live_server.url}/admin/news/newsitem/{item.pk}/change/")
    page.click("label[for=lang-view-en]")
    page.fill("#id_title_en", new_title)
    with context.expect_page() as opened:
        page.locator(".workflow-preview-button[data-language=en]").last.click()
    preview = opened.value
    preview.wait_for_load_state()
    assert preview.locator("h1").first.inner_text() == new_title
    assert preview.locator(".preview-banner").is_visible()
    assert "These changes are not saved." in preview.locator(".preview-banner").inner_text()
    preview.close()
    # Visitors still see the old title: nothing was saved.
    visitor.goto(english_url)
    assert visitor.locator("h1").first.inner_text() == TEXT["en"]["title"]
    item.refresh_from_db()
    assert item.title_en == TEXT["en"]["title"]
    # Saved from the same form (the preview left the loaded version alone), the change is public.
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    visitor.goto(english_url)
    assert visitor.locator("h1").first.inner_text() == new_title

    # Moving the publish time of the live item into the future does not take it down silently.
    page.fill("#id_publish_at_0", tomorrow.strftime("%Y-%m-%d"))
    page.fill("#id_publish_at_1", "09:00:00")
    page.click("input[name=_continue]")
    page.wait_for_selector(".workflow-take-down")
    item.refresh_from_db()
    assert item.is_public
    assert visitor.goto(english_url).status == 200
    # Confirmed in words, it goes off the site until then.
    page.check("input[name=_take_down]")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    item.refresh_from_db()
    assert not item.is_public
    assert "is not visible until then" in page.locator(".messagelist").inner_text()
    assert visitor.goto(english_url).status == 404

    assert not [error for error in errors if not re.search(r"ResizeObserver", error)]
    visitor_context.close()
    context.close()
