"""The calendar feeds, read back with the icalendar library (RFC 5545)."""

import datetime

import pytest
from django.utils import translation
from icalendar import Calendar

from events.models import Event
from tests.conftest import LANGUAGES
from tests.events.factories import EventFactory, local
from tests.portal.factories import TopicFactory
from tests.projects.factories import PlaceFactory, ProjectFactory

pytestmark = pytest.mark.django_db

FEED_QUERIES = 7


def read(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events_of(cal):
    return {str(item["UID"]): item for item in cal.walk("VEVENT")}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_feed_is_valid_icalendar_in_its_language(client, language):
    place = PlaceFactory()
    timed = EventFactory(starts_at=local(2031, 3, 10, 10, 0), ends_at=local(2031, 3, 10, 12, 0))
    timed.places.add(place)
    days = EventFactory(starts_at=local(2031, 4, 14), ends_at=local(2031, 4, 15), all_day=True)
    months = EventFactory(starts_at=local(2024, 5, 1), ends_at=local(2024, 12, 1), precision="month")
    cancelled = EventFactory(event_status=Event.Status.CANCELLED)
    cal = read(client.get(f"/{language}/events/feed.ics"))
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    assert str(cal["X-WR-CALNAME"]) == {"be": "Ura: падзеі", "sq": "Ura: ngjarje", "en": "Ura: events"}[language]
    found = events_of(cal)
    assert set(found) == {timed.uid, days.uid, months.uid, cancelled.uid}
    for event in (timed, days, months, cancelled):
        item = found[event.uid]
        assert str(item["SUMMARY"]) == getattr(event, f"title_{language}")
        with translation.override(language):
            assert str(item["URL"]) == f"http://testserver{event.get_absolute_url()}"
        assert item["DTSTAMP"].dt.tzinfo is not None and item["SEQUENCE"] == 0
    # Timed: in UTC; all day: dates, the end the day after the last one.
    assert found[timed.uid]["DTSTART"].dt == datetime.datetime(2031, 3, 10, 9, 0, tzinfo=datetime.UTC)
    assert found[timed.uid]["DTEND"].dt == datetime.datetime(2031, 3, 10, 11, 0, tzinfo=datetime.UTC)
    assert getattr(place, f"name_{language}") in str(found[timed.uid]["LOCATION"])
    assert found[days.uid]["DTSTART"].params["VALUE"] == "DATE"
    assert (found[days.uid]["DTSTART"].dt, found[days.uid]["DTEND"].dt) == (
        datetime.date(2031, 4, 14),
        datetime.date(2031, 4, 16),
    )
    assert (found[months.uid]["DTSTART"].dt, found[months.uid]["DTEND"].dt) == (
        datetime.date(2024, 5, 1),
        datetime.date(2025, 1, 1),
    )
    with translation.override(language):
        assert months.dates in str(found[months.uid]["DESCRIPTION"])
    assert str(found[cancelled.uid]["STATUS"]) == "CANCELLED"
    assert str(found[timed.uid]["STATUS"]) == "CONFIRMED"


def test_a_change_raises_the_sequence_and_keeps_the_uid(client):
    event = EventFactory(title_en="Forum in Tirana")
    before = events_of(read(client.get("/en/events/feed.ics")))[event.uid]
    event.title_en = "Forum in Tirana (new hall)"
    event.save()
    after = events_of(read(client.get("/en/events/feed.ics")))[event.uid]
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert str(after["SUMMARY"]) == "Forum in Tirana (new hall)"
    assert after["DTSTAMP"].dt >= before["DTSTAMP"].dt


def test_project_and_topic_feeds_hold_only_their_events(client):
    project, topic = ProjectFactory(), TopicFactory()
    of_project = EventFactory(project=project)
    of_topic = EventFactory()
    of_topic.topics.add(topic)
    other = EventFactory()
    project_feed = read(client.get(f"/sq/events/feed.ics?project={project.slug_sq}"))
    assert set(events_of(project_feed)) == {of_project.uid}
    assert project.title_sq in str(project_feed["X-WR-CALNAME"])
    topic_feed = read(client.get(f"/be/events/feed.ics?topic={topic.slug_en}"))
    assert set(events_of(topic_feed)) == {of_topic.uid}
    assert other.uid in events_of(read(client.get("/en/events/feed.ics")))


def test_drafts_and_items_without_the_language_stay_out(client):
    from core.models import Status

    draft = EventFactory(status=Status.DRAFT, publish_at=None)
    english_only = EventFactory(title_be="", title_sq="", slug_be="", slug_sq="")
    assert draft.uid not in events_of(read(client.get("/en/events/feed.ics")))
    assert english_only.uid in events_of(read(client.get("/en/events/feed.ics")))
    assert english_only.uid not in events_of(read(client.get("/be/events/feed.ics")))


@pytest.mark.parametrize("count", [3, 30])
def test_the_feed_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, count):
    topic = TopicFactory()
    for _n in range(count):
        event = EventFactory()
        event.places.add(PlaceFactory())
        event.topics.add(topic)
    with django_assert_max_num_queries(FEED_QUERIES):
        cal = read(client.get(f"/en/events/feed.ics?topic={topic.slug_en}"))
    assert len(cal.walk("VEVENT")) == count


def test_the_event_file_is_one_event(client):
    event = EventFactory(starts_at=local(2031, 3, 10, 10, 0), ends_at=local(2031, 3, 10, 12, 0))
    cal = read(client.get(f"/be/events/{event.slug_be}/calendar.ics"))
    assert [str(item["UID"]) for item in cal.walk("VEVENT")] == [event.uid]
    assert str(cal.walk("VEVENT")[0]["SUMMARY"]) == event.title_be


def test_a_renamed_place_reaches_the_feed_though_each_event_is_kept_ready(client):
    place = PlaceFactory(name_en="Lipjan")
    event = EventFactory()
    event.places.add(place)
    assert "LOCATION:Lipjan" in client.get("/en/events/feed.ics").content.decode()
    place.name_en = "Lipjani"
    place.save()
    feed = client.get("/en/events/feed.ics").content.decode()
    assert "LOCATION:Lipjani" in feed
    assert len(events_of(Calendar.from_ical(feed))) == 1
