"""Preview changes: the edited, unsaved item rendered with its public page, in each language, saving nothing."""

import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from reversion.models import Version

from core.models import Status
from editorial.forms import VERSION_FIELD
from library.models import Image as LibraryImage
from news.models import NewsItem
from portal.models import Page
from projects.models import Activity, Objective, Project
from tests.conftest import LANGUAGES
from tests.editorial.workflow_helpers import change_form_data, editor, make_user, translator
from tests.news.factories import NewsItemFactory, uploaded_image
from tests.partners.factories import OrganisationFactory
from tests.portal.factories import PageFactory, TopicFactory
from tests.projects.factories import ActivityFactory, ObjectiveFactory, ProjectFactory, ProjectPartnerFactory

pytestmark = pytest.mark.django_db


BANNER = {"en": "Preview — not public", "be": "Папярэдні прагляд — не апублікавана", "sq": "Parapamje — jo publike"}
UNSAVED = {
    "en": "These changes are not saved.",
    "be": "Гэтыя змены не захаваныя.",
    "sq": "Këto ndryshime nuk janë ruajtur.",
}
NEW_TITLES = {
    "en": "Belarusian and Kosovar civil society agree on a joint programme",
    "sq": "Shoqëria civile bjelloruse dhe kosovare bien dakord për një program të përbashkët",
    "be": "Беларуская і касоўская грамадзянская супольнасць дамовіліся пра сумесную праграму",
}
MODELS = {
    "news": (NewsItemFactory, "admin:news_newsitem"),
    "project": (ProjectFactory, "admin:projects_project"),
    "page": (PageFactory, "admin:portal_page"),
}
WRITES = ("INSERT", "UPDATE", "DELETE")


def admin_url(prefix, action, *args):
    return reverse(f"{prefix}_{action}", args=args)


def preview_url(prefix, obj, language):
    return admin_url(prefix, "preview", obj.pk, language)


def public_url(obj, language):
    with translation.override(language):
        return obj.get_absolute_url_for(language)


def writes(queries):
    return [query["sql"] for query in queries if query["sql"].lstrip().upper().startswith(WRITES)]


def open_form(client, prefix, obj):
    response = client.get(admin_url(prefix, "change", obj.pk))
    assert response.status_code == 200
    return response


# --- The preview --------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", MODELS)
def test_preview_shows_the_edited_title_in_each_language_and_saves_nothing(
    client, kind, language, django_assert_max_num_queries
):
    factory, prefix = MODELS[kind]
    obj = factory()
    old_title = getattr(obj, f"title_{language}")
    updated_at = obj.updated_at
    versions = Version.objects.count()
    client.force_login(editor())
    data = change_form_data(open_form(client, prefix, obj), **{f"title_{language}": NEW_TITLES[language]})

    with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(32):
        response = client.post(preview_url(prefix, obj, language), data)

    assert response.status_code == 200
    text = response.content.decode()
    assert f'<html lang="{language}">' in text
    assert NEW_TITLES[language] in text
    assert BANNER[language] in text
    assert UNSAVED[language] in text
    assert response["X-Robots-Tag"] == "noindex"
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    assert response["Content-Language"] == language
    assert '<meta name="robots" content="noindex">' in text
    assert not writes(queries.captured_queries)
    obj.refresh_from_db()
    assert getattr(obj, f"title_{language}") == old_title
    assert obj.updated_at == updated_at
    assert Version.objects.count() == versions


def test_visitors_see_the_saved_version_until_the_form_is_saved(client):
    item = NewsItemFactory(title_en="Delegation visit to Prishtina")
    client.force_login(editor())
    prefix = MODELS["news"][1]
    data = change_form_data(open_form(client, prefix, item), title_en=NEW_TITLES["en"])

    preview = client.post(preview_url(prefix, item, "en"), data)
    assert NEW_TITLES["en"] in preview.content.decode()

    client.logout()
    public = client.get(public_url(item, "en"))
    assert public.status_code == 200
    assert "Delegation visit to Prishtina" in public.content.decode()
    assert NEW_TITLES["en"] not in public.content.decode()

    # The same form data, saved: the loaded version is still the right one.
    client.force_login(editor("vesna"))
    saved = client.post(admin_url(prefix, "change", item.pk), data)
    assert saved.status_code == 302
    item.refresh_from_db()
    assert item.title_en == NEW_TITLES["en"]
    assert Version.objects.get_for_object(item).count() == 1
    client.logout()
    assert NEW_TITLES["en"] in client.get(public_url(item, "en")).content.decode()


def test_concurrency_check_is_untouched_by_a_preview(client):
    item = NewsItemFactory()
    prefix = MODELS["news"][1]
    client.force_login(editor())
    data = change_form_data(open_form(client, prefix, item), title_en=NEW_TITLES["en"])
    assert data[VERSION_FIELD]

    # Someone else saves in between: the preview still shows the editor's version ...
    other = NewsItem.objects.get(pk=item.pk)
    other.lead_en = "Another editor rewrote the lead."
    other.save()
    response = client.post(preview_url(prefix, item, "en"), data)
    assert response.status_code == 200
    assert NEW_TITLES["en"] in response.content.decode()

    # ... and saving is still refused until the editor has seen the other change.
    refused = client.post(admin_url(prefix, "change", item.pk), data)
    assert refused.status_code == 200
    assert "Someone else saved this item after you opened it" in refused.content.decode()
    item.refresh_from_db()
    assert item.title_en != NEW_TITLES["en"]


def test_draft_preview_says_it_stays_a_draft(client):
    page = PageFactory(status=Status.DRAFT, publish_at=None)
    prefix = MODELS["page"][1]
    client.force_login(editor())
    data = change_form_data(open_form(client, prefix, page), intro_en="A new introduction for the draft.")
    text = client.post(preview_url(prefix, page, "en"), data).content.decode()
    assert "A new introduction for the draft." in text
    assert "Saved like this, the item is a draft: visitors cannot see it." in text
    assert "Until then, visitors see the saved version." not in text


def test_a_future_publish_time_is_announced(client):
    item = NewsItemFactory()
    prefix = MODELS["news"][1]
    client.force_login(editor())
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    data = change_form_data(
        open_form(client, prefix, item),
        status=Status.PUBLISHED,
        publish_at_0=tomorrow.strftime("%Y-%m-%d"),
        publish_at_1="09:00:00",
    )
    text = client.post(preview_url(prefix, item, "en"), data).content.decode()
    assert "Saved like this, visitors will see it from" in text
    assert "Until then, visitors see the saved version." in text
    item.refresh_from_db()
    assert item.is_public


def test_rich_text_is_sanitised_in_the_preview(client):
    page = PageFactory()
    prefix = MODELS["page"][1]
    client.force_login(editor())
    data = change_form_data(
        open_form(client, prefix, page),
        body_sq='<p>Takim në Prishtinë<script>alert("x")</script><img src="x" onerror="alert(1)"></p>',
    )
    text = client.post(preview_url(prefix, page, "sq"), data).content.decode()
    assert "Takim në Prishtinë" in text
    assert 'alert("x")' not in text
    assert "onerror" not in text


def test_news_relations_come_from_the_form(client):
    kept, added = TopicFactory(), TopicFactory(name_en="Local democracy", name_sq="Demokracia lokale")
    partner = OrganisationFactory()
    item = NewsItemFactory()
    item.topics.add(kept)
    prefix = MODELS["news"][1]
    client.force_login(editor())
    data = change_form_data(open_form(client, prefix, item), topics=[str(added.pk)], organisations=[str(partner.pk)])
    text = client.post(preview_url(prefix, item, "sq"), data).content.decode()
    assert "Demokracia lokale" in text
    assert partner.name_sq in text
    assert list(item.topics.all()) == [kept]
    assert not item.organisations.exists()


# --- Projects: inline rows, unsaved ----------------------------------------------------


def project_with_rows(objectives=3):
    project = ProjectFactory()
    for _ in range(objectives):
        ObjectiveFactory(project=project)
    ActivityFactory(project=project, title_en="Round table in Viti")
    ProjectPartnerFactory(project=project)
    return project


def inline_prefix(response, model):
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.model is model:
            return inline.formset.prefix
    raise AssertionError(model)


@pytest.mark.parametrize("objectives", [3, 15])
def test_project_preview_shows_edited_added_and_removed_rows(client, objectives, django_assert_max_num_queries):
    project = project_with_rows(objectives)
    prefix = MODELS["project"][1]
    client.force_login(editor())
    form = open_form(client, prefix, project)
    objective_prefix = inline_prefix(form, Objective)
    activity_prefix = inline_prefix(form, Activity)
    data = change_form_data(
        form,
        **{
            f"{objective_prefix}-0-text_en": "Map how municipalities and civil society work together",
            f"{activity_prefix}-0-DELETE": "on",
            f"{activity_prefix}-TOTAL_FORMS": "2",
            f"{activity_prefix}-1-title_en": "Public event in Gračanica",
            f"{activity_prefix}-1-title_sq": "Ngjarje publike në Graçanicë",
            f"{activity_prefix}-1-title_be": "Публічная сустрэча ў Грачаніцы",
            f"{activity_prefix}-1-start_date": "2024-11-20",
            f"{activity_prefix}-1-order": "5",
        },
    )
    # Django's inline formsets look up each posted row by its id (one query a
    # row, as when saving); everything else does not grow with the rows.
    with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(45 + objectives):
        response = client.post(preview_url(prefix, project, "en"), data)
    assert response.status_code == 200, response.content.decode().split("errorlist")[-1][:1000]
    text = response.content.decode()
    assert "Map how municipalities and civil society work together" in text
    assert "Public event in Gračanica" in text
    assert "Round table in Viti" not in text
    assert text.count("<li>Objective ") == objectives - 1
    assert not writes(queries.captured_queries)
    assert Activity.objects.filter(project=project).get().title_en == "Round table in Viti"
    assert Objective.objects.filter(project=project).count() == objectives
    assert not Objective.objects.filter(text_en__startswith="Map how").exists()


# --- Images chosen in the form ------------------------------------------------------------


def stored_files(root):
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def test_a_new_image_is_shown_from_memory_and_never_stored(client, media_root):
    item = NewsItemFactory()
    prefix = MODELS["news"][1]
    client.force_login(editor())
    data = change_form_data(open_form(client, prefix, item))
    data["image_upload"] = uploaded_image("round-table.jpg", size=(1600, 900))
    data.update(image_alt_be="Круглы стол", image_alt_sq="Tryezë e rrumbullakët", image_alt_en="Round table")
    before = stored_files(media_root)

    response = client.post(preview_url(prefix, item, "en"), data)

    assert response.status_code == 200
    text = response.content.decode()
    assert 'src="data:image/webp;base64,' in text
    assert 'class="hero-image"' in text
    assert "img-src 'self' data:" in response["Content-Security-Policy"]
    assert stored_files(media_root) == before
    item.refresh_from_db()
    assert not item.image
    assert not LibraryImage.objects.exists()  # nothing went into the library either


def test_in_memory_images_are_shrunk_and_stripped(client, media_root):
    from tests.news.factories import gps_exif

    item = NewsItemFactory()
    prefix = MODELS["news"][1]
    client.force_login(editor())
    data = change_form_data(open_form(client, prefix, item))
    data["image_upload"] = uploaded_image("gps.jpg", size=(2400, 1200), exif=gps_exif())
    data.update(image_alt_be="Фота", image_alt_sq="Foto", image_alt_en="Photo")
    text = client.post(preview_url(prefix, item, "en"), data).content.decode()
    assert 'width="1000" height="500"' in text
    assert "Secret Camera 3000" not in text


def test_an_invalid_upload_gives_the_form_error(client):
    item = NewsItemFactory()
    prefix = MODELS["news"][1]
    client.force_login(editor())
    data = change_form_data(open_form(client, prefix, item))
    buffer = io.BytesIO(b"not an image at all")
    buffer.name = "photo.jpg"
    data["image_upload"] = buffer
    response = client.post(preview_url(prefix, item, "en"), data)
    assert response.status_code == 400
    assert "The preview cannot be shown" in response.content.decode()


# --- Invalid forms ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "The preview cannot be shown"),
        ("be", "Папярэдні прагляд немагчыма паказаць"),
        ("sq", "Parapamja nuk mund të shfaqet"),
    ],
)
def test_invalid_form_shows_translated_errors_not_a_500(client, language, heading):
    item = NewsItemFactory()
    prefix = MODELS["news"][1]
    client.force_login(editor())
    data = change_form_data(open_form(client, prefix, item), date="16.04.2025x")
    response = client.post(preview_url(prefix, item, "en"), data, headers={"accept-language": language})
    assert response.status_code == 400
    text = response.content.decode()
    assert heading in text
    with translation.override(language):
        assert str(NewsItem._meta.get_field("date").verbose_name).capitalize() in text
    assert response["X-Robots-Tag"] == "noindex"


def test_invalid_project_row_is_reported(client):
    project = project_with_rows(1)
    prefix = MODELS["project"][1]
    client.force_login(editor())
    form = open_form(client, prefix, project)
    activity_prefix = inline_prefix(form, Activity)
    data = change_form_data(form, **{f"{activity_prefix}-0-start_date": "not a date"})
    response = client.post(preview_url(prefix, project, "en"), data)
    assert response.status_code == 400
    assert "Activities, row 1" in response.content.decode()


# --- Permissions and requests ----------------------------------------------------------------


def test_preview_needs_post_csrf_login_and_change_permission(client):
    item = NewsItemFactory()
    prefix = MODELS["news"][1]
    url = preview_url(prefix, item, "en")
    client.force_login(editor())
    data = change_form_data(open_form(client, prefix, item))
    assert client.get(url).status_code == 405

    client.logout()
    anonymous = client.post(url, data)
    assert anonymous.status_code == 302
    assert "/admin/login/" in anonymous["Location"]

    viewer = make_user("clerk")
    viewer.user_permissions.add(Permission.objects.get(codename="view_newsitem"))
    client.force_login(viewer)
    assert client.post(url, data).status_code == 403

    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor("vesna"))
    assert strict.post(url, data).status_code == 403


def test_unknown_language_object_or_model_without_public_page_gives_404(client):
    item = NewsItemFactory()
    prefix = MODELS["news"][1]
    client.force_login(make_user("root", superuser=True))
    data = change_form_data(open_form(client, prefix, item))
    assert client.post(preview_url(prefix, item, "de"), data).status_code == 404
    assert client.post(admin_url(prefix, "preview", 999999, "en"), data).status_code == 404
    topic = TopicFactory()
    assert client.post(admin_url("admin:core_topic", "preview", topic.pk, "en"), {}).status_code == 404


def test_translators_preview_their_translation(client):
    page = PageFactory()
    prefix = MODELS["page"][1]
    client.force_login(translator())
    data = change_form_data(open_form(client, prefix, page), title_sq="Rreth nesh: bashkëpunimi civil")
    response = client.post(preview_url(prefix, page, "sq"), data)
    assert response.status_code == 200
    assert "Rreth nesh: bashkëpunimi civil" in response.content.decode()
    assert Page.objects.get(pk=page.pk).title_sq != "Rreth nesh: bashkëpunimi civil"


# --- The buttons on the change form -----------------------------------------------------------


@pytest.mark.parametrize("kind", MODELS)
def test_change_form_has_a_preview_button_per_language_after_save(client, kind):
    factory, prefix = MODELS[kind]
    obj = factory()
    client.force_login(editor())
    text = open_form(client, prefix, obj).content.decode()
    for language in [*LANGUAGES, "be-latn"]:  # and Belarusian in Łacinka
        url = preview_url(prefix, obj, language)
        assert f'formaction="{url}"' in text
    assert text.count('formtarget="_blank"') == 2 * (len(LANGUAGES) + 1)  # top and bottom rows
    # Enter in a field still saves: the first submit button of the form is Save.
    form = text[text.index(f'id="{obj._meta.model_name}_form"') :]
    first_submit = form.index('type="submit"')
    assert 'name="_save"' in form[first_submit - 100 : first_submit + 100]
    assert form.index('name="_save"') < form.index("workflow-preview-button")


def test_no_preview_buttons_without_change_permission(client):
    item = NewsItemFactory()
    prefix = MODELS["news"][1]
    viewer = make_user("clerk")
    viewer.user_permissions.add(Permission.objects.get(codename="view_newsitem"))
    client.force_login(viewer)
    assert "workflow-preview" not in open_form(client, prefix, item).content.decode()
    assert client.post(reverse(f"{prefix}_preview_new", args=["en"]), {}).status_code == 403


@pytest.mark.parametrize("language", [*LANGUAGES, "be-latn"])
def test_the_add_form_previews_a_new_item_and_saves_nothing(client, language):
    prefix = MODELS["news"][1]
    client.force_login(editor())
    add = client.get(reverse(f"{prefix}_add"))
    assert f'formaction="{reverse(f"{prefix}_preview_new", args=[language])}"' in add.content.decode()
    data = change_form_data(add, **{f"title_{code}": NEW_TITLES[code] for code in LANGUAGES}, date="2025-04-16")
    data["body_be"] = '<p>Тэкст.</p><p><a href="https://vimeo.com/76979871">Відэа</a></p>'
    for name in ("organisations", "projects", "topics"):  # none chosen: a browser sends nothing
        data.pop(name)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse(f"{prefix}_preview_new", args=[language]), data)
    assert response.status_code == 200, response.content.decode().split("errorlist")[-1][:1000]
    text = response.content.decode()
    if language == "be-latn":
        assert 'lang="be-Latn"' in text and "Biełaruskaja i kasoŭskaja hramadzianskaja supolnasć" in text
        assert response["Content-Language"] == "be-Latn"
    else:
        assert NEW_TITLES[language] in text and BANNER[language] in text
    if language.startswith("be"):
        assert 'data-embed-src="https://player.vimeo.com/video/76979871' in text
    assert not NewsItem.objects.exists()
    assert writes(queries.captured_queries) == []


def test_the_add_form_preview_shows_the_form_errors(client):
    prefix = MODELS["news"][1]
    client.force_login(editor())
    data = change_form_data(client.get(reverse(f"{prefix}_add")), date="not a date")
    response = client.post(reverse(f"{prefix}_preview_new", args=["en"]), data)
    assert response.status_code == 400
    assert not NewsItem.objects.exists()


def test_buttons_are_translated(client):
    item = NewsItemFactory()
    prefix = MODELS["news"][1]
    client.force_login(editor())
    text = client.get(admin_url(prefix, "change", item.pk), headers={"accept-language": "be"}).content.decode()
    assert "Папярэдні прагляд формы, як яна ёсць цяпер" in text
    assert '<span lang="sq">Shqip</span>' in text


def test_project_model_is_unchanged_after_many_previews(client):
    project = project_with_rows(2)
    prefix = MODELS["project"][1]
    client.force_login(editor())
    data = change_form_data(open_form(client, prefix, project), title_en="Dialogue across communities")
    for language in LANGUAGES:
        assert client.post(preview_url(prefix, project, language), data).status_code == 200
    assert Project.objects.get(pk=project.pk).title_en == project.title_en
    assert not Version.objects.get_for_object(project).exists()


def test_organisations_preview_their_public_page_too(client):
    organisation = OrganisationFactory()
    prefix = "admin:partners_organisation"
    client.force_login(editor())
    data = change_form_data(open_form(client, prefix, organisation), name_be="Гандлёвая палата Косава")
    response = client.post(preview_url(prefix, organisation, "be"), data)
    assert response.status_code == 200
    assert "Гандлёвая палата Косава" in response.content.decode()
    assert BANNER["be"] in response.content.decode()
