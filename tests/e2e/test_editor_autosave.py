"""End to end, in headless Chromium: an autosaved form comes back after the page is closed and reopened.

An editor types into a news item (titles in two languages, the rich-text body,
a topic chosen in the autocomplete list), closes the tab without saving,
opens the item again, restores the kept input and saves it; leaving a changed
form asks first; a discarded autosave is gone; nothing typed is public before
the save. Runs against pytest-django's live server with Debian's Chromium
through Playwright. Skipped only when /usr/bin/chromium is absent.
"""

import re

import pytest

from tests.e2e.conftest import PASSWORD, needs_chromium

pytestmark = needs_chromium

TYPED = {
    "title_be": "Дэлегацыя сустрэлася з грамадзянскай супольнасцю ў Прышціне",
    "title_en": "Delegation meets civil society in Prishtina",
    "body_sq": "Takimi vazhdoi me organizatat e shoqërisë civile.",
}


@pytest.fixture
def quick_autosave(monkeypatch):
    from editorial.autosave import AutosaveAdminMixin

    monkeypatch.setattr(AutosaveAdminMixin, "autosave_interval", 1)


def prose(page, field_id):
    """The rich-text editor of a textarea (django-prose-editor wraps the textarea)."""
    return (
        page.locator(f"#{field_id}")
        .locator("xpath=ancestor::div[contains(@class,'prose-editor')][1]")
        .locator(".ProseMirror")
        .last
    )


def wait_until_kept(page):
    page.wait_for_function(
        "() => /Unsaved changes kept at \\d\\d:\\d\\d/.test(document.querySelector('.autosave-status').textContent)"
    )


def test_an_autosaved_form_comes_back_after_the_page_is_closed(
    live_server, browser, http_settings, quick_autosave, tmp_path
):
    try:
        _run(live_server, browser)
    except Exception:
        for index, page in enumerate(p for c in browser.contexts for p in c.pages):
            page.screenshot(path=tmp_path / f"failure-{index}.png", full_page=True)
        raise


def _run(live_server, browser):
    from core.models import Status, Topic
    from editorial.models import AutosavedForm
    from editorial.roles import EDITORS
    from news.models import NewsItem
    from tests.editorial.workflow_helpers import make_user
    from tests.news.factories import NewsItemFactory

    user = make_user("olena", EDITORS)
    user.set_password(PASSWORD)
    user.save()
    topic = Topic.objects.create(
        name_en="Civil society", name_sq="Shoqëria civile", name_be="Грамадзянская супольнасць"
    )
    item = NewsItemFactory(status=Status.DRAFT, publish_at=None)
    saved = {name: getattr(item, name) for name in TYPED}
    change_url = f"{live_server.url}/admin/news/newsitem/{item.pk}/change/"

    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15000)
    errors = []

    def open_page(url):
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.goto(url)
        return page

    page = open_page(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "olena")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#workflow-drafts")

    # Type into the form: two titles, the Albanian rich text, a topic; then close the tab.
    page.goto(change_url)
    page.wait_for_selector(".ProseMirror", state="attached")
    assert page.locator(".autosave-offer").count() == 0
    for name in ("title_be", "title_en"):
        page.click(f"label[for=lang-view-{name[-2:]}]")
        page.fill(f"#id_{name}", TYPED[name])
    page.click("label[for=lang-view-sq]")
    prose(page, "id_body_sq").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" " + TYPED["body_sq"])
    page.locator("#id_topics + .select2").click()
    page.keyboard.type("Civil")
    page.locator(".select2-results__option", has_text="Civil society").click()
    # Wait until the last change is kept (closing a tab in Playwright sends no beforeunload).
    for _attempt in range(100):
        kept = AutosavedForm.objects.filter(user=user, object_id=str(item.pk)).first()
        if kept and ["topics", str(topic.pk)] in kept.fields and TYPED["body_sq"] in str(kept.fields):
            break
        page.wait_for_timeout(100)
    else:
        raise AssertionError("the form was not kept")
    wait_until_kept(page)
    page.close()

    # Nothing typed is saved on the item, nor public.
    item.refresh_from_db()
    assert {name: getattr(item, name) for name in TYPED} == saved
    assert list(item.topics.all()) == []
    assert not item.is_public
    assert AutosavedForm.objects.filter(user=user, object_id=str(item.pk)).exists()

    # Reopened: the form shows what is saved, and offers the kept input back.
    page = open_page(change_url)
    page.wait_for_selector(".ProseMirror", state="attached")
    offer = page.locator(".autosave-offer")
    assert offer.is_visible()
    assert re.search(r"You have unsaved changes from \d\d:\d\d\.", offer.inner_text())
    assert page.input_value("#id_title_en") == saved["title_en"]
    page.click("[data-autosave=restore]")
    offer.wait_for(state="hidden")
    assert page.input_value("#id_title_be") == TYPED["title_be"]
    assert page.input_value("#id_title_en") == TYPED["title_en"]
    assert TYPED["body_sq"] in page.input_value("#id_body_sq")
    page.click("label[for=lang-view-sq]")
    assert TYPED["body_sq"] in prose(page, "id_body_sq").inner_text()
    assert page.eval_on_selector("#id_topics", "select => [...select.selectedOptions].map(o => o.value)") == [
        str(topic.pk)
    ]
    assert "Civil society" in page.locator("#id_topics + .select2").inner_text()

    # Leaving the changed form asks first; staying keeps the input.
    dialogs = []

    def on_dialog(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.locator(".breadcrumbs a").first.click()
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert page.url == change_url
    assert page.input_value("#id_title_en") == TYPED["title_en"]

    # Saving takes the restored input and ends the autosave; no warning on the way.
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    assert dialogs == ["beforeunload"]
    item.refresh_from_db()
    assert item.title_be == TYPED["title_be"]
    assert item.title_en == TYPED["title_en"]
    assert TYPED["body_sq"] in item.body_sq
    assert list(item.topics.all()) == [topic]
    assert item.status == Status.DRAFT and not item.is_public
    assert not AutosavedForm.objects.filter(user=user).exists()
    assert page.locator(".autosave-offer").count() == 0
    # An unchanged form is left without a question.
    page.locator(".breadcrumbs a").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))
    assert dialogs == ["beforeunload"]
    page.close()

    # A discarded autosave is gone for good.
    page = open_page(change_url)
    page.wait_for_selector(".ProseMirror", state="attached")
    page.fill("#id_title_en", "A title that is thrown away")
    wait_until_kept(page)
    page.close()
    page = open_page(change_url)
    page.click("[data-autosave=discard]")
    page.locator(".autosave-offer").wait_for(state="hidden")
    page.wait_for_function("() => document.querySelector('.autosave-status').textContent.includes('discarded')")
    assert not AutosavedForm.objects.filter(user=user).exists()
    assert page.input_value("#id_title_en") == TYPED["title_en"]
    page.reload()
    page.wait_for_selector(".ProseMirror", state="attached")
    assert page.locator(".autosave-offer").count() == 0
    page.close()

    # The add form keeps a new item's input too.
    page = open_page(f"{live_server.url}/admin/news/newsitem/add/")
    page.wait_for_selector(".ProseMirror", state="attached")
    page.click("label[for=lang-view-en]")
    page.fill("#id_title_en", "A new item, not saved yet")
    wait_until_kept(page)
    page.close()
    page = open_page(f"{live_server.url}/admin/news/newsitem/add/")
    page.click("[data-autosave=restore]")
    page.locator(".autosave-offer").wait_for(state="hidden")
    assert page.input_value("#id_title_en") == "A new item, not saved yet"
    assert NewsItem.objects.count() == 1
    page.close()

    assert not [error for error in errors if not re.search(r"ResizeObserver", error)]
    context.close()


def test_a_form_too_big_to_autosave_says_so(live_server, browser, http_settings, quick_autosave):
    from editorial.models import AutosavedForm
    from editorial.roles import EDITORS
    from tests.editorial.workflow_helpers import make_user
    from tests.news.factories import NewsItemFactory

    http_settings.AUTOSAVE_MAX_BYTES = 20_000  # a form is a few kilobytes; the pasted title is not
    user = make_user("olena", EDITORS)
    user.set_password(PASSWORD)
    user.save()
    item = NewsItemFactory()
    page = browser.new_context(locale="en-GB").new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "olena")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#workflow-drafts")
    page.goto(f"{live_server.url}/admin/news/newsitem/{item.pk}/change/")
    page.wait_for_selector(".ProseMirror", state="attached")
    page.click("label[for=lang-view-en]")
    # Pasted text longer than the field takes (maxlength binds typing, not a paste through a script).
    page.eval_on_selector("#id_title_en", "element => { element.value = 'x'.repeat(25000); }")
    status = page.locator(".autosave-status")
    status.filter(has_text="Not kept: the unsaved changes are larger than").wait_for()
    assert "Save the form to keep them." in status.inner_text()
    assert not AutosavedForm.objects.exists()
