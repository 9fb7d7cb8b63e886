"""History with compare and restore, and recovery of deleted items."""

import pytest
from django.urls import reverse
from reversion.models import Version

from core.models import Status
from news.models import NewsItem
from partners.models import Organisation
from portal.models import Page
from projects.models import Objective, Project
from tests.conftest import LANGUAGES
from tests.editorial.workflow_helpers import change_form_data, editor
from tests.news.factories import NewsItemFactory
from tests.partners.factories import OrganisationFactory
from tests.portal.factories import PageFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def admin_save(client, obj, **changes):
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    response = client.post(url, change_form_data(client.get(url), **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    obj.refresh_from_db()
    return obj


@pytest.mark.parametrize(
    "factory,field",
    [
        (NewsItemFactory, "title_sq"),
        (PageFactory, "title_sq"),
        (ProjectFactory, "title_sq"),
        (OrganisationFactory, "name_sq"),
    ],
)
def test_every_admin_save_is_a_version(client, factory, field):
    obj = factory()
    client.force_login(editor())
    admin_save(client, obj)
    admin_save(client, obj, **{field: "Vizitë në Prishtinë"})
    versions = Version.objects.get_for_object(obj)
    assert versions.count() == 2
    assert versions.first().revision.user.username == "vera"


@pytest.mark.parametrize("language", LANGUAGES)
def test_history_lists_changed_fields_and_compare_shows_them_per_language(
    client, language, django_assert_max_num_queries
):
    item = NewsItemFactory(title_sq="Vizita e delegacionit", title_be="Візіт дэлегацыі")
    client.force_login(editor())
    admin_save(client, item)
    admin_save(client, item, title_sq="Delegacioni i forcave demokratike bjelloruse në Prishtinë")
    history_url = reverse("admin:news_newsitem_history", args=[item.pk])
    with django_assert_max_num_queries(40):
        history = client.get(history_url, headers={"accept-language": language})
    assert history.status_code == 200
    rows = history.context["version_rows"]
    assert len(rows) == 2
    newest, oldest = rows
    assert newest["is_current"] and not oldest["is_current"]
    assert newest["compare_url"] in history.content.decode()
    assert oldest["restore_url"] in history.content.decode()

    compare = client.get(newest["compare_url"], headers={"accept-language": language})
    assert compare.status_code == 200
    changes = compare.context["changes"]
    assert len(changes) == 1
    assert changes[0]["before"] == "Vizita e delegacionit"
    assert changes[0]["after"] == "Delegacioni i forcave demokratike bjelloruse në Prishtinë"
    assert changes[0]["language"] == {"be": "Албанская", "sq": "Shqip", "en": "Albanian"}[language]
    text = compare.content.decode()
    assert "Delegacioni i forcave demokratike bjelloruse në Prishtinë" in text

    against_current = client.get(oldest["compare_url"], {"against": "current"})
    assert [change["after"] for change in against_current.context["changes"]] == [
        "Delegacioni i forcave demokratike bjelloruse në Prishtinë"
    ]
    assert client.get(oldest["compare_url"], {"against": "nonsense"}).status_code == 404


def test_compare_of_an_unknown_version_is_404(client):
    item = NewsItemFactory()
    client.force_login(editor())
    assert client.get(reverse("admin:news_newsitem_compare", args=[item.pk, 999999])).status_code == 404


def test_restore_a_previous_version(client):
    page = PageFactory(title_en="About the office", body_en="<p>The office works in Vilnius.</p>")
    client.force_login(editor())
    admin_save(client, page)
    admin_save(client, page, title_en="About us", body_en="<p>Changed by mistake.</p>")
    oldest = Version.objects.get_for_object(page).last()
    url = reverse("admin:portal_page_revision", args=[page.pk, oldest.pk])
    form = client.get(url)
    assert form.status_code == 200
    data = change_form_data(form)
    assert data["title_en"] == "About the office"
    assert client.post(form.context["form_url"], data).status_code == 302
    page.refresh_from_db()
    assert page.title_en == "About the office"
    assert page.body_en == "<p>The office works in Vilnius.</p>"
    latest = Version.objects.get_for_object(page).first()
    assert "Restored the version of" in latest.revision.get_comment()


def test_restore_a_project_brings_back_its_objectives(client):
    project = ProjectFactory()
    Objective.objects.create(project=project, text_en="Strengthen interethnic dialogue", order=1)
    client.force_login(editor())
    admin_save(client, project)
    version_with_objective = Version.objects.get_for_object(project).first()
    assert any(v.content_type.model_class() is Objective for v in version_with_objective.revision.version_set.all())
    project.objectives.all().delete()
    admin_save(client, project, title_en="Dialogue without objectives")

    compare = client.get(
        reverse("admin:projects_project_compare", args=[project.pk, version_with_objective.pk]), {"against": "current"}
    )
    labels = [change["label"] for change in compare.context["changes"]]
    assert "Objectives" in labels

    url = reverse("admin:projects_project_revision", args=[project.pk, version_with_objective.pk])
    form = client.get(url)
    assert client.post(form.context["form_url"], change_form_data(form)).status_code == 302
    assert list(project.objectives.values_list("text_en", flat=True)) == ["Strengthen interethnic dialogue"]


@pytest.mark.parametrize(
    "factory,model,admin_name",
    [
        (NewsItemFactory, NewsItem, "news_newsitem"),
        (PageFactory, Page, "portal_page"),
        (ProjectFactory, Project, "projects_project"),
        (OrganisationFactory, Organisation, "partners_organisation"),
    ],
)
def test_recover_a_deleted_item(client, factory, model, admin_name):
    obj = factory()
    client.force_login(editor())
    admin_save(client, obj)
    delete_url = reverse(f"admin:{admin_name}_delete", args=[obj.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not model.objects.filter(pk=obj.pk).exists()

    changelist = client.get(reverse(f"admin:{admin_name}_changelist")).content.decode()
    recover_list_url = reverse(f"admin:{admin_name}_recoverlist")
    assert recover_list_url in changelist
    recover_list = client.get(recover_list_url)
    assert recover_list.status_code == 200
    version = Version.objects.get_deleted(model).first()
    recover_url = reverse(f"admin:{admin_name}_recover", args=[version.pk])
    assert recover_url in recover_list.content.decode()
    assert client.post(recover_url, change_form_data(client.get(recover_url))).status_code == 302
    assert model.objects.filter(pk=obj.pk).exists()


def test_actions_are_versioned_with_a_comment(client):
    item = NewsItemFactory(status=Status.DRAFT, publish_at=None)
    client.force_login(editor())
    client.post(reverse("admin:news_newsitem_changelist"), {"action": "publish_now", "_selected_action": [item.pk]})
    version = Version.objects.get_for_object(item).first()
    assert version.revision.get_comment() == "Published."
    assert version.field_dict["status"] == Status.PUBLISHED
