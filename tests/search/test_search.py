import datetime
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from core.models import Status
from core.text import fold
from news.models import NewsItem
from projects.models import Place
from search.models import SearchEntry
from search.query import SearchTerms, excerpt, highlight, word_similarity
from tests.conftest import LANGUAGES
from tests.news.factories import NewsItemFactory
from tests.partners.factories import OrganisationFactory
from tests.portal.factories import PageFactory
from tests.projects.factories import ProjectFactory, ProjectPartnerFactory

pytestmark = pytest.mark.django_db


postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL search index")


def search_url(language, **params):
    with override(language):
        return reverse("portal:search")


def result_urls(response):
    return re.findall(r'class="search-result-title"><a href="([^"]+)"', response.content.decode())


def url_in(obj, language):
    return obj.get_absolute_url_for(language)


@pytest.fixture
def pristina_visit():
    return NewsItemFactory(
        title_be="Беларускія дэмакратычныя сілы ў Прышціне: супрацоўніцтва з Рэспублікай Косава",
        title_sq="Forcat demokratike bjelloruse në Prishtinë: bashkëpunim me Republikën e Kosovës",
        title_en="Belarusian democratic forces in Pristina: cooperation with the Republic of Kosovo",
        lead_be="Дэлегацыя дэмакратычных сіл Беларусі наведала сталіцу Косава па запрашэнні Офіса Прэзідэнта.",
        lead_sq="Një delegacion i forcave demokratike të Bjellorusisë vizitoi kryeqytetin e Kosovës.",
        lead_en="A delegation of the Belarusian democratic forces visited the capital of Kosovo.",
        body_be="<p>Бакі абмеркавалі праграму для беларускіх журналістаў і новы беларускі пашпарт.</p>",
        body_sq="<p>Palët diskutuan një program për gazetarët bjellorusë dhe pasaportën e re bjelloruse.</p>",
        body_en="<p>They discussed a programme for Belarusian journalists and the new Belarusian passport.</p>",
        place_be="Прышціна",
        place_sq="Prishtinë",
        place_en="Pristina",
    )


@pytest.fixture
def distractors():
    """Items that mention the same words less prominently."""
    return [
        NewsItemFactory(
            title_be="Канферэнцыя пра бяспеку ў Тыране",
            title_sq="Konferenca për sigurinë në Tiranë",
            title_en="Security conference in Tirana",
            lead_be="Удзельнікі з Прышціны і Скоп'е выступілі з дакладамі.",
            lead_sq="Pjesëmarrës nga Prishtina dhe Shkupi mbajtën fjalime.",
            lead_en="Speakers from Prishtina and Skopje gave talks.",
            place_be="Тырана",
            place_sq="Tiranë",
            place_en="Tirana",
            date=datetime.date(2025, 5, 2),
        ),
        ProjectFactory(
            title_be="Міжэтнічнае супрацоўніцтва ў пяці муніцыпалітэтах",
            title_sq="Bashkëpunimi ndëretnik në pesë komuna",
            title_en="Interethnic cooperation in five municipalities",
            description_en="<p>Focus groups in Mitrovica and Gračanica.</p>",
        ),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("query", ["prishtina", "Прышціна", "pristina", "Prishtinë", "ПРЫШЦІНЕ"])
def test_pristina_visit_is_found_in_every_language_and_spelling(client, language, query, pristina_visit, distractors):
    response = client.get(search_url(language), {"q": query})
    assert response.status_code == 200
    urls = result_urls(response)
    assert urls, f"nothing found for {query!r} in {language}"
    assert urls[0] == url_in(pristina_visit, language)


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("be", "міжэтнічнае супрацоўніцтва", "project"),
        ("be", "міжэтнічнае супрацоуніцтва", "project"),  # у for ў
        ("be", "міжэтнічнае супрацоўніцтва", "project"),
        ("be", "пашпарт", "visit"),
        ("be", "Тырана", "conference"),
        ("sq", "ndëretnik", "project"),
        ("sq", "nderetnik", "project"),  # without ë
        ("sq", "Tirane", "conference"),
        ("sq", "pasaporte", "visit"),
        ("en", "interethnic", "project"),
        ("en", "passport", "visit"),
        ("en", "security conference", "conference"),
        ("en", "gracanica", "project"),  # č folded
    ],
)
def test_the_right_item_comes_first(client, language, query, expected, pristina_visit, distractors):
    conference, project = distractors
    objects = {"visit": pristina_visit, "conference": conference, "project": project}
    urls = result_urls(client.get(search_url(language), {"q": query}))
    assert urls and urls[0] == url_in(objects[expected], language)


def test_title_matches_rank_before_body_matches(client):
    in_body = NewsItemFactory(title_en="Annual meeting of members", body_en="<p>Notes on the passport programme.</p>")
    in_title = NewsItemFactory(title_en="New Belarusian passport presented", body_en="<p>Details.</p>")
    urls = result_urls(client.get(search_url("en"), {"q": "passport"}))
    assert urls == [url_in(in_title, "en"), url_in(in_body, "en")]


def test_prefix_and_typo_tolerance(client):
    item = NewsItemFactory(title_en="Delegation visit to Skopje")
    assert result_urls(client.get(search_url("en"), {"q": "deleg"})) == [url_in(item, "en")]
    response = client.get(search_url("en"), {"q": "delegaton"})
    assert result_urls(response) == [url_in(item, "en")]


def test_other_spellings_meet_word_for_word(client, pristina_visit):
    # Polish spelling, typed on the Belarusian page: sz folds like ш and sh.
    response = client.get(search_url("be"), {"q": "Prisztina"})
    assert result_urls(response) == [url_in(pristina_visit, "be")]
    assert not response.context["approximate"]
    assert not response.context["corrected_query"]


def test_only_visible_items_in_the_visitor_language_are_found(client):
    NewsItemFactory(title_en="Draft about Ohrid", status=Status.DRAFT, publish_at=None)
    NewsItemFactory(
        title_en="Scheduled about Ohrid",
        status=Status.SCHEDULED,
        publish_at=timezone.now() + datetime.timedelta(days=2),
    )
    OrganisationFactory(name_en="Ohrid Institute", is_public=False)
    english_only = NewsItemFactory(
        title_en="Visible news about Ohrid", title_be="", title_sq="", slug_be="", slug_sq=""
    )
    assert result_urls(client.get(search_url("en"), {"q": "ohrid"})) == [url_in(english_only, "en")]
    assert result_urls(client.get(search_url("be"), {"q": "ohrid"})) == []


def test_results_filter_by_type_with_counts(client, pristina_visit):
    organisation = OrganisationFactory(name_en="Municipality of Prishtina", name_sq="Komuna e Prishtinës")
    response = client.get(search_url("en"), {"q": "prishtina"})
    facets = {facet["code"]: facet["count"] for facet in response.context["facets"]}
    assert facets == {"news": 1, "event": 0, "project": 0, "partner": 1, "page": 0}
    response = client.get(search_url("en"), {"q": "prishtina", "type": "partner"})
    assert result_urls(response) == [url_in(organisation, "en")]
    assert response.context["total"] == 1


def test_pages_are_searched(client):
    page = PageFactory(title_sq="Bashkëpunimi me partnerët ndërkombëtarë", intro_sq="Që nga viti 2001.")
    assert result_urls(client.get(search_url("sq"), {"q": "nderkombetare"})) == [url_in(page, "sq")]


def test_pagination(client):
    for number in range(13):
        NewsItemFactory(
            title_en=f"Skopje forum day {number}", date=datetime.date(2025, 1, 1) + datetime.timedelta(days=number)
        )
    first = client.get(search_url("en"), {"q": "skopje"})
    second = client.get(search_url("en"), {"q": "skopje", "page": 2})
    assert len(result_urls(first)) == 10
    assert len(result_urls(second)) == 3
    assert not set(result_urls(first)) & set(result_urls(second))
    assert 'rel="next" href="?q=skopje&amp;page=2"' in first.content.decode()
    assert client.get(search_url("en"), {"q": "skopje", "page": 9}).status_code == 404
    assert client.get(search_url("en"), {"q": "skopje", "page": "x"}).status_code == 404


@pytest.mark.parametrize("count", [3, 15])
def test_query_count_does_not_grow(client, django_assert_max_num_queries, count):
    for number in range(count):
        NewsItemFactory(title_en=f"Mitrovica meeting {number}")
        OrganisationFactory(name_en=f"Mitrovica civic group {number}")
    with django_assert_max_num_queries(12):
        response = client.get(search_url("en"), {"q": "mitrovica"})
    assert response.status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "query",
    ["", "   ", "!!!", "'\"\\", "a & | ! :* ( )", "<script>alert(1)</script>", "x" * 5000, "\x00evil", "%", "_"],
)
def test_hostile_and_empty_queries_give_a_clean_page(client, language, query, pristina_visit):
    response = client.get(search_url(language), {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert html.count("<h1") == 1


def test_unknown_type_is_a_bad_request(client):
    response = client.get(search_url("en"), {"q": "prishtina", "type": "nonsense"})
    assert response.status_code == 400
    assert "There is no such type of result." in response.content.decode()


def test_highlight_escapes_everything_but_the_marks():
    terms = SearchTerms.parse("prishtina")
    html = str(highlight('Prishtina <b onclick="x">&amp; "Prishtinë"</b>', terms))
    assert html == (
        "<mark>Prishtina</mark> &lt;b onclick=&quot;x&quot;&gt;&amp;amp; &quot;<mark>Prishtinë</mark>&quot;&lt;/b&gt;"
    )


def test_excerpt_centres_on_the_first_match():
    text = " ".join(f"word{n}" for n in range(100)) + " Прышціне " + " ".join(f"tail{n}" for n in range(100))
    html = str(excerpt(text, SearchTerms.parse("prishtina")))
    assert "<mark>Прышціне</mark>" in html
    assert html.startswith("… ") and html.endswith(" …")
    assert len(html.split()) < 45


def test_folding_meets_across_scripts_and_accents():
    assert fold("Прышціне") == fold("Prishtinë") == fold("Pryšcinie") == "pristine"
    assert fold("Çështja ndërkombëtare") == fold("Česhtja nderkombetare") == "cesta nderkambetare"
    assert fold("супрацоўніцтва") == fold("супрацоуніцтва")
    assert fold("Gračanica") == fold("Грачаніца") == "hracanica"
    assert word_similarity("pristina", fold("сілы ў Прышціне")) == pytest.approx(7 / 9)


def test_query_terms_are_limited_and_safe():
    terms = SearchTerms.parse("a b:* & c | " + "xk" * 250)
    assert all(re.fullmatch(r"[^\W_]+", term) for term in terms.terms)
    assert all(len(term) <= 40 for term in terms.terms)
    assert terms.tsquery() == "'a':* & 'b':* & 'c':* & '" + "xk" * 20 + "':*"
    assert not SearchTerms.parse("  !!  ")


def test_index_follows_saves_deletes_and_relations():
    organisation = OrganisationFactory(name_en="Germin", name_sq="Germin", name_be="Germin")
    item = NewsItemFactory(title_en="Meeting with the diaspora")
    assert SearchEntry.objects.filter(kind="news", object_id=item.pk).count() == 3
    item.organisations.add(organisation)
    entry = SearchEntry.objects.get(kind="news", object_id=item.pk, language="en")
    assert fold("Germin") in entry.body_folded
    organisation.name_en = "Germin Diaspora Network"
    organisation.save()
    entry = SearchEntry.objects.get(kind="news", object_id=item.pk, language="en")
    assert fold("germin diaspora network") in entry.body_folded
    item.title_en = "Meeting with Germin"
    item.save()
    assert SearchEntry.objects.get(kind="news", object_id=item.pk, language="en").title == "Meeting with Germin"
    item.status = Status.DRAFT
    item.save()
    assert not SearchEntry.objects.get(kind="news", object_id=item.pk, language="en").is_visible
    item_pk = item.pk
    item.delete()
    assert not SearchEntry.objects.filter(kind="news", object_id=item_pk).exists()


def test_project_partners_and_places_are_indexed():
    role = ProjectPartnerFactory(organisation=OrganisationFactory(name_en="Balkan Trust for Democracy"))
    project = role.project
    place = Place.objects.create(name_en="Štrpce", name_sq="Shtërpcë", name_be="Штрпцэ", country="XK")
    project.places.add(place)
    entry = SearchEntry.objects.get(kind="project", object_id=project.pk, language="en")
    assert fold("Balkan Trust for Democracy") in entry.body_folded
    assert "strpce" in entry.body_folded
    role.delete()
    entry = SearchEntry.objects.get(kind="project", object_id=project.pk, language="en")
    assert "balkan" not in entry.body_folded


def test_rebuild_command_recreates_the_index(pristina_visit):
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index", verbosity=0)
    assert SearchEntry.objects.filter(kind="news", object_id=pristina_visit.pk).count() == 3
    assert not SearchEntry.objects.filter(vector__isnull=True).exists()


def test_news_kind_is_not_confused_with_search_type(client, pristina_visit):
    assert pristina_visit.kind == NewsItem.Kind.DELEGATION_VISIT
    response = client.get(search_url("en"), {"q": "prishtina", "type": "news"})
    assert result_urls(response) == [url_in(pristina_visit, "en")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_header_has_the_search_box(client, language):
    with override(language):
        response = client.get(reverse("portal:home"))
    html = response.content.decode()
    assert f'action="/{language}/search/"' in html
    assert 'role="search"' in html


def test_seed_bulk_is_deterministic_and_indexed():
    from partners.models import Organisation
    from projects.models import Project

    call_command("seed_bulk", news=6, projects=3, partners=4, stdout=None, verbosity=0)
    first = sorted(NewsItem.objects.values_list("title_be", "title_sq", "title_en"))
    call_command("seed_bulk", news=6, projects=3, partners=4, verbosity=0)
    assert sorted(NewsItem.objects.values_list("title_be", "title_sq", "title_en")) == first
    assert (NewsItem.objects.count(), Project.objects.count(), Organisation.objects.count()) == (6, 3, 4)
    assert SearchEntry.objects.filter(kind="news").count() == 18
    assert Project.objects.first().partner_roles.count() == 2


@pytest.mark.parametrize(
    ("language", "summary", "facet"),
    [
        ("be", "Больш за 4 вынікі па запыце «skopje»", "4+"),
        ("sq", "Më shumë se 4 rezultate për “skopje”", "4+"),
        ("en", "More than 4 results for “skopje”", "4+"),
    ],
)
def test_counts_stop_at_the_limit(client, monkeypatch, language, summary, facet):
    monkeypatch.setattr("search.query.COUNT_LIMIT", 4)
    for number in range(6):
        NewsItemFactory(**{f"title_{code}": f"Skopje {number}" for code in LANGUAGES})
    OrganisationFactory(**{f"name_{code}": "Skopje Forum" for code in LANGUAGES})
    response = client.get(search_url(language), {"q": "skopje"})
    html = response.content.decode()
    assert summary in html
    assert f'<span class="count">{facet}</span>' in html  # news: 6 matches
    assert '<span class="count">1</span>' in html  # partners: one
    assert response.context["total"] == 4  # pages go as far as the limit
    assert len(result_urls(response)) == 4
    assert client.get(search_url(language), {"q": "skopje", "page": 2}).status_code == 404


def test_title_matches_then_text_matches_across_pages(client):
    in_titles = [
        NewsItemFactory(title_en=f"Ohrid summit {n}", date=datetime.date(2025, 1, 1) + datetime.timedelta(days=n))
        for n in range(12)
    ]
    # Only in the text, but newer and with the word many times: still after every title match.
    in_texts = [
        NewsItemFactory(
            title_en=f"Regional meeting {n}",
            lead_en="Ohrid, Ohrid and Ohrid again.",
            date=datetime.date(2026, 1, 1) + datetime.timedelta(days=n),
        )
        for n in range(3)
    ]
    first = result_urls(client.get(search_url("en"), {"q": "ohrid"}))
    second = result_urls(client.get(search_url("en"), {"q": "ohrid", "page": 2}))
    titles = {url_in(item, "en") for item in in_titles}
    texts = [url_in(item, "en") for item in sorted(in_texts, key=lambda item: item.date, reverse=True)]
    assert len(first) == 10 and set(first) <= titles
    assert set(second[:2]) <= titles and not set(first) & set(second)
    assert second[2:] == texts


@postgres_only
def test_rebuild_orders_rows_and_computes_both_vectors(pristina_visit):
    call_command("rebuild_search_index", verbosity=0)
    entry = SearchEntry.objects.get(kind="news", object_id=pristina_visit.pk, language="en")
    assert entry.title == pristina_visit.title_en
    assert not SearchEntry.objects.filter(title_vector__isnull=True).exists()
    # The text keeps tabs, newlines and backslashes through COPY.
    pristina_visit.lead_en = "Tab\there, new\nline, back\\slash"
    pristina_visit.save()
    call_command("rebuild_search_index", verbosity=0)
    entry = SearchEntry.objects.get(kind="news", object_id=pristina_visit.pk, language="en")
    assert entry.text.startswith("Tab\there, new\nline, back\\slash")


@postgres_only
def test_bulk_rebuild_recreates_the_same_indexes(client, monkeypatch, pristina_visit):
    def indexes():
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'portal_searchentry'")
            return sorted(cursor.fetchall())

    before = indexes()
    assert any(name == "portal_searchentry_en_vector" for name, _definition in before)
    monkeypatch.setattr("search.indexing.BULK_REINDEX_ROWS", 1)
    call_command("rebuild_search_index", verbosity=0)
    assert indexes() == before
    urls = result_urls(client.get(search_url("en"), {"q": "prishtina"}))
    assert urls == [url_in(pristina_visit, "en")]


@pytest.mark.parametrize(
    ("language", "years_only", "shown", "hidden"),
    [
        ("en", False, "8 months, May–December 2024", "1 May 2024"),
        ("be", False, "8 месяцаў, травень–снежань 2024", "1 траўня 2024"),
        ("sq", True, "2024", "1 maj 2024"),
    ],
)
def test_a_project_result_says_when_it_runs_as_its_page_does(client, language, years_only, shown, hidden):
    # Its start is stored as the first day of a month (or of a year): the result states no such day.
    project = ProjectFactory(
        title_en="Grassroots peacebuilding", title_be="Міратворчасць", title_sq="Paqe", years_only=years_only
    )
    query = {"en": "peacebuilding", "be": "міратворчасць", "sq": "paqe"}[language]
    body = client.get(search_url(language), {"q": query}).content.decode()
    assert url_in(project, language) in body
    card = body[body.index('class="search-result"') :]
    assert shown in card[: card.index("</li>")]
    assert hidden not in body
