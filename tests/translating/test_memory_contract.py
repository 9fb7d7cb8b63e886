"""The functions the translators' files are built on: matches, learn, forbidden_in, export_tmx, import_tmx."""

import io

import pytest
from translate.storage import tmx

from tests.news.factories import NewsItemFactory
from translating import glossary, memory
from translating.models import GlossaryTerm, MemorySegment
from translating.tmx import TMXError, export_tmx, import_tmx

pytestmark = pytest.mark.django_db

BODY_EN = (
    "<h2>The visit</h2><p>The delegation met the <strong>Office of the President</strong>. "
    "They discussed cooperation.</p><ul><li>Youth exchanges</li><li>Local media</li></ul>"
)
BODY_BE = (
    "<h2>Візіт</h2><p>Дэлегацыя сустрэлася з <strong>Офісам Прэзідэнта</strong>. "
    "Яны абмеркавалі супрацоўніцтва.</p><ul><li>Моладзевыя абмены</li><li>Мясцовыя медыя</li></ul>"
)


def test_learn_aligns_blocks_and_sentences_of_every_language_pair():
    item = NewsItemFactory(body_en=BODY_EN, body_be=BODY_BE, body_sq="<p>Vetëm një paragraf.</p>")
    memory.learn(item)
    pairs = set(
        MemorySegment.objects.filter(source_language="en", target_language="be").values_list(
            "source_text", "target_text"
        )
    )
    assert ("The visit", "Візіт") in pairs
    assert ("Local media", "Мясцовыя медыя") in pairs
    assert ("They discussed cooperation.", "Яны абмеркавалі супрацоўніцтва.") in pairs
    # Markup is not part of a segment; the reverse direction is learnt too.
    assert ("The delegation met the Office of the President.", "Дэлегацыя сустрэлася з Офісам Прэзідэнта.") in pairs
    assert MemorySegment.objects.filter(source_language="be", target_language="en", source_text="Візіт").exists()
    # Four blocks against one: not aligned block by block; the short field is one pair.
    en_sq = set(
        MemorySegment.objects.filter(source_language="en", target_language="sq", field="body").values_list(
            "source_text", flat=True
        )
    )
    assert en_sq == {
        "The visit The delegation met the Office of the President. They discussed cooperation. "
        "Youth exchanges Local media"
    }


def test_learn_again_replaces_what_the_item_taught():
    item = NewsItemFactory(place_en="Prishtina", place_be="Прышціна")
    memory.learn(item)
    item.place_be = "Прыштына"
    item.save()
    memory.learn(item)
    targets = set(
        MemorySegment.objects.filter(source_language="en", target_language="be", source_text="Prishtina").values_list(
            "target_text", flat=True
        )
    )
    assert targets == {"Прыштына"}


def test_matches_scores_exact_and_fuzzy_and_keeps_the_threshold():
    item = NewsItemFactory(
        lead_en="The delegation met the Office of the President.", lead_be="Дэлегацыя сустрэлася з Офісам Прэзідэнта."
    )
    memory.learn(item)
    exact = memory.matches("The delegation met the Office of the President.", "en", "be")
    assert exact[0] == {
        "source": "The delegation met the Office of the President.",
        "target": "Дэлегацыя сустрэлася з Офісам Прэзідэнта.",
        "score": 100,
    }
    fuzzy = memory.matches("The delegation met the office of the Prime Minister.", "en", "be")
    assert fuzzy and 70 <= fuzzy[0]["score"] < 100
    assert fuzzy[0]["target"] == "Дэлегацыя сустрэлася з Офісам Прэзідэнта."
    assert memory.matches("Completely unrelated words about football", "en", "be") == []
    assert memory.matches("The delegation met the Office of the President.", "en", "sq")[0]["target"] == (
        "Delegacioni u takua me Zyrën e Presidentes."
    )
    assert len(memory.matches("The delegation met the Office of the President.", "en", "be", limit=1)) == 1


def test_forbidden_in_finds_the_glossarys_variants():
    GlossaryTerm.objects.create(en="report", be="даклад", sq="raport", forbidden_be=r"\bсправаздач")
    hits = glossary.forbidden_in("<p>Новая справаздача пра медыя</p>", "be")
    assert hits == [{"term": "report", "variant": "справаздач", "preferred": "даклад"}]
    assert glossary.forbidden_in("Новы даклад", "be") == []
    assert glossary.forbidden_in("Новая справаздача", "sq") == []


def test_tmx_export_reads_back_with_translate_toolkit_and_imports_into_an_empty_memory(admin_user):
    memory.learn(NewsItemFactory(place_en="Prishtina", place_be="Прышціна"))
    data = export_tmx("en", "be")
    store = tmx.tmxfile.parsestring(data)
    assert ("Prishtina", "Прышціна") in {(unit.source, unit.target) for unit in store.units}
    MemorySegment.objects.all().delete()
    report = import_tmx(io.BytesIO(data), admin_user)
    assert report.added >= 2  # en→be and be→en
    assert memory.matches("Prishtina", "en", "be")[0]["target"] == "Прышціна"
    again = import_tmx(io.BytesIO(data), admin_user)
    assert again.added == 0 and again.known == report.added


def test_tmx_import_refuses_an_entity_bomb_and_writes_nothing(admin_user):
    bomb = b"""<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&b;</seg></tuv>
<tuv xml:lang="be"><seg>x</seg></tuv></tu></body></tmx>"""
    with pytest.raises(TMXError, match="entities"):
        import_tmx(io.BytesIO(bomb), admin_user)
    assert not MemorySegment.objects.exists()
