import datetime
import json
import re

import pytest
from django.utils import timezone, translation

from core.models import Status
from events.models import Event
from tests.conftest import LANGUAGES
from tests.events.factories import EventFactory, local
from tests.partners.factories import OrganisationFactory
from tests.portal.factories import TopicFactory, sign_in_reader
from tests.projects.factories import PlaceFactory, ProjectFactory

pytestmark = pytest.mark.django_db

LIST_QUERIES = 11
DETAIL_QUERIES = 9


def detail_url(event, language):
    with translation.override(language):
        return event.get_absolute_url()


def test_list_shows_upcoming_soonest_first_then_past_newest_first(client):
    now = timezone.now()
    later = EventFactory(title_en="Later forum", starts_at=now + datetime.timedelta(days=20))
    soon = EventFactory(title_en="Soon forum", starts_at=now + datetime.timedelta(days=2))
    old = EventFactory(title_en="Old forum", starts_at=now - datetime.timedelta(days=40))
    recent = EventFactory(title_en="Recent forum", starts_at=now - datetime.timedelta(days=4))
    EventFactory(title_en="Draft forum", status=Status.DRAFT, publish_at=None)
    html = client.get("/en/events/").content.decode()
    titles = re.findall(r'class="card-title"><a href="[^"]+">([^<]+)</a>', html)
    assert titles == [soon.title_en, later.title_en, recent.title_en, old.title_en]
    past = client.get("/en/events/?when=past").content.decode()
    assert re.findall(r'class="card-title"><a href="[^"]+">([^<]+)</a>', past) == [recent.title_en, old.title_en]


def test_filters_narrow_by_project_topic_place_and_year(client):
    project, topic, place = ProjectFactory(), TopicFactory(), PlaceFactory()
    mine = EventFactory(title_en="Mine", project=project, starts_at=local(2031, 5, 1, 10), ends_at=None)
    mine.topics.add(topic)
    mine.places.add(place)
    EventFactory(title_en="Other", starts_at=local(2032, 5, 1, 10), ends_at=None)
    for query in (
        f"project={project.slug_sq}",
        f"topic={topic.slug_en}",
        f"place={place.pk}",
        "year=2031",
    ):
        html = client.get(f"/en/events/?{query}").content.decode()
        assert ">Mine</a>" in html and ">Other</a>" not in html, query


@pytest.mark.parametrize(
    "query", ["project=nope", "topic=%00", "place=abc", "place=999999", "year=1999", "year=x", "when=tomorrow"]
)
def test_a_filter_value_the_list_does_not_offer_is_a_400_in_list_and_feed(client, query):
    EventFactory()
    assert client.get(f"/be/events/?{query}").status_code == 400
    assert client.get(f"/be/events/feed.ics?{query}").status_code in (200, 400)
    if not query.startswith("when"):
        assert client.get(f"/be/events/feed.ics?{query}").status_code == 400


@pytest.mark.parametrize("page", ["x", "0", "99", "01"])
def test_a_bad_page_number_is_a_404(client, page):
    EventFactory()
    assert client.get(f"/en/events/?page={page}").status_code == 404


@pytest.mark.parametrize("count", [3, 15])
def test_list_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, count):
    project, topic = ProjectFactory(), TopicFactory()
    now = timezone.now()
    for index in range(count):
        event = EventFactory(project=project, starts_at=now + datetime.timedelta(days=index - count // 2))
        event.topics.add(topic)
        event.places.add(PlaceFactory(), PlaceFactory())
    for params in ("", f"?project={project.slug_en}&topic={topic.slug_en}", "?when=past", "?page=1"):
        with django_assert_max_num_queries(LIST_QUERIES):
            response = client.get(f"/en/events/{params}")
        assert response.status_code == 200


@pytest.mark.parametrize("count", [3, 15])
def test_detail_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, count):
    event = EventFactory(project=ProjectFactory())
    for _n in range(count):
        event.organisers.add(OrganisationFactory())
        event.partners.add(OrganisationFactory())
        event.places.add(PlaceFactory())
        event.topics.add(TopicFactory())
    with django_assert_max_num_queries(DETAIL_QUERIES):
        response = client.get(detail_url(event, "be"))
    assert response.status_code == 200
    assert response.content.decode().count('<a href="/be/partners/') >= 2 * count
    sign_in_reader(client)
    with django_assert_max_num_queries(DETAIL_QUERIES):
        assert client.get(detail_url(event, "be")).status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_detail_has_event_json_ld_with_status_location_and_organiser(client, language):
    organiser = OrganisationFactory()
    place = PlaceFactory()
    event = EventFactory(event_status=Event.Status.CANCELLED)
    event.organisers.add(organiser)
    event.places.add(place)
    html = client.get(detail_url(event, language)).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    graph = json.dumps([json.loads(block) for block in blocks], ensure_ascii=False)
    assert '"@type": "Event"' in graph
    assert "https://schema.org/EventCancelled" in graph
    assert getattr(place, f"name_{language}") in graph
    assert getattr(organiser, f"name_{language}") in graph
    assert 'class="tag tag-event-cancelled"' in html


def test_detail_offers_the_event_ics_in_the_page_language(client):
    event = EventFactory()
    html = client.get(detail_url(event, "sq")).content.decode()
    assert f'href="/sq/events/{event.slug_sq}/calendar.ics"' in html
    response = client.get(f"/sq/events/{event.slug_sq}/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert event.title_sq in response.content.decode()


def test_a_draft_has_no_page_and_no_calendar_file(client):
    draft = EventFactory(status=Status.DRAFT, publish_at=None)
    assert client.get(f"/en/events/{draft.slug_en}/").status_code == 404
    assert client.get(f"/en/events/{draft.slug_en}/calendar.ics").status_code == 404


def test_home_project_and_organisation_pages_show_their_events(client):
    project, organiser = ProjectFactory(), OrganisationFactory()
    event = EventFactory(title_en="Closing conference soon", project=project)
    event.organisers.add(organiser)
    assert "Closing conference soon" in client.get("/en/").content.decode()
    project_page = client.get(project.get_absolute_url()).content.decode()
    assert "Closing conference soon" in project_page
    assert f"/en/events/feed.ics?project={project.slug_en}" in project_page
    assert "Closing conference soon" in client.get(organiser.get_absolute_url()).content.decode()


def test_events_are_found_by_the_search_with_their_dates(client):
    EventFactory(
        title_en="Regional forum on crisis policies", precision="year", starts_at=local(2022, 3, 1), ends_at=None
    )
    html = client.get("/en/search/?q=crisis+policies").content.decode()
    assert "Regional forum" in html and "2022" in html
    assert "1 January 2022" not in html


def test_events_are_in_the_sitemap_and_the_json_export(client):
    event = EventFactory(precision="month", starts_at=local(2024, 5, 1), ends_at=local(2024, 12, 1))
    sitemap = client.get("/sitemap-events.xml").content.decode()
    assert f"/be-latn/events/{event.slug_be}/" in sitemap and f"/sq/events/{event.slug_sq}/" in sitemap
    data = client.get("/sq/export/events.json").json()
    record = data["results"][0]
    assert (record["start"], record["end"], record["precision"]) == ("2024-05", "2024-12", "month")
    assert record["dates"] == "maj–dhjetor 2024"
    assert record["uid"] == event.uid


def test_latin_pages_and_feeds_are_in_lacinka(client):
    event = EventFactory(title_be="Форум у Тыране")
    html = client.get(f"/be-latn/events/{event.slug_be}/").content.decode()
    assert "Forum u Tyranie" in html
    feed = client.get("/be-latn/events/feed.ics").content.decode()
    assert "SUMMARY:Forum u Tyranie" in feed
    assert f"/be-latn/events/{event.slug_be}/" in feed.replace("\r\n ", "")


def test_a_change_makes_the_cached_feed_new(client):
    event = EventFactory(title_en="Before the change")
    assert "Before the change" in client.get("/en/events/feed.ics").content.decode()
    assert "Before the change" in client.get("/en/events/feed.ics").content.decode()  # from the page cache
    event.title_en = "After the change"
    event.save()
    feed = client.get("/en/events/feed.ics").content.decode()
    assert "After the change" in feed and "SEQUENCE:1" in feed


def test_the_follow_page_offers_the_calendar_of_every_language(client):
    html = client.get("/sq/feeds/").content.decode()
    for path in ("/be/events/feed.ics", "/be-latn/events/feed.ics", "/sq/events/feed.ics", "/en/events/feed.ics"):
        assert f'href="{path}"' in html


def test_the_year_filter_reads_years_in_the_site_time_zone(client, admin_client):
    # Midnight of 1 January 2022 in Belgrade is still 2021 in UTC.
    event = EventFactory(title_en="New year forum", precision="year", starts_at=local(2022, 6, 1), ends_at=None)
    assert event.starts_at.astimezone(datetime.UTC).year == 2021
    html = client.get("/en/events/?when=past&year=2022").content.decode()
    assert ">New year forum</a>" in html
    assert client.get("/en/events/?year=2021").status_code == 400
    changelist = admin_client.get("/admin/events/event/").content.decode()
    assert "?year=2022" in changelist and "?year=2021" not in changelist


def test_a_card_made_once_shows_a_renamed_place_and_a_new_status(client):
    place = PlaceFactory(name_en="Viti")
    event = EventFactory(title_en="Public event")
    event.places.add(place)
    assert "Viti" in client.get("/en/events/").content.decode()
    place.name_en = "Vitia"
    place.save()
    event.event_status = Event.Status.POSTPONED
    event.save()
    html = client.get("/en/events/").content.decode()
    assert "Vitia" in html and 'class="tag tag-event-postponed"' in html
