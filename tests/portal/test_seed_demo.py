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
