"""Translators' files: XLIFF 1.2, XLIFF 2.0 and PO out of Ura and back in, through the admin's rules."""

import copy
import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from lxml import etree
from reversion.models import Version
from translate.storage import factory, po, xliff, xliff2

from core import i18n
from core.models import Status
from news.models import NewsItem
from tests.news.factories import NewsItemFactory
from translating import exchange, importing, memory

pytestmark = pytest.mark.django_db

BODY_EN = (
    '<h2>The visit</h2><p>The delegation met the <strong>Office</strong> of <a href="https://example.org/p">'
    "the President</a>.<br>Then lunch.</p><ul><li>Youth exchanges</li><li>Local <em>media</em></li></ul>"
)
X12 = "urn:oasis:names:tc:xliff:document:1.2"
X20 = "urn:oasis:names:tc:xliff:document:2.0"


def make_user(username, *groups, superuser=False):
    user = User.objects.create_user(username, f"{username}@ura.example.org", "secret-pass-123", is_staff=True)
    user.is_superuser = superuser
    user.save()
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def editor():
    return make_user("vera", "Editors")


@pytest.fixture
def item():
    return NewsItemFactory(body_en=BODY_EN, body_be="", lead_be="", source_language="en")


def translated(text):
    return f"БЕ {text.lstrip()}" if text.strip() else text


def translate_xliff12(data):
    """What a translator's tool does: a target beside every source, the codes kept."""
    root = etree.fromstring(data)
    for unit in root.iter(f"{{{X12}}}trans-unit"):
        source = unit.find(f"{{{X12}}}source")
        target = unit.find(f"{{{X12}}}target")
        if target is not None:
            unit.remove(target)
        target = etree.Element(f"{{{X12}}}target", state="translated")
        source.addnext(target)
        target.text = translated(source.text or "")
        for child in source:
            target.append(copy.deepcopy(child))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def translate_xliff20(data):
    root = etree.fromstring(data)
    for segment in root.iter(f"{{{X20}}}segment"):
        source = segment.find(f"{{{X20}}}source")
        target = segment.find(f"{{{X20}}}target")
        if target is not None:
            segment.remove(target)
        target = etree.SubElement(segment, f"{{{X20}}}target")
        target.text = translated(source.text or "")
        for child in source:
            target.append(copy.deepcopy(child))
        segment.set("state", "translated")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def translate_po(data):
    store = po.pofile.parsestring(data)
    for unit in store.units:
        if not unit.isheader():
            unit.target = translated(str(unit.source))
            unit.markfuzzy(False)
    out = io.BytesIO()
    store.serialize(out)
    return out.getvalue()


TRANSLATE = {"xliff12": translate_xliff12, "xliff20": translate_xliff20, "po": translate_po}


def export_item(obj, fmt, language="be"):
    return exchange.export(exchange.units_of(obj, language), language, fmt)


@pytest.mark.parametrize("fmt", ["xliff12", "xliff20", "po"])
def test_round_trip_applies_every_field_keeps_the_markup_and_makes_the_translation_fresh(
    fmt, item, editor, django_capture_on_commit_callbacks
):
    data = TRANSLATE[fmt](export_item(item, fmt))
    parsed = importing.read(data)
    dry = importing.evaluate(parsed, editor)
    assert {result.field: result.status for result in dry.fields} == {
        "title": importing.CHANGE,
        "lead": importing.CHANGE,
        "body": importing.CHANGE,
        "place": importing.CHANGE,
    }
    item.refresh_from_db()
    assert item.body_be == ""  # the dry run wrote nothing
    with django_capture_on_commit_callbacks(execute=True):
        report = importing.apply(importing.read(data), editor)
    assert report.applied == 1
    item.refresh_from_db()
    assert item.lead_be == "БЕ The delegation met the Office of the President."
    assert item.body_be == (
        '<h2>БЕ The visit</h2><p>БЕ The delegation met the <strong>Office</strong> of <a href="https://example.org/p"'
        ' rel="noopener noreferrer nofollow">the President</a>.<br>Then lunch.</p>'
        "<ul><li>БЕ Youth exchanges</li><li>БЕ Local <em>media</em></li></ul>"
    )
    assert i18n.translation_status(item, "be") == i18n.COMPLETE
    assert item.status == Status.PUBLISHED
    version = Version.objects.get_for_object(item).first()
    assert version.revision.comment == ("Imported from PO by vera" if fmt == "po" else "Imported from XLIFF by vera")
    assert version.revision.user == editor
    assert LogEntry.objects.filter(object_id=str(item.pk), user=editor, action_flag=2).exists()
    # Learnt by the translation memory.
    assert memory.matches("Youth exchanges", "en", "be")[0]["target"] == "БЕ Youth exchanges"


@pytest.mark.parametrize("fmt", ["xliff12", "xliff20", "po"])
def test_translate_toolkit_reads_every_exported_file(fmt, item, tmp_path):
    path = tmp_path / f"export.{exchange.FORMATS[fmt][0]}"
    path.write_bytes(export_item(item, fmt))
    store = factory.getobject(str(path)) if fmt != "xliff20" else xliff2.Xliff2File.parsefile(str(path))
    sources = [str(unit.source) for unit in store.units if not unit.isheader()]
    assert "Youth exchanges" in sources
    assert "Prishtina" in sources
    if fmt == "xliff12":
        assert isinstance(store, xliff.xlifffile)
        assert store.gettargetlanguage() == "be"


def test_states_notes_length_hints_and_memory_suggestions(item):
    other = NewsItemFactory(body_en="<p>Youth exchanges</p>", body_be="<p>Моладзевыя абмены</p>", source_language="en")
    memory.learn(other)
    item.place_be = "Прышціна"
    item.save()
    item.place_en = "Prishtina, Kosovo"
    item.save()
    assert i18n.is_outdated(item, "be")
    root = etree.fromstring(export_item(item, "xliff12"))
    units = {unit.get("id"): unit for unit in root.iter(f"{{{X12}}}trans-unit")}
    place = units[f"news.newsitem.{item.pk}.place.1"]
    assert place.find(f"{{{X12}}}target").get("state") == "needs-review-translation"
    assert place.get("maxwidth") == "200"
    assert place.get("size-unit") == "char"
    assert units[f"news.newsitem.{item.pk}.lead.1"].find(f"{{{X12}}}target") is None
    note = units[f"news.newsitem.{item.pk}.body.3"].find(f"{{{X12}}}note").text
    assert note.startswith(f"Body — {item.title_en} — ")
    assert note.endswith(f"/admin/news/newsitem/{item.pk}/change/")
    alt = units[f"news.newsitem.{item.pk}.body.3"].find(f"{{{X12}}}alt-trans")
    assert alt.get("match-quality") == "100"
    assert alt.find(f"{{{X12}}}target").text == "Моладзевыя абмены"

    root = etree.fromstring(export_item(item, "xliff20"))
    units = {unit.get("id"): unit for unit in root.iter(f"{{{X20}}}unit")}
    body = units[f"news.newsitem.{item.pk}.body"]
    assert [segment.get("id") for segment in body.iter(f"{{{X20}}}segment")] == ["s1", "s2", "s3", "s4"]
    match = body.find(f"{{{exchange.MTC}}}matches/{{{exchange.MTC}}}match[@ref='#s3']")
    assert match.find(f"{{{X20}}}target").text == "Моладзевыя абмены"
    place = units[f"news.newsitem.{item.pk}.place"]
    assert place.get(f"{{{exchange.SLR}}}sizeRestriction") == "200"
    assert place.find(f"{{{X20}}}segment").get("subState") == "ura:outdated"
    source = body.find(f"{{{X20}}}segment[@id='s2']/{{{X20}}}source")
    assert [etree.QName(code).localname for code in source] == ["pc", "pc", "ph"]

    store = po.pofile.parsestring(export_item(item, "po"))
    place = next(unit for unit in store.units if unit.getcontext() == f"news.newsitem.{item.pk}.place.1")
    assert place.isfuzzy()


def test_a_changed_source_needs_review_and_is_not_applied(item, editor):
    data = translate_xliff12(export_item(item, "xliff12"))
    item.lead_en = "The delegation met the Prime Minister."
    item.save()
    report = importing.apply(importing.read(data), editor)
    lead = next(result for result in report.fields if result.field == "lead")
    assert lead.status == importing.NEEDS_REVIEW
    assert lead.old_source == "The delegation met the Office of the President."
    assert lead.new_source == "The delegation met the Prime Minister."
    item.refresh_from_db()
    assert item.lead_be == ""
    assert item.body_be.startswith("<h2>БЕ The visit")  # the other fields are applied


def test_a_translation_edited_in_ura_since_the_export_is_a_conflict(item, editor):
    data = translate_po(export_item(item, "po"))
    item.lead_be = "Дэлегацыя сустрэлася з Офісам."
    item.save()
    report = importing.apply(importing.read(data), editor)
    lead = next(result for result in report.fields if result.field == "lead")
    assert lead.status == importing.CONFLICT
    assert lead.before == "Дэлегацыя сустрэлася з Офісам."
    item.refresh_from_db()
    assert item.lead_be == "Дэлегацыя сустрэлася з Офісам."


def test_broken_codes_are_reported_not_applied(item, editor):
    data = translate_xliff12(export_item(item, "xliff12"))
    data = data.replace(b'<g id="1" ctype="bold">Office</g>', b"Office")
    report = importing.apply(importing.read(data), editor)
    body = next(result for result in report.fields if result.field == "body")
    assert body.status == importing.MARKUP
    item.refresh_from_db()
    assert item.body_be == ""


def test_a_one_language_translator_cannot_change_another_language_or_the_publication(item):
    translator = make_user("alesia", "Translators (sq)")
    data = translate_xliff12(export_item(item, "xliff12", "be"))
    with pytest.raises(importing.ExchangeError, match="You may not translate into Belarusian"):
        importing.apply(importing.read(data), translator)
    # A forged file for their own language that names a field of the source language.
    sq = translate_xliff12(export_item(item, "xliff12", "sq")).replace(
        f'"news.newsitem.{item.pk}.lead.1"'.encode(), f'"news.newsitem.{item.pk}.status.1"'.encode()
    )
    with pytest.raises(importing.ExchangeError):
        importing.apply(importing.read(sq), translator)
    item.refresh_from_db()
    assert item.body_be == "" and item.status == Status.PUBLISHED
    assert item.lead_sq == "Delegacioni u takua me Zyrën e Presidentes."


def test_a_translator_imports_their_language_as_the_admin_would_save_it(item):
    translator = make_user("alesia", "Translators (be)")
    item.status = Status.DRAFT
    item.save()
    data = translate_xliff20(export_item(item, "xliff20"))
    report = importing.apply(importing.read(data), translator)
    assert report.applied == 1
    item.refresh_from_db()
    assert item.lead_be.startswith("БЕ ")
    assert item.status == Status.DRAFT


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x" source-language="en"
target-language="be" datatype="html"><body><trans-unit id="a.b.1.c.1"><source>&lol2;</source></trans-unit>
</body></file></xliff>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x" source-language="en"
target-language="be" datatype="html"><body></body></file></xliff>"""


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (BOMB, "document type"),
        (EXTERNAL, "document type"),
        (b"<xliff version='1.2'><file>", "not well-formed"),
        (b"", "empty"),
        (b"\x00\x01garbage", "neither XLIFF nor"),
        (b"<html></html>", "neither XLIFF 1.2 nor XLIFF 2.0"),
    ],
)
def test_bad_files_get_a_clear_error(content, message):
    with pytest.raises(importing.ExchangeError, match=message):
        importing.read(content)


def test_unknown_items_and_other_languages_write_nothing(item, editor):
    other = NewsItemFactory(lead_be="", source_language="en")
    good = translate_xliff12(export_item(other, "xliff12"))
    data = translate_xliff12(exchange.export(exchange.units_of(item, "be"), "be", "xliff12"))
    unknown = data.replace(f'"news.newsitem.{item.pk}.'.encode(), b'"news.newsitem.999999.')
    combined = good.replace(
        b"</body>", etree.tostring(etree.fromstring(unknown).find(f".//{{{X12}}}group")) + b"</body>"
    )
    with pytest.raises(importing.ExchangeError, match="does not exist"):
        importing.apply(importing.read(combined), editor)
    other.refresh_from_db()
    assert other.lead_be == ""  # the good item in the same file is not saved either
    with pytest.raises(importing.ExchangeError, match="unknown kind of item"):
        importing.evaluate(importing.read(data.replace(b'"news.newsitem.', b'"news.nothing.')), editor)
    english = translate_xliff12(export_item(item, "xliff12")).replace(b'target-language="be"', b'target-language="en"')
    with pytest.raises(importing.ExchangeError, match="its own language"):
        importing.apply(importing.read(english), editor)
    klingon = translate_xliff12(export_item(item, "xliff12")).replace(b'target-language="be"', b'target-language="tlh"')
    with pytest.raises(importing.ExchangeError, match="language Ura does not have"):
        importing.apply(importing.read(klingon), editor)
    item.refresh_from_db()
    assert item.body_be == "" and item.lead_en == "The delegation met the Office of the President."


def test_pofilter_accepts_the_po_export(item, tmp_path):
    item.body_be = "<h2>Візіт</h2><p>Дэлегацыя сустрэлася з <strong>Офісам</strong> <a href='https://example.org/p'>Прэзідэнта</a>.<br>Потым абед.</p><ul><li>Моладзевыя абмены</li><li>Мясцовыя <em>медыя</em></li></ul>"
    item.save()
    path = tmp_path / "be.po"
    path.write_bytes(export_item(item, "po"))
    pofilter = Path(sys.executable).with_name("pofilter")
    out = tmp_path / "problems.po"
    subprocess.run(
        [str(pofilter), "--nofuzzy", "-t", "xmltags", "-t", "printf", "-t", "variables", str(path), str(out)],
        check=True,
        capture_output=True,
    )
    problems = [unit for unit in po.pofile.parsefile(str(out)).units if not unit.isheader()] if out.exists() else []
    assert problems == []


def test_select_stale_only_what_is_missing_or_out_of_date():
    fresh = NewsItemFactory(source_language="en")
    missing = NewsItemFactory(source_language="en", title_be="", lead_be="", body_be="", place_be="")
    outdated = NewsItemFactory(source_language="en")
    outdated.lead_en = "A new lead."
    outdated.save()
    chosen = exchange.select("be", models={NewsItem}, stale=True)
    assert missing in chosen and outdated in chosen and fresh not in chosen


def test_forbidden_glossary_variants_are_warnings_the_translator_confirms(item, editor):
    from translating.models import GlossaryTerm

    GlossaryTerm.objects.create(en="visit", be="візіт", forbidden_be="БЕ The visit")
    data = translate_xliff12(export_item(item, "xliff12"))
    report = importing.evaluate(importing.read(data), editor)
    assert [(hit["variant"], hit["field"]) for hit in report.warnings] == [("БЕ The visit", "Body")]
    with pytest.raises(importing.ExchangeError, match="was not saved"):
        importing.apply(importing.read(data), editor)
    item.refresh_from_db()
    assert item.body_be == ""
    importing.apply(importing.read(data), editor, accept_warnings=True)
    item.refresh_from_db()
    assert item.body_be.startswith("<h2>БЕ The visit</h2>")


def test_items_written_in_different_languages_go_to_one_file_element_each(item, editor):
    albanian = NewsItemFactory(source_language="sq", lead_be="")
    data = exchange.export(exchange.units_of(item, "be") + exchange.units_of(albanian, "be"), "be", "xliff12")
    files = etree.fromstring(data).findall(f"{{{X12}}}file")
    assert [(node.get("source-language"), node.get("target-language")) for node in files] == [
        ("en", "be"),
        ("sq", "be"),
    ]
    sources = {unit.get("id"): unit.find(f"{{{X12}}}source").text for unit in files[1].iter(f"{{{X12}}}trans-unit")}
    assert sources[f"news.newsitem.{albanian.pk}.lead.1"] == "Delegacioni u takua me Zyrën e Presidentes."
    report = importing.apply(importing.read(translate_xliff12(data)), editor)
    assert report.applied == 2
    albanian.refresh_from_db()
    assert albanian.lead_be == "БЕ Delegacioni u takua me Zyrën e Presidentes."


def test_segment_markers_a_tool_adds_are_read_as_text(item, editor):
    data = translate_xliff12(export_item(item, "xliff12")).replace(
        '<target state="translated">БЕ Prishtina</target>'.encode(),
        '<target state="translated"><mrk mtype="seg" mid="1">БЕ Prishtina</mrk></target>'.encode(),
    )
    assert b'<mrk mtype="seg"' in data
    importing.apply(importing.read(data), editor)
    item.refresh_from_db()
    assert item.place_be == "БЕ Prishtina"
