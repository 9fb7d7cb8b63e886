"""The interface catalogues are complete and in step with the code (scripts/check_messages.py)."""

import importlib.util
import shutil
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "check_messages.py"


def load_check():
    spec = importlib.util.spec_from_file_location("check_messages", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_catalogues_are_complete_and_up_to_date(capsys):
    if shutil.which("xgettext") is None:
        pytest.fail("GNU gettext (xgettext) is needed to compare the catalogues with the code")
    assert load_check().main() == 0, capsys.readouterr().out


def test_checker_reports_untranslated_fuzzy_and_wrong_placeholders():
    import polib

    check = load_check()
    po = polib.POFile()
    po.append(polib.POEntry(msgid="News", msgstr=""))
    po.append(polib.POEntry(msgid="Search", msgstr="Пошук", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="Page %(number)s", msgstr="Старонка %(num)s"))
    po.append(
        polib.POEntry(
            msgid="%(count)d project",
            msgid_plural="%(count)d projects",
            msgstr_plural={0: "%(count)d праект", 1: "%(count)d праекты"},
        )
    )
    po.append(polib.POEntry(msgid="Partners", msgstr="Партнёры"))
    problems = check.check_complete("be", po)
    assert len(problems) == 4
    assert any("'News' is untranslated" in line for line in problems)
    assert any("fuzzy" in line for line in problems)
    assert any("placeholders" in line for line in problems)
    assert any("needs 4 plural forms" in line for line in problems)


def test_checker_wants_a_comment_or_context_on_every_placeholder():
    import polib

    check = load_check()
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Page %(number)s", msgstr="Старонка %(number)s"))
    po.append(polib.POEntry(msgid="Recover %(name)s", msgstr="x", comment="Translators: %(name)s is a title"))
    po.append(polib.POEntry(msgid="%(month)s %(year)s", msgctxt="month and year", msgstr="x"))
    po.append(polib.POEntry(msgid="Partners", msgstr="Партнёры"))
    problems = check.check_context("be", po)
    assert problems == ["be: 'Page %(number)s' has a placeholder but no translator comment or context"]


def test_an_override_must_name_a_string_of_an_installed_package():
    check = load_check()
    # django-reversion ships no Albanian and no Belarusian catalogue: its msgids still count.
    assert (None, "Recover deleted %(name)s") not in check.installed_msgids("sq", "django")
    assert (None, "Recover deleted %(name)s") in check.untranslated_package_msgids("sq", "django")
    assert (None, "Recover deleted %(name)s") in check.untranslated_package_msgids("be", "django")
    # Only strings those packages mark for translation count, not every quoted string they hold.
    assert (None, "hello world") not in check.untranslated_package_msgids("sq", "django")
    assert (None, "Save and continue editing") not in check.untranslated_package_msgids("sq", "django")
    # Django ships both: a string it never had is not accepted through the other packages.
    for code in ("be", "sq"):
        known = check.installed_msgids(code, "django") | check.untranslated_package_msgids(code, "django")
        assert (None, "Change history: %s") in known
        assert (None, "Recover all the news of the portal") not in known
