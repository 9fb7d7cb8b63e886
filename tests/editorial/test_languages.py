"""The change form's languages (editorial.languages): slugs while typing, rendered read-only rich text,
the source's changes since an outdated translation, the language control, the editor's time zone,
the toolbar's strings."""

import datetime
import json

import pytest
import reversion
from django.utils import timezone

from editorial.languages import language_choice, source_changes, word_diff
from news.models import NewsItem
from tests.editorial.workflow_helpers import make_user
from tests.news.factories import NewsItemFactory

pytestmark = pytest.mark.django_db

SLUG_URL = "/admin/news/newsitem/slug/"


@pytest.fixture
def editor(client):
    user = make_user("olena", "Editors")
    client.force_login(user)
    return user


# --- Slugs while typing ----------------------------------------------------------------


def test_slug_endpoint_uses_the_sites_rule_in_each_language(client, editor):
    answer = client.get(SLUG_URL, {"language": "en", "title": "Youth exchanges: Prishtina & Vilnius"}).json()
    assert answer == {"slug": "youth-exchanges-prishtina-vilnius", "taken_by": ""}
    answer = client.get(SLUG_URL, {"language": "be", "title": "Дэлегацыя ў Прышціне"}).json()
    assert answer["slug"] == NewsItem.slug_for("Дэлегацыя ў Прышціне") == "deliehacyja-u-pryshcinie"


def test_slug_endpoint_warns_when_another_item_has_the_slug(client, editor):
    other = NewsItemFactory(title_en="Round table in Viti", slug_en="round-table-in-viti")
    answer = client.get(SLUG_URL, {"language": "en", "title": "Round table in Viti"}).json()
    assert answer == {"slug": "round-table-in-viti", "taken_by": str(other), "free": "round-table-in-viti-2"}
    # A slug typed by hand is checked as typed (normalised by the same rule), with no other offered.
    answer = client.get(SLUG_URL, {"language": "en", "slug": "Round Table in Viti"}).json()
    assert answer == {"slug": "round-table-in-viti", "taken_by": str(other)}
    # The item's own slug is no collision.
    answer = client.get(SLUG_URL, {"language": "en", "slug": "round-table-in-viti", "object": other.pk}).json()
    assert answer["taken_by"] == ""


@pytest.mark.parametrize(
    ("params", "status"),
    [({"language": "de", "title": "x"}, 400), ({"language": "en", "title": "x", "object": "999999"}, 404)],
)
def test_slug_endpoint_refuses_bad_input(client, editor, params, status):
    assert client.get(SLUG_URL, params).status_code == status


def test_slug_endpoint_needs_an_editor(client):
    assert client.get(SLUG_URL, {"language": "en", "title": "x"}).status_code == 302  # to the login
    client.force_login(make_user("visitor"))
    assert client.get(SLUG_URL, {"language": "en", "title": "x"}).status_code in (302, 403)


# --- The change form -----------------------------------------------------------------------


def test_change_form_has_one_language_control_and_no_tab_scripts(client, editor):
    item = NewsItemFactory()
    html = client.get(f"/admin/news/newsitem/{item.pk}/change/?language=sq").content.decode()
    assert html.count('id="lang-bar"') == 1
    assert 'value="sq" id="lang-view-sq" checked' in html
    assert "editorial/languages.js" in html
    assert "tabbed_translation_fields.js" not in html
    assert "jquery-ui" not in html


def test_language_choice_is_kept_when_the_form_comes_back(rf):
    request = rf.post("/", {"_language_view": "pair", "_language_left": "en", "_language_right": "be"})
    request.LANGUAGE_CODE = "sq"
    assert language_choice(request) == ("pair", "en", "be")
    request = rf.get("/", {"language": "xx", "_language_left": "zz"})
    request.LANGUAGE_CODE = "sq"
    view, left, right = language_choice(request)
    assert view == "sq" and left == "en" and right == "sq"


def test_translator_reads_the_source_rich_text_rendered_and_sanitised(client):
    item = NewsItemFactory(
        source_language="en",
        body_en="<p>Met the <strong>Office</strong>.</p><ul><li>diaspora</li></ul><script>alert(1)</script>",
        title_sq="",
        body_sq="",
    )
    client.force_login(make_user("driton", "Translators (sq)"))
    response = client.get(f"/admin/news/newsitem/{item.pk}/change/")
    html = response.content.decode()
    assert (
        '<div class="rendered-rich-text"><p>Met the <strong>Office</strong>.</p><ul><li>diaspora</li></ul></div>'
        in html
    )
    assert "&lt;p&gt;Met the" not in html
    assert "alert(1)" not in html
    # The Albanian body stays an editable field.
    assert 'name="body_sq"' in html
    assert 'name="body_en"' not in html


def test_outdated_translation_shows_what_changed_in_the_source(client, editor):
    item = NewsItemFactory(source_language="en", lead_en="The delegation met the Office of the President.")
    with reversion.create_revision():
        item.save()
    item.lead_en = "The delegation met the Office of the President and the Assembly."
    with reversion.create_revision():
        item.save()
    item.refresh_from_db()
    changes = source_changes(item)
    assert set(changes) == {"be", "sq"}
    label, diff = changes["sq"][0]
    assert str(label) == "lead"
    assert (
        str(diff) == "The delegation met the Office of the <del>President.</del> <ins>President and the Assembly.</ins>"
    )
    html = client.get(f"/admin/news/newsitem/{item.pk}/change/").content.decode()
    assert "Changed in the source since the last translation" in html
    assert "<ins>" in html


def test_word_diff_marks_removed_and_added_words_and_escapes():
    diff = str(word_diff("<p>Meeting in Prishtina</p>", "<p>Meeting in <b>Vilnius</b> &lt;x&gt;</p>"))
    assert diff == "Meeting in <del>Prishtina</del> <ins>Vilnius &lt;x&gt;</ins>"


# --- Change lists -----------------------------------------------------------------------------


def test_news_list_shows_status_and_publish_time_in_one_column(client, editor, django_assert_max_num_queries):
    NewsItemFactory.create_batch(3)
    with django_assert_max_num_queries(30):
        html = client.get("/admin/news/newsitem/").content.decode()
    assert "column-publication" in html
    assert "column-publish_at" not in html
    assert '<span class="workflow-when">' in html
    assert 'class="workflow-site-links"' in html


# --- Time zone and toolbar ---------------------------------------------------------------------


def test_admin_uses_the_editors_time_zone_from_the_cookie(client, editor):
    item = NewsItemFactory(publish_at=datetime.datetime(2025, 4, 16, 10, 0, tzinfo=datetime.UTC))
    url = f"/admin/news/newsitem/{item.pk}/change/"
    client.cookies["ura_tz"] = "Europe/Vilnius"
    html = client.get(url).content.decode()
    assert 'data-admin-utc-offset="7200"' in html or 'data-admin-utc-offset="10800"' in html
    assert 'name="publish_at_1" value="13:00:00"' in html  # 10:00 UTC in Vilnius (summer time)
    for bad in ("Mars/Olympus", "../../etc/passwd", "x" * 100):
        client.cookies["ura_tz"] = bad
        html = client.get(url).content.decode()
        offset = int(timezone.localtime(timezone.now(), timezone.get_default_timezone()).utcoffset().total_seconds())
        assert f'data-admin-utc-offset="{offset}"' in html


def test_toolbar_strings_are_in_the_admins_javascript_catalogue(client, editor):
    client.cookies["django_language"] = "sq"
    body = client.get("/admin/jsi18n/", HTTP_ACCEPT_LANGUAGE="sq").content.decode()
    start = body.index("const newcatalog = ") + len("const newcatalog = ")
    catalog = json.loads(body[start : body.index(";\n", start)])
    assert catalog["bold"] not in ("", "bold")
    assert "Today" in catalog  # the admin's own strings are still there


def test_the_form_tells_its_script_the_item_without_thousands_separators(client, editor):
    # Numbers on pages get separators ("1 234" in Belarusian); an item's id in the markup must not,
    # or the slug check of item 1234 asks for an item "1,234" that does not exist.
    item = NewsItemFactory(pk=123456, title_en="Round table in Viti", slug_en="round-table-in-viti")
    for language in ("be", "sq", "en"):
        form = client.get(f"/admin/news/newsitem/{item.pk}/change/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert 'data-object="123456"' in form
    answer = client.get(SLUG_URL, {"language": "en", "title": "Round table in Viti", "object": "123456"})
    assert answer.status_code == 200 and answer.json()["taken_by"] == ""
