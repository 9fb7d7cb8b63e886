"""Who may change the home page's editorial choices in the admin (portal.HomePage), and which fields.

An editor changes them all; an editor without the publishing right too (like the
text of a live item, docs/editorial-rules.md), and neither adds a second row nor
deletes the one; a translator for one language changes only that language's
mission, and a forged field of another language or the lead story is refused.
"""

import pytest

from portal.models import HomePage
from tests.editorial.test_every_path import be_translator, no_publish_editor
from tests.editorial.workflow_helpers import change_form_data, editor
from tests.news.factories import NewsItemFactory

pytestmark = pytest.mark.django_db

CHANGE = "/admin/portal/homepage/1/change/"
MISSION = {
    "mission_be": "Мы злучаем грамадскія арганізацыі, донараў і дзяржаўныя ўстановы.",
    "mission_sq": "Ne lidhim organizatat qytetare, donatorët dhe institucionet publike.",
    "mission_en": "We connect civic organisations, donors and public institutions.",
}


@pytest.fixture
def home():
    return HomePage.objects.create(**MISSION)


@pytest.mark.parametrize("make", [editor, no_publish_editor], ids=["editor", "editor without publishing"])
def test_editors_change_every_language_and_the_lead_story_but_never_add_or_delete(client, home, make):
    story = NewsItemFactory(title_en="Visit to Prishtina")
    client.force_login(make())
    page = client.get(CHANGE)
    assert page.status_code == 200
    assert {"mission_be", "mission_sq", "mission_en", "lead_story"} <= set(page.context["adminform"].form.fields)
    response = client.post(
        CHANGE,
        change_form_data(page, mission_sq="Ne lidhim organizatat.", mission_en="We connect.", lead_story=story.pk),
    )
    assert response.status_code == 302
    home.refresh_from_db()
    assert (home.mission_sq, home.mission_en, home.lead_story) == ("Ne lidhim organizatat.", "We connect.", story)
    assert client.get("/admin/portal/homepage/add/").status_code == 403
    assert client.post("/admin/portal/homepage/1/delete/", {"post": "yes"}).status_code == 403
    assert HomePage.objects.count() == 1


def test_a_translator_for_one_language_changes_only_that_language(client, home):
    story = NewsItemFactory(title_en="Visit to Prishtina")
    client.force_login(be_translator())
    page = client.get(CHANGE)
    assert page.status_code == 200
    fields = set(page.context["adminform"].form.fields)
    assert "mission_be" in fields
    assert not {"mission_sq", "mission_en", "lead_story"} & fields
    data = change_form_data(page, mission_be="Мы злучаем людзей.")
    assert client.post(CHANGE, data).status_code == 302
    home.refresh_from_db()
    assert home.mission_be == "Мы злучаем людзей."
    # Another language's field and the lead story, forged into the post, change nothing.
    client.post(CHANGE, {**data, "mission_sq": "Falsifikim", "mission_en": "Forged", "lead_story": story.pk})
    home.refresh_from_db()
    assert (home.mission_sq, home.mission_en, home.lead_story) == (MISSION["mission_sq"], MISSION["mission_en"], None)
    assert client.get("/admin/portal/homepage/add/").status_code == 403
    assert client.post("/admin/portal/homepage/1/delete/", {"post": "yes"}).status_code == 403
