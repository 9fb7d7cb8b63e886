"""End to end, in headless Chromium: the public pages stay on the site, stay light, print as briefs, pass axe.

Over the home page, a news item, a project (with its gallery and map), an
organisation and an event (on the northern map), at 390 px: every request the browser makes goes to
the site itself (no font CDN, no tile server, no analytics); the home page
weighs at most 60 KB before images and 400 KB with them; a project and a news
item print on at most two A4 pages with their address; axe-core finds no
serious or critical violation.
"""

import pytest

from portal.models import HomePage
from projects.models import Role
from tests.e2e.conftest import axe_serious, needs_chromium
from tests.events.factories import EventFactory
from tests.library.factories import ImageFactory
from tests.news.factories import NewsItemFactory
from tests.partners.factories import OrganisationFactory
from tests.projects.factories import GalleryImageFactory, PlaceFactory, ProjectFactory, ProjectPartnerFactory

pytestmark = [*needs_chromium, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
HOME_BEFORE_IMAGES = 60 * 1024
HOME_WITH_IMAGES = 400 * 1024


@pytest.fixture
def site(http_settings, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    donor = OrganisationFactory(name_en="Balkan Trust for Democracy", acronym_en="BTD")
    lead = OrganisationFactory(name_en="Kosovar Centre for Security Studies", acronym_en="KCSS")
    project = ProjectFactory(title_en="Grassroots peacebuilding and inter-ethnic cooperation in Kosovo")
    ProjectPartnerFactory(project=project, organisation=donor, role=Role.FUNDING)
    ProjectPartnerFactory(project=project, organisation=lead, role=Role.LEAD)
    project.places.add(
        PlaceFactory(name_en="Lipjan"), PlaceFactory(name_en="Viti", latitude="42.3214", longitude="21.3581")
    )
    GalleryImageFactory.create_batch(2, project=project)
    news = [NewsItemFactory(image=ImageFactory() if n < 3 else None) for n in range(7)]
    news[0].organisations.add(lead)
    # An event beyond the Western Balkans: drawn on the northern base map.
    event = EventFactory(title_en="Partners' meeting in Vilnius", project=project)
    event.places.add(PlaceFactory(name_en="Vilnius", kind="city", latitude="54.68720", longitude="25.27970"))
    HomePage.objects.create(mission_en="We connect civic organisations, donors and public institutions.")
    return {
        "home": "/en/",
        "news": news[0].get_absolute_url_for("en"),
        "project": project.get_absolute_url_for("en"),
        "organisation": lead.get_absolute_url_for("en"),
        "event": event.get_absolute_url_for("en"),
    }


def test_no_page_asks_anything_of_another_site_and_the_home_page_is_light(live_server, browser, site):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    requests, responses = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("response", lambda response: responses.append(response))
    elsewhere = {}
    for name, path in site.items():
        requests.clear()
        responses.clear()
        page.goto(f"{live_server.url}{path}", wait_until="networkidle")
        # Pictures below the fold too: scroll to the end, as a reader would.
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
        away = [url for url in requests if not url.startswith((live_server.url, "data:", "blob:"))]
        if away:
            elsewhere[name] = away
        if name in ("project", "event"):
            base_map = "western-balkans.svg" if name == "project" else "belarus-lithuania-poland.svg"
            assert [r.status for r in responses if r.url.endswith(f"/static/maps/{base_map}")] == [200], name
        if name == "home":
            sizes = {"image": 0, "other": 0}
            for response in responses:
                kind = "image" if response.request.resource_type == "image" else "other"
                sizes[kind] += len(response.body()) if response.status == 200 else 0
            assert sizes["other"] <= HOME_BEFORE_IMAGES, sizes
            assert sizes["other"] + sizes["image"] <= HOME_WITH_IMAGES, sizes
    assert elsewhere == {}
    context.close()


def pdf_pages(pdf):
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


def test_a_project_and_a_news_item_print_as_briefs_with_their_address(live_server, browser, site):
    context = browser.new_context()
    page = context.new_page()
    for name in ("project", "news"):
        page.goto(f"{live_server.url}{site[name]}")
        page.emulate_media(media="print")
        assert page.locator(".print-source").is_visible()
        # The canonical address, on the site's own host (SITE_URL).
        assert page.locator(".print-source").inner_text().endswith(f"{site[name]}")
        assert not page.locator(".site-footer").is_visible()
        pdf = page.pdf(format="A4")
        assert 1 <= pdf_pages(pdf) <= 2, name
        page.emulate_media(media="screen")
        assert not page.locator(".print-source").is_visible()
    context.close()


def test_the_public_pages_have_no_serious_accessibility_violations(live_server, browser, site, axe_source):
    # The CSP is relaxed for this test browser only, so that axe-core can be injected.
    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    page = context.new_page()
    found = {}
    for name, path in site.items():
        page.goto(f"{live_server.url}{path}")
        violations = axe_serious(page, axe_source)
        if violations:
            found[name] = violations
    assert found == {}
    context.close()
