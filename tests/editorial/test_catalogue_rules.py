"""What a translator's text may be (editorial.catalogue_checks), through the catalogue editor, the
overlay that serves the edits, import_catalogue_edits and scripts/check_messages.py.

Django prints `{% blocktranslate %}` output unescaped and the code formats translated strings
with `%`: a text with markup or placeholders its source lacks could put live HTML on every page
of a language or make pages fail (security review, F2 and F3).
"""

import datetime
import io
import logging
import re
import shutil
import subprocess
from collections import Counter
from decimal import Decimal
from html.parser import HTMLParser

import polib
import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from editorial import catalogue, catalogue_checks
from editorial.catalogue_checks import problems
from editorial.models import CatalogueEdit, entry_key
from projects import duration
from tests.portal.test_i18n_catalogues import load_check

pytestmark = pytest.mark.django_db

NEWS_COUNT = ("%(counter)s news item", "%(counter)s news items")
FEED_TITLE = "%(site)s: news"
HELP = (
    "Keep placeholders such as <code>%%(name)s</code>, <code>%%s</code> or <code>{name}</code> exactly as in the "
    "source text."
)
EVIL = (
    '%(counter)s <a href="https://evil.example/login">навін</a><img src=x onerror=alert(1)>'
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">'
)


def entry_url(msgid, language="be", msgctxt=""):
    return reverse("editorial:catalogue-entry", args=(language, entry_key(msgctxt, msgid)))


@pytest.fixture
def translator_be(client):
    user = User.objects.create_user("translator_be", "translator_be@ura.example.org", "pass-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Translators (be)"))
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "be"  # the admin in the translator's language
    return user


def post_forms(client, msgid, text, forms=4):
    return client.post(entry_url(msgid), {f"msgstr_{index}": text for index in range(forms)})


def serve_from_another_server(*edits):
    """Rows written straight into the table (not through the editor), then loaded as another
    server's edits are: the shared version moves and this process reloads on its next request."""
    for fields in edits:
        CatalogueEdit.objects.create(language="be", **fields)
    cache.set(catalogue.CATALOGUE_VERSION_KEY, catalogue.bump_version())


@pytest.fixture
def reload_now(monkeypatch):
    monkeypatch.setattr(catalogue, "next_check", 0.0)


# --- The catalogue editor ------------------------------------------------------------------------


def test_the_reviews_markup_on_the_news_count_is_refused_in_the_translators_language(client, translator_be):
    response = post_forms(client, NEWS_COUNT[0], EVIL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "незавершаны ці недапушчальны HTML-тэг" in page
    assert not CatalogueEdit.objects.exists()
    # Well-formed markup the source does not have is named as such.
    link = '%(counter)s <a href="https://evil.example/login">навін</a>'
    response = post_forms(client, NEWS_COUNT[0], link)
    assert "У перакладзе ёсць HTML, якога няма ў зыходным тэксце" in response.content.decode()
    meta = '%(counter)s навін<meta http-equiv="refresh" content="0;url=https://evil.example/">'
    assert post_forms(client, NEWS_COUNT[0], meta).status_code == 200
    assert not CatalogueEdit.objects.exists()
    client.logout()
    assert "evil.example" not in client.get("/be/news/").content.decode()


def test_a_stray_percent_in_the_feed_title_is_refused_and_the_feeds_work(client, translator_be):
    response = client.post(entry_url(FEED_TITLE), {"msgstr": "%(site)s: навіны %"})
    assert response.status_code == 200
    assert "у перакладзе не з’яўляецца заменнікам" in response.content.decode()
    assert not CatalogueEdit.objects.exists()
    client.logout()
    assert client.get("/be/feeds/news/").status_code == 200
    assert client.get("/be-latn/feeds/news/atom/").status_code == 200


@pytest.mark.parametrize(
    ("text", "saved"),
    [
        ("%(site)s: навіны %c", False),  # an unnamed placeholder next to a named one
        ("%(site)s: навіны %(x)r", False),  # a name the code does not pass
        ("%(site)d: навіны", False),  # a number where the code passes text
        ("навіны", False),  # the placeholder left out
        ("%(site)s: навіны % за год", False),  # "% з" is no conversion
        ("%(site)10s: навіны", True),  # a width, as msgfmt and Python accept
        ("%(site)s: 100%% навін", True),  # a percent sign, escaped
    ],
)
def test_placeholders_are_checked_as_msgfmt_does(client, translator_be, text, saved):
    response = client.post(entry_url(FEED_TITLE), {"msgstr": text})
    assert response.status_code == (302 if saved else 200)
    assert CatalogueEdit.objects.exists() == saved
    client.logout()
    feed = client.get("/be/feeds/news/")
    assert feed.status_code == 200
    if saved:
        assert (text % {"site": "Ura"}) in feed.content.decode()


def test_a_megabyte_translation_is_refused(client, translator_be):
    response = client.post(entry_url(FEED_TITLE), {"msgstr": "%(site)s: " + "навіны " * 150_000})
    assert response.status_code == 200
    assert "Пераклад задоўгі" in response.content.decode()
    assert not CatalogueEdit.objects.exists()


def test_a_translation_with_the_markup_of_its_source_is_saved(client, translator_be):
    # The tags may come in another order (and attributes too: see the unit tests below).
    text = "Пакідайце <code>{name}</code>, <code>%%(name)s</code> ці <code>%%s</code> як у зыходным тэксце."
    response = client.post(entry_url(HELP), {"msgstr": text})
    assert response.status_code == 302
    assert CatalogueEdit.objects.get(msgid=HELP).msgstr == text
    page = client.get(entry_url(FEED_TITLE)).content.decode()
    assert "Пакідайце <code>{name}</code>, <code>%(name)s</code>" in page  # rendered by blocktranslate
    # Without the tags, or with one left open, it is refused.
    assert client.post(entry_url(HELP), {"msgstr": "Пакідайце {name} як ёсць."}).status_code == 200
    broken = "Пакідайце </code>{name}<code>, <code>%%(name)s</code> ці <code>%%s</code> як ёсць."
    response = client.post(entry_url(HELP), {"msgstr": broken})
    assert "трэба закрываць у парадку, адваротным да адкрыцця" in response.content.decode()
    assert CatalogueEdit.objects.get(msgid=HELP).msgstr == text


def test_a_plural_form_for_many_numbers_keeps_the_number_one_for_one_number_may_not(client):
    be = User.objects.create_user("tbe", "tbe@ura.example.org", "pass-123", is_staff=True)
    be.groups.add(Group.objects.get(name="Translators (be)"))
    client.force_login(be)
    # Belarusian form 1 serves 1, 21, 31…: "навіна" without the number is wrong for 21.
    forms = ["адна навіна", "%(counter)s навіны", "%(counter)s навін", "%(counter)s навіны"]
    response = client.post(entry_url(NEWS_COUNT[0]), {f"msgstr_{i}": text for i, text in enumerate(forms)})
    assert response.status_code == 200
    # The fourth form serves no whole number (fractions only): as msgfmt, it may leave the number out.
    forms = ["%(counter)s навіна", "%(counter)s навіны", "%(counter)s навін", "частка навіны"]
    response = client.post(entry_url(NEWS_COUNT[0]), {f"msgstr_{i}": text for i, text in enumerate(forms)})
    assert response.status_code == 302
    sq = User.objects.create_user("tsq", "tsq@ura.example.org", "pass-123", is_staff=True)
    sq.groups.add(Group.objects.get(name="Translators (sq)"))
    client.force_login(sq)
    # Albanian form 1 serves only 1.
    response = client.post(entry_url(NEWS_COUNT[0], "sq"), {"msgstr_0": "një lajm", "msgstr_1": "%(counter)s lajme"})
    assert response.status_code == 302


# --- Text that reached the table another way -------------------------------------------------------------


def test_a_bad_text_written_to_the_table_is_not_served_and_is_logged(client, reload_now, caplog):
    serve_from_another_server(
        {"msgid": FEED_TITLE, "msgstr": "%(site)s: навіны %"},
        {"msgid": NEWS_COUNT[0], "msgid_plural": NEWS_COUNT[1], "msgstr_plural": [EVIL] * 4},
        {"msgctxt": "month and year", "msgid": "%(month)s %(year)s", "msgstr": "%(month)s %(year)s %"},
        {"msgid": "%(count)s month", "msgid_plural": "%(count)s months", "msgstr_plural": [5, None, 5, 5]},
    )
    with caplog.at_level(logging.WARNING, logger="editorial.catalogue"):
        feed = client.get("/be/feeds/news/")
    assert feed.status_code == 200
    assert "<title>Ura: навіны</title>" in feed.content.decode()  # the committed translation
    warnings = [record.getMessage() for record in caplog.records if record.name == "editorial.catalogue"]
    assert len(warnings) == 4
    assert any("%(site)s: news" in line and "not a placeholder" in line for line in warnings)
    assert client.get("/be-latn/feeds/news/atom/").status_code == 200
    page = client.get("/be/news/").content.decode()
    assert "evil.example" not in page
    assert "0 навін" in page
    assert "evil.example" not in client.get("/be-latn/news/").content.decode()
    # Python-side formatting elsewhere (project durations) gets the committed text too.
    with translation.override("be"):
        assert duration.month_year(datetime.date(2024, 5, 1)) == "травень 2024"


def test_good_texts_written_to_the_table_are_served(client, reload_now):
    serve_from_another_server({"msgid": FEED_TITLE, "msgstr": "%(site)s — навіны"})
    assert "<title>Ura — навіны</title>" in client.get("/be/feeds/news/").content.decode()


# --- Import and the repository's check --------------------------------------------------------------------


def po_with(tmp_path, *entries):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for entry in entries:
        po.append(entry)
    path = tmp_path / "be.po"
    po.save(str(path))
    return path


def test_import_refuses_a_file_with_a_bad_entry_and_imports_nothing(tmp_path):
    path = po_with(
        tmp_path,
        polib.POEntry(msgid="Latest news", msgstr="Свежыя навіны"),
        polib.POEntry(msgid=FEED_TITLE, msgstr="%(site)s: навіны %"),
        polib.POEntry(msgid=NEWS_COUNT[0], msgid_plural=NEWS_COUNT[1], msgstr_plural=dict.fromkeys(range(4), EVIL)),
    )
    errors = io.StringIO()
    with pytest.raises(CommandError, match="Nothing imported: 2 entries"):
        call_command("import_catalogue_edits", str(path), "--language", "be", stdout=io.StringIO(), stderr=errors)
    report = errors.getvalue()
    assert "'%(site)s: news': “%” in the translation is not a placeholder" in report
    assert "'%(counter)s news item' (plural form 1): The translation has an incomplete" in report
    assert not CatalogueEdit.objects.exists()
    good = po_with(tmp_path, polib.POEntry(msgid=FEED_TITLE, msgstr="%(site)s — навіны"))
    call_command("import_catalogue_edits", str(good), "--language", "be", stdout=io.StringIO())
    assert CatalogueEdit.objects.get().msgstr == "%(site)s — навіны"


def test_check_messages_applies_the_same_rules():
    po = polib.POFile()
    po.metadata = {"Plural-Forms": "nplurals=2; plural=(n != 1);"}
    po.append(polib.POEntry(msgid=FEED_TITLE, msgstr="%(site)s: lajme %"))
    po.append(polib.POEntry(msgid="Latest news", msgstr='Lajmet <a href="https://evil.example/">e fundit</a>'))
    po.append(polib.POEntry(msgid=HELP, msgstr=HELP))
    po.append(polib.POEntry(msgid=NEWS_COUNT[0], msgid_plural=NEWS_COUNT[1], msgstr_plural={0: "një lajm", 1: "lajme"}))
    found = load_check().check_complete("sq", po)
    assert len(found) == 3, found
    assert any("'%(site)s: news': “%” in the translation is not a placeholder" in line for line in found)
    assert any("'Latest news': The translation has HTML" in line for line in found)
    assert any("plural form 1: The translation must keep the placeholders" in line for line in found)


# --- The rules themselves -----------------------------------------------------------------------------------


LINK = 'See <a href="%(url)s" class="more">the guide</a>.'


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ('Гл. <a class="more" href="%(url)s">даведнік</a>.', True),  # attributes in another order
        ("Гл. <a href='%(url)s' class='more'>даведнік</a>.", True),  # other quotes
        ('Гл. <A HREF="%(url)s" class="more" >даведнік</A >.', True),  # case and spaces
        ('Гл. <a href="%(url)s" class="&#109;ore">даведнік</a>.', True),  # entities decoded
        ('Гл. <a href="%(url)s" class="more">даведнік</a>. &lt;b&gt; 1 < 2', True),  # text, not tags
        ('Гл. <a href="%(url)s">даведнік</a>.', False),  # an attribute lost
        ('Гл. <a href="%(url)s" class="more" onclick="x()">даведнік</a>.', False),  # one added
        ('Гл. <a href="https://evil.example/" class="more">даведнік</a>.', False),  # another value
        ('Гл. <a href=%(url)s class="more">даведнік</a>.', False),  # a value without quotes
        ('Гл. <a href="%(url)s" class="more">даведнік</a>.<!-- -->', False),  # a comment
        ('Гл. <a href="%(url)s" class="more">даведнік</a', False),  # an unfinished end tag
        ('Гл. <a href="%(url)s" class="more">даведнік.', False),  # the end tag lost
        ('Гл. <a href="%(url)s" class="more"><b>даведнік</a></b>.', False),  # a tag added
        ("Гл. даведнік<script>alert(1)</script>.", False),
    ],
)
def test_markup_must_be_the_sources(text, ok):
    assert (problems(text, LINK) == []) == ok


@pytest.mark.parametrize(
    ("msgid", "text", "ok"),
    [
        ("%s and %d", "%s і %d", True),
        ("%s and %d", "%d і %s", False),  # an unnamed placeholder cannot move
        ("%s and %s", "%s і %s і %%", True),
        ("%s and %s", "%s", False),  # Python: not all arguments converted
        ("%(n)d items", "%(n)i навін", True),
        ("%(n)d items", "%(n)x навін", False),  # %x refuses a float that %d takes
        ("%(n)s items", "%(n)-5.3hs навін", True),  # flags, width, precision, length
        ("%(n)s items", "%(n)*s навін", False),
        ("%(n)s items", "%(n)99s навін", True),
        ("%(n)s items", "%(n)999999999s навін", False),  # a gigabyte each time it is shown
        ("%(n)f items", "%(n).999999999f навін", False),
        ("%(n)s items", "%(n)s %(n)d навін", False),  # one name, two kinds
        ("Read more", "Чытаць 100%", False),  # {% blocktranslate %} formats even this
        ("Read more", "Чытаць далей", True),
        ("Done: 100%", "Гатова: 100%", True),  # no %-format (a lone "%"): the code does not format it
        ("The {name} “{obj}” was added.", "Дадалі {name} «{obj}».", True),
        ("The {name} “{obj}” was added.", "Дадалі {name}.", False),
        ("The {name} “{obj}” was added.", "Дадалі {name} «{obj}» {.", False),
        ("Select this object - {}", "Абярыце аб’ект - {}", True),
        ("Select this object - {}", "Абярыце аб’ект - {} {}", False),
        ("Page", "{page}", False),
    ],
)
def test_placeholders(msgid, text, ok):
    assert (problems(text, msgid) == []) == ok


def test_length_is_ten_times_the_source_and_at_least_a_hundred():
    assert problems("x" * 100, "OK") == []
    assert problems("x" * 101, "OK") != []
    assert problems("x" * 300, "x" * 30) == []
    assert problems("x" * 301, "x" * 30) != []


def test_strict_plural_forms_follow_msgfmt():
    be = catalogue.committed_pofile("be").metadata["Plural-Forms"]
    assert catalogue_checks.strict_forms(be) == (True, True, True, False)
    assert catalogue_checks.strict_forms("nplurals=2; plural=(n != 1);") == (False, True)


MSGFMT_CASES = [
    ("%(site)s: news", "%(site)s: навіны %"),
    ("%(site)s: news", "%(site)s: навіны %c"),
    ("%(site)s: news", "%(site)s: навіны %(x)r"),
    ("%(site)s: news", "%(site)10s: навіны %%"),
    ("%(site)s: news", "%(site)r: навіны"),
    ("%(site)s: news", "навіны"),
    ("%(count)d news", "%(count)s навін"),
    ("%(count)d news", "%(count)i навін"),
    ("%(count)f news", "%(count)d навін"),
    ("%s and %d", "%d і %s"),
    ("%s and %s", "%s і %s і %%"),
    ("%(a)s and", "%(a)s і %s"),
    ("%(name)s", "%(name)-5.3hs"),
    ("%(name)s", "%(name)*s"),
    ("%(name)s", "%(name)ls"),
    ("%s", "%*s"),
]


def test_the_placeholder_rules_agree_with_msgfmt(tmp_path):
    """Each case through GNU msgfmt --check-format and through catalogue_checks: the same verdicts."""
    if shutil.which("msgfmt") is None:
        pytest.fail("GNU gettext (msgfmt) is needed to compare the rules with it")
    verdicts = {}
    for index, (msgid, text) in enumerate(MSGFMT_CASES):
        po = polib.POFile()
        po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
        po.append(polib.POEntry(msgid=msgid, msgstr=text, flags=["python-format"]))
        path = tmp_path / f"case{index}.po"
        po.save(str(path))
        result = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True)  # noqa: S607
        verdicts[(msgid, text)] = (result.returncode == 0, problems(text, msgid) == [])
    assert all(msgfmt == ours for msgfmt, ours in verdicts.values()), verdicts


# --- Every entry, hostile texts ---------------------------------------------------------------------------

HOSTILE = [
    lambda text: text + " %",
    lambda text: text + " %c",
    lambda text: text + " %(x)r",
    lambda text: text + " %(count)s",
    lambda text: text + " %s",
    lambda text: text + " 100%% {x} {",
    lambda text: text + " }",
    lambda text: text + " %%",
    lambda text: text + '<a href="https://evil.example/">x</a>',
    lambda text: text + "<img src=x onerror=alert(1)>",
    lambda text: text + '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    lambda text: text + "<!-- x -->",
    lambda text: text + "</code>",
    lambda text: "</code>" + text + "<code>",
    lambda text: text + " &lt;b&gt; 1 < 2",
    lambda text: text.replace("<code>", '<code class="x">'),
    lambda text: text.replace("<code>", "<code onclick='x()'>"),
    lambda text: text.replace(")s", ")d"),
    lambda text: text.replace(")s", ")r"),
    lambda text: text.replace(")d", ")x"),
    lambda text: text.replace(")d", ")f"),
    lambda text: text.replace("%(", "%5("),
    lambda text: text.replace(")s", ")999999999s"),
    lambda text: text.replace(")s", ")-10s"),
    lambda text: text.replace("%(", "%%("),
    lambda text: re.sub(r"%\(\w+\)\w", "", text),
    lambda text: re.sub(r"%\(\w+\)\w", lambda match: match.group(0) * 2, text),
    lambda text: text.replace("{name}", "{name!r}"),
    lambda text: text.replace("{name}", "{name:>999999999}"),
    lambda text: text * 12,
]
# Values the code might pass: a source formats with some of them, and what formats the source
# must format an accepted translation too (found here by trying, not from the rules' own kinds).
VALUE_KINDS = [1, 2.5, Decimal("1.5"), "x", "<b>"]


class Tags(HTMLParser):
    """The markup of a text as Python's HTML parser reads it (a second opinion on the rules')."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.tags = Counter()
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags[(tag, tuple(sorted((name, value or "") for name, value in attrs)))] += 1

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self.tags[("/" + tag,)] += 1

    def handle_comment(self, data):
        self.tags[("!--", data)] += 1

    def handle_decl(self, decl):
        self.tags[("!", decl)] += 1

    handle_pi = unknown_decl = handle_decl


def value_sets(text):
    names = re.findall(r"%\((\w+)\)", text)
    unnamed = len(re.findall(r"%[-+ #0\d.*hlL]*[diouxXeEfFgGcrsa]", text.replace("%%", "")))
    for value in VALUE_KINDS:
        yield dict.fromkeys(names, value) if names or not unnamed else (value,) * unnamed


def formats(text, values):
    try:
        text % values
    except (ValueError, KeyError, TypeError, IndexError, OverflowError):
        return False
    return True


@pytest.mark.parametrize("language", ["be", "sq"])
def test_no_accepted_hostile_text_breaks_formatting_or_adds_markup(language):
    """Every entry of the catalogue with each hostile change of its translation: the rules refuse it,
    or it formats with every set of values its source formats with and has the source's tags."""
    strict = catalogue.strict_forms(language)
    accepted = checked = 0
    for entry in catalogue.committed_pofile(language):
        if entry.obsolete or not entry.msgid:
            continue
        source = entry.msgid_plural or entry.msgid
        forms = sorted(entry.msgstr_plural.items()) if entry.msgid_plural else [(None, entry.msgstr)]
        good_values = [values for values in value_sets(source) if formats(source, values)]
        for index, committed in forms:
            for change in HOSTILE:
                text = change(committed)
                checked += 1
                if problems(text, entry.msgid, entry.msgid_plural, True if index is None else strict[index]):
                    continue
                accepted += 1
                assert all(formats(text, values) for values in good_values), (entry.msgid, text)
                if "<" in source or "<" in text:
                    assert Tags(text).tags == Tags(source).tags, (entry.msgid, text)
    assert checked > 20000
    assert accepted > 1000  # the harmless changes (a width, another quote, text) are not refused
