"""The home page's editorial choices (portal.HomePage): the mission sentence and the lead story."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core.models import Status
from editorial.roles import EDITORS
from portal.models import HomePage
from tests.library.factories import ImageFactory
from tests.news.factories import NewsItemFactory
from tests.portal.factories import sign_in_reader

pytestmark = pytest.mark.django_db

MISSION = {
    "be": "Мы злучаем грамадзянскія арганізацыі, донараў і публічныя інстытуцыі.",
    "sq": "Lidhim organizatat qytetare, donatorët dhe institucionet publike.",
    "en": "We connect civic organisations, donors and public institutions.",
}


def hero(client, language):
    sign_in_reader(client)
    html = client.get(f"/{language}/").content.decode()
    return html.split('class="hero-lead"', 1)[1].split("</p>", 1)[0]


def lead_story(client):
    html = client.get("/en/").content.decode()
    return html.split('class="lead-story"', 1)[1].split("</article>", 1)[0]


@pytest.mark.parametrize("language", ["be", "sq", "en"])
def test_the_mission_is_the_editors_sentence_in_each_language(client, language):
    HomePage.objects.create(**{f"mission_{code}": text for code, text in MISSION.items()})
    assert hero(client, language) == f">{MISSION[language]}"


def test_without_a_mission_the_home_page_keeps_its_introduction(client):
    assert "News of delegation visits" in hero(client, "en")


def test_the_lead_story_is_the_editors_choice_and_falls_back_to_the_newest(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sign_in_reader(client)
    NewsItemFactory(title_en="Newest with a picture", date=datetime.date(2025, 5, 1), image=ImageFactory())
    chosen = NewsItemFactory(title_en="Chosen, without a picture", date=datetime.date(2024, 1, 1))
    HomePage.objects.create(lead_story=chosen)
    assert "Chosen, without a picture" in lead_story(client)
    html = client.get("/en/").content.decode()
    assert html.count("Chosen, without a picture<") == 1  # not repeated in the strip below
    chosen.status = Status.DRAFT
    chosen.save()
    assert "Newest with a picture" in lead_story(client)


def test_there_is_one_home_page_row(client):
    HomePage.objects.create(mission_en="First")
    HomePage(mission_en="Second").save()
    assert HomePage.objects.count() == 1
    assert HomePage.load().mission_en == "Second"


def test_editors_edit_the_home_page_in_the_admin_and_cannot_add_or_delete_one(client):
    editor = get_user_model().objects.create_user("vera", password="secret-pass-123", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    response = client.get("/admin/portal/homepage/")
    assert response.status_code == 302 and response.url == "/admin/portal/homepage/add/"
    assert 'name="mission_sq"' in client.get(response.url).content.decode()
    HomePage.objects.create(mission_en="Ours")
    response = client.get("/admin/portal/homepage/")
    assert response.status_code == 302 and response.url == "/admin/portal/homepage/1/change/"
    form = client.get(response.url).content.decode()
    assert 'name="mission_be"' in form and 'name="lead_story"' in form
    assert client.get("/admin/portal/homepage/add/").status_code == 403
    assert client.get("/admin/portal/homepage/1/delete/").status_code == 403


def test_readers_do_not_reach_the_home_page_admin(client):
    sign_in_reader(client)
    assert client.get("/admin/portal/homepage/1/change/").status_code == 302
