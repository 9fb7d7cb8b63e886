import os
import re

import pytest
from django.urls import reverse
from django.utils import translation

from core.demo import load
from partners.models import Organisation
from projects import demo
from projects.documents import sniff_document
from projects.models import Document, GalleryImage, Project, Role
from tests.conftest import LANGUAGES

pytestmark = pytest.mark.django_db

PEACEBUILDING = "grassroots-peacebuilding-and-interethnic-cooperation-in-kosovo"
REGIONAL = "regional-cooperation-and-responsive-policies-in-times-of-crisis"
SECURITY = "security-consensus-in-the-western-balkans"
INTERNATIONAL = "international-cooperation-in-presevo-bujanovac-and-medveda"
COVID_REPORT_TITLE = "Covid-19 and Civil Society – An assessment overview on the impact of pandemic situation to Western Balkans countries"


@pytest.fixture
def seeded(demo_content):
    """The demo content; {English slug: Project}."""
    return {project.slug_en: project for project in Project.objects.all()}


def test_seed_is_idempotent_and_does_not_rewrite_files(seeded):
    stamps = {project.pk: project.updated_at for project in Project.objects.all()}
    files = [obj.file.path for obj in Document.objects.all()] + [
        obj.image.file.path for obj in GalleryImage.objects.all()
    ]
    mtimes = {path: os.stat(path).st_mtime_ns for path in files}
    counts = (Project.objects.count(), Document.objects.count(), GalleryImage.objects.count())
    demo.seed()
    assert {project.pk: project.updated_at for project in Project.objects.all()} == stamps
    assert {path: os.stat(path).st_mtime_ns for path in files} == mtimes
    assert (Project.objects.count(), Document.objects.count(), GalleryImage.objects.count()) == counts


PEACEBUILDING_PAGES = [
    ("en", "8 months, May–December 2024", "Grassroots peacebuilding and inter-ethnic cooperation in Kosovo"),
    ("sq", "8 muaj, maj–dhjetor 2024", "Promovimi i ndërtimit të paqes në bazë dhe bashkëpunimit ndëretnik në Kosovë"),
    ("be", "8 месяцаў, травень–снежань 2024", "Міратворчасць знізу і міжэтнічнае супрацоўніцтва ў Косава"),
]


def test_peacebuilding_project_reads_correctly(client, seeded):
    project = seeded[PEACEBUILDING]
    for language, duration, title in PEACEBUILDING_PAGES:
        response = client.get(project.get_absolute_url_for(language))
        assert response.status_code == 200
        body = response.content.decode()
        assert duration in body and title in body
        # The seed names Ramadan Ilazi only at the foot of KCSS's page, not as the contact.
        assert "Ramadan Ilazi" not in body
        with translation.override(language):
            assert [org.slug_en for org in project.donors] == ["balkan-trust-for-democracy"]
            assert [org.slug_en for org in project.leads] == ["new-social-initiative"]
    # "Roli i QKSS: Partner" is KCSS's role, shown under KCSS's name, not the site's own.
    assert project.our_role == ""
    kcss = project.partner_roles.get(organisation__slug_en="kosovar-centre-for-security-studies")
    assert kcss.role == Role.PARTNER
    assert project.activities.count() == 10
    for place in ("Shtërpcë", "Viti", "Kamenicë", "Lipjan", "South Mitrovica"):
        assert project.activities.filter(place_en=place).exists()
    assert project.places.filter(latitude__isnull=False).count() == 8


def test_regional_project_has_its_partners_and_a_real_pdf(client, seeded):
    project = seeded[REGIONAL]
    roles = {(role.organisation.slug_en, role.role) for role in project.partner_roles.select_related("organisation")}
    assert ("balkan-trust-for-democracy", "funding") in roles
    # The seed: BTD is "a project of German Marshall Fund"; it names no fund manager.
    assert not any(role == "fund_manager" for _key, role in roles)
    assert project.our_role == ""
    # The forums took place "during 2022": the page says the year, not invented months.
    with translation.override("en"):
        assert project.duration == "2022"
    with translation.override("be"):
        assert project.duration == "2022"
    # One role each, as the seed gives it: the initiative is Partners Albania's, Civic Initiatives is
    # a partner, the other four are named among those that implement it.
    assert ("partners-albania", "lead") in roles and ("civic-initiatives", "partner") in roles
    for key in (
        "kosovar-civil-society-foundation",
        "macedonian-center-for-international-cooperation",
        "centre-for-development-of-ngos",
        "center-for-civic-initiatives",
    ):
        assert (key, "implementing") in roles
    assert len(roles) == len({key for key, _role in roles})
    document = project.documents.get()
    assert document.title_en == COVID_REPORT_TITLE
    assert document.content_type == "application/pdf" and document.file_size > 1000
    with document.file.open("rb") as handle:
        data = handle.read()
        assert sniff_document(handle).extension == "pdf"
    assert data.startswith(b"%PDF-1.4") and b"/Title (Covid-19 and Civil Society" in data
    # A stand-in that says so: the report's text is the partners', not the demo's.
    assert data.count(b"/Type /Page ") == 1 and b"/Count 1" in data
    assert b"stands in for the report" in data
    xref = int(re.search(rb"startxref\n(\d+)\n%%EOF", data).group(1))
    assert data[xref : xref + 4] == b"xref"
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body = client.get(project.get_absolute_url_for("sq")).content.decode()
    assert "Covid-19 dhe shoqëria civile" in body and "PDF" in body and "në anglisht" in body


def test_security_and_international_projects(client, seeded):
    security = seeded[SECURITY]
    international = seeded[INTERNATIONAL]
    assert security.objectives.count() == 4
    pages = [
        ("en", "14–15 October 2023", "since 2001"),  # the seed says "Nga viti 2001", no month
        ("sq", "14–15 tetor 2023", "që nga viti 2001"),
        ("be", "14–15 кастрычніка 2023", "з 2001 года"),
    ]
    for language, forum_dates, since in pages:
        body = client.get(security.get_absolute_url_for(language)).content.decode()
        assert forum_dates in body
        # The seed gives the date the forum was expected on, not that it took place.
        assert "took place" not in body and "прайшоў" not in body and "u mbajt" not in body
        objectives = body[body.index('class="objectives"') : body.index("</ol>", body.index('class="objectives"'))]
        assert objectives.count("<li>") == 4
        body = client.get(international.get_absolute_url_for(language)).content.decode()
        assert since in body
        for programme in ("MIR 1", "MIR 2", "PBILD", "EU PROGRES"):
            assert programme in body


def test_every_named_organisation_has_a_page_that_links_to_its_projects(client, seeded):
    keys = {role["organisation"] for data in load("projects", "projects")["projects"] for role in data["roles"]}
    assert keys <= {record["slug"]["en"] for record in load("partners", "organisations")}
    for key in keys:
        organisation = Organisation.objects.get(slug_en=key)
        for language in LANGUAGES:
            response = client.get(organisation.get_absolute_url_for(language))
            assert response.status_code == 200, key
            body = response.content.decode()
            assert any(project.get_absolute_url_for(language) in body for project in seeded.values()), key


def test_from_the_balkan_trust_to_every_project_it_funds_and_back(client, seeded):
    btd = Organisation.objects.get(slug_en="balkan-trust-for-democracy")
    funded = [seeded[PEACEBUILDING], seeded[REGIONAL]]
    for language in LANGUAGES:
        body = client.get(btd.get_absolute_url_for(language)).content.decode()
        for project in funded:
            assert f'href="{project.get_absolute_url_for(language)}"' in body
            project_page = client.get(project.get_absolute_url_for(language)).content.decode()
            assert f'href="{btd.get_absolute_url_for(language)}"' in project_page
        with translation.override(language):
            listing = client.get(reverse("projects:list"), {"donor": btd.slug})
        assert set(listing.context["object_list"]) == set(funded)
