"""End to end, in headless Chromium: two editors save the same item and both changes stay; a restore by
an editor who may not publish makes nothing public.
"""

import pytest
from django.contrib.auth.models import Group, Permission, User
from reversion.models import Version

from core.models import Status
from editorial.roles import EDITORS, sync_roles
from news.models import NewsItem
from tests.e2e.conftest import PASSWORD, needs_chromium
from tests.news.factories import NewsItemFactory

pytestmark = needs_chromium


def staff(username, *, editor=True, codenames=()):
    user = User.objects.create_user(username, f"{username}@ura.example.org", PASSWORD, is_staff=True)
    if editor:
        sync_roles()
        user.groups.add(*Group.objects.filter(name=EDITORS))
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


def logged_in(browser, live_server, username):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#content")
    return page


def open_change_form(page, live_server, item):
    page.goto(f"{live_server.url}/admin/news/newsitem/{item.pk}/change/")
    page.wait_for_selector(".ProseMirror", state="attached")
    page.click("label[for=lang-view-en]")


@pytest.mark.django_db(transaction=True)
def test_two_editors_save_the_same_item_and_the_merge_keeps_both(live_server, browser, http_settings, monkeypatch):
    from editorial import presence

    monkeypatch.setattr(presence, "PRESENCE_INTERVAL", 5)  # the pages ask every 5 seconds, not 20
    item = NewsItemFactory(title_en="Delegation visit to Prishtina", place_en="Prishtina", status=Status.DRAFT)
    staff("vera")
    staff("dardan")
    vera, dardan = logged_in(browser, live_server, "vera"), logged_in(browser, live_server, "dardan")
    open_change_form(vera, live_server, item)
    vera.click("input[name=_continue]")  # a first version in the history, as every item saved in the admin has
    vera.wait_for_selector(".messagelist .success")
    open_change_form(vera, live_server, item)
    assert vera.locator("#presence").is_hidden()  # nobody else has the item open
    open_change_form(dardan, live_server, item)

    # Both see who else has the form open: Dardan at once, Vera at her page's next question.
    assert dardan.locator("#presence").is_visible()
    assert dardan.locator("#presence .presence-names").inner_text().startswith("vera (since ")
    vera.wait_for_selector("#presence:not([hidden])", timeout=10000)
    assert vera.locator("#presence .presence-names").inner_text().startswith("dardan (since ")

    vera.fill("#id_place_en", "Prishtina, Kosovo")
    vera.click("input[name=_continue]")
    vera.wait_for_selector(".messagelist .success")

    dardan.fill("#id_lead_en", "The delegation met the Office of the President.")
    dardan.click("input[name=_continue]")
    dardan.wait_for_selector(".messagelist .success")
    assert "their changes are kept: Place (English)" in dardan.content()

    item.refresh_from_db()
    assert item.place_en == "Prishtina, Kosovo"
    assert item.lead_en == "The delegation met the Office of the President."


@pytest.mark.django_db(transaction=True)
def test_a_restore_by_an_editor_who_may_not_publish_makes_nothing_public(live_server, browser, http_settings):
    item = NewsItemFactory(title_en="Statement of the office", status=Status.PUBLISHED)
    staff("vera")
    staff("nadia", editor=False, codenames=["view_newsitem", "change_newsitem"])
    vera = logged_in(browser, live_server, "vera")
    open_change_form(vera, live_server, item)
    vera.click("input[name=_continue]")  # the published version, in the history
    vera.wait_for_selector(".messagelist .success")
    open_change_form(vera, live_server, item)
    vera.fill("#id_title_en", "Statement of the office (draft)")
    vera.locator("button.workflow-unpublish").last.click()
    vera.wait_for_selector(".messagelist .success")
    published = Version.objects.get_for_object(item).last()

    nadia = logged_in(browser, live_server, "nadia")
    nadia.goto(f"{live_server.url}/admin/news/newsitem/{item.pk}/history/{published.pk}/")
    assert "That version was “Published”" in nadia.content()
    nadia.click("input[name=_continue]")
    nadia.wait_for_selector(".messagelist .success")

    item.refresh_from_db()
    assert item.title_en == "Statement of the office"
    assert item.status == Status.DRAFT
    visitor = browser.new_context().new_page()
    assert visitor.goto(f"{live_server.url}{NewsItem.objects.get(pk=item.pk).get_absolute_url_for('en')}").status == 404
