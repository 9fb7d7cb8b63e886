"""Translation status in the admin and the translators' permission boundaries."""

import pytest
from django import forms
from django.contrib.admin.sites import site
from django.contrib.auth.models import Group, User
from django.test import RequestFactory

from core import i18n
from core.models import Status
from editorial import translators
from editorial.options import answered_once
from portal.models import Page
from projects.models import Objective, Project
from tests.conftest import LANGUAGES
from tests.editorial.workflow_helpers import change_form_data
from tests.portal.factories import PageFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

ABOUT = {
    "title_be": "Офіс дэмакратычных сіл",
    "body_be": "<p>Офіс працуе з партнёрамі ў Вільні і Варшаве.</p>",
    "title_sq": "Zyra e forcave demokratike",
    "body_sq": "<p>Zyra punon me partnerët në Vilnius dhe Varshavë.</p>",
    "title_en": "Office of the democratic forces",
    "body_en": "<p>The Office works with partners in Vilnius and Warsaw.</p>",
    "source_language": "en",
}


def make_user(username, *groups, superuser=False):
    user = User.objects.create_user(username, f"{username}@ura.example.org", "secret-pass-123", is_staff=True)
    user.is_superuser = superuser
    user.save()
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def be_translator(client):
    user = make_user("alesia", "Translators (be)")
    client.force_login(user)
    return user


def test_per_language_translator_groups_exist_with_the_translators_permissions():
    base = set(Group.objects.get(name="Translators").permissions.values_list("codename", flat=True))
    assert "change_page" in base and "add_page" not in base and "can_publish" not in base
    for code in LANGUAGES:
        group = Group.objects.get(name=f"Translators ({code})")
        assert set(group.permissions.values_list("codename", flat=True)) == base


def test_translator_languages():
    assert translators.translator_languages(make_user("zana", "Translators")) == {"be", "sq", "en"}
    assert translators.translator_languages(make_user("alesia", "Translators (be)")) == {"be"}
    assert translators.translator_languages(make_user("driton", "Translators (sq)", "Translators (en)")) == {"sq", "en"}
    assert translators.translator_languages(make_user("editor", "Editors")) == frozenset()


# --- Status column and filter ------------------------------------------------------------


def test_changelist_shows_the_status_of_each_language(client):
    client.force_login(make_user("admin", superuser=True))
    page = PageFactory(**{**ABOUT, "title_sq": "", "body_sq": ""})
    page.body_en = "<p>The Office works with partners in Vilnius, Warsaw and Pristina.</p>"
    page.save()
    html = client.get("/admin/portal/page/").content.decode()
    url = f"/admin/portal/page/{page.pk}/change/"
    for code, status, label in (
        ("be", "outdated", "Belarusian: outdated"),
        ("sq", "missing", "Albanian: missing"),
        ("en", "complete", "English: complete"),
    ):
        # One badge per language: a link to the form in that language, named by its status.
        assert (
            f'<a class="tr-status tr-{status}" href="{url}?language={code}" title="{label}">{code.upper()}'
            f'<span class="tr-sign" aria-hidden="true"></span><span class="visually-hidden"> ({label})</span></a>'
        ) in html
    assert "editorial/translation.css" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [("be:outdated", {"outdated"}), ("be:missing", {"missing"}), ("be:complete", {"fresh"}), ("sq:missing", set())],
)
def test_changelist_filters_by_language_and_status(client, query, expected):
    client.force_login(make_user("admin", superuser=True))
    pages = {
        "fresh": PageFactory(**ABOUT),
        "missing": PageFactory(**{**ABOUT, "title_en": "Contacts", "title_be": "", "body_be": ""}),
        "outdated": PageFactory(**{**ABOUT, "title_en": "Help"}),
    }
    pages["outdated"].body_en = "<p>New English text.</p>"
    pages["outdated"].save()
    response = client.get(f"/admin/portal/page/?translation={query}")
    assert response.status_code == 200
    shown = set(response.context["cl"].queryset)
    assert shown == {pages[name] for name in expected}


def test_changelist_in_belarusian_is_translated(client):
    client.force_login(make_user("admin", superuser=True))
    PageFactory(**ABOUT)
    html = client.get("/admin/portal/page/", HTTP_ACCEPT_LANGUAGE="be").content.decode()
    assert "Беларуская: поўны" in html or "беларуская: поўны" in html
    assert "Пазначыць пераклады як актуальныя" in html


def test_unknown_filter_value_is_ignored(client):
    client.force_login(make_user("admin", superuser=True))
    assert client.get("/admin/portal/page/?translation=xx:nothing").status_code in (200, 302)


def test_action_marks_translations_as_up_to_date(client):
    client.force_login(make_user("admin", superuser=True))
    page = PageFactory(**ABOUT)
    page.body_en = "<p>The Office works with partners in Vilnius, Warsaw and Pristina.</p>"
    page.save()
    response = client.post(
        "/admin/portal/page/", {"action": "mark_translations_up_to_date", "_selected_action": [page.pk]}, follow=True
    )
    assert "The translations of 1 item are marked as up to date." in response.content.decode()
    page.refresh_from_db()
    assert i18n.translation_statuses(page) == {"be": "complete", "sq": "complete", "en": "complete"}


def test_editor_confirms_a_translation_on_the_change_form(client):
    client.force_login(make_user("admin", superuser=True))
    page = PageFactory(**ABOUT)
    page.body_en = "<p>The Office works with partners in Vilnius, Warsaw and Pristina.</p>"
    page.save()
    url = f"/admin/portal/page/{page.pk}/change/"
    response = client.get(url)
    assert 'name="confirm_translations" value="be"' in response.content.decode()
    response = client.post(url, change_form_data(response, confirm_translations=["sq"]))
    assert response.status_code == 302
    page.refresh_from_db()
    assert i18n.translation_status(page, "sq") == "complete"
    assert i18n.translation_status(page, "be") == "outdated"


# --- Translators' boundaries -----------------------------------------------------------


def test_language_translator_edits_only_their_language(client, be_translator):
    page = PageFactory(**ABOUT)
    url = f"/admin/portal/page/{page.pk}/change/"
    response = client.get(url)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert {"title_be", "slug_be", "body_be", "intro_be"} <= set(form.fields)
    assert not {"title_sq", "title_en", "body_en", "status", "publish_at", "source_language"} & set(form.fields)
    data = change_form_data(
        response,
        title_be="Офіс дэмакратычных сіл Беларусі",
        title_sq="Zyra e ndryshuar pa leje",
        status=Status.DRAFT,
        publish_at_0="01.01.2030",
        publish_at_1="10:00",
    )
    assert client.post(url, data).status_code == 302
    page.refresh_from_db()
    assert page.title_be == "Офіс дэмакратычных сіл Беларусі"
    assert page.title_sq == "Zyra e forcave demokratike"
    assert page.status == Status.PUBLISHED


def test_translator_sees_the_source_text_read_only(client, be_translator):
    page = PageFactory(**ABOUT)
    html = client.get(f"/admin/portal/page/{page.pk}/change/").content.decode()
    assert "The Office works with partners in Vilnius and Warsaw." in html
    assert 'name="title_en"' not in html


def test_all_languages_translator_edits_every_translation(client):
    client.force_login(make_user("zana", "Translators"))
    page = PageFactory(**ABOUT)
    response = client.get(f"/admin/portal/page/{page.pk}/change/")
    fields = set(response.context["adminform"].form.fields)
    assert {"title_be", "title_sq", "title_en"} <= fields
    assert "status" not in fields


def test_translator_cannot_add_delete_or_publish(client, be_translator):
    page = PageFactory(**ABOUT)
    assert client.get("/admin/portal/page/add/").status_code == 403
    assert client.get(f"/admin/portal/page/{page.pk}/delete/").status_code == 403
    assert client.post(f"/admin/portal/page/{page.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Page.objects.filter(pk=page.pk).exists()
    response = client.get("/admin/portal/page/")
    actions = [value for value, _label in response.context["action_form"].fields["action"].choices if value]
    # Marking as up to date, and exporting for translation (which changes nothing).
    assert actions == ["mark_translations_up_to_date", "export_for_translation"]
    response = client.post(
        "/admin/portal/page/", {"action": "delete_selected", "_selected_action": [page.pk], "post": "yes"}
    )
    assert Page.objects.filter(pk=page.pk).exists()


def test_translator_confirms_only_their_language(client, be_translator):
    page = PageFactory(**ABOUT)
    page.body_en = "<p>The Office works with partners in Vilnius, Warsaw and Pristina.</p>"
    page.save()
    client.post("/admin/portal/page/", {"action": "mark_translations_up_to_date", "_selected_action": [page.pk]})
    page.refresh_from_db()
    assert i18n.translation_status(page, "be") == "complete"
    assert i18n.translation_status(page, "sq") == "outdated"


def test_form_check_refuses_other_fields():
    user = make_user("alesia", "Translators (be)")
    request = RequestFactory().get("/admin/portal/page/1/change/")
    request.user = user
    page = PageFactory(**ABOUT)
    model_admin = site._registry[Page]
    form_class = model_admin.get_form(request, page, change=True)
    assert "status" not in form_class.base_fields
    form_class.base_fields["status"] = forms.CharField(required=False)
    form = form_class(
        data={"title_be": page.title_be, "slug_be": page.slug_be, "body_be": page.body_be, "status": "draft"},
        instance=page,
    )
    form.fields["status"] = forms.CharField(required=False)
    assert not form.is_valid()
    assert "As a translator you can change only the translations of your languages." in form.non_field_errors()


def test_editor_keeps_full_control(client):
    client.force_login(make_user("editor", "Editors"))
    page = PageFactory(**ABOUT)
    response = client.get(f"/admin/portal/page/{page.pk}/change/")
    assert {"status", "title_sq", "title_be"} <= set(response.context["adminform"].form.fields)


def test_translator_translates_a_project_and_its_objectives_only(client, be_translator):
    project = ProjectFactory(source_language="en")
    objective = Objective.objects.create(
        project=project, text_en="Open dialogue between communities.", text_sq="Dialog i hapur mes komuniteteve."
    )
    url = f"/admin/projects/project/{project.pk}/change/"
    response = client.get(url)
    assert response.status_code == 200
    fields = set(response.context["adminform"].form.fields)
    assert "title_be" in fields
    assert not {"start_date", "end_date", "status", "places", "topics", "our_role"} & fields
    for inline in response.context["inline_admin_formsets"]:
        assert not inline.formset.can_delete
        assert inline.has_add_permission is False
    data = change_form_data(response, title_be="Міжэтнічны дыялог у Прэшаве")
    assert not any(key.endswith("-text_en") for key in data)
    keys = [key for key in data if key.endswith("-text_be")]
    assert len(keys) == 1
    data[keys[0]] = "Адкрыты дыялог паміж супольнасцямі."
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    project.refresh_from_db()
    objective.refresh_from_db()
    assert project.title_be == "Міжэтнічны дыялог у Прэшаве"
    assert objective.text_be == "Адкрыты дыялог паміж супольнасцямі."
    assert objective.text_en == "Open dialogue between communities."
    assert Project.objects.get(pk=project.pk).status == Status.PUBLISHED


def test_an_admin_answer_is_worked_out_once_per_request(rf):
    first, second = rf.get("/admin/"), rf.get("/admin/")
    calls = []

    def work_out():
        calls.append(1)
        return len(calls)

    assert answered_once(first, "readonly", work_out) == 1
    assert answered_once(first, "readonly", work_out) == 1  # asked again in the same request
    assert answered_once(second, "readonly", work_out) == 2  # another request works it out anew
    assert answered_once(first, "readonly", work_out) == 3  # only the current request's answers are kept
