"""Publishing that says what it does: the buttons per role, the messages, no silent take-down, the expiry time."""

import datetime
import time

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import override
from reversion.models import Version

from core import cache as site_cache
from core.models import Status
from editorial.forms import RESTORED_FIELD, VERSION_FIELD
from editorial.translators import language_group_name
from news.models import NewsItem
from tests.editorial.test_every_path import no_publish_editor
from tests.editorial.workflow_helpers import change_form_data, editor, make_user
from tests.news.factories import NewsItemFactory

pytestmark = pytest.mark.django_db

NEWS_CHANGE = "admin:news_newsitem_change"


def draft(**fields):
    return NewsItemFactory(status=Status.DRAFT, publish_at=None, **fields)


def form_of(client, item):
    url = reverse(NEWS_CHANGE, args=[item.pk])
    return url, client.get(url)


def texts(response):
    return [str(message) for message in response.context["messages"]]


def local(moment, language="en"):
    with override(language):
        return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def future(**delta):
    return timezone.localtime() + datetime.timedelta(**delta)


# --- The buttons each role sees -----------------------------------------------------------


def test_a_publisher_sees_publish_and_save_draft_on_a_draft_and_unpublish_on_a_live_item(client):
    client.force_login(editor())
    _url, page = form_of(client, draft())
    html = page.content.decode()
    assert 'name="_publication" value="publish"' in html
    assert 'value="Save draft"' in html
    assert 'name="_publication" value="unpublish"' not in html
    assert '<input type="hidden" name="status" value="draft"' in html  # no drop-down: the buttons decide

    _url, page = form_of(client, NewsItemFactory())
    html = page.content.decode()
    assert 'name="_publication" value="unpublish"' in html
    assert 'name="_publication" value="publish"' not in html
    assert "visitors see" in html


def test_the_publish_button_reads_schedule_with_a_publish_time_in_the_future(client):
    client.force_login(editor())
    _url, page = form_of(client, draft())
    assert page.context["workflow_publication"]["publish_label"] == "Publish"
    item = NewsItemFactory(status=Status.DRAFT, publish_at=timezone.now() + datetime.timedelta(days=2))
    _url, page = form_of(client, item)
    assert page.context["workflow_publication"]["publish_label"] == "Schedule"


def test_an_editor_without_the_publish_permission_gets_save_draft_only_and_the_status_read_only(client):
    client.force_login(no_publish_editor())
    url, page = form_of(client, draft())
    html = page.content.decode()
    assert 'name="_publication"' not in html
    assert 'value="Save draft"' in html
    assert 'name="status"' not in html and 'name="expire_at_0"' not in html
    assert "Draft: visitors do not see" in html
    # A forged publication button is ignored, like a forged status.
    response = client.post(url, change_form_data(page, _publication="publish", status=Status.PUBLISHED))
    assert response.status_code == 302
    assert NewsItem.objects.get().status == Status.DRAFT


def test_a_translator_keeps_the_usual_save_buttons(client):
    client.force_login(make_user("alesia", language_group_name("be")))
    _url, page = form_of(client, draft())
    html = page.content.decode()
    assert 'name="_publication"' not in html
    assert 'value="Save draft"' not in html
    assert 'name="_save"' in html


# --- What each button does and says -----------------------------------------------------


def test_publish_publishes_in_one_press_and_says_since_when(client):
    client.force_login(editor())
    item = draft()
    url, page = form_of(client, item)
    response = client.post(url, change_form_data(page, _publication="publish"), follow=True)
    item.refresh_from_db()
    assert item.is_public
    assert response.redirect_chain[-1][0] == url  # stays on the form, like "Save and continue editing"
    assert f"Public since {local(item.publish_at)}: visitors see “{item}”." in texts(response)


def test_publish_with_a_future_time_schedules_and_says_so_in_the_editors_language(client):
    client.force_login(editor())
    item = draft()
    url, page = form_of(client, item)
    client.cookies["django_language"] = "be"
    data = change_form_data(page, _publication="publish", publish_at_0="01.02.2030", publish_at_1="09:00")
    response = client.post(url, data, follow=True, headers={"accept-language": "be"})
    item.refresh_from_db()
    assert item.status == Status.SCHEDULED and not item.is_public
    assert f"Запланавана на 1 лютага 2030, 09:00: да гэтага часу «{item}» не бачна." in texts(response)


def test_unpublish_takes_a_live_item_off_the_site_and_says_so(client):
    client.force_login(editor())
    item = NewsItemFactory()
    url, page = form_of(client, item)
    response = client.post(url, change_form_data(page, _publication="unpublish"), follow=True)
    item.refresh_from_db()
    assert item.status == Status.DRAFT
    assert f"Taken off the site: visitors no longer see “{item}”." in texts(response)
    assert client.get(item.get_absolute_url_for("en")).status_code == 404


def test_save_draft_keeps_a_draft_a_draft(client):
    client.force_login(editor())
    item = draft()
    url, page = form_of(client, item)
    response = client.post(url, change_form_data(page, _continue="1", title_en="A better title"), follow=True)
    item.refresh_from_db()
    assert item.status == Status.DRAFT
    assert "Draft: visitors do not see “A better title”." in texts(response)


# --- No silent take-down ------------------------------------------------------------------


def test_moving_the_publish_time_of_a_live_item_into_the_future_is_refused_until_confirmed(client):
    client.force_login(editor())
    item = NewsItemFactory()
    url, page = form_of(client, item)
    later = future(days=30)
    data = change_form_data(page, publish_at_0=later.strftime("%Y-%m-%d"), publish_at_1="09:00")
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert refused.context["workflow_publication"]["take_down"] is not None
    html = refused.content.decode()
    assert 'name="_take_down"' in html
    assert "With a publish time in the future it goes off the site until then." in html
    item.refresh_from_db()
    assert item.is_public

    confirmed = client.post(url, {**change_form_data(refused), "_take_down": "1"}, follow=True)
    item.refresh_from_db()
    assert item.status == Status.SCHEDULED and not item.is_public
    assert any("is not visible until then" in text for text in texts(confirmed))


def test_a_draft_may_get_a_future_publish_time_without_confirmation(client):
    client.force_login(editor())
    item = draft()
    url, page = form_of(client, item)
    later = future(days=30)
    data = change_form_data(page, _publication="publish", publish_at_0=later.strftime("%Y-%m-%d"), publish_at_1="09:00")
    assert client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert item.status == Status.SCHEDULED


# --- The expiry time ----------------------------------------------------------------------


def test_an_expiry_time_is_announced_and_before_the_publish_time_is_refused(client):
    client.force_login(editor())
    item = NewsItemFactory()
    url, page = form_of(client, item)
    until = future(days=7).replace(hour=18, minute=0, second=0, microsecond=0)
    data = change_form_data(page, expire_at_0=until.strftime("%Y-%m-%d"), expire_at_1="18:00")
    response = client.post(url, data, follow=True)
    item.refresh_from_db()
    assert item.expire_at == until
    assert item.is_public
    assert any(f"It leaves the site at {local(until)}." in text for text in texts(response))

    _url, page = form_of(client, item)
    before = timezone.localtime(item.publish_at) - datetime.timedelta(days=1)
    refused = client.post(url, change_form_data(page, expire_at_0=before.strftime("%Y-%m-%d"), expire_at_1="09:00"))
    assert refused.status_code == 200
    assert "The expiry time must come after the publish time." in refused.content.decode()


def test_an_expiry_time_that_has_passed_is_refused_when_set(client):
    client.force_login(editor())
    item = NewsItemFactory(publish_at=timezone.now() - datetime.timedelta(days=3))
    url, page = form_of(client, item)
    passed = timezone.localtime() - datetime.timedelta(days=1)
    refused = client.post(url, change_form_data(page, expire_at_0=passed.strftime("%Y-%m-%d"), expire_at_1="09:00"))
    assert refused.status_code == 200
    assert "This time has passed" in refused.content.decode()
    item.refresh_from_db()
    assert item.expire_at is None and item.is_public


def test_the_database_refuses_an_expiry_before_the_publish_time():
    item = NewsItemFactory()
    with pytest.raises(IntegrityError):
        NewsItem.objects.filter(pk=item.pk).update(expire_at=item.publish_at - datetime.timedelta(minutes=1))


@pytest.fixture
def expired():
    item = NewsItemFactory(
        title_en="Delegation visit to Prishtina, expired",
        lead_en="The delegation met civil society organisations in Prishtina.",
        publish_at=timezone.now() - datetime.timedelta(days=2),
    )
    NewsItem.objects.filter(pk=item.pk).update(expire_at=timezone.now() - datetime.timedelta(hours=1))
    item.refresh_from_db()
    item.save()  # the search index and the site version follow the save
    return item


def test_an_expired_item_is_hidden_everywhere(expired):
    assert not expired.is_public
    assert not NewsItem.objects.published().filter(pk=expired.pk).exists()
    visitor = Client()
    title = expired.title_en
    assert visitor.get(expired.get_absolute_url_for("en")).status_code == 404
    for path in ("/en/news/", "/en/", "/en/feeds/news/", "/sitemap-news.xml", "/en/export/news.json"):
        response = visitor.get(path)
        assert response.status_code == 200, path
        assert title not in response.content.decode(), path
        assert expired.get_absolute_url_for("en") not in response.content.decode(), path
    found = visitor.get("/en/search/", {"q": "Prishtina expired"}).content.decode()
    assert expired.get_absolute_url_for("en") not in found


def test_an_item_before_its_expiry_is_shown_everywhere():
    """The counterpart of the test above: the same pages do show the item until it expires."""
    item = NewsItemFactory(title_en="Delegation visit to Prishtina, expiring")
    NewsItem.objects.filter(pk=item.pk).update(expire_at=timezone.now() + datetime.timedelta(days=1))
    item.refresh_from_db()
    item.save()
    visitor = Client()
    assert visitor.get(item.get_absolute_url_for("en")).status_code == 200
    for path in ("/en/news/", "/en/feeds/news/", "/sitemap-news.xml", "/en/export/news.json"):
        assert item.get_absolute_url_for("en") in visitor.get(path).content.decode(), path
    assert item.get_absolute_url_for("en") in visitor.get("/en/search/", {"q": "expiring"}).content.decode()


def test_the_site_version_turns_over_at_the_next_expiry():
    expire_at = timezone.now() + datetime.timedelta(hours=3)
    NewsItemFactory(publish_at=timezone.now() - datetime.timedelta(days=1))
    NewsItem.objects.update(expire_at=expire_at)
    assert site_cache.next_scheduled_publish() == expire_at
    # A draft's expiry changes nothing visitors see.
    NewsItem.objects.update(status=Status.DRAFT)
    assert site_cache.next_scheduled_publish() is None


def test_a_cached_page_drops_an_item_at_its_expiry_without_a_job():
    NewsItemFactory(title_en="Conference on interethnic dialogue")
    expire_at = timezone.now() + datetime.timedelta(seconds=2)
    NewsItem.objects.update(expire_at=expire_at)
    NewsItem.objects.get().save()  # a save: the site version learns the expiry time
    response = Client().get("/en/news/")
    assert "Conference on interethnic dialogue" in response.content.decode()
    shared_max_age = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert shared_max_age <= 2
    time.sleep(max(0.0, (expire_at - timezone.now()).total_seconds()) + 0.1)
    assert "Conference on interethnic dialogue" not in Client().get("/en/news/").content.decode()


# --- The history names only what this editor changed -----------------------------------


def latest_comment(item):
    return Version.objects.get_for_object(item).first().revision.get_comment()


def test_history_comments_name_no_hidden_field(client):
    client.force_login(editor())
    item = draft(title_en="Delegation visit")
    url, page = form_of(client, item)
    client.post(url, change_form_data(page, title_en="Delegation visit to Prishtina"))
    comment = latest_comment(item)
    assert "Title" in comment
    for hidden in (VERSION_FIELD, RESTORED_FIELD, "loaded version", "restored from"):
        assert hidden not in comment

    first = Version.objects.get_for_object(item).last()
    restore = client.get(reverse("admin:news_newsitem_revision", args=[item.pk, first.pk]))
    assert client.post(url, change_form_data(restore)).status_code == 302
    comment = latest_comment(item)
    assert comment.startswith("Restored the version of")
    for hidden in (VERSION_FIELD, RESTORED_FIELD, "loaded version", "restored from"):
        assert hidden not in comment


def test_a_merged_save_credits_only_this_editors_fields(client):
    item = draft(title_en="Delegation visit", place_en="Prishtina")
    first, second = editor("vera"), make_user("dardan", "Editors")
    url = reverse(NEWS_CHANGE, args=[item.pk])
    client.force_login(first)
    assert client.post(url, change_form_data(client.get(url))).status_code == 302
    page_first = client.get(url)
    client.force_login(second)
    page_second = client.get(url)
    client.force_login(first)
    client.post(url, change_form_data(page_first, title_en="Delegation in Prishtina", place_en="Prishtina, Kosovo"))
    client.force_login(second)
    assert client.post(url, change_form_data(page_second, lead_en="A new lead.")).status_code == 302
    comment = latest_comment(item)
    assert "Lead" in comment
    assert "Title" not in comment and "Place" not in comment
    assert Version.objects.get_for_object(item).first().revision.user == User.objects.get(username="dardan")


def test_the_list_says_expired_and_publish_now_brings_an_expired_item_back(client, expired):
    client.force_login(editor())
    changelist = reverse("admin:news_newsitem_changelist")
    assert (
        f'Expired<br><span class="workflow-when">{local(expired.expire_at)}</span>'
        in client.get(changelist).content.decode()
    )
    response = client.post(changelist, {"action": "publish_now", "_selected_action": [expired.pk]})
    assert response.status_code == 302
    expired.refresh_from_db()
    assert expired.is_public and expired.expire_at is None
