"""End to end, in headless Chromium: an editor writes, previews, schedules and publishes a news item,
previews a change to it before saving, schedules a change of the live item (applied by the job at its
time), sets an expiry time (the item leaves the site then) and reads the history.

Runs against pytest-django's live server with Debian's Chromium through
Playwright (no browser download). Skipped only when /usr/bin/chromium is absent.
"""

import datetime
import re

import pytest
from django.utils import timezone
from PIL import Image

from tests.e2e.conftest import PASSWORD, axe_serious, needs_chromium

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
    live_server, browser, http_settings, hero_image, media_root, axe_source, tmp_path
):
    try:
        _run(live_server, browser, hero_image, axe_source)
    except Exception:
        # Screenshots of every open page, to see what went wrong.
        for index, page in enumerate(p for c in browser.contexts for p in c.pages):
            page.screenshot(path=tmp_path / f"failure-{index}.png", full_page=True)
        raise


def _run(live_server, browser, hero_image, axe_source):
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

    # One Preview control: each language, and Belarusian in Łacinka; a draft has no second kind of preview link.
    assert page.locator("a.viewsitelink").count() == 0
    for code, text in TEXT.items():
        with context.expect_page() as opened:
            page.locator(f".workflow-preview-button[data-language={code}]").last.click()
        preview = opened.value
        preview.wait_for_load_state()
        assert preview.locator(".preview-banner").is_visible()
        assert preview.locator("h1").first.inner_text() == text["title"]
        assert text["body"] in preview.locator("main").inner_text()
        preview.close()
    with context.expect_page() as opened:
        page.locator(".workflow-preview-button[data-language=be-latn]").last.click()
    preview = opened.value
    preview.wait_for_load_state()
    assert preview.locator("html").get_attribute("lang") == "be-Latn"
    assert preview.locator("h1").first.inner_text() == "Delehacyja demakratyčnych sił naviedała Pryšcinu"
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

    # Moving the publish time of the live item into the future does not take it down silently: the form
    # offers to take it off the site or to schedule the changes. A scheduled change leaves the live version up.
    scheduled_title = "Delegation of the democratic forces and civil society agree on a joint programme"
    page.fill("#id_title_en", scheduled_title)
    page.fill("#id_publish_at_0", tomorrow.strftime("%Y-%m-%d"))
    page.fill("#id_publish_at_1", "09:00:00")
    page.click("input[name=_continue]")
    page.wait_for_selector(".workflow-take-down")
    item.refresh_from_db()
    assert item.is_public
    assert visitor.goto(english_url).status == 200
    page.click(".workflow-take-down button.workflow-schedule-change")
    page.wait_for_selector(".messagelist .success")
    assert "Until then visitors see" in page.locator(".messagelist").inner_text()
    banner = page.locator(".workflow-scheduled")
    assert f"A change to this item is scheduled for {tomorrow.day} " in banner.inner_text()
    assert "(by olena)" in banner.inner_text()
    banner.locator("summary").click()
    assert scheduled_title in banner.locator("table").inner_text()
    assert page.input_value("#id_title_en") == new_title  # the form shows the live version
    item.refresh_from_db()
    assert item.is_public and item.title_en == new_title
    assert visitor.goto(english_url).status == 200
    assert visitor.locator("h1").first.inner_text() == new_title
    screens = {"scheduled change": page.url}

    # Its time comes: the periodic job applies it like a save, and the new text is live.
    from editorial.models import ScheduledChange
    from editorial.tasks import apply_scheduled_changes

    ScheduledChange.objects.update(publish_at=timezone.now() - datetime.timedelta(seconds=1))
    assert apply_scheduled_changes(timestamp=0) == 1
    visitor.goto(english_url)
    assert visitor.locator("h1").first.inner_text() == scheduled_title
    page.reload()
    assert page.locator(".workflow-scheduled").count() == 0
    assert page.input_value("#id_title_en") == scheduled_title

    # An expiry time a few seconds ahead: public until then, then off the site (404).
    expiry = timezone.localtime() + datetime.timedelta(seconds=12)
    page.fill("#id_expire_at_0", expiry.strftime("%Y-%m-%d"))
    page.fill("#id_expire_at_1", expiry.strftime("%H:%M:%S"))
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    assert "It leaves the site at" in page.locator(".messagelist").inner_text()
    assert visitor.goto(english_url).status == 200
    page.wait_for_timeout(max(0, (expiry - timezone.localtime()).total_seconds() * 1000) + 1500)
    assert visitor.goto(english_url).status == 404

    # The history credits each step: the schedule, its publication (by who scheduled it), the expiry.
    page.goto(f"{live_server.url}/admin/news/newsitem/{item.pk}/history/")
    rows = [row.inner_text() for row in page.locator("#change-history tbody tr").all()]
    expiry_row, published_row, scheduled_row = rows[:3]
    assert "olena" in expiry_row and "Expiry time" in expiry_row
    assert "Scheduled change published (by olena, scheduled at" in published_row and "Title" in published_row
    assert "Change scheduled for" in scheduled_row and "olena" in scheduled_row
    screens["history"] = page.url

    # No critical or serious accessibility problem on the screens this journey changed, phone and desktop.
    from django.contrib.contenttypes.models import ContentType

    ScheduledChange.objects.create(  # the banner of a scheduled change again, for the check
        content_type=ContentType.objects.get_for_model(NewsItem),
        object_id=str(item.pk),
        values={"title_en": new_title},
        publish_at=timezone.now() + datetime.timedelta(days=1),
        user=user,
    )
    axe_context = browser.new_context(locale="en-GB", bypass_csp=True)
    axe_context.add_cookies(context.cookies())
    axe_page = axe_context.new_page()
    found = {}
    for width in (390, 1280):
        axe_page.set_viewport_size({"width": width, "height": 900})
        for name, url in screens.items():
            axe_page.goto(url)
            found[(name, width)] = axe_serious(axe_page, axe_source)
    assert {key: value for key, value in found.items() if value} == {}
    axe_context.close()

    assert not [error for error in errors if not re.search(r"ResizeObserver", error)]
    visitor_context.close()
    context.close()


# --- A rich news item in three languages, counted ------------------------------------------------

VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
TABLE_HEADER = "Municipality"


class Counted:
    """The editor's clicks and typed fields, counted as a usability review counts them (one each)."""

    def __init__(self, page):
        self.page = page
        self.count = 0

    def click(self, locator):
        self.count += 1
        locator.click()

    def fill(self, selector, value):
        self.count += 1
        self.page.fill(selector, value)

    def type(self, text):
        self.count += 1
        self.page.keyboard.type(text)


def body_editor(page, code):
    row = page.locator(f"#id_body_{code}").locator("xpath=ancestor::*[contains(@class,'form-row')][1]")
    return row, row.locator(".ProseMirror[contenteditable=true]")


def test_editor_writes_a_rich_news_item_previews_and_publishes_it(
    live_server, browser, http_settings, media_root, axe_source, tmp_path
):
    try:
        _run_rich(live_server, browser, axe_source)
    except Exception:
        for index, page in enumerate(p for c in browser.contexts for p in c.pages):
            page.screenshot(path=tmp_path / f"failure-{index}.png", full_page=True)
        raise


def _run_rich(live_server, browser, axe_source):
    from urllib.parse import urlsplit

    from editorial.roles import EDITORS
    from news.models import NewsItem
    from tests.editorial.workflow_helpers import make_user
    from tests.library.factories import ImageFactory

    picture = ImageFactory(alt_text_be=ALT_TEXT["be"], credit_be="Ura", credit_en="Ura")
    user = make_user("olena", EDITORS)
    user.set_password(PASSWORD)
    user.save()
    site = urlsplit(live_server.url).netloc

    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    editor = Counted(page)

    page.goto(f"{live_server.url}/admin/login/")
    editor.fill("#id_username", "olena")
    editor.fill("#id_password", PASSWORD)
    editor.click(page.locator("input[type=submit]"))
    page.wait_for_selector("#workflow-drafts")
    editor.click(page.locator("a[href='/admin/news/newsitem/add/']").first)
    page.wait_for_selector(".ProseMirror", state="attached")

    # Title, lead and body in each language.
    for code, text in TEXT.items():
        editor.click(page.locator(f"label[for=lang-view-{code}]"))
        editor.fill(f"#id_title_{code}", text["title"])
        editor.fill(f"#id_lead_{code}", text["lead"])
        _row, prose = body_editor(page, code)
        prose.click()
        editor.type(text["body"])

    # In the language shown last: an image from the library, a table with a header row, a video.
    rich = list(TEXT)[-1]
    row, prose = body_editor(page, rich)
    page.keyboard.press("Enter")
    editor.type(VIDEO)  # an address alone on its line
    page.keyboard.press("Enter")
    editor.click(row.locator("button[data-name=figure]"))
    dialog = page.locator("dialog[open]")
    with context.expect_page() as opened:
        editor.click(dialog.locator("button", has_text="Browse..."))
    picker = opened.value
    picker.wait_for_load_state()
    editor.click(picker.locator(f".library-pick[data-pick-id='{picture.pk}']"))
    page.wait_for_function("() => document.querySelector('dialog[open] input[name=imageUrl]').value !== ''")
    assert dialog.locator("input[name=imageUrl]").input_value().endswith(".webp")
    assert picker.is_closed()
    editor.click(dialog.locator("button[type=submit]"))
    prose.locator("p").last.click()
    editor.click(row.locator("button[title='Insert table']"))
    table_dialog = page.locator("dialog[open]")
    table_dialog.locator("select[name=withHeaderRow]").select_option("Yes")
    editor.count += 1
    editor.click(table_dialog.locator("button[type=submit]"))
    editor.type(TABLE_HEADER)  # the first header cell
    editor.fill("#id_date", "2025-04-16")

    # Preview the form as it is now (nothing saved yet) in that language.
    with context.expect_page() as opened:
        editor.click(page.locator(f".workflow-preview-button[data-language={rich}]").last)
    preview = opened.value
    preview.wait_for_load_state()
    assert preview.locator(".preview-banner").is_visible()
    assert preview.locator(".prose .body-figure img[srcset]").count() == 1
    assert preview.locator(".prose .table-scroll th", has_text=TABLE_HEADER).count() == 1
    assert preview.locator(".prose .embed-video").count() == 1, page.input_value(f"#id_body_{rich}")
    preview.close()
    assert not NewsItem.objects.exists()

    # Publish with one button.
    editor.click(page.locator("button.workflow-publish").last)
    page.wait_for_selector(".messagelist .success")
    item = NewsItem.objects.get()
    assert item.is_public
    body = getattr(item, f"body_{rich}")
    assert f'data-file="{picture.pk}"' in body and "<table>" in body
    assert editor.count <= 30, editor.count

    # A reader: the image from the library's renditions, the table, the video as a preview that loads nothing.
    reader_context = browser.new_context(locale="en-GB", viewport={"width": 390, "height": 844})
    reader_context.route(
        "https://www.youtube-nocookie.com/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<title>player</title>"),
    )
    reader = reader_context.new_page()
    requests = []
    reader.on("request", lambda request: requests.append(request.url))
    reader.goto(f"{live_server.url}{item.get_absolute_url_for(rich)}")
    reader.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # the lazy images load
    reader.wait_for_load_state("networkidle")
    figure = reader.locator(".prose .body-figure img")
    assert figure.get_attribute("alt") == ALT_TEXT[rich]  # the library's, in the page's language
    assert figure.get_attribute("loading") == "lazy"
    assert "Ura" in reader.locator(".prose .body-figure figcaption .credit").inner_text()
    assert reader.evaluate("document.documentElement.scrollWidth") <= 390  # the table scrolls in its own box
    assert reader.locator(".prose iframe").count() == 0
    elsewhere = [url for url in requests if urlsplit(url).netloc != site]
    assert elsewhere == [], elsewhere
    reader.locator(".embed-load").click()
    frame = reader.locator(".prose iframe.embed-frame")
    frame.wait_for(state="attached")
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
    reader.wait_for_timeout(300)
    assert any(urlsplit(url).netloc == "www.youtube-nocookie.com" for url in requests)
    assert not [url for url in requests if "youtube.com/" in url and "nocookie" not in url]
    reader_context.close()

    # No critical or serious accessibility problem on the public page, phone and desktop (the picker is in
    # test_admin_screens.py).
    axe_context = browser.new_context(locale="en-GB", bypass_csp=True)
    axe_page = axe_context.new_page()
    found = {}
    for width in (390, 1280):
        axe_page.set_viewport_size({"width": width, "height": 900})
        for code in TEXT:
            axe_page.goto(f"{live_server.url}{item.get_absolute_url_for(code)}")
            found[(code, width)] = axe_serious(axe_page, axe_source)
    assert {key: value for key, value in found.items() if value} == {}
    axe_context.close()

    assert not [error for error in errors if not re.search(r"ResizeObserver", error)]
    context.close()
