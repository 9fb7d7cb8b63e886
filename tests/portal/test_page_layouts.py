"""Static pages with a layout: text with a sidebar, a list of sections, a people and contacts block."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from portal.models import Page, PagePerson
from tests.library.factories import ImageFactory
from tests.portal.factories import PageFactory, sign_in_reader

pytestmark = pytest.mark.django_db

SIDEBAR = "<p>Office hours: Monday to Friday, 9:00–17:00.</p>"


def page_html(client, page, language="en"):
    with translation.override(language):
        url = page.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_text_with_a_sidebar(client):
    page = PageFactory(layout=Page.Layout.SIDEBAR, sidebar_en=SIDEBAR)
    html = page_html(client, page)
    aside = re.search(r'<aside class="page-aside prose"[^>]*>(.*?)</aside>', html, re.S).group(1)
    assert "Office hours" in aside
    # The same sidebar is not shown with another layout.
    page.layout = Page.Layout.TEXT
    page.save()
    assert "Office hours" not in page_html(client, page)


def test_a_list_of_sections_links_each_heading(client):
    page = PageFactory(
        layout=Page.Layout.SECTIONS,
        body_en="<h2>Who we are</h2><p>A.</p><h2>Our <em>partners</em></h2><p>B.</p><h3>Donors</h3>",
    )
    html = page_html(client, page)
    nav = re.search(r'<nav class="page-sections".*?</nav>', html, re.S).group(0)
    assert re.findall(r'<a href="#([\w-]+)">([^<]+)</a>', nav) == [
        ("section-1", "Who we are"),
        ("section-2", "Our partners"),
    ]
    assert '<h2 id="section-1">Who we are</h2>' in html
    assert '<h2 id="section-2">Our <em>partners</em></h2>' in html


def test_a_text_without_headings_has_no_list_of_sections(client):
    html = page_html(client, PageFactory(layout=Page.Layout.SECTIONS))
    assert '<nav class="page-sections"' not in html


@pytest.mark.parametrize("language", ["be", "sq", "en"])
def test_people_and_contacts_with_photo_role_and_email(client, media_root, language):
    page = PageFactory()
    PagePerson.objects.create(
        page=page,
        name_en="Arta Krasniqi",
        name_sq="Arta Krasniqi",
        name_be="Арта Красніччы",
        role_en="Head of office",
        role_sq="Drejtuese e zyrës",
        role_be="Кіраўніца офіса",
        email="office@ura.example.org",
        photo=ImageFactory(),
        order=1,
    )
    PagePerson.objects.create(page=page, name_en="Press", email="press@ura.example.org", order=2)
    html = page_html(client, page, language)
    people = re.search(r'<section class="people".*?</section>', html, re.S).group(0)
    assert people.index("office@ura.example.org") < people.index("press@ura.example.org")
    assert {"be": "Кіраўніца офіса", "sq": "Drejtuese e zyrës", "en": "Head of office"}[language] in people
    assert 'href="mailto:office@ura.example.org"' in people
    assert people.count('class="person-photo"') == 1 and 'loading="lazy"' in people


def test_the_people_block_costs_the_same_queries_however_many(client, media_root, django_assert_max_num_queries):
    page = PageFactory()
    sign_in_reader(client)

    def queries():
        page_html(client, page)  # the menu's cache is warm from now on
        with CaptureQueriesContext(connection) as context:
            html = page_html(client, page)
        return len(context.captured_queries), html

    PagePerson.objects.create(page=page, name_en="Person", photo=ImageFactory(), order=0)
    one, _html = queries()
    for number in range(1, 4):
        PagePerson.objects.create(page=page, name_en=f"Person {number}", photo=ImageFactory(), order=number)
    page_html(client, page)  # the menu again: every change makes a new site version
    with django_assert_max_num_queries(one):
        html = page_html(client, page)
    assert html.count('class="person"') == 4
    assert one <= 8


def test_the_admin_adds_a_page_with_a_layout_and_people(client, media_root):
    client.force_login(get_user_model().objects.create_superuser("admin", "admin@example.org", "pass"))
    url = reverse("admin:portal_page_add")
    form = client.get(url).content.decode()
    assert "Text with a sidebar" in form and "People and contacts" in form
    data = {
        "title_en": "Office",
        "body_en": "<p>Where to find us.</p>",
        "layout": "sidebar",
        "sidebar_en": SIDEBAR,
        "status": "draft",
        "source_language": "en",
        "people-TOTAL_FORMS": "1",
        "people-INITIAL_FORMS": "0",
        "people-0-name_en": "Arta Krasniqi",
        "people-0-role_en": "Head of office",
        "people-0-email": "not an address",
        "people-0-order": "1",
    }
    response = client.post(url, data)
    assert response.status_code == 200  # a readable error, not a 500
    assert "Enter a valid email address." in response.content.decode()
    data["people-0-email"] = "office@ura.example.org"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    page = Page.objects.get(title_en="Office")
    assert page.layout == "sidebar" and page.people.get().email == "office@ura.example.org"
