"""Every admin path obeys the same rules (docs/editorial-rules.md has the table).

An editor without the publish permission must not publish, schedule or
unpublish anything, by any URL; a translator of one language must not change
anything but that language's text. The first tests reproduce the outside
audit's recover bypass; the last walks every admin URL the resolver knows, as
each role, with the forms as the browser would post them and with forged
posts, and checks after each request that publication and the other languages
are as they were.
"""

import datetime

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from reversion.models import Version

from core import i18n
from core.models import Publishable, Status
from editorial import catalogue
from editorial.models import CatalogueEdit, ScheduledChange
from editorial.roles import CONTENT_APPS, PUBLISH_CODENAME
from editorial.translators import language_group_name
from news.models import NewsItem
from partners.models import Organisation
from projects.models import Objective, Project
from tests.editorial.workflow_helpers import change_form_data, editor, make_user
from tests.news.factories import NewsItemFactory
from tests.projects.factories import ProjectFactory

FORGED = "Падробка / Falsifikim"


def no_publish_editor(username="nadia"):
    """Staff with every content permission but publishing (the audit's `nopub`)."""
    user = make_user(username)
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label__in=CONTENT_APPS).exclude(codename=PUBLISH_CODENAME)
    )
    return user


def be_translator(username="alesia"):
    return make_user(username, language_group_name("be"))


def publish_together(client, *items):
    """The bulk action "Publish now" on several items: one revision holds them all."""
    model = type(items[0])
    opts = model._meta
    response = client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        {"action": "publish_now", "_selected_action": [item.pk for item in items]},
    )
    assert response.status_code == 302


def post_form(client, url, **changes):
    page = client.get(url)
    assert page.status_code == 200
    return page, client.post(url, change_form_data(page, **changes))


# --- The audit's reproductions (F1) ---------------------------------------------


@pytest.mark.django_db
def test_recover_refuses_a_version_of_an_item_that_still_exists(client):
    """Reproduction 1: a version from a bulk revision, of an item that was never deleted."""
    a, b = NewsItemFactory(status=Status.DRAFT), NewsItemFactory(status=Status.DRAFT)
    client.force_login(editor("vera"))
    publish_together(client, a, b)
    NewsItem.objects.filter(pk=b.pk).update(status=Status.DRAFT)
    version_of_a = Version.objects.get_for_object(a).first()
    client.force_login(no_publish_editor())
    url = reverse("admin:news_newsitem_recover", args=[version_of_a.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"title_en": "x"}).status_code == 404
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == (Status.PUBLISHED, Status.DRAFT)
    client.logout()
    assert client.get(b.get_absolute_url_for("en")).status_code == 404


@pytest.mark.django_db
def test_recover_brings_back_only_the_deleted_item_of_a_bulk_revision(client):
    a, b = NewsItemFactory(status=Status.DRAFT), NewsItemFactory(status=Status.DRAFT, title_en="Statement B")
    client.force_login(editor("vera"))
    publish_together(client, a, b)
    NewsItem.objects.filter(pk=b.pk).update(status=Status.DRAFT, title_en="Statement B, reworded")
    assert client.post(reverse("admin:news_newsitem_delete", args=[a.pk]), {"post": "yes"}).status_code == 302
    version_of_a = Version.objects.get_deleted(NewsItem).get(object_id=str(a.pk))
    assert {v.object_id for v in version_of_a.revision.version_set.all()} >= {str(a.pk), str(b.pk)}

    client.force_login(no_publish_editor())
    url = reverse("admin:news_newsitem_recover", args=[version_of_a.pk])
    page, response = post_form(client, url)
    assert response.status_code == 302
    assert "comes back as a draft" in page.content.decode()
    a = NewsItem.objects.get(pk=a.pk)
    b.refresh_from_db()
    assert a.status == Status.DRAFT
    assert (b.status, b.title_en) == (Status.DRAFT, "Statement B, reworded")
    assert Version.objects.get_for_object(a).first().revision.get_comment().startswith("Recovered as a draft")
    client.logout()
    assert client.get(a.get_absolute_url_for("en")).status_code == 404
    assert client.get(b.get_absolute_url_for("en")).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("admin_name", ["partners_organisation", "projects_project", "portal_page"])
def test_recover_refuses_a_version_of_another_model(client, admin_name):
    """Reproduction 2: a news version through another admin's recover URL."""
    item = NewsItemFactory(status=Status.PUBLISHED)
    client.force_login(editor("vera"))
    client.post(reverse("admin:news_newsitem_delete", args=[item.pk]), {"post": "yes"})
    other = NewsItemFactory(status=Status.DRAFT)
    publish_together(client, other)
    NewsItem.objects.filter(pk=other.pk).update(status=Status.DRAFT)
    client.force_login(no_publish_editor())
    for version in Version.objects.get_for_model(NewsItem):
        url = reverse(f"admin:{admin_name}_recover", args=[version.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {}).status_code == 404
    assert not NewsItem.objects.filter(pk=item.pk).exists()
    other.refresh_from_db()
    assert other.status == Status.DRAFT


@pytest.mark.django_db
def test_an_older_version_of_a_deleted_item_is_not_recoverable(client):
    item = NewsItemFactory(status=Status.DRAFT, title_en="First title")
    client.force_login(editor("vera"))
    _page, _response = post_form(client, reverse("admin:news_newsitem_change", args=[item.pk]))
    post_form(client, reverse("admin:news_newsitem_change", args=[item.pk]), title_en="Second title")
    client.post(reverse("admin:news_newsitem_delete", args=[item.pk]), {"post": "yes"})
    older, latest = Version.objects.get_for_object_reference(NewsItem, item.pk).order_by("pk")
    assert client.get(reverse("admin:news_newsitem_recover", args=[older.pk])).status_code == 404
    assert client.get(reverse("admin:news_newsitem_recover", args=[latest.pk])).status_code == 200


@pytest.mark.django_db
def test_recover_brings_back_the_items_own_rows_only(client):
    project = ProjectFactory(status=Status.DRAFT)
    Objective.objects.create(project=project, text_en="Strengthen dialogue", order=1)
    sibling = ProjectFactory(status=Status.DRAFT, title_en="Sibling project")
    Objective.objects.create(project=sibling, text_en="Sibling objective", order=1)
    client.force_login(editor("vera"))
    publish_together(client, project, sibling)
    Project.objects.filter(pk=sibling.pk).update(status=Status.DRAFT)
    Objective.objects.filter(project=sibling).update(text_en="Sibling objective, reworded")
    response = client.post(reverse("admin:projects_project_delete", args=[project.pk]), {"post": "yes"})
    assert response.status_code == 302, response.content.decode()[-3000:]
    version = Version.objects.get_deleted(Project).get(object_id=str(project.pk))
    client.force_login(no_publish_editor())
    _page, response = post_form(client, reverse("admin:projects_project_recover", args=[version.pk]))
    assert response.status_code == 302
    recovered = Project.objects.get(pk=project.pk)
    assert recovered.status == Status.DRAFT
    assert list(recovered.objectives.values_list("text_en", flat=True)) == ["Strengthen dialogue"]
    sibling.refresh_from_db()
    assert sibling.status == Status.DRAFT
    assert list(sibling.objectives.values_list("text_en", flat=True)) == ["Sibling objective, reworded"]


@pytest.mark.django_db
def test_opening_the_recover_page_writes_nothing(client):
    item = NewsItemFactory(status=Status.PUBLISHED)
    client.force_login(editor("vera"))
    post_form(client, reverse("admin:news_newsitem_change", args=[item.pk]))
    client.post(reverse("admin:news_newsitem_delete", args=[item.pk]), {"post": "yes"})
    version = Version.objects.get_deleted(NewsItem).get()
    assert client.get(reverse("admin:news_newsitem_recover", args=[version.pk])).status_code == 200
    assert not NewsItem.objects.filter(pk=item.pk).exists()


@pytest.mark.django_db
def test_a_recover_that_cannot_be_saved_is_a_message(client):
    """Another item took the address since: a message on the list of deleted items, not a 500."""
    item = NewsItemFactory(status=Status.DRAFT)
    client.force_login(editor("vera"))
    post_form(client, reverse("admin:news_newsitem_change", args=[item.pk]))
    client.post(reverse("admin:news_newsitem_delete", args=[item.pk]), {"post": "yes"})
    NewsItemFactory(slug_en=item.slug_en)
    version = Version.objects.get_deleted(NewsItem).get(object_id=str(item.pk))
    response = client.get(reverse("admin:news_newsitem_recover", args=[version.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:news_newsitem_recoverlist")
    assert "cannot be recovered" in response.content.decode()
    assert not NewsItem.objects.filter(pk=item.pk).exists()


@pytest.mark.django_db
def test_without_the_publish_permission_a_public_item_cannot_be_deleted(client):
    public, draft = NewsItemFactory(status=Status.PUBLISHED), NewsItemFactory(status=Status.DRAFT)
    client.force_login(no_publish_editor())
    assert client.post(reverse("admin:news_newsitem_delete", args=[public.pk]), {"post": "yes"}).status_code == 403
    client.post(
        reverse("admin:news_newsitem_changelist"),
        {"action": "delete_selected", "_selected_action": [public.pk, draft.pk], "post": "yes"},
    )
    assert NewsItem.objects.filter(pk__in=[public.pk, draft.pk]).count() == 2
    assert client.post(reverse("admin:news_newsitem_delete", args=[draft.pk]), {"post": "yes"}).status_code == 302
    assert not NewsItem.objects.filter(pk=draft.pk).exists()


# --- Every admin URL, every role -------------------------------------------------

# Bookkeeping a translator's own edit changes; not "another language".
BOOKKEEPING = {"updated_at", "translation_sources"}


def editorial_models():
    return [model for model, model_admin in admin.site._registry.items() if i18n.translated_fields(model)]


def rows_state(model, translator_language):
    """{pk: values} of the fields a translator of `translator_language` may not change."""
    base_names = set(i18n.translated_fields(model))
    names = [
        field.attname
        for field in model._meta.concrete_fields
        if field.attname not in BOOKKEEPING
        and field.attname not in base_names
        and not field.attname.endswith(f"_{translator_language}")
    ]
    return {row["pk"]: row for row in model._base_manager.values("pk", *names)}


def publication_state():
    """What visitors may see: {(model, pk): (status, publish time, expiry time)} of every publishable item."""
    state = {}
    for model in apps.get_models():
        if issubclass(model, Publishable):
            for pk, *publication in model._base_manager.values_list("pk", "status", "publish_at", "expire_at"):
                state[(model._meta.label, pk)] = tuple(publication)
    return state


def translator_state(language):
    state = {}
    for model in apps.get_models():
        if i18n.translated_fields(model):
            state[model._meta.label] = rows_state(model, language)
    state["catalogue"] = sorted(
        CatalogueEdit.objects.exclude(language=language).values_list("language", "msgid", "msgstr")
    )
    return state


def check_publication(before, after, url):
    """Nothing published, scheduled, unpublished or taken off the site (a recovered item comes back as a draft)."""
    for key, publication in after.items():
        status = publication[0]
        if key not in before:
            assert status == Status.DRAFT, f"{url} brought back {key} as {status}"
        else:
            assert publication == before[key] or status == before[key][0] == Status.DRAFT, (
                f"{url} changed the publication of {key}: {before[key]} -> {publication}"
            )
    for key, (status, *_times) in before.items():
        if key not in after:
            assert status == Status.DRAFT, f"{url} deleted the public item {key}"


def admin_patterns():
    """(pattern, url name) of every admin URL, from the resolver."""

    def walk(resolver, prefix):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern, prefix + [pattern])
            elif isinstance(pattern, URLPattern):
                yield prefix + [pattern]

    for chain in walk(get_resolver(), []):
        route = "".join(str(part.pattern) for part in chain)
        if route.startswith("admin/"):
            yield route, chain[-1].name


class World:
    """Demo content plus history: a bulk revision, saved versions, deleted items."""

    def __init__(self):
        self.editor = editor("vera")
        client = Client()
        client.force_login(self.editor)
        self.items = {}
        for model in editorial_models():
            objects = list(model._base_manager.order_by("pk")[:2])
            if issubclass(model, Publishable) and len(objects) == 2:
                model._base_manager.filter(pk=objects[1].pk).update(status=Status.DRAFT, publish_at=None)
                model._base_manager.filter(pk=objects[0].pk).update(
                    status=Status.PUBLISHED, publish_at=timezone.now() - datetime.timedelta(days=1)
                )
            self.items[model] = [obj.pk for obj in objects]
            for pk in self.items[model]:
                opts = model._meta
                url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk])
                page = client.get(url)
                client.post(url, change_form_data(page))
        # The demo has two news items (the seeds give no more); the bulk revision needs two others.
        for number in range(NewsItem._base_manager.count(), 4):
            NewsItemFactory(title_en=f"Meeting on procurement {number}", status=Status.DRAFT, publish_at=None)
        news = NewsItem.objects.order_by("pk")
        bulk = [news[2], news[3]]
        client.post(
            reverse("admin:news_newsitem_changelist"),
            {"action": "publish_now", "_selected_action": [item.pk for item in bulk]},
        )
        NewsItem.objects.filter(pk=bulk[1].pk).update(status=Status.DRAFT)
        client.post(reverse("admin:news_newsitem_delete", args=[bulk[0].pk]), {"post": "yes"})
        for model in (Project, Organisation):
            last = model._base_manager.order_by("-pk").first()
            opts = model._meta
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[last.pk])
            client.post(url, change_form_data(client.get(url)))
            client.post(reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[last.pk]), {"post": "yes"})
        self.bulk_survivor = Version.objects.get_for_object(bulk[1]).first().pk
        self.deleted = {
            model: list(Version.objects.get_deleted(model).values_list("pk", flat=True)) for model in self.items
        }
        self.catalogue_keys = {code: catalogue.entries(code)[0].key for code in ("be", "sq", "en")}

    def probe_versions(self, model):
        """Versions to try on a route of `model`: its items' own, a bulk revision's, another model's, deleted ones."""
        own = [
            Version.objects.get_for_object_reference(model, pk).values_list("pk", flat=True).first()
            for pk in self.items.get(model, [])
        ]
        foreign = next(versions[0] for other, versions in self.deleted.items() if other is not model and versions)
        probes = [*own, self.bulk_survivor, foreign, *self.deleted.get(model, [])]
        return [str(pk) for pk in dict.fromkeys(probes) if pk is not None]

    def model_of(self, route):
        parts = route.split("/")
        if len(parts) > 3:
            try:
                return apps.get_model(parts[1], parts[2])
            except (LookupError, ValueError):
                return None
        return None

    def urls(self, route, user):
        """Concrete URLs for one admin route (several where it takes ids)."""
        model = self.model_of(route)
        ids = [str(pk) for pk in self.items.get(model, [])] or [str(user.pk)]
        versions = self.probe_versions(model)
        filled = [route]
        for placeholder, values in (
            ("<path:object_id>", ids),
            ("<path:content_type_id>", ["1"]),
            ("<int:version_id>", versions),
            (r"^([^/]+)/history/(\d+)/$", [f"{pk}/history/{version}/" for pk in ids for version in versions]),
            (r"^recover/(\d+)/$", [f"recover/{version}/" for version in versions]),
            ("^recover/$", ["recover/"]),
            ("<str:language>/<str:key>/", [f"{code}/{key}/" for code, key in self.catalogue_keys.items()]),
            ("<str:language>", ["be", "sq", "en"]),
            ("<id>", [str(self.editor.pk)]),
        ):
            filled = (
                [url.replace(placeholder, value) for url in filled for value in values]
                if any(placeholder in url for url in filled)
                else filled
            )
        return ["/" + url for url in filled if "<" not in url and "(?P" not in url and not url.endswith("$")]


def forged_posts(page, model, language, changelist):
    """What a user might post to a page: its form with forged changes, and raw forged fields."""
    publish_now = timezone.localtime()
    forged = {
        "status": Status.PUBLISHED,
        "publish_at_0": publish_now.strftime("%Y-%m-%d"),
        "publish_at_1": publish_now.strftime("%H:%M"),
        "expire_at_0": publish_now.strftime("%Y-%m-%d"),
        "expire_at_1": "23:59",
        "_publication": "publish",
        "_take_down": "1",
        "_selected_action": [],
        "post": "yes",
        "msgstr": FORGED,
    }
    if model is not None:
        for field in i18n.translated_fields(model):
            for code in i18n.LANGUAGE_CODES:
                if code != language:
                    forged[i18n.localized(field, code)] = FORGED
        forged["_selected_action"] = [str(pk) for pk in model._base_manager.values_list("pk", flat=True)]
    posts = []
    context = getattr(page, "context", None)
    if context is not None and "adminform" in context:
        data = change_form_data(page)
        posts.append({**data, **{k: v for k, v in forged.items() if k != "_selected_action"}})
        posts.append({**data, "status": Status.DRAFT})
        posts.append({**data, "_publication": "unpublish"})
        later = publish_now + datetime.timedelta(days=2)
        posts.append(
            {
                **data,
                "_publication": "schedule-change",
                "publish_at_0": later.strftime("%Y-%m-%d"),
                "publish_at_1": "09:00",
                **{k: v for k, v in forged.items() if k.endswith("_en") or k.endswith("_sq")},
            }
        )
    if changelist and issubclass(model, Publishable):
        for action in ("publish_now", "schedule", "unpublish", "delete_selected", "mark_translations_up_to_date"):
            posts.append({**forged, "action": action})
    posts.append(forged)
    return posts


@pytest.fixture(scope="module")
def world(demo_content, django_db_blocker):
    with django_db_blocker.unblock():
        return World()


SKIPPED = {"logout"}  # ends the session the walk runs in


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["no_publish", "translator_be"])
def test_every_admin_url_keeps_publication_and_other_languages(client, world, role):
    user = no_publish_editor("nadia") if role == "no_publish" else be_translator("alesia")
    client.force_login(user)
    language = "be" if role == "translator_be" else None
    walked = 0
    for route, name in admin_patterns():
        if name in SKIPPED:
            continue
        model = world.model_of(route)
        for url in world.urls(route, user):
            before = publication_state()
            before_text = translator_state("be") if language else None
            page = client.get(url)
            assert page.status_code < 500, url
            changelist = name is not None and name.endswith("_changelist")
            for data in forged_posts(page, model, language or "be", changelist):
                response = client.post(url, data)
                assert response.status_code < 500, url
            check_publication(before, publication_state(), url)
            assert not ScheduledChange.objects.exists(), f"{url} scheduled a change"
            if language:
                assert translator_state("be") == before_text, f"{url} changed another language"
            walked += 1
    assert walked > 300
