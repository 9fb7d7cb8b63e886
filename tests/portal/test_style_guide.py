"""The living style guide for staff (portal/style_guide.py): the site's own cards and tokens, behind the staff login."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders

from news.models import NewsItem
from portal import style_guide
from tests.portal.factories import sign_in_reader

pytestmark = pytest.mark.django_db

URL = "/{}/staff/style-guide/"


@pytest.fixture
def seeded(demo_content):
    """The demo content: news with and without pictures, projects, events and partners."""


@pytest.fixture
def staff(client):
    user, _created = get_user_model().objects.get_or_create(username="guide-staff", defaults={"is_staff": True})
    client.force_login(user)
    return client


def test_visitors_and_signed_in_readers_are_sent_to_the_staff_login(client):
    response = client.get(URL.format("en"))
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    sign_in_reader(client)
    assert client.get(URL.format("sq"))["Location"].startswith("/admin/login/")


def test_every_token_of_the_stylesheet_has_its_rule_on_the_guide(settings):
    rules = open(finders.find("css/style-guide.css"), encoding="utf-8").read()
    tokens = style_guide.tokens()
    assert {"ink", "brand", "step-0", "space-3"} <= {name for name, _value in tokens}
    for name, value in tokens:
        if style_guide.is_colour(value):
            assert f".guide-swatch--{name} {{ background: var(--{name}); }}" in rules, name
        elif name.startswith("step-"):
            assert f".guide-step--{name} {{ font-size: var(--{name}); }}" in rules, name
        elif name.startswith("space-"):
            assert f".guide-space--{name} {{ width: var(--{name}); }}" in rules, name


@pytest.mark.parametrize("language", ["be", "sq", "en"])
def test_the_guide_shows_every_card_from_published_content(seeded, staff, language, django_assert_max_num_queries):
    # A fixed number: one query per sample, the cards' prefetches (logos, places, pictures) and the page's own.
    with django_assert_max_num_queries(30):
        response = staff.get(URL.format(language))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex" and "no-cache" in response["Cache-Control"]
    html = response.content.decode()
    assert '<meta name="robots" content="noindex">' in html
    for card in ("news-card", "project-card", "partner-card", "card-placeholder", "monogram"):
        assert card in html, card
    assert html.count('class="guide-swatch guide-swatch--') == sum(
        style_guide.is_colour(value) for _name, value in style_guide.tokens()
    )
    assert 'href="/static/css/style-guide.css"' in html or "style-guide." in html
    # Only what is published: a draft's title is not a sample.
    assert not any(
        title in html for title in NewsItem.objects.exclude(status="published").values_list("title_en", flat=True)
    )


def test_the_four_scripts_keep_their_own_letters_in_every_language(seeded, staff):
    item = NewsItem.objects.published().order_by("-date").first()
    cyrillic = staff.get(URL.format("be")).content.decode()
    assert 'lang="be-Cyrl"' in cyrillic and 'lang="be-Latn"' in cyrillic
    latin = staff.get(URL.format("be-latn")).content.decode()
    specimen = re.search(r'<dl class="guide-scripts">(.*?)</dl>', latin, re.S).group(1)
    # The Cyrillic line stays Cyrillic on the Łacinka page; the page around it is converted.
    assert re.search(r'lang="be-Cyrl">[^<]*[а-яўі]', specimen)
    assert re.search(r'lang="be-Latn">[^<]*[ŭłčšž]', specimen, re.I)
    assert item is not None
    hero = latin.split('class="hero"', 1)[1].split("</section>", 1)[0]
    assert not re.search(r"[а-яА-ЯўЎіІ]", hero)


def test_the_dashboard_links_the_guide_for_staff(staff):
    assert "/staff/style-guide/" in staff.get("/admin/").content.decode()
