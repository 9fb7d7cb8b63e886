"""The translation memory: alignment, fuzzy scores, learning on every save, the side-by-side suggestions, TMX
in the admin."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from translate.storage import tmx

from news.models import NewsItem
from tests.editorial.workflow_helpers import change_form_data, editor, make_user, translator
from tests.news.factories import NewsItemFactory
from translating import memory
from translating.models import GlossaryTerm, MemorySegment
from translating.segments import blocks, sentences

pytestmark = pytest.mark.django_db

SUGGESTIONS = "admin:translating_memorysegment_suggestions"
TMX = "admin:translating_memorysegment_tmx"


# --- Segmentation and alignment ------------------------------------------------------------


def test_blocks_are_the_innermost_blocks_with_their_inline_markup():
    html = '<h2>Title</h2><p>One <a href="/x">two</a>.</p><ul><li><p>nested</p></li><li>plain</li></ul><p> </p>'
    assert blocks(html) == ["Title", 'One <a href="/x">two</a>.', "nested", "plain"]
    assert blocks("A title without markup") == ["A title without markup"]
    assert blocks("") == blocks("<p></p>") == []


def test_sentences_keep_initials_and_abbreviations_together():
    assert sentences("Dr. J. Smith came. They left! Was it 2020? «Так».") == [
        "Dr. J. Smith came.",
        "They left!",
        "Was it 2020?",
        "«Так».",
    ]
    assert sentences("Сёння добра. Заўтра лепш.") == ["Сёння добра.", "Заўтра лепш."]


def test_blocks_that_do_not_line_up_give_no_block_pairs():
    pairs = memory.aligned_pairs("<p>One.</p><p>Two.</p>", "<p>Адзін. Два.</p>")
    assert pairs == [("One. Two.", "Адзін. Два.")]
    # A sentence count that differs inside aligned blocks keeps the block pair only.
    assert memory.aligned_pairs("<p>One. Two.</p>", "<p>Адзін і два.</p>") == [("One. Two.", "Адзін і два.")]


def test_fuzzy_scores_fall_with_the_difference():
    memory.learn(
        NewsItemFactory(
            lead_en="Youth exchanges between Prishtina and Vilnius.",
            lead_be="Моладзевыя абмены паміж Прышцінай і Вільняй.",
        )
    )
    close = memory.matches("Youth exchanges between Prishtina and Minsk.", "en", "be")
    far = memory.matches("Youth exchanges between Tirana and Skopje.", "en", "be", threshold=40)
    assert close[0]["score"] > far[0]["score"] >= 70
    assert memory.matches("Youth exchanges between Tirana and Skopje.", "en", "be", threshold=80) == []
    # The same words but for case and spaces: 99, not 100.
    assert memory.matches("youth exchanges between  Prishtina and Vilnius.", "en", "be")[0]["score"] == 99


def test_sqlite_scan_and_postgres_index_agree_on_the_candidates():
    # The same rows, through the other path: the bounded scan (as on SQLite) finds what the index finds.
    memory.learn(
        NewsItemFactory(
            lead_en="The delegation met the Office of the President.",
            lead_be="Дэлегацыя сустрэлася з Офісам Прэзідэнта.",
        )
    )
    key = "the delegation met the office of the prime minister."
    by_index = {row[:2] for row in memory._candidates_many([key], "en", "be", 70)[0]}
    by_scan = {row[:2] for row in memory._scan([key], "en", "be", 70)[0]}
    assert (
        "The delegation met the Office of the President.",
        "Дэлегацыя сустрэлася з Офісам Прэзідэнта.",
    ) in by_index & by_scan


# --- Learning on save ---------------------------------------------------------------------


def test_an_admin_save_teaches_the_memory_after_the_commit(client, django_capture_on_commit_callbacks):
    client.force_login(editor())
    item = NewsItemFactory(place_be="Прышціна")
    url = reverse("admin:news_newsitem_change", args=[item.pk])
    data = change_form_data(client.get(url), place_en="North Mitrovica", place_be="Паўночная Мітравіца")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    assert memory.matches("North Mitrovica", "en", "be")[0] == {
        "source": "North Mitrovica",
        "target": "Паўночная Мітравіца",
        "score": 100,
    }
    assert not memory.matches("Prishtina", "en", "be", threshold=100)  # what the item said before is forgotten


def test_a_deleted_item_is_forgotten(django_capture_on_commit_callbacks):
    item = NewsItemFactory(place_en="Lipjan", place_be="Ліп’ян")
    memory.learn(item)
    assert memory.matches("Lipjan", "en", "be")
    with django_capture_on_commit_callbacks(execute=True):
        item.delete()
    assert not memory.matches("Lipjan", "en", "be")


def test_build_translation_memory_learns_every_translated_item():
    from django.core.management import call_command

    NewsItemFactory(place_en="Viti", place_be="Віці")
    out = io.StringIO()
    call_command("build_translation_memory", stdout=out)
    assert "pairs of segments" in out.getvalue()
    assert memory.matches("Viti", "en", "be")[0]["target"] == "Віці"


# --- The side-by-side screen -----------------------------------------------------------------


def ask(client, item, source, target, **fields):
    data = {"model": "news.newsitem", "object": str(item.pk) if item else "", "source": source, "target": target}
    return client.post(reverse(SUGGESTIONS), {**data, **fields})


def test_suggestions_give_matches_per_segment_terms_and_forbidden_variants(client, django_assert_max_num_queries):
    memory.learn(
        NewsItemFactory(
            lead_en="The delegation met the Office of the President.",
            lead_be="Дэлегацыя сустрэлася з Офісам Прэзідэнта.",
        )
    )
    GlossaryTerm.objects.create(
        en="report", be="даклад", sq="raport", forbidden_be=r"\bсправаздач", note="research report"
    )
    client.force_login(translator())
    item = NewsItemFactory(
        body_en="<p>The delegation met the office of the President.</p><p>A new report.</p>", body_be=""
    )
    with django_assert_max_num_queries(20):
        answer = ask(client, item, "en", "be", body__target="<p>Новая справаздача.</p>").json()
    body = next(field for field in answer["fields"] if field["field"] == "body")
    assert [segment["source"] for segment in body["segments"]] == [
        "The delegation met the office of the President.",
        "A new report.",
    ]
    first = body["segments"][0]["matches"][0]
    assert first["target"] == "Дэлегацыя сустрэлася з Офісам Прэзідэнта." and first["score"] == 99
    assert body["segments"][1]["matches"] == []
    assert body["terms"] == [{"source": "report", "target": "даклад", "note": "research report"}]
    assert body["forbidden"][0]["variant"] == "справаздач"
    assert answer["labels"]["insert"]


def test_suggestions_read_the_saved_source_a_translator_cannot_edit(client):
    memory.learn(NewsItemFactory(place_en="Kamenica", place_sq="Kamenicë"))
    client.force_login(make_user("drita", "Translators (sq)"))
    item = NewsItemFactory(place_en="Kamenica", place_sq="")
    answer = ask(client, item, "en", "sq").json()  # the English fields are not in the translator's form
    place = next(field for field in answer["fields"] if field["field"] == "place")
    assert place["segments"][0]["matches"][0]["target"] == "Kamenicë"


def test_suggestions_refuse_bad_input_and_users_without_the_models_permission(client):
    item = NewsItemFactory()
    client.force_login(editor())
    assert ask(client, item, "en", "en").status_code == 400
    assert ask(client, item, "en", "xx").status_code == 400
    assert client.post(reverse(SUGGESTIONS), {"model": "auth.user", "source": "en", "target": "be"}).status_code == 400
    bad = client.post(
        reverse(SUGGESTIONS), {"model": "news.newsitem", "object": "999999", "source": "en", "target": "be"}
    )
    assert bad.status_code == 404
    assert client.get(reverse(SUGGESTIONS)).status_code == 405
    client.force_login(make_user("nobody", None))
    assert ask(client, item, "en", "be").status_code == 403


def test_the_change_form_carries_the_suggestions_address_and_script(client):
    client.force_login(translator())
    item = NewsItemFactory()
    html = client.get(reverse("admin:news_newsitem_change", args=[item.pk])).content.decode()
    assert f'data-suggestions-url="{reverse(SUGGESTIONS)}"' in html
    assert 'data-model="news.newsitem"' in html
    assert "translating/suggestions.js" in html


# --- TMX in the admin --------------------------------------------------------------------------


def test_tmx_page_exports_a_pair_and_imports_a_file(client, django_assert_max_num_queries):
    memory.learn(NewsItemFactory(place_en="Shtërpca", place_be="Штэрпца"))
    client.force_login(translator())
    with django_assert_max_num_queries(12):
        page = client.get(reverse(TMX))
    assert page.status_code == 200 and "Download TMX" in page.content.decode()
    exported = client.get(reverse(TMX), {"pair": "en-be"})
    assert exported["Content-Disposition"] == 'attachment; filename="ura-memory-en-be.tmx"'
    store = tmx.tmxfile.parsestring(exported.content)
    assert ("Shtërpca", "Штэрпца") in {(unit.source, unit.target) for unit in store.units}

    store = tmx.tmxfile(sourcelanguage="en", targetlanguage="sq")
    store.addtranslation("Round table", "en", "Tryezë e rrumbullakët", "sq")
    upload = SimpleUploadedFile("memory.tmx", bytes(store), content_type="application/xml")
    response = client.post(reverse(TMX), {"file": upload}, follow=True)
    assert any("Pairs added: 2." in str(message) for message in response.context["messages"])
    assert memory.matches("Round table", "en", "sq")[0]["target"] == "Tryezë e rrumbullakët"


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"<tmx><body><tu>",
        b'<?xml version="1.0"?><!DOCTYPE tmx SYSTEM "file:///etc/passwd" [<!ENTITY x SYSTEM "file:///etc/passwd">]><tmx/>',
        b"<html><body>not a memory</body></html>",
    ],
)
def test_tmx_import_refuses_a_bad_file_with_a_message_and_writes_nothing(client, content):
    client.force_login(translator())
    response = client.post(reverse(TMX), {"file": SimpleUploadedFile("bad.tmx", content)})
    assert response.status_code == 200
    assert response.context["upload_form"].errors["file"]
    assert not MemorySegment.objects.exists()


def test_a_plain_tmx_doctype_as_cat_tools_write_it_is_read():
    from translating.tmx import read_units

    data = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx11.dtd">\n<tmx version="1.1">'
        '<header srclang="EN-GB"/><body><tu><tuv lang="EN-GB"><seg>Hello</seg></tuv>'
        '<tuv lang="BE"><seg>Прывітанне</seg></tuv></tu></body></tmx>'
    ).encode()
    assert read_units(data) == [{"en": "Hello", "be": "Прывітанне"}]


def test_memory_list_pages_have_a_flat_cost(client, django_assert_max_num_queries):
    for number in range(30):
        memory.learn(NewsItemFactory(place_en=f"Place {number}", place_be=f"Месца {number}"))
    client.force_login(editor())
    with django_assert_max_num_queries(12):
        assert client.get(reverse("admin:translating_memorysegment_changelist")).status_code == 200
    assert NewsItem.objects.count() == 30
