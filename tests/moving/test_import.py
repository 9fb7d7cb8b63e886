"""import_wordpress on real and realistic exports: every item accounted for, translations joined,
old addresses answered, a second import changing nothing, an editor's change kept."""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from core import i18n
from core.models import SlugAlias, Status, Topic
from library.models import Image
from moving.importer import Importer, Options, ura_language
from moving.media import FolderSource
from moving.models import ImportedItem
from news.models import NewsItem
from portal.models import MenuItem, Page
from tests.moving.conftest import FIXTURES

pytestmark = pytest.mark.django_db

THEME_DATA = FIXTURES / "themeunittestdata.wordpress.xml"
POLYLANG = FIXTURES / "polylang.xml"


def run(path, **options):
    importer = Importer(lambda: open(path, "rb"), Options(**options))
    return importer.run()


def items_in(path):
    return len(re.findall(rb"<item>", path.read_bytes()))


@pytest.mark.parametrize(
    ("code", "language"),
    [
        ("be_BY", "be"),
        ("bel", "be"),
        ("be", "be"),
        ("sq", "sq"),
        ("sq_AL", "sq"),
        ("en_US", "en"),
        ("en-GB", "en"),
        ("de_DE", None),
        ("ru_RU", None),
        ("", None),
    ],
)
def test_wordpress_locales_map_to_the_sites_languages_and_no_others(code, language):
    assert ura_language(code) == language


def test_theme_unit_test_data_imports_with_every_item_accounted_for():
    report = run(THEME_DATA, menus=("all-pages-flat",))
    data = report.as_dict()
    assert len(data["items"]) == items_in(THEME_DATA) == 186
    assert sum(data["counts"].values()) == 186
    # Every item left out says why.
    assert all(item["reason"] for item in data["items"] if item["outcome"] == "skipped")
    assert data["by_type"]["post"] == {"created": 58}
    assert data["by_type"]["page"] == {"created": 21}
    assert NewsItem.objects.count() == 58
    assert Page.objects.count() == 21
    # Without files, the attachments are reported, not guessed.
    assert data["by_type"]["attachment"] == {"skipped": 37}
    # The export repeats 18 menu entries under the same IDs: the second copies are reported as such.
    repeated = [item for item in data["items"] if item["reason"].startswith("the same ID again")]
    assert len(repeated) == 18
    assert MenuItem.objects.count() == 18
    # The draft stays a draft, the future post is scheduled, the published ones are public.
    draft = (
        NewsItem.objects.get(title_en="Draft Post") if NewsItem.objects.filter(title_en="Draft Post").exists() else None
    )
    statuses = set(NewsItem.objects.values_list("status", flat=True))
    assert statuses == {Status.DRAFT, Status.PUBLISHED, Status.SCHEDULED}
    assert draft is None or draft.status == Status.DRAFT
    assert {"gallery", "caption"} <= set(data["shortcodes"])
    # No block-editor comment and no shortcode survives in a body.
    for body in NewsItem.objects.values_list("body_en", flat=True):
        assert "<!--" not in body
        assert "[gallery" not in body and "[caption" not in body

    # The same file again changes nothing.
    again = run(THEME_DATA, menus=("all-pages-flat",)).as_dict()
    assert again["counts"].get("created", 0) == 0
    assert again["counts"].get("updated", 0) == 0
    assert again["counts"]["unchanged"] == 58 + 21 + 18
    assert NewsItem.objects.count() == 58
    assert MenuItem.objects.count() == 18


def test_a_dry_run_reports_everything_and_writes_nothing():
    report = run(POLYLANG, dry_run=True).as_dict()
    assert len(report["items"]) == items_in(POLYLANG)
    assert report["counts"]["created"] == 6
    assert not NewsItem.objects.exists()
    assert not Page.objects.exists()
    assert not ImportedItem.objects.exists()
    assert not SlugAlias.objects.exists()
    assert not Topic.objects.exists()


def test_polylang_translations_become_one_item_with_each_language_up_to_date(uploads, client):
    report = run(POLYLANG, media=FolderSource(uploads), menus=("main-en",)).as_dict()
    assert len(report["items"]) == items_in(POLYLANG)
    news = NewsItem.objects.exclude(status=Status.DRAFT).get()
    assert (news.title_en, news.title_sq, news.title_be) == (
        "Delegation in Pristina",
        "Delegacioni në Prishtinë",
        "Дэлегацыя ў Прышціне",
    )
    assert news.source_language == "en"
    assert news.status == Status.PUBLISHED
    assert news.publish_at.isoformat() == "2025-04-16T10:00:00+00:00"
    assert (
        news.body_sq
        == "<p>Për dy ditë një delegacion i forcave demokratike bjelloruse ishte në Prishtinë.</p>\n<p>Me ftesë të Zyrës së Presidentes.</p>"
    )
    for language in ("sq", "be"):
        assert not i18n.is_outdated(news, language)
    # Categories joined by Polylang's term translations: one topic per group, named in each language.
    visits = news.topics.get(name_en="Visits")
    assert (visits.name_sq, visits.name_be) == ("Vizita", "Візіты")
    # The featured image from the uploads, its alternative text in its language; the PDF stored and linked.
    assert news.image.alt_text_en == "The delegation in Pristina"
    assert news.image.width == 800
    assert re.search(r'href="/media/documents/imported/2025/04/programme\.pdf"', news.body_en)
    # The page's two languages are one page; the menu entry points at it.
    page = Page.objects.get()
    assert (page.title_en, page.title_be, page.title_sq) == ("About the office", "Пра офіс", None)
    assert MenuItem.objects.get().page == page
    # Trash is left out; a language the site does not have is reported, not guessed.
    reasons = {item["id"]: item for item in report["items"]}
    assert reasons[106]["outcome"] == "skipped"
    assert reasons[104]["outcome"] == "skipped"
    assert report["unknown_languages"] == {"de": 1}
    assert NewsItem.objects.get(status=Status.DRAFT).title_en == "Statement (draft)"
    assert report["shortcodes"]["contact-form-7"] == 1


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/?p=101", "/en/news/delegation-in-pristina/"),
        ("/?p=102", "/sq/news/delegacioni-ne-prishtine/"),
        ("/?p=103", "/be/news/deliehacyja/"),
        ("/sq/2025/04/16/delegacioni-ne-prishtine/", "/sq/news/delegacioni-ne-prishtine/"),
        ("/be/2025/04/16/%d0%b4%d1%8d%d0%bb%d0%b5%d0%b3%d0%b0%d1%86%d1%8b%d1%8f/", "/be/news/deliehacyja/"),
        ("/en/2025/04/16/delegation-in-pristina", "/en/news/delegation-in-pristina/"),
        ("/?page_id=202", "/be/pra-ofis/"),
        ("/category/vizita/", "/sq/news/?topic=vizita"),
        ("/be/category/vizity/", "/be/news/?topic=vizity"),
        ("/?cat=5", "/en/news/?topic=visits"),
    ],
)
def test_old_addresses_answer_301_to_the_new_page_in_their_language(client, old, new):
    run(POLYLANG)
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


def test_an_unknown_old_address_is_still_a_404_and_a_live_page_is_not_redirected(client):
    run(POLYLANG)
    assert client.get("/?p=999").status_code == 302  # the usual redirect to the visitor's language
    assert client.get("/en/2024/01/01/nothing/").status_code == 404
    # The old page address that is also the new one answers the page itself.
    assert client.get("/en/about/").status_code == 200


def test_a_newer_export_updates_what_changed_and_keeps_what_an_editor_changed(tmp_path):
    run(POLYLANG)
    news = NewsItem.objects.exclude(status=Status.DRAFT).get()
    news.title_sq = "Delegacioni i forcave demokratike në Prishtinë"  # an editor's change
    news.save()
    newer = POLYLANG.read_text(encoding="utf-8")
    newer = newer.replace("Delegacioni në Prishtinë", "Delegacioni në Prishtinë, prill 2025")
    newer = newer.replace("Цягам двух дзён", "Два дні")
    path = tmp_path / "newer.xml"
    path.write_text(newer, encoding="utf-8")
    report = run(path).as_dict()
    news.refresh_from_db()
    assert news.title_sq == "Delegacioni i forcave demokratike në Prishtinë"
    assert news.body_be.startswith("<p>Два дні")
    assert {"id": 102, "type": "post", "field": "title_sq"} in report["conflicts"]
    outcomes = {item["id"]: item["outcome"] for item in report["items"]}
    assert outcomes[103] == "updated"
    assert outcomes[101] == "unchanged"
    assert NewsItem.objects.count() == 2


WPML = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Office</title><link>https://wpml.example.org</link><language>en-US</language>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://wpml.example.org</wp:base_site_url>
{items}
</channel></rss>"""
WPML_ITEM = """<item><title><![CDATA[{title}]]></title><link>https://wpml.example.org/{prefix}{slug}/</link>
<guid isPermaLink="false">https://wpml.example.org/?p={id}</guid>
<content:encoded><![CDATA[{body}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>{id}</wp:post_id><wp:post_date><![CDATA[2024-05-02 10:00:00]]></wp:post_date><wp:post_date_gmt><![CDATA[2024-05-02 08:00:00]]></wp:post_date_gmt>
<wp:post_name><![CDATA[{slug}]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status><wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order>
<wp:post_type><![CDATA[{type}]]></wp:post_type>
<wp:postmeta><wp:meta_key><![CDATA[_wpml_import_language_code]]></wp:meta_key><wp:meta_value><![CDATA[{language}]]></wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key><![CDATA[_wpml_import_source_language_code]]></wp:meta_key><wp:meta_value><![CDATA[{source}]]></wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key><![CDATA[_wpml_import_translation_group]]></wp:meta_key><wp:meta_value><![CDATA[{group}]]></wp:meta_value></wp:postmeta>
</item>"""


def wpml_export(tmp_path):
    """WPML's export fields (its "Export and Import" documentation): language, source language, group."""
    rows = [
        # The Albanian original comes last in the file: the source is the one without a source language.
        dict(
            id=11,
            type="page",
            title="Contacts",
            slug="contacts",
            prefix="",
            body="Write to us.",
            language="en",
            source="sq",
            group="7",
        ),
        dict(
            id=12,
            type="page",
            title="Kontaktet",
            slug="kontaktet",
            prefix="sq/",
            body="Na shkruani.",
            language="sq",
            source="",
            group="7",
        ),
        dict(
            id=13,
            type="page",
            title="Кантакты",
            slug="kantakty",
            prefix="be/",
            body="Пішыце нам.",
            language="be",
            source="sq",
            group="7",
        ),
        dict(
            id=14,
            type="post",
            title="Takim",
            slug="takim",
            prefix="sq/",
            body="Një takim.",
            language="sq",
            source="",
            group="8",
        ),
    ]
    path = tmp_path / "wpml.xml"
    path.write_text(WPML.format(items="\n".join(WPML_ITEM.format(**row) for row in rows)), encoding="utf-8")
    return path


def test_wpml_translation_groups_join_with_the_original_as_the_source(tmp_path, client):
    report = run(wpml_export(tmp_path)).as_dict()
    assert report["counts"] == {"created": 4}
    page = Page.objects.get()
    assert (page.title_en, page.title_sq, page.title_be) == ("Contacts", "Kontaktet", "Кантакты")
    assert page.source_language == "sq"
    assert not i18n.is_outdated(page, "en") and not i18n.is_outdated(page, "be")
    assert NewsItem.objects.get().title_sq == "Takim"
    assert client.get("/sq/kontaktet/").status_code == 200  # the old address is the new one: the page itself
    assert client.get("/?page_id=13")["Location"] == "/be/kantakty/"


def test_a_monolingual_site_imports_into_its_one_language(tmp_path):
    export = POLYLANG.read_text(encoding="utf-8")
    # No Polylang: drop its terms from the items and the channel; the channel says the site is in Albanian.
    export = re.sub(r'<category domain="(language|post_translations)"[^>]*>.*?</category>', "", export)
    export = export.replace("<language>en-GB</language>", "<language>sq-AL</language>")
    path = tmp_path / "one.xml"
    path.write_text(export, encoding="utf-8")
    run(path)
    titles = set(NewsItem.objects.values_list("title_sq", flat=True))
    assert "Delegation in Pristina" in titles and "Delegacioni në Prishtinë" in titles
    assert not NewsItem.objects.exclude(title_en=None).exclude(title_en="").exists()


def test_the_command_reports_and_refuses_bad_options(capsys):
    out = io.StringIO()
    call_command("import_wordpress", str(POLYLANG), "--dry-run", "--no-progress", stdout=out)
    assert "Dry run: nothing was written." in out.getvalue()
    assert "created: 6" in out.getvalue()
    with pytest.raises(CommandError, match="the kind must be one of"):
        call_command("import_wordpress", str(POLYLANG), "--kind", "visits=parade")
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_wordpress", "/nonexistent/export.xml")


def test_a_category_mapped_to_a_kind_sets_the_news_kind_and_is_no_topic():
    run(POLYLANG, kind_map={"visits": NewsItem.Kind.DELEGATION_VISIT})
    news = NewsItem.objects.exclude(status=Status.DRAFT).get()
    assert news.kind == NewsItem.Kind.DELEGATION_VISIT
    assert not news.topics.filter(name_en="Visits").exists()
    assert news.topics.filter(name_en="Cooperation").exists()


def test_a_missing_file_is_reported_never_fatal(tmp_path):
    empty = tmp_path / "uploads"
    empty.mkdir()
    report = run(POLYLANG, media=FolderSource(empty)).as_dict()
    assert {missing["url"] for missing in report["missing_files"]} >= {
        "https://office.example.org/wp-content/uploads/2025/04/pristina.jpg"
    }
    assert NewsItem.objects.exclude(status=Status.DRAFT).get().image is None
    assert not Image.objects.exists()


REAL_POLYLANG = FIXTURES / "polylang-wordpress.xml"


def test_a_real_polylang_export_joins_its_translations_and_answers_its_old_addresses(client):
    """Made by WordPress 6.1 with Polylang 3.5.4 and exported by WordPress (fixtures/polylang-site/)."""
    report = run(REAL_POLYLANG, menus=("main-english",)).as_dict()
    assert len(report["items"]) == items_in(REAL_POLYLANG) == 11
    skipped = [item for item in report["items"] if item["outcome"] == "skipped"]
    assert [(item["title"], item["params"]) for item in skipped] == [("Besuch in Pristina", {"language": "de"})]
    news = NewsItem.objects.get(title_en="Belarusian democratic forces in Pristina")
    assert news.title_sq == "Forcat demokratike bjelloruse në Prishtinë"
    assert news.title_be == "Беларускія дэмакратычныя сілы ў Прышціне"
    assert not i18n.is_outdated(news, "sq") and not i18n.is_outdated(news, "be")
    assert set(news.topics.values_list("name_en", "name_sq", "name_be")) == {
        ("Visits", "Vizita", "Візіты"),
        ("Cooperation", "Bashkëpunim", "Супрацоўніцтва"),
    }
    # WordPress's own first post and pages, made before Polylang, are in the site's language.
    assert NewsItem.objects.get(title_en="Hello world!").status == Status.PUBLISHED
    assert NewsItem.objects.get(title_en="A statement in preparation").status == Status.DRAFT
    office = Page.objects.get(title_en="Office")
    assert office.title_be == "Офіс"
    assert MenuItem.objects.get().page == office
    for old, language in (
        ("/sq/2025/04/16/forcat-demokratike-bjelloruse-ne-prishtine/", "sq"),
        ("/en/2025/04/16/belarusian-democratic-forces-in-pristina/", "en"),
        (
            "/be/2025/04/16/%D0%91%D0%B5%D0%BB%D0%B0%D1%80%D1%83%D1%81%D0%BA%D1%96%D1%8F-%D0%B4%D1%8D%D0%BC%D0%B0"
            "%D0%BA%D1%80%D0%B0%D1%82%D1%8B%D1%87%D0%BD%D1%8B%D1%8F-%D1%81%D1%96%D0%BB%D1%8B-%D1%9E-%D0%9F%D1%80%D1%8B%D1%88/",
            "be",
        ),
    ):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == news.get_absolute_url_for(language)
    assert client.get("/be/%D0%9E%D1%84%D1%96%D1%81/")["Location"] == office.get_absolute_url_for("be")
    again = run(REAL_POLYLANG, menus=("main-english",)).as_dict()
    assert again["counts"] == {"unchanged": 10, "skipped": 1}


def test_an_image_in_the_text_from_elsewhere_is_listed(tmp_path, uploads):
    export = POLYLANG.read_text(encoding="utf-8").replace(
        "<p>Цягам двух дзён", '<p><img src="https://cdn.example.net/photo.jpg" alt="">Цягам двух дзён'
    )
    path = tmp_path / "export.xml"
    path.write_text(export, encoding="utf-8")
    report = run(path, media=FolderSource(uploads)).as_dict()
    assert {
        "id": 103,
        "url": "https://cdn.example.net/photo.jpg",
        "problem": "an image in the text that is not in the export's media",
    } in report["missing_files"]
