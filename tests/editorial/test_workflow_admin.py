"""Publishing workflow in the admin: permissions, actions, warnings, concurrent edits, dashboard."""

import datetime
import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from core.i18n import untranslated_languages
from core.models import Status
from editorial.diff import version_token
from editorial.forms import VERSION_FIELD
from news.models import NewsItem
from projects.models import Objective
from tests.conftest import LANGUAGES
from tests.editorial.workflow_helpers import change_form_data, editor, make_user, translator
from tests.news.factories import NewsItemFactory
from tests.portal.factories import PageFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

NEWS_CHANGE = "admin:news_newsitem_change"
NEWS_LIST = "admin:news_newsitem_changelist"


def draft_news(**kwargs):
    kwargs.setdefault("status", Status.DRAFT)
    kwargs.setdefault("publish_at", None)
    kwargs.setdefault("body_sq", "<p>Ata diskutuan bashkëpunimin.</p>")
    kwargs.setdefault("body_be", "<p>Яны абмеркавалі супрацоўніцтва.</p>")
    return NewsItemFactory(**kwargs)


def action(client, name, items, url_name=NEWS_LIST):
    return client.post(
        reverse(url_name),
        {"action": name, "_selected_action": [str(item.pk) for item in items]},
        follow=True,
    )


# --- Publishing permission --------------------------------------------------------


def test_editor_can_publish_with_the_action(client):
    item = draft_news()
    client.force_login(editor())
    response = action(client, "publish_now", [item])
    item.refresh_from_db()
    assert response.status_code == 200
    assert item.status == Status.PUBLISHED
    assert item.is_public
    assert "1 item published." in response.content.decode()


def test_translator_has_no_publish_action_and_cannot_run_it(client):
    item = draft_news()
    client.force_login(translator())
    changelist = client.get(reverse(NEWS_LIST))
    assert changelist.status_code == 200
    assert 'value="publish_now"' not in changelist.content.decode()
    action(client, "publish_now", [item])
    item.refresh_from_db()
    assert item.status == Status.DRAFT


@pytest.mark.parametrize("make", [translator, lambda: make_user("changer")])
def test_without_publish_permission_status_and_publish_time_are_read_only(client, make):
    from django.contrib.auth.models import Permission

    user = make()
    if not user.groups.exists():
        user.user_permissions.add(*Permission.objects.filter(codename__in=["view_newsitem", "change_newsitem"]))
    item = draft_news()
    client.force_login(user)
    url = reverse(NEWS_CHANGE, args=[item.pk])
    page = client.get(url)
    assert "status" not in page.context["adminform"].form.fields
    assert "publish_at" not in page.context["adminform"].form.fields
    data = change_form_data(page, status="published", publish_at_0="2020-01-01", publish_at_1="10:00")
    response = client.post(url, data)
    assert response.status_code in (200, 302, 403)
    item.refresh_from_db()
    assert item.status == Status.DRAFT
    assert item.publish_at is None
    assert not NewsItem.objects.published().filter(pk=item.pk).exists()


def test_scheduling_without_a_publish_time_is_a_form_error(client):
    item = draft_news()
    client.force_login(editor())
    url = reverse(NEWS_CHANGE, args=[item.pk])
    response = client.post(url, change_form_data(client.get(url), status="scheduled"))
    assert response.status_code == 200
    assert "publish_at" in response.context["adminform"].form.errors
    item.refresh_from_db()
    assert item.status == Status.DRAFT


def test_editor_publishes_through_the_change_form(client):
    item = draft_news()
    client.force_login(editor())
    url = reverse(NEWS_CHANGE, args=[item.pk])
    page = client.get(url)
    assert "status" in page.context["adminform"].form.fields
    response = client.post(url, change_form_data(page, status="published"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.is_public


# --- Workflow actions ---------------------------------------------------------------


def test_schedule_action_needs_a_future_publish_time(client):
    later = timezone.now() + datetime.timedelta(days=2)
    ready = draft_news(publish_at=later)
    not_ready = draft_news()
    client.force_login(editor())
    response = action(client, "schedule", [ready, not_ready])
    ready.refresh_from_db()
    not_ready.refresh_from_db()
    assert ready.status == Status.SCHEDULED
    assert not ready.is_public
    assert not_ready.status == Status.DRAFT
    text = response.content.decode()
    assert "1 item scheduled." in text
    assert "Set a publish time in the future before scheduling" in text


def test_unpublish_moves_back_to_draft(client):
    item = NewsItemFactory()
    assert item.is_public
    client.force_login(editor())
    action(client, "unpublish", [item])
    item.refresh_from_db()
    assert item.status == Status.DRAFT
    assert not NewsItem.objects.published().filter(pk=item.pk).exists()


def test_publish_now_brings_a_scheduled_item_forward(client):
    item = NewsItemFactory(status=Status.SCHEDULED, publish_at=timezone.now() + datetime.timedelta(days=3))
    client.force_login(editor())
    action(client, "publish_now", [item])
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED
    assert item.publish_at <= timezone.now()


@pytest.mark.parametrize("language,expected", [("en", "Albanian"), ("be", "албанская"), ("sq", "shqip")])
def test_publishing_with_missing_translations_warns_but_publishes(client, language, expected):
    item = draft_news(title_sq="", body_sq="")
    assert untranslated_languages(item) == ["sq"]
    client.force_login(editor())
    client.cookies["django_language"] = language
    url = reverse(NEWS_CHANGE, args=[item.pk])
    page = client.get(url, headers={"accept-language": language})
    response = client.post(
        url, change_form_data(page, status="published"), follow=True, headers={"accept-language": language}
    )
    item.refresh_from_db()
    assert item.is_public
    warnings = [str(message) for message in response.context["messages"] if message.level_tag == "warning"]
    assert len(warnings) == 1
    assert expected in warnings[0].lower() or expected in warnings[0]


def test_a_complete_item_publishes_without_warning(client):
    item = draft_news()
    assert untranslated_languages(item) == []
    client.force_login(editor())
    response = action(client, "publish_now", [item])
    assert not [m for m in response.context["messages"] if m.level_tag == "warning"]


# --- Concurrent edits ----------------------------------------------------------------


def two_editors_open_the_same_item(client, **fields):
    """A saved item, open in two editors' forms; returns (item, url, first page, second page)."""
    item = draft_news(**fields)
    first, second = editor("vera"), make_user("dardan", "Editors")
    url = reverse(NEWS_CHANGE, args=[item.pk])
    client.force_login(first)
    assert client.post(url, change_form_data(client.get(url))).status_code == 302  # the first version
    item.refresh_from_db()
    page_first = client.get(url)
    client.force_login(second)
    page_second = client.get(url)
    assert page_second.context["adminform"].form[VERSION_FIELD].value() == version_token(item)
    assert f'name="{VERSION_FIELD}"' in page_second.content.decode()
    client.force_login(first)
    return item, url, page_first, page_second


def test_a_second_save_from_the_same_loaded_version_merges_what_only_the_other_changed(client):
    item, url, page_first, page_second = two_editors_open_the_same_item(
        client, title_en="Delegation visit to Prishtina", place_en="Prishtina"
    )
    saved = client.post(url, change_form_data(page_first, place_en="Prishtina, Kosovo"))
    assert saved.status_code == 302

    client.force_login(User.objects.get(username="dardan"))
    merged = client.post(url, change_form_data(page_second, lead_en="My careful new lead paragraph."), follow=True)
    assert merged.status_code == 200
    item.refresh_from_db()
    assert item.lead_en == "My careful new lead paragraph."
    assert item.place_en == "Prishtina, Kosovo"  # the other editor's change is kept
    assert "their changes are kept: Place (English)" in merged.content.decode()


def test_fields_both_editors_changed_are_a_conflict_and_the_rest_is_kept(client):
    """A changed title and place and saved; B changed title and lead: only the title is B's to decide."""
    item, url, page_first, page_second = two_editors_open_the_same_item(
        client, title_en="Delegation visit to Prishtina", place_en="Prishtina"
    )
    a_title = "Delegation of Belarusian democratic forces in Prishtina"
    saved = client.post(url, change_form_data(page_first, title_en=a_title, place_en="Prishtina, Kosovo"))
    assert saved.status_code == 302

    client.force_login(User.objects.get(username="dardan"))
    b_changes = {"title_en": "Visit of the delegation", "lead_en": "My careful new lead paragraph."}
    refused = client.post(url, change_form_data(page_second, **b_changes))
    assert refused.status_code == 200
    text = refused.content.decode()
    assert "My careful new lead paragraph." in text  # the editor's input is kept
    conflict = refused.context["workflow_conflict"]
    assert conflict["who"] == "vera"
    assert conflict["mode"] == "merge"
    assert [(c["label"], c["language"], c["base"], c["saved"], c["yours"]) for c in conflict["conflicts"]] == [
        ("Title", "English", "Delegation visit to Prishtina", a_title, "Visit of the delegation")
    ]
    assert [(c["label"], c["language"]) for c in conflict["kept"]] == [("Place", "English")]
    item.refresh_from_db()
    assert item.title_en == a_title
    assert item.lead_en != "My careful new lead paragraph."

    # Having seen the conflict, the editor keeps their title and saves again: A's place stays.
    retry = change_form_data(refused)
    assert retry[VERSION_FIELD] == version_token(item)
    assert retry["place_en"] == "Prishtina, Kosovo"  # the form now shows the saved place
    retry["_keep_saved"] = re.findall(r'<input type="hidden" name="_keep_saved" value="([^"]+)">', text)
    assert retry["_keep_saved"] == ["place_en"]
    assert client.post(url, retry).status_code == 302
    item.refresh_from_db()
    assert (item.title_en, item.lead_en, item.place_en) == (
        "Visit of the delegation",
        "My careful new lead paragraph.",
        "Prishtina, Kosovo",
    )


def test_in_a_conflict_the_editor_may_take_the_saved_text(client):
    item, url, page_first, page_second = two_editors_open_the_same_item(client, title_en="Delegation visit")
    client.post(url, change_form_data(page_first, title_en="Their title"))
    client.force_login(User.objects.get(username="dardan"))
    refused = client.post(url, change_form_data(page_second, title_en="My title", lead_en="My lead."))
    assert refused.status_code == 200
    retry = change_form_data(refused)
    retry["_keep_saved"] = ["title_en"]  # the ticked box in the conflict table
    assert client.post(url, retry).status_code == 302
    item.refresh_from_db()
    assert (item.title_en, item.lead_en) == ("Their title", "My lead.")


def test_conflict_on_an_item_without_history_shows_the_differences_from_the_input(client):
    item = draft_news(title_en="Delegation visit to Prishtina")
    client.force_login(editor())
    url = reverse(NEWS_CHANGE, args=[item.pk])
    page = client.get(url)
    NewsItem.objects.get(pk=item.pk).save()  # saved elsewhere (shell, import) in between
    refused = client.post(url, change_form_data(page, title_en="Visit of the delegation"))
    assert refused.status_code == 200
    conflict = refused.context["workflow_conflict"]
    assert conflict["mode"] == "yours"
    assert [(c["label"], c["before"], c["after"]) for c in conflict["changes"]] == [
        ("Title", "Visit of the delegation", "Delegation visit to Prishtina")
    ]


def test_conflict_message_is_translated(client):
    item = draft_news()
    client.force_login(editor())
    url = reverse(NEWS_CHANGE, args=[item.pk])
    page = client.get(url, headers={"accept-language": "be"})
    assert client.post(url, change_form_data(page, title_be="Новы загаловак")).status_code == 302
    refused = client.post(url, change_form_data(page, lead_be="Мой новы ўступ."), headers={"accept-language": "be"})
    assert refused.status_code == 200
    assert "Someone else saved" not in refused.content.decode()
    assert refused.context["workflow_conflict"]["changes"][0]["language"].lower().startswith("беларус")


def test_saving_twice_in_a_row_by_one_editor_works(client):
    page = PageFactory(status=Status.DRAFT, publish_at=None)
    client.force_login(editor())
    url = reverse("admin:portal_page_change", args=[page.pk])
    form = client.get(url)
    assert client.post(url, change_form_data(form, title_en="About the office")).status_code == 302
    form = client.get(url)
    assert client.post(url, change_form_data(form, title_en="About our office")).status_code == 302
    page.refresh_from_db()
    assert page.title_en == "About our office"


# --- Change list and change form helpers ------------------------------------------


def test_change_list_columns_links_and_missing_filter(client, django_assert_max_num_queries):
    public = NewsItemFactory(title_en="Public item")
    draft = draft_news(title_en="Draft item", title_sq="", body_sq="")
    client.force_login(editor())
    with django_assert_max_num_queries(30):
        response = client.get(reverse(NEWS_LIST))
    text = response.content.decode()
    assert public.get_absolute_url_for("sq") in text
    assert f"{draft.get_absolute_url_for('be')}?preview=1" in text
    from tests.portal.factories import TopicFactory

    translated, untranslated = TopicFactory(), TopicFactory(name_sq="")
    topics = reverse("admin:core_topic_changelist")
    filtered = client.get(topics, {"translation": "sq:missing"})
    assert list(filtered.context["cl"].result_list) == [untranslated]
    assert translated not in filtered.context["cl"].result_list
    assert client.get(topics, {"translation": "xx:missing"}).status_code == 200
    assert client.get(topics, {"translation": "sq:outdated"}).status_code == 200


def test_change_form_links_each_language(client):
    item = draft_news()
    client.force_login(editor())
    text = client.get(reverse(NEWS_CHANGE, args=[item.pk])).content.decode()
    # A draft is previewed with the form's one Preview control, not with a second kind of link.
    assert "?preview=1" not in text and 'class="viewsitelink"' not in text
    assert "workflow-preview-button" in text
    item.status = Status.PUBLISHED
    item.save()
    text = client.get(reverse(NEWS_CHANGE, args=[item.pk])).content.decode()
    assert f'href="{item.get_absolute_url_for("sq")}"' in text
    assert "View on site: " in text


def test_project_change_form_works_with_inlines(client):
    project = ProjectFactory()
    client.force_login(editor())
    url = reverse("admin:projects_project_change", args=[project.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert (
        client.post(url, change_form_data(page, title_en="Interethnic dialogue in the Presevo Valley")).status_code
        == 302
    )


# --- Dashboard ----------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_dashboard_lists_drafts_scheduled_and_missing_translations(client, language, django_assert_max_num_queries):
    draft = draft_news(title_en="Draft about Prishtina")
    scheduled = NewsItemFactory(
        title_en="Scheduled statement", status=Status.SCHEDULED, publish_at=timezone.now() + datetime.timedelta(days=1)
    )
    untranslated = PageFactory(title_en="Contacts", title_be="", body_be="")
    project = ProjectFactory(status=Status.DRAFT, publish_at=None, title_en="Draft project")
    client.force_login(editor())
    # Four queries per model with a workflow (news, projects, events, pages: the counts, then each list), two for
    # the scheduled changes of live items, one for the home page's missing translations, whatever the number of items.
    with django_assert_max_num_queries(26):
        response = client.get(reverse("admin:index"), headers={"accept-language": language})
    text = response.content.decode()
    assert 'id="workflow-drafts"' in text
    assert reverse(NEWS_CHANGE, args=[draft.pk]) in text
    assert reverse("admin:projects_project_change", args=[project.pk]) in text
    assert reverse(NEWS_CHANGE, args=[scheduled.pk]) in text
    assert reverse("admin:portal_page_change", args=[untranslated.pk]) in text
    assert text.count(reverse("admin:portal_page_change", args=[untranslated.pk])) == 1


def test_dashboard_shows_only_what_the_user_may_see(client):
    draft_news(title_en="Hidden draft")
    user = make_user("nobody")
    client.force_login(user)
    text = client.get(reverse("admin:index")).content.decode()
    assert "Hidden draft" not in text


def test_page_admin_has_publish_actions_but_topics_do_not(client):
    from tests.portal.factories import TopicFactory

    PageFactory()
    TopicFactory()
    client.force_login(editor())
    page = client.get(reverse("admin:portal_page_changelist")).content.decode()
    assert 'value="publish_now"' in page
    topics = client.get(reverse("admin:core_topic_changelist")).content.decode()
    assert 'value="publish_now"' not in topics


def test_publishing_with_untranslated_fields_says_so_plainly(client):
    item = draft_news(image_caption_en="The delegation in Prishtina", image_caption_sq="", image_caption_be="")
    client.force_login(editor())
    url = reverse(NEWS_CHANGE, args=[item.pk])
    page = client.get(url)
    response = client.post(url, change_form_data(page, status="published"), follow=True)
    warnings = [str(message) for message in response.context["messages"] if message.level_tag == "warning"]
    assert len(warnings) == 1
    assert "fields left untranslated in" in warnings[0]
    assert "without a translation" not in warnings[0]


def two_editors_open_a_project_with_an_objective(client):
    project = ProjectFactory(status=Status.DRAFT, publish_at=None)
    objective = Objective.objects.create(project=project, text_en="Strengthen dialogue", order=1)
    first, second = editor("vera"), make_user("dardan", "Editors")
    url = reverse("admin:projects_project_change", args=[project.pk])
    client.force_login(first)
    assert client.post(url, change_form_data(client.get(url))).status_code == 302
    page_first = client.get(url)
    client.force_login(second)
    page_second = client.get(url)
    client.force_login(first)
    return project, objective, url, page_first, page_second


def objective_field(page, objective):
    """The name of the objective's text field in the change form (the inline's prefix and index)."""
    for inline in page.context["inline_admin_formsets"]:
        for index, form in enumerate(inline.formset.forms):
            if form.instance.pk == objective.pk:
                return f"{inline.formset.prefix}-{index}-text_en"
    raise AssertionError("no form for the objective")


def test_rows_only_the_other_editor_changed_are_kept(client):
    project, objective, url, page_first, page_second = two_editors_open_a_project_with_an_objective(client)
    field = objective_field(page_first, objective)
    assert (
        client.post(url, change_form_data(page_first, **{field: "Strengthen interethnic dialogue"})).status_code == 302
    )
    client.force_login(User.objects.get(username="dardan"))
    assert client.post(url, change_form_data(page_second, title_en="Dialogue, second phase")).status_code == 302
    objective.refresh_from_db()
    project.refresh_from_db()
    assert objective.text_en == "Strengthen interethnic dialogue"
    assert project.title_en == "Dialogue, second phase"


@pytest.mark.parametrize("take_saved", [False, True])
def test_a_row_both_editors_changed_is_a_conflict_to_decide(client, take_saved):
    project, objective, url, page_first, page_second = two_editors_open_a_project_with_an_objective(client)
    field = objective_field(page_first, objective)
    client.post(url, change_form_data(page_first, **{field: "Their objective"}))
    client.force_login(User.objects.get(username="dardan"))
    refused = client.post(url, change_form_data(page_second, **{field: "My objective", "title_en": "My title"}))
    assert refused.status_code == 200
    conflicts = refused.context["workflow_row_conflicts"]
    assert [(c["label"], c["language"], c["saved"], c["yours"]) for c in conflicts] == [
        ("Objective", "English", "Their objective", "My objective")
    ]
    objective.refresh_from_db()
    assert objective.text_en == "Their objective"  # nothing saved yet
    retry = change_form_data(refused)
    assert retry[field] == "My objective"  # the editor's input is kept
    if take_saved:
        retry["_keep_saved_rows"] = [conflicts[0]["key"]]
    assert client.post(url, retry).status_code == 302
    objective.refresh_from_db()
    project.refresh_from_db()
    assert objective.text_en == ("Their objective" if take_saved else "My objective")
    assert project.title_en == "My title"


@pytest.mark.parametrize(
    ("url", "valid"),
    [
        ("/en/projects/", True),
        ("https://www.kcsfoundation.org/", True),
        ("http://example.org/page", True),
        ("mailto:office@ura.example.org", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("//evil.example.org/", False),
        ("vbscript:msgbox", False),
        ("https:", False),
    ],
)
def test_menu_links_accept_site_paths_web_addresses_and_mailto_only(client, url, valid):
    client.force_login(editor())
    add_url = reverse("admin:portal_menuitem_add")
    page = client.get(add_url)
    response = client.post(add_url, change_form_data(page, url=url, section="", order="5"))
    assert (response.status_code == 302) is valid
    if not valid:
        assert "Enter a path on this site" in str(response.context["adminform"].form.errors)


def test_a_translator_is_warned_only_about_the_languages_they_may_edit(client):
    from editorial.translators import language_group_name

    item = draft_news(
        title_be="", lead_be="", body_be="", place_be="", title_sq="", lead_sq="", body_sq="", place_sq=""
    )
    client.force_login(make_user("alesia", language_group_name("be")))
    text = client.get(reverse(NEWS_CHANGE, args=[item.pk])).content.decode()
    missing = text[text.index("workflow-missing") :].split("</p>")[0]
    assert "belarusian" in missing.lower() and "albanian" not in missing.lower()
    client.force_login(editor())
    text = client.get(reverse(NEWS_CHANGE, args=[item.pk])).content.decode()
    missing = text[text.index("workflow-missing") :].split("</p>")[0]
    assert "belarusian" in missing.lower() and "albanian" in missing.lower()
