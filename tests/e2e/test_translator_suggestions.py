"""End to end, in headless Chromium: a Belarusian translator opens an item side by side, sees the translation
memory's suggestions with their percentage and the glossary's terms, inserts one with the keyboard and one into
the rich-text editor with a click; nothing is saved until the form is; the panel passes axe."""

import pytest

from tests.e2e.conftest import AXE_TAGS, PASSWORD, log_in, needs_chromium

pytestmark = needs_chromium


@pytest.mark.parametrize("width", [1280, 390])
def test_a_translator_inserts_suggestions_of_the_memory(live_server, browser, http_settings, axe_source, width):
    from django.contrib.auth.models import Group, User

    from news.models import NewsItem
    from tests.news.factories import NewsItemFactory
    from translating import memory
    from translating.models import GlossaryTerm

    memory.learn(
        NewsItemFactory(
            title_en="Youth exchanges between Prishtina and Vilnius",
            title_be="Моладзевыя абмены паміж Прышцінай і Вільняй",
            body_en="<p>The delegation met the Office of the President.</p>",
            body_be="<p>Дэлегацыя сустрэлася з Офісам Прэзідэнта.</p>",
        )
    )
    GlossaryTerm.objects.create(en="delegation", be="дэлегацыя", sq="delegacion")
    item = NewsItemFactory(
        title_en="Youth exchanges between Prishtina and Vilnius",
        title_be="",
        body_en="<p>The delegation met the office of the President.</p>",
        body_be="",
    )
    user = User.objects.create_user("alesia", "alesia@ura.example.org", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Translators (be)"))

    # bypass_csp: axe-core is injected; the page itself is unchanged.
    context = browser.new_context(locale="be-BY", viewport={"width": width, "height": 900}, bypass_csp=True)
    context.set_default_timeout(15000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, live_server.url, "alesia")
    page.goto(
        f"{live_server.url}/admin/news/newsitem/{item.pk}/change/?_language_view=pair&_language_left=en&_language_right=be"
    )
    title_row = page.locator(".form-row.field-title_be")
    title_row.locator(".tm-panel").wait_for()
    assert "100%" in title_row.locator(".tm-score").first.inner_text()
    # The keyboard: the button takes the focus and Enter inserts the suggestion.
    title_row.locator(".tm-insert").first.focus()
    page.keyboard.press("Enter")
    assert page.locator("#id_title_be").input_value() == "Моладзевыя абмены паміж Прышцінай і Вільняй"
    assert title_row.locator(".tm-status").inner_text().startswith("Устаўлена")

    body_row = page.locator(".form-row.field-body_be")
    assert "99%" in body_row.locator(".tm-score").first.inner_text()  # the same words but for case
    assert "дэлегацыя" in body_row.locator(".tm-terms").inner_text()
    body_row.locator("[role=textbox].ProseMirror").click()
    body_row.locator(".tm-insert").first.click()
    assert "Дэлегацыя сустрэлася з Офісам Прэзідэнта." in page.eval_on_selector("#id_body_be", "e => e.value")

    page.add_script_tag(content=axe_source)
    violations = page.evaluate(
        "tags => axe.run('.tm-panel', {runOnly: {type: 'tag', values: tags}}).then(r => r.violations.map(v => v.id))",
        AXE_TAGS,
    )
    assert violations == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    item.refresh_from_db()
    assert item.title_be == "" and NewsItem.objects.filter(pk=item.pk, body_be="").exists()  # nothing saved
    assert not errors
