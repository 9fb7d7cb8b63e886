"""Events as iCalendar (RFC 5545), written by the ``icalendar`` library.

One ``VCALENDAR`` per feed or event, in the active language: titles, leads
and place names in that language, each event's address in it. Every event has
the same ``UID`` in every feed and language (``Event.uid``); ``SEQUENCE`` is
its change count and ``DTSTAMP``/``LAST-MODIFIED`` its last change, so a
subscribed calendar replaces the older version. Timed events are written in
UTC; all-day events (and those known only to the month or year) as
``VALUE=DATE`` days, ``DTEND`` the day after the last one. A cancelled event
stays in the feed with ``STATUS:CANCELLED``.
"""

import datetime
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from editorial import catalogue
from events.models import ICAL_STATUS, Precision

CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODUCT = f"-//{settings.SITE_NAME}//Events//EN"
VEVENT_TIMEOUT = 7 * 24 * 3600


def utc(moment):
    return moment.astimezone(datetime.UTC)


def calendar_event(event, url):
    """The VEVENT of `event`, its page at `url`."""
    item = CalendarEvent()
    item.add("uid", event.uid)
    item.add("dtstamp", utc(event.updated_at))
    item.add("last-modified", utc(event.updated_at))
    item.add("created", utc(event.created_at))
    item.add("sequence", event.sequence)
    if event.all_day:
        item.add("dtstart", event.first_day)
        item.add("dtend", event.last_day + datetime.timedelta(days=1))
    else:
        item.add("dtstart", utc(event.starts_at))
        item.add("dtend", utc(event.ends_at or event.starts_at))
    item.add("summary", event.title)
    description = [event.lead] if event.lead else []
    if event.precision != Precision.DAY:
        # Translators: in a calendar entry of an event whose day is not known: "Date: May–December 2024"
        description.append(_("Date: %(dates)s") % {"dates": event.dates})
    if event.online_url:
        # Translators: in a calendar entry: the address where the event can be followed online
        description.append(_("Online: %(url)s") % {"url": event.online_url})
    if event.registration_url:
        # Translators: in a calendar entry: the address where one registers for the event
        description.append(_("Registration: %(url)s") % {"url": event.registration_url})
    description.append(url)
    item.add("description", "\n\n".join(description))
    place_names = [place.name for place in event.places.all() if place.name]
    location = ", ".join(filter(None, [event.venue, " / ".join(place_names)]))
    if location or event.online_url:
        item.add("location", location or event.online_url)
    item.add("url", url)
    item.add("status", ICAL_STATUS[event.event_status])
    topics = [topic.name for topic in event.topics.all() if topic.name]
    if topics:
        item.add("categories", topics)
    return item


def calendar(events, name, description, url_of):
    """A VCALENDAR of `events` called `name`; `url_of(event)` is its absolute page address."""
    cal = empty_calendar(name, description)
    for event in events:
        cal.add_component(calendar_event(event, url_of(event)))
    return cal


def empty_calendar(name, description):
    cal = Calendar()
    cal.add("prodid", PRODUCT)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-caldesc", description)
    cal.add("x-published-ttl", "PT1H")
    cal.add("refresh-interval", datetime.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    return cal


def event_stamp(event, url):
    """What an event's VEVENT shows: its own fields, its places and topics, the address and the interface text."""
    return (
        event.pk,
        event.updated_at.timestamp(),
        event.sequence,
        url,
        get_language(),
        catalogue.seen_catalogue_version(),
        [(place.pk, place.name) for place in event.places.all()],
        [(topic.pk, topic.name) for topic in event.topics.all()],
    )


def calendar_bytes(events, name, description, url_of):
    """calendar(...).to_ical(), each event's VEVENT written once per version of what it shows.

    Like the cards of the lists (portal_tags.cards): after a change every feed is made again,
    but the events that did not change come from the cache in one round trip.
    """
    rows = []
    for event in events:
        url = url_of(event)
        digest = hashlib.sha256(repr(event_stamp(event, url)).encode()).hexdigest()[:32]
        rows.append((f"ura:vevent:{digest}", event, url))
    found = cache.get_many([key for key, _event, _url in rows]) if rows else {}
    made = {}
    parts = []
    for key, event, url in rows:
        text = found.get(key)
        if text is None:
            text = made[key] = calendar_event(event, url).to_ical()
        parts.append(text)
    if made:
        cache.set_many(made, timeout=VEVENT_TIMEOUT)
    text = empty_calendar(name, description).to_ical()
    return text.replace(b"END:VCALENDAR\r\n", b"".join(parts) + b"END:VCALENDAR\r\n")


def calendar_response(cal, filename):
    """`cal` (a Calendar, or its bytes) as a calendar file."""
    response = HttpResponse(cal if isinstance(cal, bytes) else cal.to_ical(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Content-Language"] = get_language()
    return response
