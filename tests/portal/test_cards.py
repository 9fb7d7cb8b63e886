"""Cards (news, project, partner) are rendered once per version of what they show, and follow every change of it."""

import pytest

from news.models import NewsItem
from partners.models import Organisation
from projects.models import Role
from tests.news.factories import NewsItemFactory
from tests.partners.factories import OrganisationFactory
from tests.portal.factories import sign_in_reader
from tests.projects.factories import ProjectFactory, ProjectPartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rendered(client):
    """The page as rendered for a signed-in reader: past the page cache, cards from theirs."""
    sign_in_reader(client)

    def render(path):
        response = client.get(path)
        assert response.status_code == 200
        assert response.get("X-Cache") is None
        return response.content.decode()

    return render


def test_a_news_card_is_reused_until_its_item_is_saved(rendered):
    item = NewsItemFactory(title_en="Delegation visit to Prishtina")
    assert "Delegation visit to Prishtina" in rendered("/en/news/")
    # A write that leaves the item's change time alone (no editor can make one) shows
    # that the second list took the card from the cache...
    NewsItem.objects.filter(pk=item.pk).update(title_en="Meeting in Tirana")
    assert "Delegation visit to Prishtina" in rendered("/en/news/")
    # ...and a save, which moves the change time, is shown at once, on every list.
    item.refresh_from_db()
    item.save()
    assert "Meeting in Tirana" in rendered("/en/news/")
    assert "Meeting in Tirana" in rendered("/en/")


def test_news_cards_are_kept_per_language(rendered):
    NewsItemFactory(
        title_en="Delegation visit to Prishtina", title_be="Візіт дэлегацыі ў Прышціну", title_sq="Vizita në Prishtinë"
    )
    assert "Delegation visit to Prishtina" in rendered("/en/news/")
    belarusian = rendered("/be/news/")
    assert "Візіт дэлегацыі ў Прышціну" in belarusian
    assert "Delegation visit to Prishtina" not in belarusian
    assert "Vizita në Prishtinë" in rendered("/sq/news/")


def test_a_project_card_follows_its_donors_name(rendered):
    donor = OrganisationFactory(acronym_en="BTD", name_en="Balkan Trust for Democracy")
    ProjectPartnerFactory(
        project=ProjectFactory(title_en="Interethnic dialogue"), organisation=donor, role=Role.FUNDING
    )
    assert "BTD" in rendered("/en/projects/")
    donor.acronym_en = "GMF-BTD"
    donor.save()
    page = rendered("/en/projects/")
    assert "GMF-BTD" in page


def test_a_partner_card_follows_its_number_of_projects(rendered):
    organisation = OrganisationFactory(name_en="Kosovar Centre for Security Studies")
    ProjectPartnerFactory(project=ProjectFactory(), organisation=organisation)
    assert "1 project<" in rendered("/en/partners/")
    ProjectPartnerFactory(project=ProjectFactory(), organisation=organisation)
    assert "2 projects<" in rendered("/en/partners/")


def test_a_partner_card_follows_its_name(rendered):
    organisation = OrganisationFactory(name_en="Kosovar Centre for Security Studies")
    assert "Kosovar Centre for Security Studies" in rendered("/en/partners/")
    Organisation.objects.filter(pk=organisation.pk).update(name_en="KCSS")
    organisation.refresh_from_db()
    organisation.save()
    assert "KCSS" in rendered("/en/partners/")


def test_cards_cost_no_query_of_their_own(rendered, django_assert_max_num_queries):
    for _ in range(12):
        NewsItemFactory()
    rendered("/en/news/")
    # The list, its count is cached, the session: cards add nothing, warm or cold.
    with django_assert_max_num_queries(3):
        rendered("/en/news/")
