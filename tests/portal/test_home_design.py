"""The home page's design (docs/design.md): lead story, events only when any, logo strip, follow block, cards."""

import datetime

import pytest

from projects.models import Role
from tests.events.factories import EventFactory
from tests.library.factories import ImageFactory
from tests.news.factories import NewsItemFactory
from tests.partners.factories import OrganisationFactory
from tests.portal.factories import sign_in_reader
from tests.projects.factories import ProjectFactory, ProjectPartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(client):
    sign_in_reader(client)

    def render(language="en"):
        response = client.get(f"/{language}/")
        assert response.status_code == 200
        return response.content.decode()

    return render


def lead_story(html):
    return html.split('class="lead-story"', 1)[1].split("</article>", 1)[0]


def test_the_lead_story_is_the_newest_item_with_a_picture_and_is_not_repeated(home, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    NewsItemFactory(title_en="Newest, without a picture", date=datetime.date(2025, 5, 1))
    NewsItemFactory(title_en="Round table in Viti", date=datetime.date(2025, 4, 1), image=ImageFactory())
    NewsItemFactory(title_en="Older, with a picture", date=datetime.date(2025, 3, 1), image=ImageFactory())
    html = home()
    assert "Round table in Viti" in lead_story(html)
    assert "People around a table" in lead_story(html)  # the picture, with its alternative text
    assert html.count("Round table in Viti<") == 1
    strip = html.split('id="latest-news"', 1)[1]
    assert "Newest, without a picture" in strip and "Older, with a picture" in strip


def test_without_a_picture_there_is_no_lead_story_and_the_card_has_a_placeholder(home):
    NewsItemFactory(title_en="Only text")
    html = home()
    assert 'class="lead-story"' not in html
    assert 'class="card-placeholder placeholder-word" aria-hidden="true">Delegation visit<' in html


def test_upcoming_events_are_shown_only_when_there_are_any(home):
    assert 'id="upcoming-events"' not in home()
    EventFactory(title_en="Public event in Lipjan")
    html = home()
    assert 'id="upcoming-events"' in html and "Public event in Lipjan" in html


def test_partners_strip_shows_a_monogram_and_the_full_name(home):
    OrganisationFactory(name_en="Balkan Trust for Democracy", acronym_en="BTD")
    OrganisationFactory(name_en="Municipality of Bujanovac", acronym_en="")
    html = home().split('class="logo-strip"', 1)[1]
    assert '<span class="monogram" aria-hidden="true">BTD</span>' in html
    assert '<span class="monogram" aria-hidden="true">MB</span>' in html
    assert "Balkan Trust for Democracy</span></a>" in html


def test_project_cards_name_donors_and_leads_with_the_acronym_expanded(client):
    project = ProjectFactory(title_en="Interethnic dialogue")
    donor = OrganisationFactory(name_en="Balkan Trust for Democracy", acronym_en="BTD")
    ProjectPartnerFactory(project=project, organisation=donor, role=Role.FUNDING)
    sign_in_reader(client)
    page = client.get("/en/projects/").content.decode()
    assert 'Balkan Trust for Democracy</span> (<abbr title="Balkan Trust for Democracy">BTD</abbr>)' in page
    assert 'class="card-placeholder" aria-hidden="true">I<' in page


def test_follow_block_links_feeds_and_newsletter(home):
    block = home("sq").split('class="follow-block"', 1)[1].split("</section>", 1)[0]
    assert '<a href="/sq/feeds/">Prurje lajmesh: RSS dhe Atom</a>' in block
    assert '<a href="/sq/newsletter/">Buletini me email</a>' in block


def test_home_query_count_stays_flat_with_many_items(client, django_assert_max_num_queries, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    for number in range(8):
        NewsItemFactory(image=ImageFactory() if number % 2 else None)
        project = ProjectFactory()
        ProjectPartnerFactory(project=project, organisation=OrganisationFactory(), role=Role.FUNDING)
        EventFactory()
    # The editors' choices (HomePage), and the project cards' pictures and places: three more, whatever the number.
    with django_assert_max_num_queries(11):
        assert client.get("/en/").status_code == 200
