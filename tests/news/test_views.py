import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from core.models import Status
from news.models import NewsItem
from news.views import PARTNER_CHOICES
from tests.conftest import LANGUAGES
from tests.library.factories import ImageFactory
from tests.news.factories import NewsItemFactory, uploaded_image
from tests.partners.factories import OrganisationFactory
from tests.portal.factories import TopicFactory, sign_in_reader
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


LIST_QUERIES = 6
DETAIL_QUERIES = 6


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def detail_url(item, language):
    with translation.override(language):
        return item.get_absolute_url()


# --- List ----------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_list_shows_published_items_in_the_language(client, language):
    item = NewsItemFactory(title_be="Візіт у Прышціну", title_sq="Vizita në Prishtinë", title_en="Visit to Prishtina")
    NewsItemFactory(
        title_en="Secret draft",
        title_sq="Draft sekret",
        title_be="Сакрэтны чарнавік",
        status=Status.DRAFT,
        publish_at=None,
    )
    NewsItemFactory(
        title_en="Not yet",
        title_sq="Jo ende",
        title_be="Яшчэ не",
        status=Status.SCHEDULED,
        publish_at=timezone.now() + datetime.timedelta(days=1),
    )
    response = client.get(url("news:list", language))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert getattr(item, f"title_{language}") in html
    assert detail_url(item, language) in html
    for hidden in ("Secret draft", "Draft sekret", "Сакрэтны чарнавік", "Not yet", "Jo ende", "Яшчэ не"):
        assert hidden not in html


def test_list_dates_are_written_the_way_each_language_writes_them(client):
    NewsItemFactory(date=datetime.date(2025, 4, 16))
    assert "16 красавіка 2025" in client.get("/be/news/").content.decode()
    assert "16 prill 2025" in client.get("/sq/news/").content.decode()
    assert "16 April 2025" in client.get("/en/news/").content.decode()


def test_list_is_empty_without_news(client):
    response = client.get("/en/news/")
    assert response.status_code == 200
    assert "No news has been published yet." in response.content.decode()


@pytest.mark.parametrize("count", [3, 15])
def test_list_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, count, media_root):
    topic = TopicFactory()
    organisation = OrganisationFactory()
    for index in range(count):
        item = NewsItemFactory(image=ImageFactory(file=uploaded_image(size=(500, 300))) if index < 2 else None)
        item.topics.add(topic, TopicFactory())
        item.organisations.add(organisation, OrganisationFactory())
    for params in ("", f"?topic={topic.slug_en}&partner={organisation.slug_en}&kind=visit&year=2025"):
        with django_assert_max_num_queries(LIST_QUERIES):
            response = client.get(f"/en/news/{params}")
        assert response.status_code == 200


def test_list_pages_12_items_per_page(client):
    """Stable parts (core.views.StablePartsMixin): the first page holds the newest items, between
    one and two pages' worth; older parts, numbered from the oldest, never change as items come."""
    day = datetime.date(2024, 1, 1)
    items = [NewsItemFactory(date=day + datetime.timedelta(days=n)) for n in range(14)]
    first = client.get("/en/news/").content.decode()
    assert all(item.title_en in first for item in items)
    assert 'rel="next"' not in first
    items += [NewsItemFactory(date=day + datetime.timedelta(days=n)) for n in range(14, 30)]
    first = client.get("/en/news/").content.decode()
    assert items[-1].title_en in first and items[12].title_en in first and items[11].title_en not in first
    assert 'rel="next" href="?part=1"' in first
    oldest = client.get("/en/news/?part=1")
    assert oldest.status_code == 200
    assert [item.title_en in oldest.content.decode() for item in items[:13]] == [True] * 12 + [False]
    assert 'rel="prev" href="/en/news/"' in oldest.content.decode()
    # Six more: part 1 is as it was, a part 2 appears, the first page holds the newest twelve.
    items += [NewsItemFactory(date=day + datetime.timedelta(days=n)) for n in range(30, 36)]
    assert client.get("/en/news/?part=1").content.decode().count('class="card') == oldest.content.decode().count(
        'class="card'
    )
    second = client.get("/en/news/?part=2").content.decode()
    assert items[12].title_en in second and items[23].title_en in second and items[24].title_en not in second
    assert 'href="?part=1"' in second and 'href="/en/news/"' in second
    # An old link in the plain numbering still answers.
    page = client.get("/en/news/?page=2")
    assert page.status_code == 200
    assert items[23].title_en in page.content.decode()
    assert client.get("/en/news/?page=last").status_code == 200


@pytest.mark.parametrize("part", ["0", "3", "999", "-1", "abc", "01", "+1", " 1", "1.0", "2e1", "9" * 40, "١", "%00"])
def test_a_bad_part_number_is_404(client, part):
    for n in range(30):
        NewsItemFactory(date=datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    assert client.get(f"/en/news/?part={part}").status_code == 404
    assert client.get(f"/be-latn/news/?part={part}&kind=statement").status_code == 404


def test_a_part_and_a_page_number_at_once_are_404_and_a_bad_filter_beside_a_part_400(client):
    for n in range(30):
        NewsItemFactory(date=datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    # Two numberings at once: no link of the site's, and its canonical would name another page.
    assert client.get("/en/news/?part=1&page=2").status_code == 404
    assert client.get("/be-latn/news/?page=1&part=1").status_code == 404
    assert client.get("/en/news/?part=1&page=abc").status_code == 404
    assert client.get("/en/news/?part=1&year=abc").status_code == 400
    assert client.get("/en/news/?part=1").status_code == 200 and client.get("/en/news/?page=2").status_code == 200


@pytest.mark.parametrize("page", ["0", "3", "999", "-1", "abc", "1.5", "2e1"])
def test_a_bad_page_number_is_404(client, page):
    for n in range(14):
        NewsItemFactory(date=datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    response = client.get(f"/en/news/?page={page}")
    assert response.status_code == 404


def test_filters_narrow_the_list(client):
    topic = TopicFactory(name_en="Security", name_sq="Siguria", name_be="Бяспека")
    partner = OrganisationFactory(name_en="Germin", name_sq="Germin", name_be="Germin")
    visit = NewsItemFactory(title_en="The visit", kind=NewsItem.Kind.DELEGATION_VISIT, date=datetime.date(2025, 4, 16))
    visit.topics.add(topic)
    visit.organisations.add(partner)
    meeting = NewsItemFactory(title_en="The meeting", kind=NewsItem.Kind.MEETING, date=datetime.date(2023, 11, 22))
    statement = NewsItemFactory(title_en="The statement", kind=NewsItem.Kind.STATEMENT, date=datetime.date(2025, 1, 5))

    def titles(query):
        response = client.get(f"/en/news/?{query}")
        assert response.status_code == 200
        html = response.content.decode()
        return {item.title_en for item in (visit, meeting, statement) if item.title_en in html}

    assert titles("") == {"The visit", "The meeting", "The statement"}
    assert titles("kind=meeting") == {"The meeting"}
    assert titles("year=2025") == {"The visit", "The statement"}
    assert titles("year=2025&kind=statement") == {"The statement"}
    assert titles(f"topic={topic.slug_en}") == {"The visit"}
    assert titles(f"partner={partner.slug_en}") == {"The visit"}
    assert titles("kind=&year=&topic=&partner=") == {"The visit", "The meeting", "The statement"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_filter_form_works_without_javascript_and_keeps_the_choice(client, language):
    topic = TopicFactory(name_en="Diaspora", name_sq="Diaspora", name_be="Дыяспара")
    item = NewsItemFactory(kind=NewsItem.Kind.MEETING)
    item.topics.add(topic)
    slug = getattr(topic, f"slug_{language}")
    response = client.get(url("news:list", language) + f"?kind=meeting&topic={slug}&year=2025")
    html = response.content.decode()
    assert re.search(r'<form[^>]*method="get"', html)
    assert '<button type="submit"' in html
    assert '<option value="meeting" selected>' in html
    assert f'<option value="{slug}" selected>' in html
    assert '<option value="2025" selected>' in html
    assert f'href="{url("news:list", language)}"' in html  # "clear filters"


def test_topic_and_partner_slugs_of_another_language_are_accepted(client):
    topic = TopicFactory(name_en="Media freedom", name_sq="Liria e medias", name_be="Свабода медыяў")
    partner = OrganisationFactory(
        name_en="Kosovo Chamber of Commerce", name_sq="Oda Ekonomike e Kosovës", name_be="Гандлёвая палата Косава"
    )
    item = NewsItemFactory(title_be="Журналісты ў Косава")
    item.topics.add(topic)
    item.organisations.add(partner)
    # A visitor switches from English to Belarusian: the English slugs stay in the query string.
    response = client.get(f"/be/news/?topic={topic.slug_en}&partner={partner.slug_en}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Журналісты ў Косава" in html
    assert f'<option value="{topic.slug_be}" selected>' in html
    assert f'<option value="{partner.slug_be}" selected>' in html


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "query",
    [
        "kind=rumour",
        "year=abc",
        "year=1900",
        "year=2025.0",
        "topic=no-such-topic",
        "partner=no-such-partner",
        "topic=%3Cscript%3E",
        "kind=" + "x" * 5000,
    ],
)
def test_a_bad_filter_value_is_a_400(client, language, query):
    NewsItemFactory()
    response = client.get(url("news:list", language) + "?" + query)
    assert response.status_code == 400
    assert any(template.name == "400.html" for template in response.templates)
    assert "<script>" not in response.content.decode()


def test_a_topic_without_published_news_is_not_a_filter(client):
    topic = TopicFactory()
    NewsItemFactory(status=Status.DRAFT, publish_at=None).topics.add(topic)
    NewsItemFactory()
    assert client.get(f"/en/news/?topic={topic.slug_en}").status_code == 400
    assert topic.name_en not in client.get("/en/news/").content.decode()


def test_unknown_parameters_are_ignored(client):
    NewsItemFactory()
    assert client.get("/en/news/?utm_source=newsletter&fbclid=abc").status_code == 200


def test_pagination_links_keep_the_filters(client):
    for n in range(24):
        NewsItemFactory(kind=NewsItem.Kind.EVENT, date=datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    html = client.get("/en/news/?kind=event&year=2024&utm=x").content.decode()
    assert 'href="?kind=event&amp;year=2024&amp;part=1"' in html
    assert "24 news items" in html


@pytest.mark.parametrize(
    ("language", "count", "text"),
    [
        ("be", 1, "1 навіна"),
        ("be", 3, "3 навіны"),
        ("be", 14, "14 навін"),
        ("sq", 1, "1 lajm"),
        ("sq", 3, "3 lajme"),
        ("en", 1, "1 news item"),
    ],
)
def test_result_count_uses_plural_forms(client, language, count, text):
    for n in range(count):
        NewsItemFactory(date=datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    assert text in client.get(url("news:list", language)).content.decode()


# --- Detail ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "date"),
    [("be", "16 красавіка 2025"), ("sq", "16 prill 2025"), ("en", "16 April 2025")],
)
def test_detail_in_each_language(client, language, date):
    item = NewsItemFactory(
        title_be="Беларускія дэмакратычныя сілы ў Прышціне",
        title_sq="Forcat demokratike bjelloruse në Prishtinë",
        title_en="Belarusian democratic forces in Prishtina",
        body_be="<p>Дэлегацыя сустрэлася з віцэ-мэрам.</p>",
        body_sq="<p>Delegacioni u takua me nënkryetarin.</p>",
        body_en="<p>The delegation met the deputy mayor.</p>",
        date=datetime.date(2025, 4, 16),
    )
    response = client.get(detail_url(item, language))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert getattr(item, f"title_{language}") in html
    assert getattr(item, f"body_{language}") in html
    assert getattr(item, f"place_{language}") in html
    assert f'<time datetime="2025-04-16">{date}</time>' in html
    assert f'<html lang="{language}">' in html


def test_detail_links_organisations_projects_and_topics(client):
    item = NewsItemFactory()
    shown = OrganisationFactory(name_en="Office of the President of the Republic of Kosovo")
    hidden = OrganisationFactory(name_en="Hidden partner", is_public=False)
    project = ProjectFactory(title_en="Grassroots peacebuilding")
    draft_project = ProjectFactory(title_en="Unannounced project", status=Status.DRAFT, publish_at=None)
    topic = TopicFactory(name_en="Diaspora")
    item.organisations.add(shown, hidden)
    item.projects.add(project, draft_project)
    item.topics.add(topic)
    html = client.get(detail_url(item, "en")).content.decode()
    assert f'href="{detail_url(shown, "en")}"' in html
    assert "Hidden partner" not in html
    assert f'href="{detail_url(project, "en")}"' in html
    assert "Unannounced project" not in html
    assert f'href="/en/news/?topic={topic.slug_en}"' in html


def test_detail_shows_the_latest_news_alongside(client):
    older = [NewsItemFactory(date=datetime.date(2024, 1, n + 1)) for n in range(7)]
    item = NewsItemFactory(date=datetime.date(2023, 1, 1))
    html = client.get(detail_url(item, "en")).content.decode()
    aside = html.split('class="news-aside"')[1]
    assert older[-1].title_en in aside
    assert older[0].title_en not in aside  # five at most
    assert item.title_en not in aside


def test_the_latest_news_leave_out_the_newest_item_on_its_own_page_and_follow_a_publish(client):
    items = [NewsItemFactory(date=datetime.date(2024, 1, n + 1)) for n in range(6)]
    newest = items[-1]
    aside = client.get(detail_url(newest, "en")).content.decode().split('class="news-aside"')[1]
    assert newest.title_en not in aside
    assert all(item.title_en in aside for item in items[:-1])  # still five
    reader = sign_in_reader(Client())  # past the page cache
    reader.get(detail_url(items[0], "en"))
    published = NewsItemFactory(title_en="Statement on the elections", date=datetime.date(2024, 2, 1))
    aside = reader.get(detail_url(items[0], "en")).content.decode().split('class="news-aside"')[1]
    assert published.title_en in aside


def test_detail_share_links_are_plain_links(client):
    item = NewsItemFactory(title_en="Visit & talks")
    html = client.get(detail_url(item, "en")).content.decode()
    absolute = "http%3A%2F%2Ftestserver" + detail_url(item, "en").replace("/", "%2F")
    assert f"https://www.facebook.com/sharer/sharer.php?u={absolute}" in html
    assert "https://x.com/intent/post?url=" in html
    assert "https://t.me/share/url?url=" in html
    assert "https://wa.me/?text=" in html
    assert "mailto:?subject=Visit%20%26%20talks" in html
    scripts = re.findall(r"<script[^>]*>", html)
    assert all("http" not in tag for tag in scripts)
    assert "<iframe" not in html


@pytest.mark.parametrize("prefix", ["en", "be-latn"])
def test_share_links_carry_no_tracking_parameters(client, prefix):
    item = NewsItemFactory()
    slug = item.slug_en if prefix == "en" else item.slug_be
    html = client.get(
        f"/{prefix}/news/{slug}/?utm_source=newsletter&utm_medium=mail&fbclid=abc&gclid=x"
    ).content.decode()
    share = html.split('class="share-links"', 1)[1].split("</ul>", 1)[0]
    links = re.findall(r'href="([^"]+)"', share)
    assert len(links) == 5
    for link in links:
        assert not re.search(r"utm_|fbclid|gclid|ref=|source=|%3Futm|%26utm", link), link
        # The shared address is the page read, in its alphabet.
        assert f"%2F{prefix}%2Fnews%2F{slug}%2F" in link, link


def test_detail_hero_image_with_caption_credit_and_alt_per_language(client, media_root):
    item = NewsItemFactory(
        image=ImageFactory(
            file=uploaded_image(size=(1600, 900)),
            alt_text_en="Bridge at dusk",
            alt_text_sq="Ura në muzg",
            alt_text_be="Мост увечары",
            credit_en="Ura",
            credit_sq="Ura",
            credit_be="Ura",
        ),
        image_caption_en="Prishtina in April",
        image_caption_sq="Prishtina në prill",
        image_caption_be="Прышціна ў красавіку",
    )
    for language, alt, caption, credit in (
        ("en", "Bridge at dusk", "Prishtina in April", "Image: Ura"),
        ("sq", "Ura në muzg", "Prishtina në prill", "Ilustrimi: Ura"),
        ("be", "Мост увечары", "Прышціна ў красавіку", "Ілюстрацыя: Ura"),
    ):
        html = client.get(detail_url(item, language)).content.decode()
        img = re.search(r'<img [^>]*class="hero-image"[^>]*>', html).group(0)
        assert f'alt="{alt}"' in img
        assert 'loading="eager"' in img and "srcset=" in img and 'width="1600" height="900"' in img
        assert caption in html and credit in html
        og_images = re.findall(r'<meta property="og:image" content="([^"]+)"', html)
        # The social-share crop, 1200 × 630, recorded when the image was saved.
        assert len(og_images) == 1 and "-social-1200w-" in og_images[0] and og_images[0].endswith(".jpg")


def test_hostile_html_that_got_into_the_database_is_stripped_on_render(client):
    item = NewsItemFactory()
    # Bypass save(): as if the database had been written by something else.
    NewsItem.objects.filter(pk=item.pk).update(
        body_en=(
            '<p>Fine</p><script>alert(1)</script><img src=x onerror="alert(2)">'
            '<a href="javascript:alert(3)">x</a><p style="color:red">y</p><iframe src="https://evil.example"></iframe>'
            "<style>*{}</style>"
        )
    )
    html = client.get(detail_url(item, "en")).content.decode()
    article = html.split('class="prose"')[1].split("</div>")[0]
    assert "<p>Fine</p>" in article
    for bad in ("<script", "onerror", "javascript:", "style=", "<iframe", "<style", "<img"):
        assert bad not in article


def test_title_and_lead_are_escaped(client):
    item = NewsItemFactory(title_en='<script>alert("t")</script>', lead_en="<b>bold?</b>")
    html = client.get(detail_url(item, "en")).content.decode()
    assert '<script>alert("t")</script>' not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;bold?&lt;/b&gt;" in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_drafts_and_scheduled_items_are_404_for_visitors(client, language):
    draft = NewsItemFactory(status=Status.DRAFT, publish_at=None)
    scheduled = NewsItemFactory(status=Status.SCHEDULED, publish_at=timezone.now() + datetime.timedelta(hours=2))
    assert client.get(detail_url(draft, language)).status_code == 404
    assert client.get(detail_url(scheduled, language)).status_code == 404


def test_a_scheduled_item_appears_when_its_time_comes(client):
    item = NewsItemFactory(status=Status.SCHEDULED, publish_at=timezone.now() + datetime.timedelta(hours=2))
    assert client.get(detail_url(item, "en")).status_code == 404
    NewsItem.objects.filter(pk=item.pk).update(publish_at=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get(detail_url(item, "en")).status_code == 200
    assert item.title_en in client.get("/en/news/").content.decode()


def test_unknown_slug_is_404(client):
    assert client.get("/en/news/no-such-item/").status_code == 404
    assert client.get("/be/news/nichoha/").status_code == 404


def test_another_languages_slug_redirects_to_the_items_address(client):
    item = NewsItemFactory(
        title_en="Closing conference", title_sq="Konferenca përmbyllëse", title_be="Выніковая канферэнцыя"
    )
    response = client.get(f"/be/news/{item.slug_en}/")
    assert response.status_code == 301
    assert response["Location"] == f"/be/news/{item.slug_be}/"


def test_an_untranslated_item_is_shown_in_a_fallback_language(client):
    item = NewsItemFactory(title_be="", lead_be="", body_be="", place_be="", title_en="Only in English")
    response = client.get(f"/be/news/{item.slug_en}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Only in English" in html
    assert 'lang="en"' in html


@pytest.mark.parametrize("count", [3, 15])
def test_detail_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, count):
    item = NewsItemFactory()
    for _n in range(count):
        item.organisations.add(OrganisationFactory())
        item.projects.add(ProjectFactory())
        item.topics.add(TopicFactory())
        NewsItemFactory()
    with django_assert_max_num_queries(DETAIL_QUERIES):
        response = client.get(detail_url(item, "be"))
    assert response.status_code == 200
    assert response.content.decode().count('<li><a href="/be/partners/') >= count
    # Rendered again (a signed-in reader is past the page cache): the menu comes from its cache.
    sign_in_reader(client)
    with django_assert_max_num_queries(DETAIL_QUERIES - 1):
        assert client.get(detail_url(item, "be")).status_code == 200


def test_staff_may_preview_a_draft(client, django_user_model):
    draft = NewsItemFactory(status=Status.DRAFT, publish_at=None)
    editor = django_user_model.objects.create_superuser("editor", "editor@example.org", "pass")
    client.force_login(editor)
    response = client.get(detail_url(draft, "en") + "?preview=1")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    client.logout()
    assert client.get(detail_url(draft, "en") + "?preview=1").status_code == 404


def test_partner_filter_offers_the_most_named_partners_and_accepts_any_other(client):
    partners = OrganisationFactory.create_batch(PARTNER_CHOICES + 5)
    for rank, partner in enumerate(partners):
        for _ in range(2 if rank < PARTNER_CHOICES else 1):
            NewsItemFactory().organisations.add(partner)
    html = client.get("/en/news/").content.decode()
    select = html.split('name="partner"', 1)[1].split("</select>", 1)[0]
    assert select.count("<option") == PARTNER_CHOICES + 1  # with "All partners"
    assert partners[0].slug_en in select
    assert partners[-1].slug_en not in select
    assert 'href="/en/partners/"' in html  # the way to every other partner

    rare = partners[-1]
    response = client.get(f"/be/news/?partner={rare.slug_sq}")
    assert response.status_code == 200
    assert f'<option value="{rare.slug_be}" selected>' in response.content.decode()
    assert len(response.context["object_list"]) == 1
    assert client.get("/en/news/?partner=no-such-partner").status_code == 400


def test_filter_choices_are_computed_once_per_site_version(client):
    NewsItemFactory().organisations.add(OrganisationFactory())
    with CaptureQueriesContext(connection) as first:
        client.get("/en/news/?kind=visit")
    with CaptureQueriesContext(connection) as second:
        client.get("/en/news/?kind=meeting")
    assert len(second.captured_queries) < len(first.captured_queries)
    NewsItemFactory(title_en="A new item with a new partner").organisations.add(
        OrganisationFactory(name_en="Partners Albania")
    )
    assert "Partners Albania" in client.get("/en/news/?kind=event").content.decode()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("be", ["Амбасада Албаніі", "Балканскі фонд", "Germin"]),
        ("en", ["Balkan Trust", "Embassy of Albania", "Germin"]),
    ],
)
def test_organisations_involved_follow_the_alphabet_of_the_page(client, language, expected):
    item = NewsItemFactory()
    for en, be in (
        ("Germin", "Germin"),
        ("Embassy of Albania", "Амбасада Албаніі"),
        ("Balkan Trust", "Балканскі фонд"),
    ):
        item.organisations.add(OrganisationFactory(name_en=en, name_be=be, name_sq=en))
    html = client.get(detail_url(item, language)).content.decode()
    section = html[html.index('id="organisations-involved"') :]
    section = section[: section.index("</section>")]
    positions = [section.index(name) for name in expected]
    assert positions == sorted(positions)


@pytest.mark.parametrize(("language", "expected"), [("en", "mine"), ("be", "other"), ("sq", "mine")])
def test_a_slug_shared_across_languages_loads_only_the_item_it_leads_to(
    client, django_assert_max_num_queries, language, expected
):
    # "shared" is one item's English slug and another's Belarusian one; sq falls back to en.
    items = {
        "mine": NewsItemFactory(slug_en="shared", slug_be="maja", slug_sq="imja"),
        "other": NewsItemFactory(slug_be="shared", slug_en="other", slug_sq="tjetra"),
    }
    items["mine"].organisations.add(OrganisationFactory())
    items["other"].organisations.add(OrganisationFactory())
    sign_in_reader(client)
    with translation.override(language):
        url = reverse("news:detail", kwargs={"slug": "shared"})
    # In sq the English slug redirects to the Albanian one (two requests).
    with django_assert_max_num_queries(8 if language != "sq" else 14) as queries:
        response = client.get(url, follow=True)
    assert response.status_code == 200
    assert response.context["object"] == items[expected]
    assert response.redirect_chain == ([] if language != "sq" else [(items["mine"].get_absolute_url_for("sq"), 301)])
    # The database picks the row: one item loaded, its relations alone prefetched.
    prefetches = [query["sql"] for query in queries.captured_queries if '"newsitem_id" IN (' in query["sql"]]
    assert prefetches and all(f'"newsitem_id" IN ({items[expected].pk})' in sql for sql in prefetches)
