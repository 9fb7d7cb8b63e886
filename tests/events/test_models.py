import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from events.models import Event
from tests.events.factories import EventFactory, local

pytestmark = pytest.mark.django_db


def test_every_save_of_an_existing_event_raises_its_sequence():
    event = EventFactory()
    assert event.sequence == 0
    event.title_en = "Moved to the town hall"
    event.save()
    event.save()
    event.refresh_from_db()
    assert event.sequence == 2


def test_an_all_day_event_keeps_whole_days_in_the_site_time_zone():
    event = EventFactory(starts_at=local(2023, 10, 14, 9, 30), ends_at=local(2023, 10, 15, 18, 0), all_day=True)
    event.refresh_from_db()
    assert (event.first_day, event.last_day) == (datetime.date(2023, 10, 14), datetime.date(2023, 10, 15))
    assert event.starts_at == local(2023, 10, 14)
    with translation.override("en"):
        assert event.dates == "14–15 October 2023"
    with translation.override("be"):
        assert event.dates == "14–15 кастрычніка 2023"
    with translation.override("sq"):
        assert event.dates == "14–15 tetor 2023"


@pytest.mark.parametrize(
    ("precision", "expected_en", "expected_be"),
    [("month", "May–December 2024", "травень–снежань 2024"), ("year", "2024", "2024")],
)
def test_a_date_known_to_the_month_or_year_never_shows_a_day(precision, expected_en, expected_be):
    event = EventFactory(starts_at=local(2024, 5, 17), ends_at=local(2024, 12, 3), precision=precision)
    event.refresh_from_db()
    assert event.all_day
    with translation.override("en"):
        assert event.dates == expected_en
    with translation.override("be"):
        assert event.dates == expected_be
    start, end = event.iso_dates()
    assert start == ("2024-05" if precision == "month" else "2024")
    assert end == ("2024-12" if precision == "month" else "2024")


def test_a_timed_event_shows_its_times_and_zone():
    event = EventFactory(starts_at=local(2025, 4, 15, 10, 0), ends_at=local(2025, 4, 15, 12, 30))
    with translation.override("en"):
        assert event.dates == "15 April 2025, 10:00–12:30 CEST"
    assert event.iso_dates() == ("2025-04-15T10:00:00+02:00", "2025-04-15T12:30:00+02:00")


def test_end_before_start_is_a_translated_validation_error():
    event = EventFactory.build(starts_at=local(2025, 4, 15, 10, 0), ends_at=local(2025, 4, 14, 10, 0))
    with translation.override("sq"):
        with pytest.raises(ValidationError) as error:
            event.full_clean(exclude=["slug", "places", "organisers", "partners", "topics"])
        assert error.value.message_dict["ends_at"] == ["Mbarimi nuk mund të jetë para fillimit."]


def test_the_database_refuses_an_end_before_the_start():
    event = EventFactory()
    with transaction.atomic(), pytest.raises(IntegrityError):
        Event.objects.filter(pk=event.pk).update(ends_at=event.starts_at - datetime.timedelta(days=1))


def test_an_empty_end_is_the_start():
    event = EventFactory(ends_at=None)
    event.refresh_from_db()
    assert event.ends_at == event.starts_at


def test_upcoming_and_past_split_at_now_and_all_day_events_last_their_day():
    now = timezone.now()
    today = timezone.localtime(now).date()
    over = EventFactory(starts_at=now - datetime.timedelta(hours=3), ends_at=now - datetime.timedelta(hours=1))
    running = EventFactory(starts_at=now - datetime.timedelta(hours=1), ends_at=now + datetime.timedelta(hours=1))
    today_all_day = EventFactory(starts_at=local(today.year, today.month, today.day), ends_at=None, all_day=True)
    later = EventFactory(starts_at=now + datetime.timedelta(days=3), ends_at=None)
    # By start: today's all-day event starts at local midnight, which is after `running`'s start
    # in the first hour of the local day.
    expected = sorted([today_all_day, running, later], key=lambda event: (event.starts_at, event.pk))
    assert list(Event.objects.published().upcoming()) == expected
    assert list(Event.objects.published().past()) == [over]
    assert not today_all_day.is_over() and over.is_over()


def test_the_uid_stays_while_everything_else_changes():
    event = EventFactory()
    uid = event.uid
    event.title_en = "Another title"
    event.starts_at += datetime.timedelta(days=1)
    event.ends_at += datetime.timedelta(days=1)
    event.save()
    assert event.uid == uid == f"event-{event.pk}@{event.uid.split('@')[1]}"


def test_the_site_version_moves_on_when_an_event_ends(client):
    from core import cache as site_cache

    now = timezone.now()
    EventFactory(starts_at=now - datetime.timedelta(hours=1), ends_at=now + datetime.timedelta(hours=1))
    assert site_cache.next_scheduled_publish(now) <= now + datetime.timedelta(hours=1)
    today = timezone.localtime(now).date()
    Event.objects.all().delete()
    EventFactory(starts_at=local(today.year, today.month, today.day), ends_at=None, all_day=True)
    tomorrow = today + datetime.timedelta(days=1)
    assert site_cache.next_scheduled_publish(now) == local(tomorrow.year, tomorrow.month, tomorrow.day)


def test_the_upcoming_list_is_read_from_the_earliest_running_event_on(django_assert_max_num_queries):
    now = timezone.now()
    for days in range(1, 30):
        EventFactory(starts_at=now - datetime.timedelta(days=days), ends_at=now - datetime.timedelta(days=days - 0.5))
    running = EventFactory(starts_at=now - datetime.timedelta(days=40), ends_at=now + datetime.timedelta(days=1))
    later = EventFactory(starts_at=now + datetime.timedelta(days=2), ends_at=None)
    floor = Event.upcoming_floor()
    assert floor == running.starts_at
    assert list(Event.objects.published().upcoming_from(floor)) == [running, later]
    with django_assert_max_num_queries(0):
        assert Event.upcoming_floor() == floor  # once per site version
    Event.objects.filter(pk__in=[running.pk, later.pk]).delete()
    assert Event.upcoming_floor() >= now  # a new version: no upcoming event, read from now on
