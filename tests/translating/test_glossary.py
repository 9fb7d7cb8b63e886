"""The glossary: seeded from docs/glossary.md, edited by translators, forbidden variants confirmed on save, TBX."""

import pytest
from django.urls import reverse
from translate.storage import tbx

from tests.editorial.workflow_helpers import change_form_data, make_user, translator
from tests.news.factories import NewsItemFactory
from translating import glossary
from translating.models import GlossaryTerm

pytestmark = pytest.mark.django_db


def test_seed_reads_the_term_tables_of_the_glossary_page_once():
    added = glossary.seed()
    assert added > 40
    report = GlossaryTerm.objects.get(en="report")
    assert (report.be, report.sq, report.note) == ("даклад", "raport", "research report, document category")
    assert report.forbidden("be") == [r"\bсправаздач"]
    select = GlossaryTerm.objects.get(en="select")
    assert select.words("be") == ["выбраць", "выберыце", "выбранае"]
    assert glossary.seed() == 0  # again: nothing new


def test_terms_of_a_segment_are_found_in_its_other_forms():
    glossary.seed()
    found = glossary.terms_in("<p>The working groups met; reports follow.</p>", "en", "be")
    assert {"працоўная група", "даклад"} <= {term["target"] for term in found}
    assert glossary.terms_in("Дакладу няма", "be", "sq")[0]["target"] == "raport"


def test_a_forbidden_variant_in_a_translation_is_saved_only_once_the_translator_confirms(client):
    GlossaryTerm.objects.create(en="report", be="даклад", sq="raport", forbidden_be=r"\bсправаздач")
    client.force_login(translator())
    item = NewsItemFactory()
    url = reverse("admin:news_newsitem_change", args=[item.pk])
    data = change_form_data(client.get(url), lead_be="Новая справаздача пра медыя.")
    refused = client.post(url, data)
    assert refused.status_code == 200
    html = refused.content.decode()
    assert 'name="_confirm_warnings"' in html
    assert "справаздач" in html and "даклад" in html
    item.refresh_from_db()
    assert item.lead_be != "Новая справаздача пра медыя."

    confirmed = client.post(url, {**change_form_data(refused), "_confirm_warnings": "1"})
    assert confirmed.status_code == 302
    item.refresh_from_db()
    assert item.lead_be == "Новая справаздача пра медыя."


def test_a_field_the_save_does_not_change_raises_no_warning(client):
    GlossaryTerm.objects.create(en="report", be="даклад", forbidden_be=r"\bсправаздач")
    client.force_login(translator())
    item = NewsItemFactory(lead_be="Старая справаздача.")
    url = reverse("admin:news_newsitem_change", args=[item.pk])
    response = client.post(url, change_form_data(client.get(url), place_en="Viti"))
    assert response.status_code == 302


def test_translators_edit_the_glossary_and_download_it_as_tbx(client, django_assert_max_num_queries):
    glossary.seed()
    client.force_login(make_user("drita", "Translators (sq)"))
    with django_assert_max_num_queries(12):
        page = client.get(reverse("admin:translating_glossaryterm_changelist"))
    assert page.status_code == 200 and "Download as TBX" in page.content.decode()
    term = GlossaryTerm.objects.get(en="draft")
    response = client.post(
        reverse("admin:translating_glossaryterm_change", args=[term.pk]),
        {
            "en": "draft",
            "be": "чарнавік",
            "sq": "skicë",
            "note": "",
            "forbidden_be": "",
            "forbidden_sq": "\\bdraft\nversion e parë",
            "forbidden_en": "",
        },
    )
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.forbidden("sq") == [r"\bdraft", "version e parë"]

    exported = client.get(reverse("admin:translating_glossaryterm_tbx"))
    assert exported["Content-Disposition"] == 'attachment; filename="ura-glossary.tbx"'
    store = tbx.tbxfile.parsestring(exported.content)
    units = {unit.source: unit for unit in store.units}
    assert units["report"].gettarget("be") == "даклад" and units["report"].gettarget("sq") == "raport"
    assert any("version e parë" in note for note in [units["draft"].getnotes()])


def test_people_without_the_glossarys_permissions_cannot_see_or_export_it(client):
    client.force_login(make_user("nobody"))
    assert client.get(reverse("admin:translating_glossaryterm_tbx")).status_code == 403
    assert client.get(reverse("admin:translating_memorysegment_tmx")).status_code == 403


def test_the_glossary_form_has_a_flat_cost_and_speaks_the_translators_language(client, django_assert_max_num_queries):
    glossary.seed()
    client.force_login(translator())
    term = GlossaryTerm.objects.get(en="report")
    with django_assert_max_num_queries(12):
        page = client.get(reverse("admin:translating_glossaryterm_change", args=[term.pk]), HTTP_ACCEPT_LANGUAGE="be")
    html = page.content.decode()
    assert "Забароненыя варыянты" in html and "справаздач" in html


def test_a_preview_shows_a_text_with_a_forbidden_variant_without_asking(client):
    GlossaryTerm.objects.create(en="report", be="даклад", forbidden_be=r"\bсправаздач")
    client.force_login(translator())
    item = NewsItemFactory()
    data = change_form_data(
        client.get(reverse("admin:news_newsitem_change", args=[item.pk])), title_be="Новая справаздача"
    )
    preview = client.post(reverse("admin:news_newsitem_preview", args=[item.pk, "be"]), data)
    assert preview.status_code == 200
    assert "Новая справаздача" in preview.content.decode()
    assert 'name="_confirm_warnings"' not in preview.content.decode()
