"""Scheduled changes of a live item: the live version stays up, the edit goes live at its time (by the job),
another schedule replaces it, an ordinary save warns, a cancellation is a POST for who may publish."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from editorial.models import ScheduledChange
from editorial.tasks import apply_scheduled_changes
from tests.editorial.test_every_path import be_translator, no_publish_editor
from tests.editorial.workflow_helpers import change_form_data, editor
from tests.news.factories import NewsItemFactory
from tests.portal.factories import TopicFactory

pytestmark = pytest.mark.django_db

NEWS_CHANGE = "admin:news_newsitem_change"
CANCEL = "admin:news_newsitem_cancel_scheduled_change"
NEW_TITLE = "The delegation meets civil society in Prishtina"


def texts(response):
    return [str(message) for message in response.context["messages"]]


def later(**delta):
    return timezone.localtime() + datetime.timedelta(**(delta or {"days": 2}))


def schedule_data(page, moment, **changes):
    return change_form_data(
        page,
        _publication="schedule-change",
        publish_at_0=moment.strftime("%Y-%m-%d"),
        publish_at_1=moment.strftime("%H:%M"),
        **changes,
    )


def schedule(client, item, moment=None, **changes):
    url = reverse(NEWS_CHANGE, args=[item.pk])
    return client.post(url, schedule_data(client.get(url), moment or later(), **changes), follow=True)


def make_due(item):
    ScheduledChange.objects.filter(object_id=str(item.pk)).update(publish_at=timezone.now() - datetime.timedelta(1))


def comments(item):
    return [version.revision.get_comment() for version in Version.objects.get_for_object(item)]


def test_a_scheduled_change_leaves_the_live_item_until_the_job_applies_it(client):
    user = editor()
    client.force_login(user)
    item = NewsItemFactory(title_en="Delegation visits Prishtina")
    published_at = item.publish_at
    public_url = item.get_absolute_url_for("en")
    assert "Delegation visits Prishtina" in client.get(public_url).content.decode()  # in the page cache now

    response = schedule(client, item, title_en=NEW_TITLE)
    assert response.redirect_chain[-1][1] == 302
    assert any("Your changes are scheduled for" in text and "as it was" in text for text in texts(response))
    assert not any("was changed successfully" in text for text in texts(response))
    item.refresh_from_db()
    assert item.title_en == "Delegation visits Prishtina" and item.is_public
    change = ScheduledChange.objects.get()
    assert change.values == {"title_en": NEW_TITLE} and change.user == user
    page = client.get(public_url).content.decode()
    assert "Delegation visits Prishtina" in page and NEW_TITLE not in page
    assert comments(item)[0].startswith("Change scheduled for ")
    logged = LogEntry.objects.filter(object_id=str(item.pk)).latest("action_time")
    assert logged.get_change_message().startswith("Change scheduled for ")  # Django's log, not "Changed title"
    # The form: the banner, what will change, the live values in the fields.
    form = client.get(reverse(NEWS_CHANGE, args=[item.pk])).content.decode()
    assert "A change to this item is scheduled for" in form and "(by vera)" in form
    assert "Visitors see the live version until then." in form
    assert NEW_TITLE in form.split('class="module workflow-scheduled"')[1].split("</details>")[0]
    assert f'formaction="{reverse(CANCEL, args=[item.pk])}"' in form

    assert apply_scheduled_changes(timestamp=0) == 0  # not yet
    make_due(item)
    assert apply_scheduled_changes(timestamp=0) == 1
    item.refresh_from_db()
    assert item.title_en == NEW_TITLE and item.is_public and item.publish_at == published_at
    assert not ScheduledChange.objects.exists()
    page = client.get(public_url).content.decode()  # the page cache was invalidated like after any save
    assert NEW_TITLE in page
    latest = Version.objects.get_for_object(item).first()
    assert latest.revision.user == user
    assert latest.revision.get_comment().startswith("Scheduled change published (by vera, scheduled at ")
    assert latest.field_dict["title_en"] == NEW_TITLE
    history = client.get(reverse("admin:news_newsitem_history", args=[item.pk])).content.decode()
    assert "Scheduled change published (by vera" in history and "Change scheduled for " in history


def test_applying_goes_through_the_sanitiser_and_sets_many_to_many_values(client):
    client.force_login(editor())
    item = NewsItemFactory()
    topic = TopicFactory()
    expiry = later(days=30)
    schedule(
        client,
        item,
        body_en="<p>New body.</p>",
        topics=[str(topic.pk)],
        expire_at_0=expiry.strftime("%Y-%m-%d"),
        expire_at_1="18:00",
    )
    change = ScheduledChange.objects.get()
    assert change.values["topics"] == [str(topic.pk)]
    assert item.expire_at is None
    assert list(item.topics.all()) == []  # not yet
    change.values["body_en"] = '<p>New body.</p><script>alert("x")</script>'
    change.save()
    make_due(item)
    apply_scheduled_changes(timestamp=0)
    item.refresh_from_db()
    assert "New body." in item.body_en and "<script" not in item.body_en
    assert list(item.topics.all()) == [topic]
    assert timezone.localtime(item.expire_at).replace(tzinfo=None) == expiry.replace(
        hour=18, minute=0, second=0, microsecond=0, tzinfo=None
    )


def test_scheduling_again_replaces_the_pending_change(client):
    client.force_login(editor())
    item = NewsItemFactory()
    schedule(client, item, later(days=2), title_en="First plan")
    response = schedule(client, item, later(days=3), title_en=NEW_TITLE)
    assert any("They replace the change that was scheduled for" in text for text in texts(response))
    change = ScheduledChange.objects.get()
    assert change.values == {"title_en": NEW_TITLE}
    assert timezone.localtime(change.publish_at).date() == later(days=3).date()


def test_an_ordinary_save_goes_live_and_warns_that_the_scheduled_change_still_comes(client):
    client.force_login(editor())
    item = NewsItemFactory()
    schedule(client, item, title_en=NEW_TITLE)
    url = reverse(NEWS_CHANGE, args=[item.pk])
    response = client.post(url, change_form_data(client.get(url), lead_en="A new lead."), follow=True)
    item.refresh_from_db()
    assert item.lead_en == "A new lead."
    assert any("still scheduled for" in text for text in texts(response))
    make_due(item)
    apply_scheduled_changes(timestamp=0)
    item.refresh_from_db()
    assert (item.title_en, item.lead_en) == (NEW_TITLE, "A new lead.")  # each save's own fields


def test_a_schedule_needs_a_future_time_and_a_public_item(client):
    client.force_login(editor())
    item = NewsItemFactory()
    response = schedule(client, item, timezone.localtime() - datetime.timedelta(hours=2), title_en=NEW_TITLE)
    assert response.status_code == 200
    assert "Choose a time in the future" in str(response.context["adminform"].form.errors["publish_at"])
    draft = NewsItemFactory(status="draft", publish_at=None)
    response = schedule(client, draft, title_en=NEW_TITLE)
    assert "Only the changes of a public item can be scheduled" in response.content.decode()
    assert not ScheduledChange.objects.exists()
    draft.refresh_from_db()
    assert draft.title_en != NEW_TITLE


def test_cancelling_is_a_post_that_leaves_the_live_item_and_is_in_the_history(client):
    client.force_login(editor())
    item = NewsItemFactory()
    schedule(client, item, title_en=NEW_TITLE)
    url = reverse(CANCEL, args=[item.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert any("The scheduled change is cancelled" in text for text in texts(response))
    assert not ScheduledChange.objects.exists()
    assert comments(item)[0].startswith("Scheduled change for ") and comments(item)[0].endswith("cancelled.")
    assert client.post(reverse(CANCEL, args=[999999])).status_code == 404
    item.refresh_from_db()
    assert item.title_en != NEW_TITLE


def test_the_cancel_address_checks_the_csrf_token(client):
    from django.test import Client

    item = NewsItemFactory()
    user = editor()
    client.force_login(user)
    schedule(client, item, title_en=NEW_TITLE)
    checked = Client(enforce_csrf_checks=True)
    checked.force_login(user)
    assert checked.post(reverse(CANCEL, args=[item.pk])).status_code == 403
    assert ScheduledChange.objects.exists()


@pytest.mark.parametrize("who", [no_publish_editor, be_translator])
def test_who_may_not_publish_can_neither_schedule_nor_cancel(client, who):
    publisher = editor()
    client.force_login(publisher)
    item = NewsItemFactory()
    schedule(client, item, title_en=NEW_TITLE)
    change = ScheduledChange.objects.get()

    client.force_login(who())
    url = reverse(NEWS_CHANGE, args=[item.pk])
    page = client.get(url)
    html = page.content.decode()
    assert 'value="schedule-change"' not in html
    assert "workflow-cancel-scheduled" not in html
    assert client.post(reverse(CANCEL, args=[item.pk])).status_code == 403
    assert ScheduledChange.objects.get() == change
    # A forged "Schedule changes" with a future time: the publish time is read-only, nothing is scheduled.
    forged = change_form_data(
        page,
        _publication="schedule-change",
        publish_at_0=later().strftime("%Y-%m-%d"),
        publish_at_1="09:00",
        title_be="Новая назва",
    )
    client.post(url, forged)
    change.refresh_from_db()
    assert change.values == {"title_en": NEW_TITLE} and change.user == publisher
    item.refresh_from_db()
    assert item.is_public


def test_the_change_form_with_a_scheduled_change_has_a_flat_query_count(client, django_assert_max_num_queries):
    client.force_login(editor())
    item = NewsItemFactory()
    schedule(client, item, title_en=NEW_TITLE, topics=[str(TopicFactory().pk), str(TopicFactory().pk)])
    # 18: the home page may name the item as its lead story (portal.HomePage), one more look.
    with django_assert_max_num_queries(18):
        response = client.get(reverse(NEWS_CHANGE, args=[item.pk]))
    assert response.context["workflow_scheduled"]["changes"]


def test_the_take_down_box_offers_to_schedule_the_changes_instead(client):
    client.force_login(editor())
    item = NewsItemFactory()
    url = reverse(NEWS_CHANGE, args=[item.pk])
    moment = later()
    data = change_form_data(
        client.get(url), title_en=NEW_TITLE, publish_at_0=moment.strftime("%Y-%m-%d"), publish_at_1="09:00"
    )
    refused = client.post(url, data)
    box = refused.content.decode().split("workflow-take-down")[1].split("</div>")[0]
    assert 'name="_publication" value="schedule-change"' in box
    client.post(url, {**change_form_data(refused), "_publication": "schedule-change"})
    item.refresh_from_db()
    assert item.is_public and item.title_en != NEW_TITLE
    assert ScheduledChange.objects.get().values == {"title_en": NEW_TITLE}


def test_inline_rows_are_not_scheduled_and_the_editor_is_told(client):
    from projects.models import Objective
    from tests.projects.factories import ProjectFactory

    client.force_login(editor())
    project = ProjectFactory()
    url = reverse("admin:projects_project_change", args=[project.pk])
    page = client.get(url)
    moment = later()
    data = change_form_data(
        page,
        _publication="schedule-change",
        publish_at_0=moment.strftime("%Y-%m-%d"),
        publish_at_1="09:00",
        title_en="Interethnic dialogue in the Presevo Valley",
    )
    prefix = next(
        inline.formset.prefix for inline in page.context["inline_admin_formsets"] if inline.formset.model is Objective
    )
    data[f"{prefix}-0-text_en"] = "Meet twice a year"
    data[f"{prefix}-0-order"] = "1"
    data[f"{prefix}-TOTAL_FORMS"] = str(int(data[f"{prefix}-TOTAL_FORMS"]) or 1)
    response = client.post(url, data, follow=True)
    assert response.redirect_chain
    assert any("Rows are not part of a scheduled change" in text for text in texts(response)), texts(response)
    assert not Objective.objects.filter(project=project).exists()
    assert ScheduledChange.objects.get().values == {"title_en": "Interethnic dialogue in the Presevo Valley"}


def test_the_command_applies_what_is_due(client):
    from io import StringIO

    from django.core.management import call_command

    client.force_login(editor())
    item = NewsItemFactory()
    schedule(client, item, title_en=NEW_TITLE)
    out = StringIO()
    call_command("apply_scheduled_changes", stdout=out)
    assert out.getvalue().startswith("0 ")
    make_due(item)
    call_command("apply_scheduled_changes", stdout=out)
    item.refresh_from_db()
    assert item.title_en == NEW_TITLE


def test_the_dashboard_lists_scheduled_changes_with_a_flat_query_count(client, django_assert_max_num_queries):
    client.force_login(editor())
    items = [NewsItemFactory(title_en=f"Statement {n}") for n in range(3)]
    schedule(client, items[0], later(days=2), title_en=NEW_TITLE)
    client.get(reverse("admin:index"))  # the content types cached
    # 28 with the home page's translations (portal.HomePage) among the translated models.
    with django_assert_max_num_queries(28):
        client.get(reverse("admin:index"))
    for item in items[1:]:
        schedule(client, item, later(days=3), lead_en="A new lead.")
    with django_assert_max_num_queries(28):  # the same with three
        response = client.get(reverse("admin:index"))
    scheduled = response.content.decode().split('id="workflow-scheduled"')[1].split("</table>")[0]
    assert "Scheduled <span" in scheduled and "(3)" in scheduled
    for item in items:
        assert reverse(NEWS_CHANGE, args=[item.pk]) in scheduled
    assert scheduled.count("change goes live") == 3


def test_a_change_that_fails_the_items_checks_at_its_time_is_kept_with_the_reason_and_not_retried(client):
    client.force_login(editor())
    item = NewsItemFactory(title_en="Delegation visits Prishtina", slug_en="delegation-visits-prishtina")
    schedule(client, item, slug_en="tirana-forum")
    NewsItemFactory(title_en="Tirana Civil Society Forum", slug_en="tirana-forum")  # takes the slug meanwhile
    make_due(item)

    assert apply_scheduled_changes(timestamp=0) == 0
    item.refresh_from_db()
    assert item.slug_en == "delegation-visits-prishtina" and item.is_public  # the live version stays
    change = ScheduledChange.objects.get(object_id=str(item.pk))
    assert "slug" in change.problem.lower() or "address" in change.problem.lower()
    assert comments(item)[0].startswith("The change scheduled for ") and "could not go live" in comments(item)[0]
    assert apply_scheduled_changes(timestamp=0) == 0  # not tried again: one history note, not one a minute
    assert sum("could not go live" in comment for comment in comments(item)) == 1

    form = client.get(reverse(NEWS_CHANGE, args=[item.pk])).content.decode()
    banner = form.split('class="module workflow-scheduled workflow-scheduled-failed"')[1].split("</details>")[0]
    assert "could not go live" in banner and change.problem.split(":")[-1].strip()[:20] in banner
    dashboard = client.get(reverse("admin:index")).content.decode()
    assert "could not go live" in dashboard

    schedule(client, item, slug_en="delegation-in-prishtina")  # scheduling again clears the reason
    assert ScheduledChange.objects.get(object_id=str(item.pk)).problem == ""
    make_due(item)
    assert apply_scheduled_changes(timestamp=0) == 1
    item.refresh_from_db()
    assert item.slug_en == "delegation-in-prishtina"
