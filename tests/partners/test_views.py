import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from core.models import Status
from partners.models import Organisation
from projects.models import Role
from tests.conftest import LANGUAGES
from tests.events.factories import EventFactory
from tests.news.factories import NewsItemFactory
from tests.partners.factories import OrganisationFactory
from tests.projects.factories import PlaceFactory, ProjectFactory, ProjectPartnerFactory

pytestmark = pytest.mark.django_db


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.mark.parametrize("language", LANGUAGES)
def test_directory_lists_public_organisations(client, language):
    shown = OrganisationFactory()
    OrganisationFactory(name_en="Hidden", name_sq="E fshehur", name_be="Схаваная", is_public=False)
    response = client.get(url("partners:list", language))
    assert response.status_code == 200
    body = response.content.decode()
    assert getattr(shown, f"name_{language}") in body
    assert "Hidden" not in body and "Схаваная" not in body
    assert body.count("<h1") == 1


def test_directory_filters_by_kind_and_country_and_keeps_them(client):
    donor = OrganisationFactory(kind=Organisation.Kind.DONOR, country="RS")
    OrganisationFactory(kind=Organisation.Kind.NGO, country="RS")
    OrganisationFactory(kind=Organisation.Kind.DONOR, country="AL")
    response = client.get(url("partners:list", "sq"), {"kind": "donor", "country": "RS"})
    assert response.status_code == 200
    assert list(response.context["object_list"]) == [donor]
    body = response.content.decode()
    assert '<option value="donor" selected>' in body
    assert '<option value="RS" selected>' in body


@pytest.mark.parametrize("query", [{"kind": "charity"}, {"country": "ZZ"}, {"country": "rs"}, {"kind": "<b>"}])
@pytest.mark.parametrize("language", LANGUAGES)
def test_bad_directory_filters_answer_400(client, query, language):
    OrganisationFactory(country="RS")
    assert client.get(url("partners:list", language), query).status_code == 400


@pytest.mark.parametrize("page", ["9", "x"])
def test_bad_directory_page_answers_404(client, page):
    OrganisationFactory()
    assert client.get(url("partners:list", "en"), {"page": page}).status_code == 404


@pytest.mark.parametrize(("count", "language"), [(3, "en"), (30, "be")])
def test_directory_query_count_does_not_grow(client, django_assert_max_num_queries, count, language):
    for _n in range(count):
        organisation = OrganisationFactory()
        ProjectPartnerFactory(organisation=organisation)
        ProjectPartnerFactory(organisation=organisation, role=Role.FUNDING)
    with django_assert_max_num_queries(4):
        response = client.get(url("partners:list", language))
    assert response.status_code == 200


def test_directory_counts_published_projects_only(client):
    organisation = OrganisationFactory()
    ProjectPartnerFactory(organisation=organisation, role=Role.FUNDING)
    ProjectPartnerFactory(organisation=organisation, role=Role.PARTNER)
    ProjectPartnerFactory(organisation=organisation, project=ProjectFactory(status=Status.DRAFT, publish_at=None))
    response = client.get(url("partners:list", "be"))
    assert response.context["object_list"][0].project_count == 2
    assert "2 праекты" in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_organisation_page_groups_projects_by_role(client, language):
    organisation = OrganisationFactory(kind=Organisation.Kind.DONOR)
    funded = ProjectFactory(start_date=datetime.date(2024, 5, 1))
    managed_and_funded = ProjectFactory(start_date=datetime.date(2022, 1, 1))
    ProjectPartnerFactory(organisation=organisation, project=funded, role=Role.FUNDING)
    ProjectPartnerFactory(organisation=organisation, project=managed_and_funded, role=Role.FUNDING)
    ProjectPartnerFactory(organisation=organisation, project=managed_and_funded, role=Role.FUND_MANAGER)
    draft = ProjectFactory(status=Status.DRAFT, publish_at=None)
    ProjectPartnerFactory(organisation=organisation, project=draft, role=Role.FUNDING)

    response = client.get(organisation.get_absolute_url_for(language))
    assert response.status_code == 200
    groups = response.context["project_groups"]
    assert [group["role"] for group in groups] == [Role.FUNDING, Role.FUND_MANAGER]
    assert groups[0]["projects"] == [funded, managed_and_funded]
    assert groups[1]["projects"] == [managed_and_funded]
    body = response.content.decode()
    with translation.override(language):
        assert str(groups[0]["heading"]) in body
        assert funded.get_absolute_url() in body
    assert getattr(draft, f"title_{language}") not in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_organisation_page_shows_published_news_that_involve_it(client, language):
    organisation = OrganisationFactory()
    involved = NewsItemFactory()
    involved.organisations.add(organisation)
    draft = NewsItemFactory(status=Status.DRAFT, publish_at=None)
    draft.organisations.add(organisation)
    NewsItemFactory(title_en="Unrelated news", title_sq="Lajm tjetër", title_be="Іншая навіна")
    body = client.get(organisation.get_absolute_url_for(language)).content.decode()
    assert getattr(involved, f"title_{language}") in body
    assert getattr(draft, f"title_{language}") not in body
    assert getattr(NewsItemFactory._meta.model.objects.get(title_en="Unrelated news"), f"title_{language}") not in body


@pytest.mark.parametrize(("count", "language"), [(2, "en"), (12, "sq")])
def test_organisation_page_query_count_does_not_grow(client, django_assert_max_num_queries, count, language):
    organisation = OrganisationFactory()
    for n in range(count):
        project = ProjectFactory()
        ProjectPartnerFactory(
            organisation=organisation, project=project, role=[Role.FUNDING, Role.LEAD, Role.PARTNER][n % 3]
        )
        ProjectPartnerFactory(project=project, role=Role.LEAD)
        NewsItemFactory().organisations.add(organisation)
        # Events it organises and is a partner of, each with a place: two queries whatever their number.
        event = EventFactory()
        event.organisers.add(organisation)
        event.places.add(PlaceFactory())
        EventFactory().partners.add(organisation)
        project.places.add(PlaceFactory())
    # The project cards' pictures and places: two more, whatever their number.
    with django_assert_max_num_queries(9):
        response = client.get(organisation.get_absolute_url_for(language))
    assert response.status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_unknown_and_hidden_organisations_answer_404(client, language):
    hidden = OrganisationFactory(is_public=False)
    assert client.get(url("partners:detail", language, slug="no-such-organisation")).status_code == 404
    assert client.get(hidden.get_absolute_url_for(language)).status_code == 404


def test_organisation_slug_of_another_language_redirects(client):
    organisation = OrganisationFactory()
    response = client.get(url("partners:detail", "sq", slug=organisation.slug_be))
    assert response.status_code == 301
    assert response["Location"] == organisation.get_absolute_url_for("sq")


def test_organisation_without_a_slug_in_this_language_is_served_at_its_fallback_address(client):
    organisation = OrganisationFactory(name_be="")
    assert not organisation.slug_be
    with translation.override("be"):
        path = organisation.get_absolute_url()
    assert path == f"/be/partners/{organisation.slug_en}/"
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_from_a_donor_to_every_project_it_funds_and_back(client, language):
    donor = OrganisationFactory(kind=Organisation.Kind.DONOR)
    funded = [ProjectFactory() for _n in range(3)]
    for project in funded:
        ProjectPartnerFactory(project=project, organisation=donor, role=Role.FUNDING)
    ProjectFactory()  # funded by someone else

    donor_page = client.get(donor.get_absolute_url_for(language)).content.decode()
    for project in funded:
        project_url = project.get_absolute_url_for(language)
        assert f'href="{project_url}"' in donor_page
        project_page = client.get(project_url).content.decode()
        assert f'href="{donor.get_absolute_url_for(language)}"' in project_page
    listing = client.get(url("projects:list", language), {"donor": getattr(donor, f"slug_{language}")})
    assert set(listing.context["object_list"]) == set(funded)


def test_an_organisation_known_only_by_its_name_shows_no_empty_facts(client):
    # The demo keeps only what its sources say: no kind, country or acronym may be known.
    bare = OrganisationFactory(name_en="Germin", kind="", country="", acronym_en="", description_en="")
    listing = client.get(reverse("partners:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    card = listing[listing.index(">Germin</a>") :]
    card = card[: card.index("</article>")]
    assert "card-meta" not in card.split("partner-projects")[0] and " · " not in card
    detail = client.get(bare.get_absolute_url_for("en")).content.decode()
    header = detail[detail.index("<h1") : detail.index("</header>", detail.index("<h1"))]
    assert "card-meta" not in header


def test_organisation_with_two_roles_reads_them_apart(client):
    # Screen readers and copied text get "Partner, Implementing partner", not "PartnerImplementing partner".
    project = ProjectFactory()
    organisation = OrganisationFactory(name_en="MCIC")
    ProjectPartnerFactory(project=project, organisation=organisation, role=Role.PARTNER)
    ProjectPartnerFactory(project=project, organisation=organisation, role=Role.IMPLEMENTING, order=1)
    body = client.get(project.get_absolute_url_for("en")).content.decode()
    assert '<span class="tag">Partner</span><span class="visually-hidden">, </span><span class="tag">' in body
