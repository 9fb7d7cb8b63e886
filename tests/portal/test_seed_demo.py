import io

import pytest
from django.apps import apps
from django.core.management import call_command

from partners.models import Organisation
from portal.models import Page

pytestmark = pytest.mark.django_db

OUR_APPS = ("portal", "partners", "projects", "news")


def snapshot():
    state = {}
    for app_label in OUR_APPS:
        for model in apps.get_app_config(app_label).get_models():
            state[model._meta.label] = list(model._base_manager.order_by("pk").values())
    return state


# demo_content is what `seed_demo` made in an empty database; the tests run it again on top.


def test_seed_demo_is_idempotent(demo_content):
    first = snapshot()
    call_command("seed_demo", verbosity=0)
    assert snapshot() == first


def test_seed_demo_command_runs_twice(demo_content):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "Projects: 4 (0 new)" in out.getvalue()


def test_seed_demo_creates_the_seed_organisations_in_three_languages(demo_content):
    kcss = Organisation.objects.get(slug_en="kosovar-centre-for-security-studies")
    assert kcss.name_sq == "Qendra Kosovare për Studime të Sigurisë"
    assert kcss.acronym_sq == "QKSS"
    assert kcss.name_be == "Косаўскі цэнтр даследаванняў бяспекі"
    for key in (
        "balkan-trust-for-democracy",
        "new-social-initiative",
        "partners-albania",
        "osce-mission-to-serbia",
        "eliamep",
    ):
        organisation = Organisation.objects.get(slug_en=key)
        assert organisation.name_be and organisation.name_sq and organisation.name_en
        assert organisation.slug_be and organisation.slug_sq


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("be", "Супрацоўніцтва з міжнароднымі партнёрамі"),
        ("sq", "Bashkëpunimi me partnerët ndërkombëtarë"),
        ("en", "Cooperation with international partners"),
    ],
)
def test_cooperation_page_is_published_in_each_language(client, demo_content, language, title):
    page = Page.objects.get(slug_en="cooperation-with-international-partners")
    response = client.get(f"/{language}/{getattr(page, f'slug_{language}')}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert title in html
    assert "MIR 1" in html and "PBILD" in html and "EU PROGRES" in html


def test_seed_demo_clears_what_earlier_demos_invented(client, media_root):
    from projects.models import Project, ProjectPartner

    call_command("seed_demo", verbosity=0)
    # As an earlier version of the demo left them: facts no seed page gives, an organisation no
    # seed page names (with a role), and a slug written by the old romanisation.
    office = Organisation.objects.filter(slug_en="office-of-sviatlana-tsikhanouskaya")
    office.update(
        kind="government", country="BY", website="https://tsikhanouskaya.org", description_en="<p>In exile.</p>"
    )
    ministry = Organisation.objects.filter(slug_en="ministry-of-foreign-affairs-of-kosovo")
    ministry.update(slug_be="ministerstva-zamiezhnych-spravau-i-dyjaspary-kosava")
    undp = Organisation.objects.create(name_en="UNDP", slug_en="united-nations-development-programme", kind="donor")
    project = Project.objects.get(slug_en="international-cooperation-in-presevo-bujanovac-and-medveda")
    ProjectPartner.objects.create(project=project, organisation=undp, role="implementing")

    call_command("seed_demo", verbosity=0)
    cleared = office.get()
    assert (cleared.kind, cleared.country, cleared.website, cleared.description_en) == ("", "", "", "")
    assert not Organisation.objects.filter(slug_en="united-nations-development-programme").exists()
    assert ministry.get().slug_be == "ministerstva-zamiezhnykh-sprau-kosava"
    response = client.get("/be/partners/ministerstva-zamiezhnych-spravau-i-dyjaspary-kosava/")
    assert response.status_code == 301
    assert response["Location"] == "/be/partners/ministerstva-zamiezhnykh-sprau-kosava/"
