"""Three languages done right: switching, hreflang, fallbacks and freshness, on static pages."""

import datetime
import re
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.utils import formats, translation

from core import i18n
from portal.models import Page
from tests.conftest import LANGUAGES
from tests.editorial.workflow_helpers import editor
from tests.news.factories import NewsItemFactory
from tests.portal.factories import PageFactory

pytestmark = pytest.mark.django_db

ABOUT = {
    "title_be": "Каардынацыйны орган і міжнароднае супрацоўніцтва",
    "body_be": "<p>Орган падтрымлівае сувязі з дыпламатычнымі місіямі ў Прыштыне.</p>",
    "title_sq": "Trupi Koordinues dhe bashkëpunimi ndërkombëtar",
    "body_sq": "<p>Trupi mban lidhje me misionet diplomatike në Prishtinë.</p>",
    "title_en": "The Coordination Body and international cooperation",
    "body_en": "<p>The Body keeps in touch with diplomatic missions in Pristina.</p>",
}


def english_only(**extra):
    values = {
        "title_en": "Help for visiting delegations",
        "body_en": "<p>How to arrange a visit to the municipalities of Preševo, Bujanovac and Medveđa.</p>",
        "title_be": "",
        "body_be": "",
        "title_sq": "",
        "body_sq": "",
        "source_language": "en",
    }
    values.update(extra)
    return PageFactory(**values)


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))


def switcher_links(html):
    """{language: the page the switcher leads to}, through /language/<code>/?next= (which remembers the choice)."""
    switcher = html.split('class="language-switcher"', 1)[1].split("</nav>", 1)[0]
    links = {}
    for code, target, hreflang in re.findall(
        r'<a href="/language/([\w-]+)/\?next=([^"]*)" hreflang="([\w-]+)"', switcher
    ):
        assert code.lower() == hreflang.lower()
        if hreflang in LANGUAGES:
            links[hreflang] = unquote(target)
    return links


# --- Which languages an item exists in -------------------------------------------


def test_available_languages_follow_the_titles():
    page = english_only(title_sq="Ndihmë për delegacionet vizituese", body_sq="<p>Si të organizoni një vizitë.</p>")
    assert i18n.available_languages(page) == ["sq", "en"]
    assert i18n.language_urls(page) == {
        "sq": f"/sq/{page.slug_sq}/",
        "en": f"/en/{page.slug_en}/",
    }


@pytest.mark.parametrize(("language", "shown"), [("be", "en"), ("sq", "en"), ("en", "en")])
def test_display_language_follows_the_fallback_order(language, shown):
    page = english_only()
    assert i18n.display_language(page, language) == shown


def test_belarusian_falls_back_to_albanian_when_english_is_missing():
    page = PageFactory(title_en="", body_en="", title_be="", body_be="", source_language="sq")
    assert i18n.display_language(page, "be") == "sq"
    assert i18n.available_languages(page) == ["sq"]


# --- Equivalent-page switching -------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_switcher_goes_to_the_translated_slug(client, language):
    page = PageFactory(**ABOUT)
    html = client.get(f"/{language}/{getattr(page, f'slug_{language}')}/").content.decode()
    links = switcher_links(html)
    for code in LANGUAGES:
        assert links[code] == f"/{code}/{getattr(page, f'slug_{code}')}/"


def test_switcher_keeps_the_item_when_a_translation_is_missing(client):
    page = english_only()
    html = client.get(f"/en/{page.slug_en}/").content.decode()
    links = switcher_links(html)
    assert links == {"be": f"/be/{page.slug_en}/", "sq": f"/sq/{page.slug_en}/", "en": f"/en/{page.slug_en}/"}
    assert 'class="is-fallback" title="Гэты матэрыял недаступны па-беларуску; ён паказаны па-англійску."' in html


def test_switcher_keeps_the_query_string_the_page_reads_on_detail_pages(client):
    page = PageFactory(**ABOUT)
    # A visitor's made-up parameters are no part of the page (portal.page_cache): the item itself.
    html = client.get(f"/en/{page.slug_en}/?utm_source=mail").content.decode()
    assert switcher_links(html)["be"] == f"/be/{page.slug_be}/"
    # An editor's preview stays a preview in the other language.
    client.force_login(editor())
    html = client.get(f"/en/{page.slug_en}/?preview=1").content.decode()
    assert switcher_links(html)["be"] == f"/be/{page.slug_be}/?preview=1"


def test_switcher_keeps_list_filters_and_page(client):
    NewsItemFactory(date=datetime.date(2025, 4, 16))
    html = client.get("/sq/news/?year=2025&page=1").content.decode()
    links = switcher_links(html)
    assert links["be"] == "/be/news/?year=2025&page=1"
    assert links["en"] == "/en/news/?year=2025&page=1"


def test_switcher_on_an_unknown_path_offers_the_home_pages(client):
    html = client.get("/be/nothing-here-at-all/").content.decode()
    assert switcher_links(html) == {"be": "/be/nothing-here-at-all/", "sq": "/sq/", "en": "/en/"}


# --- Slugs of any language lead to the item --------------------------------------


def test_other_languages_slug_redirects_permanently_to_the_translated_slug(client):
    page = PageFactory(**ABOUT)
    response = client.get(f"/be/{page.slug_en}/?from=feed")
    assert response.status_code == 301
    # What the page reads of the query string is kept (a visitor's made-up parameter is not).
    assert response["Location"] == f"/be/{page.slug_be}/"
    client.force_login(editor())
    assert client.get(f"/be/{page.slug_en}/?preview=1")["Location"] == f"/be/{page.slug_be}/?preview=1"


def test_missing_translation_is_served_under_the_fallback_slug(client):
    page = english_only()
    response = client.get(f"/be/{page.slug_en}/")
    assert response.status_code == 200


def test_missing_translation_reached_with_a_third_slug_redirects_to_the_fallback_slug(client):
    page = english_only(title_sq="Ndihmë për delegacionet vizituese", body_sq="<p>Si të organizoni një vizitë.</p>")
    response = client.get(f"/be/{page.slug_sq}/")
    assert response.status_code == 301
    assert response["Location"] == f"/be/{page.slug_en}/"


def test_current_language_slug_wins_over_another_items_slug(client):
    first = PageFactory(title_en="Office", title_be="Офіс", title_sq="Zyra")
    second = PageFactory(title_en="Contacts", title_be="Кантакты", title_sq="Kontaktet", slug_be=first.slug_en)
    response = client.get(f"/be/{first.slug_en}/")
    assert response.status_code == 200
    assert response.context["object"] == second


@pytest.mark.parametrize("slug", ["no-such-page", "drafts-only"])
def test_unknown_or_unpublished_slug_is_404(client, slug):
    PageFactory(title_en="Drafts only", slug_en="drafts-only", status="draft", publish_at=None)
    assert client.get(f"/be/{slug}/").status_code == 404


# --- Honest fallbacks ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "notice"),
    [
        ("be", "Гэты матэрыял недаступны па-беларуску; ён паказаны па-англійску."),
        ("sq", "Ky material nuk gjendet në shqip; po shfaqet në anglisht."),
    ],
)
def test_fallback_page_says_so_in_the_visitors_language(client, language, notice):
    page = english_only()
    html = client.get(f"/{language}/{page.slug_en}/").content.decode()
    assert f'<html lang="{language}">' in html
    assert f'<p class="translation-notice" role="note">{notice}</p>' in html
    assert '<article class="page" lang="en">' in html
    assert "Help for visiting delegations" in html


def test_fallback_page_claims_no_translation(client):
    page = english_only()
    html = client.get(f"/be/{page.slug_en}/").content.decode()
    assert alternates(html) == {}
    assert '<meta name="robots" content="noindex, follow">' in html


def test_translated_page_has_no_fallback_notice(client):
    page = PageFactory(**ABOUT)
    html = client.get(f"/be/{page.slug_be}/").content.decode()
    assert "translation-notice" not in html
    assert '<article class="page">' in html
    assert 'content="noindex' not in html


def test_empty_field_falls_back_with_its_own_language(client):
    page = PageFactory(**{**ABOUT, "intro_en": "Since 2001 the Body has worked with donors.", "intro_be": ""})
    html = client.get(f"/be/{page.slug_be}/").content.decode()
    assert '<p class="lead" lang="en">Since 2001 the Body has worked with donors.</p>' in html
    assert '<article class="page">' in html


def test_lang_attr_is_empty_for_the_active_language():
    page = PageFactory(**ABOUT)
    from portal.templatetags.portal_tags import fallback_badge, lang_attr

    with translation.override("sq"):
        assert lang_attr(page) == ""
        assert fallback_badge(page) == ""
    page = english_only()
    with translation.override("sq"):
        assert lang_attr(page) == ' lang="en"'
        assert fallback_badge(page) == '<span class="lang-badge">në anglisht</span>'


# --- hreflang -------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_hreflang_is_reciprocal_for_every_translation(client, language):
    page = PageFactory(**ABOUT)
    expected = {code: f"{settings.SITE_URL}/{code}/{getattr(page, f'slug_{code}')}/" for code in LANGUAGES}
    expected["be-Latn"] = f"{settings.SITE_URL}/be-latn/{page.slug_be}/"
    expected["x-default"] = expected["en"]
    html = client.get(f"/{language}/{getattr(page, f'slug_{language}')}/").content.decode()
    assert alternates(html) == expected


def test_hreflang_lists_only_existing_translations(client):
    page = english_only(title_be="Дапамога дэлегацыям", body_be="<p>Як арганізаваць візіт.</p>")
    html = client.get(f"/be/{page.slug_be}/").content.decode()
    assert alternates(html) == {
        "be": f"{settings.SITE_URL}/be/{page.slug_be}/",
        "be-Latn": f"{settings.SITE_URL}/be-latn/{page.slug_be}/",
        "en": f"{settings.SITE_URL}/en/{page.slug_en}/",
        "x-default": f"{settings.SITE_URL}/en/{page.slug_en}/",
    }


def test_x_default_without_english_is_the_next_language():
    page = PageFactory(title_en="", body_en="", source_language="sq")
    links = dict(i18n.hreflang_alternates(page))
    assert links["x-default"] == links["sq"]
    assert "en" not in links


@pytest.mark.parametrize("language", LANGUAGES)
def test_lists_and_home_have_alternates_in_every_language(client, language):
    NewsItemFactory(date=datetime.date(2025, 4, 16))
    html = client.get(f"/{language}/news/?year=2025").content.decode()
    assert alternates(html) == {
        "be": f"{settings.SITE_URL}/be/news/?year=2025",
        "be-Latn": f"{settings.SITE_URL}/be-latn/news/?year=2025",
        "sq": f"{settings.SITE_URL}/sq/news/?year=2025",
        "en": f"{settings.SITE_URL}/en/news/?year=2025",
        "x-default": f"{settings.SITE_URL}/en/news/?year=2025",
    }


def test_error_pages_have_no_alternates(client):
    html = client.get("/sq/no-such-page-at-all/").content.decode()
    assert alternates(html) == {}


# --- Freshness ----------------------------------------------------------------------


def test_new_item_records_what_each_translation_was_made_from():
    page = PageFactory(**ABOUT, source_language="en")
    sources = page.translation_sources
    assert set(sources) == {"source", "be", "sq"}
    assert sources["be"]["fingerprint"] == sources["source"]["fingerprint"] == i18n.fingerprint(page, "en")
    assert i18n.translation_statuses(page) == {"be": "complete", "sq": "complete", "en": "complete"}


def test_changing_the_source_makes_translations_outdated():
    page = PageFactory(**ABOUT, source_language="en")
    page.body_en = "<p>The Body keeps in touch with diplomatic missions and international organisations.</p>"
    page.save()
    page.refresh_from_db()
    assert i18n.translation_status(page, "be") == i18n.OUTDATED
    assert i18n.translation_status(page, "sq") == i18n.OUTDATED
    assert i18n.translation_status(page, "en") == i18n.COMPLETE


def test_updating_a_translation_makes_it_current_again():
    page = PageFactory(**ABOUT, source_language="en")
    page.body_en = "<p>The Body keeps in touch with diplomatic missions and international organisations.</p>"
    page.save()
    page.body_sq = "<p>Trupi mban lidhje me misionet diplomatike dhe organizatat ndërkombëtare.</p>"
    page.save()
    page.refresh_from_db()
    assert i18n.translation_status(page, "sq") == i18n.COMPLETE
    assert i18n.translation_status(page, "be") == i18n.OUTDATED


def test_confirming_a_translation_without_changing_it():
    page = PageFactory(**ABOUT, source_language="en")
    page.title_en = "The Coordination Body and its international partners"
    page.save()
    page.save(confirmed_translations=("be",))
    page.refresh_from_db()
    assert i18n.translation_status(page, "be") == i18n.COMPLETE
    assert i18n.translation_status(page, "sq") == i18n.OUTDATED


def test_a_slug_change_does_not_outdate_translations():
    page = PageFactory(**ABOUT, source_language="en")
    page.slug_en = "coordination-body"
    page.save()
    assert i18n.translation_status(page, "be") == i18n.COMPLETE


def test_translation_with_an_empty_field_is_incomplete():
    page = PageFactory(**{**ABOUT, "intro_en": "Since 2001.", "intro_sq": "Që nga viti 2001.", "intro_be": ""})
    assert i18n.translation_status(page, "be") == i18n.INCOMPLETE
    assert i18n.translation_status(page, "sq") == i18n.COMPLETE


def test_source_in_belarusian_outdates_english():
    page = PageFactory(**ABOUT, source_language="be")
    page.body_be = "<p>Орган падтрымлівае сувязі з місіямі і міжнароднымі арганізацыямі ў Прыштыне.</p>"
    page.save()
    assert i18n.translation_status(page, "en") == i18n.OUTDATED
    assert i18n.translation_status(page, "be") == i18n.COMPLETE


@pytest.mark.parametrize("status", [i18n.MISSING, i18n.INCOMPLETE, i18n.OUTDATED, i18n.COMPLETE])
def test_sql_filter_agrees_with_the_python_status(status):
    complete = PageFactory(**ABOUT)
    missing = english_only(title_sq="Ndihmë", body_sq="<p>Ndihmë.</p>")
    incomplete = PageFactory(**{**ABOUT, "intro_en": "Since 2001.", "intro_sq": "Që nga viti 2001.", "intro_be": ""})
    outdated = PageFactory(**ABOUT)
    outdated.body_en = "<p>Changed in the source.</p>"
    outdated.save()
    expected = {i18n.MISSING: missing, i18n.INCOMPLETE: incomplete, i18n.OUTDATED: outdated, i18n.COMPLETE: complete}
    found = set(i18n.filter_by_status(Page.objects.all(), "be", status))
    assert found == {expected[status]}
    for page in found:
        assert i18n.translation_status(page, "be") == status


def test_outdated_translation_shows_a_discreet_note_with_the_original(client):
    page = PageFactory(**ABOUT, source_language="en")
    page.body_en = "<p>The Body keeps in touch with diplomatic missions and international organisations.</p>"
    page.save()
    html = client.get(f"/be/{page.slug_be}/").content.decode()
    assert "Гэты пераклад можа быць састарэлым" in html
    assert f'<a href="/en/{page.slug_en}/" hreflang="en">Чытаць арыгінал (<span lang="en">English</span>)</a>' in html
    html = client.get(f"/en/{page.slug_en}/").content.decode()
    assert "translation-notice" not in html


# --- Locale data --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("be", "16 красавіка 2025"),
        ("sq", "16 prill 2025"),
        ("en", "16 April 2025"),
    ],
)
def test_dates_in_each_language(language, expected):
    with translation.override(language):
        assert formats.date_format(datetime.date(2025, 4, 16), "DATE_FORMAT") == expected


@pytest.mark.parametrize(
    ("month", "genitive"),
    list(
        enumerate(
            [
                "студзеня",
                "лютага",
                "сакавіка",
                "красавіка",
                "траўня",
                "чэрвеня",
                "ліпеня",
                "жніўня",
                "верасня",
                "кастрычніка",
                "лістапада",
                "снежня",
            ],
            start=1,
        )
    ),
)
def test_belarusian_months_are_genitive_after_a_day(month, genitive):
    with translation.override("be"):
        assert formats.date_format(datetime.date(2024, month, 3), "DATE_FORMAT") == f"3 {genitive} 2024"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("be", "сакавік 2024"), ("sq", "mars 2024"), ("en", "March 2024")],
)
def test_month_and_year_use_the_standalone_name(language, expected):
    with translation.override(language):
        assert formats.date_format(datetime.date(2024, 3, 1), "YEAR_MONTH_FORMAT") == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_24_hour_clock_and_monday_first(language):
    moment = datetime.datetime(2025, 4, 16, 18, 5)
    with translation.override(language):
        assert formats.time_format(moment, "TIME_FORMAT") == "18:05"
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "Пераклады 1 матэрыялу пазначаныя як актуальныя."),
        (3, "Пераклады 3 матэрыялаў пазначаныя як актуальныя."),
        (5, "Пераклады 5 матэрыялаў пазначаныя як актуальныя."),
        (21, "Пераклады 21 матэрыялу пазначаныя як актуальныя."),
    ],
)
def test_belarusian_plural_forms(count, expected):
    with translation.override("be"):
        text = translation.ngettext(
            "The translations of %(count)d item are marked as up to date.",
            "The translations of %(count)d items are marked as up to date.",
            count,
        ) % {"count": count}
    assert text == expected


@pytest.mark.parametrize(("count", "word"), [(1, "materiali"), (2, "materialeve"), (11, "materialeve")])
def test_albanian_plural_forms(count, word):
    with translation.override("sq"):
        text = translation.ngettext(
            "The translations of %(count)d item are marked as up to date.",
            "The translations of %(count)d items are marked as up to date.",
            count,
        ) % {"count": count}
    assert text == f"Përkthimet e {count} {word} u shënuan si të përditësuara."


# --- Queries --------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_fallback_detail_page_queries_do_not_grow(client, django_assert_max_num_queries, language):
    page = english_only()
    with django_assert_max_num_queries(6):
        assert client.get(f"/{language}/{page.slug_en}/").status_code == 200


# --- Projects and partners --------------------------------------------------------------


def test_project_list_shows_an_untranslated_project_in_its_fallback_language(client, django_assert_max_num_queries):
    from tests.projects.factories import ProjectFactory

    ProjectFactory(title_be="", summary_be="", title_en="Interethnic dialogue in Preševo Valley")
    with django_assert_max_num_queries(12):
        html = client.get("/be/projects/").content.decode()
    assert re.search(r'<a href="/be/projects/[\w-]+/" lang="en">Interethnic dialogue in Preševo Valley</a>', html)
    assert '<span class="lang-badge">па-англійску</span>' in html
    assert re.search(r'<p class="card-text" lang="en">', html)


def test_project_detail_falls_back_with_notice_and_lang(client):
    from tests.projects.factories import ProjectFactory

    project = ProjectFactory(title_sq="", summary_sq="", title_en="Interethnic dialogue in Preševo Valley")
    response = client.get(f"/sq/projects/{project.slug_en}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ky material nuk gjendet në shqip; po shfaqet në anglisht." in html
    assert '<h1 lang="en">Interethnic dialogue in Preševo Valley</h1>' in html
    assert alternates(html) == {}
    response = client.get(f"/sq/projects/{project.slug_be}/")
    assert response.status_code == 301
    assert response["Location"] == f"/sq/projects/{project.slug_en}/"


def test_partner_in_belarusian_only_is_reachable_in_every_language(client):
    from tests.partners.factories import OrganisationFactory

    organisation = OrganisationFactory(
        name_be="Беларускі дом у Варшаве",
        name_en="",
        name_sq="",
        description_be="<p>Дом супольнасці.</p>",
        source_language="be",
    )
    html = client.get(f"/en/partners/{organisation.slug_be}/").content.decode()
    assert "This item is not available in English; it is shown in Belarusian." in html
    assert '<h1 lang="be">Беларускі дом у Варшаве</h1>' in html
    assert switcher_links(html)["sq"] == f"/sq/partners/{organisation.slug_be}/"
