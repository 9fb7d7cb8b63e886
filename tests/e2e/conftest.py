"""What every end-to-end test shares: Debian's Chromium through Playwright, plain-HTTP settings, the password."""

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
PASSWORD = "e2e-Secret-pass-2025"

# Every test in this folder is an end-to-end test, skipped only without the browser.
needs_chromium = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"
    ),
]


@pytest.fixture(scope="package")
def chromium():
    """One Chromium for all the end-to-end tests: starting it costs more than most of them."""
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the
    # tests themselves are still synchronous. Only while this folder's tests run.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        # Imported here: playwright is a test-only dependency of these tests alone.
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()


@pytest.fixture
def browser(chromium):
    """The browser, with no window open: a test opens its own contexts (each one like a new
    private window: no cookies, storage or cache of another), and those left open are closed after it."""
    assert not chromium.contexts
    yield chromium
    for context in chromium.contexts:
        context.close()


@pytest.fixture
def http_settings(settings):
    # The live server speaks plain HTTP.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.LANGUAGE_COOKIE_SECURE = False
    settings.SECURE_SSL_REDIRECT = False
    return settings


# --- The admin screens (test_admin_screens.py) -----------------------------------------

AXE_SCRIPT = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture
def axe_source():
    """axe-core as pinned in tests/e2e/package.json (make test runs npm ci there)."""
    if not AXE_SCRIPT.exists():
        # Like a missing Chromium, a machine without npm skips only the test that needs it; CI installs both.
        pytest.skip("axe-core is not installed: run `npm ci --prefix tests/e2e` (make test does)")
    return AXE_SCRIPT.read_text(encoding="utf-8")


def axe_serious(page, axe_source):
    """The serious and critical axe-core violations of the page as it is now: ["rule: first nodes", ...]."""
    page.add_script_tag(content=axe_source)
    return page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations
            .filter(v => v.impact === 'critical' || v.impact === 'serious')
            .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))""",
        AXE_TAGS,
    )


@pytest.fixture
def admin_content(db):
    """One item of each edited kind, with the inline rows a project form shows, and two saved versions."""
    import reversion

    from tests.events.factories import EventFactory
    from tests.library.factories import ImageFactory
    from tests.news.factories import NewsItemFactory
    from tests.partners.factories import OrganisationFactory
    from tests.portal.factories import PageFactory
    from tests.projects.factories import ActivityFactory, ObjectiveFactory, ProjectFactory, ProjectPartnerFactory

    news = NewsItemFactory(
        title_en="Belarusian democratic forces in Prishtina: cooperation with the Republic of Kosovo",
        body_en="<p>The delegation met the <strong>Office of the President</strong>.</p><ul><li>diaspora</li></ul>",
        image=ImageFactory(),
    )
    project = ProjectFactory(title_en="Youth exchanges Prishtina–Vilnius: a year of meetings in both cities")
    organisation = OrganisationFactory(name_en="Kosovar Centre for Security Studies")
    for role in ("lead", "funding", "partner"):
        ProjectPartnerFactory(project=project, organisation=OrganisationFactory(), role=role)
    ObjectiveFactory.create_batch(2, project=project)
    ActivityFactory.create_batch(2, project=project)
    page = PageFactory(title_en="Cooperation with international partners")
    event = EventFactory(title_en="Tirana Civil Society and Think Tank Forum", project=project)
    event.organisers.add(organisation)
    for obj in (news, project, organisation, page, event):
        for text in ("First version.", "Second version."):
            with reversion.create_revision():
                obj.save()
                reversion.set_comment(text)
    return {"news": news, "project": project, "organisation": organisation, "page": page, "event": event}


def log_in(page, base_url, username):
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#content-main")
