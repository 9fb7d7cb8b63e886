"""Project cards show their places on the map, else their first gallery picture, else a letter; organisations a monogram."""

import pytest

from tests.partners.factories import OrganisationFactory
from tests.projects.factories import GalleryImageFactory, PlaceFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def card(client, title):
    html = client.get("/en/projects/").content.decode()
    return html.split(title, 1)[0].rsplit('<article class="card project-card">', 1)[1]


def test_a_project_card_shows_its_places_else_its_picture_else_a_letter(client, media_root):
    pictured = ProjectFactory(title_en="Pictured project")
    GalleryImageFactory(project=pictured)
    mapped = ProjectFactory(title_en="Mapped project")
    mapped.places.add(PlaceFactory())
    GalleryImageFactory(project=mapped)
    ProjectFactory(title_en="Quiet project")
    assert '<div class="card-image">' in card(client, "Pictured project")
    drawn = card(client, "Mapped project")
    assert '<div class="card-map" aria-hidden="true">' in drawn and "<circle" in drawn
    assert '<div class="card-placeholder" aria-hidden="true">Q</div>' in card(client, "Quiet project")


def test_an_organisation_without_a_logo_has_a_monogram_on_its_page(client):
    organisation = OrganisationFactory(name_en="Kosovar Centre for Security Studies", acronym_en="KCSS")
    html = client.get(organisation.get_absolute_url_for("en")).content.decode()
    header = html.split('class="organisation-header"', 1)[1].split("</header>", 1)[0]
    assert '<span class="monogram monogram-large" aria-hidden="true">KCSS</span>' in header


def test_donors_and_leads_on_a_card_have_their_monogram_beside_their_name(client):
    from projects.models import Role
    from tests.projects.factories import ProjectPartnerFactory

    project = ProjectFactory(title_en="Interethnic dialogue")
    donor = OrganisationFactory(name_en="Balkan Trust for Democracy", acronym_en="BTD")
    ProjectPartnerFactory(project=project, organisation=donor, role=Role.FUNDING)
    facts = client.get("/en/projects/").content.decode().split('<dl class="card-facts">', 1)[1].split("</dl>", 1)[0]
    assert '<span class="org-badge" aria-hidden="true"><span class="monogram monogram-small">BTD</span></span>' in facts
    assert 'Balkan Trust for Democracy</span> (<abbr title="Balkan Trust for Democracy">BTD</abbr>)' in facts
