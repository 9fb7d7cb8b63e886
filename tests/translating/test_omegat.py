"""A real CAT tool accepts Ura's files: OmegaT (Debian's package, console mode) translates an exported
XLIFF 1.2 file from Ura's TMX, and Ura imports the result: every unit applied, markup intact, fields fresh.

OmegaT's XLIFF filter translates the text of each target element, so the file is exported with the
source in every target (``source_in_target``). Its translation memory in ``tm/auto`` fills each segment
that has an exact match; a block whose markup encloses all of its text is matched on the text alone
(OmegaT sets leading and trailing tags aside), so the memory's plain text segments match it.
"""

import shutil
import subprocess

import pytest
from lxml import etree

from core import i18n
from tests.news.factories import NewsItemFactory
from tests.translating.test_exchange import X12, make_user
from translating import exchange, importing, memory
from translating.tmx import export_tmx

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("omegat") is None, reason="OmegaT is not installed (Debian package omegat)"),
]

BODY_EN = (
    "<h2>The visit</h2><p><strong>The delegation met the Office of the President.</strong></p>"
    '<ul><li><a href="https://example.org/youth">Youth exchanges</a></li><li>Local media</li></ul>'
)
BODY_BE = (
    "<h2>Візіт</h2><p><strong>Дэлегацыя сустрэлася з Офісам Прэзідэнта.</strong></p>"
    '<ul><li><a href="https://example.org/youth">Моладзевыя абмены</a></li><li>Мясцовыя медыя</li></ul>'
)
PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>source</source_dir>
    <source_dir_excludes><mask>**/.svn/**</mask></source_dir_excludes>
    <target_dir>target</target_dir>
    <tm_dir>tm</tm_dir>
    <glossary_dir>glossary</glossary_dir>
    <glossary_file>glossary/glossary.txt</glossary_file>
    <dictionary_dir>dictionary</dictionary_dir>
    <source_lang>en</source_lang>
    <target_lang>be</target_lang>
    <source_tok>org.omegat.tokenizer.DefaultTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.DefaultTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


def test_omegat_translates_an_export_from_uras_memory_and_ura_imports_it(tmp_path):
    # A translated item teaches the memory; a new item with the same English text waits for Belarusian.
    done = NewsItemFactory(
        source_language="en",
        title_en="Kosovo hosts Belarusian journalists",
        title_be="Косава прымае беларускіх журналістаў",
        lead_en="The delegation met the Office of the President.",
        lead_be="Дэлегацыя сустрэлася з Офісам Прэзідэнта.",
        body_en=BODY_EN,
        body_be=BODY_BE,
        place_en="Prishtina",
        place_be="Прышціна",
    )
    memory.learn(done)
    item = NewsItemFactory(
        source_language="en",
        title_en="Kosovo hosts Belarusian journalists",
        title_be="",
        lead_en="The delegation met the Office of the President.",
        lead_be="",
        body_en=BODY_EN,
        body_be="",
        place_en="Prishtina",
        place_be="",
        slug_be="",
        slug_en="kosovo-hosts-belarusian-journalists-2",
    )
    project = tmp_path / "project"
    for folder in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (project / folder).mkdir(parents=True)
    (project / "omegat.project").write_text(PROJECT, encoding="utf-8")
    exported = exchange.export(exchange.units_of(item, "be"), "be", "xliff12", source_in_target=True)
    (project / "source" / "ura-be.xlf").write_bytes(exported)
    (project / "tm" / "auto" / "ura.tmx").write_bytes(export_tmx("en", "be"))

    run = subprocess.run(
        [
            shutil.which("omegat"),
            str(project),
            "--mode=console-translate",
            f"--config-dir={tmp_path / 'config'}",
            "--no-team",
            "--disable-project-locking",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    translated = (project / "target" / "ura-be.xlf").read_bytes()
    # OmegaT keeps the hashes Ura needs to tell what changed since the export.
    units = list(etree.fromstring(translated).iter(f"{{{X12}}}trans-unit"))
    assert len(units) == 7 and all(unit.get("extradata", "").startswith("s=") for unit in units)

    editor = make_user("vera", "Editors")
    report = importing.apply(importing.read(translated), editor)
    assert {result.field: result.status for result in report.fields} == dict.fromkeys(
        ("title", "lead", "body", "place"), importing.CHANGE
    )
    item.refresh_from_db()
    assert item.title_be == "Косава прымае беларускіх журналістаў"
    assert item.place_be == "Прышціна"
    assert item.body_be == (
        "<h2>Візіт</h2><p><strong>Дэлегацыя сустрэлася з Офісам Прэзідэнта.</strong></p>"
        '<ul><li><a href="https://example.org/youth" rel="noopener noreferrer nofollow">Моладзевыя абмены</a></li>'
        "<li>Мясцовыя медыя</li></ul>"
    )
    assert i18n.translation_status(item, "be") == i18n.COMPLETE
