"""End to end, in headless Chromium: an Albanian translator changes an interface string in the
admin's catalogue editor, sees the save confirmed, and a visitor reads the new text.
"""

import pytest

from tests.e2e.conftest import PASSWORD, needs_chromium

pytestmark = needs_chromium


@pytest.mark.parametrize("width", [1280, 390])
def test_a_translator_changes_an_interface_string(live_server, browser, http_settings, width):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("drita", "drita@ura.example.org", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Translators (sq)"))

    context = browser.new_context(locale="sq-AL", viewport={"width": width, "height": 900})
    context.set_default_timeout(15000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "drita")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector(".catalogue-link")

    # From the admin's home page to the Albanian catalogue: the only one listed.
    page.click(".catalogue-link a")
    languages = page.locator(".catalogue-languages tbody th a")
    assert languages.all_inner_texts() == ["Shqip"]
    languages.first.click()

    # Find the entry by its source text, open it, change it.
    page.get_by_label("Kërkoni në tekstin burimor dhe në përkthim").fill("latest news")
    page.get_by_role("button", name="Kërkim").click()
    page.locator(".catalogue-entries a", has_text="Latest news").first.click()
    assert page.locator("dd code", has_text="Latest news").count() == 1
    page.get_by_label("Përkthimi").fill("Lajmet më të reja")
    page.click("input[type=submit].default")

    # Back on the list, on the same search, with a confirmation and a way back to the admin.
    assert "U ruajt." in page.locator(".messagelist").inner_text()
    assert "Lajmet më të reja" in page.locator(".catalogue-entries").inner_text()
    assert page.locator("a", has_text="Kthehuni te administrimi").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    visitor = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    visitor.goto(f"{live_server.url}/sq/")
    assert "Lajmet më të reja" in visitor.content()
    assert not errors
