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
from collections import defaultdict

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from core.i18n import fallback_order, sort_key
from editorial import catalogue
from events.models import ICAL_STATUS, Event, Precision

CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODUCT = f"-//{settings.SITE_NAME}//Events//EN"
VEVENT_TIMEOUT = 7 * 24 * 3600


def utc(moment):
    return moment.astimezone(datetime.UTC)


def related_names(events):
    """{event id: [place names]} and {event id: [topic names]} in the active language (with its fallbacks).

    Two queries of names alone: a feed of hundreds of events builds no place or topic objects.
    """
    ids = [event.pk for event in events]
    order = fallback_order()
    found = []
    for relation, through in (("place", Event.places.through), ("topic", Event.topics.through)):
        names = defaultdict(list)
        rows = through.objects.filter(event_id__in=ids).values_list(
            "event_id", *(f"{relation}__name_{code}" for code in order)
        )
        for event_id, *translations in rows:
            name = next((text for text in translations if text), "")
            if name:
                names[event_id].append(name)
        found.append({event_id: sorted(values, key=sort_key) for event_id, values in names.items()})
    return found


def calendar_event(event, url, places=(), topics=()):
    """The VEVENT of `event`, its page at `url`, held at `places` and about `topics` (names)."""
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
    location = ", ".join(filter(None, [event.venue, " / ".join(places)]))
    if location or event.online_url:
        item.add("location", location or event.online_url)
    item.add("url", url)
    item.add("status", ICAL_STATUS[event.event_status])
    if topics:
        item.add("categories", list(topics))
    return item


def calendar(events, name, description, url_of):
    """A VCALENDAR of `events` called `name`; `url_of(event)` is its absolute page address."""
    cal = empty_calendar(name, description)
    places, topics = related_names(events)
    for event in events:
        cal.add_component(calendar_event(event, url_of(event), places.get(event.pk, ()), topics.get(event.pk, ())))
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


def event_stamp(event, url, places, topics):
    """What an event's VEVENT shows: its own fields, its places and topics, the address and the interface text."""
    return (
        event.pk,
        event.updated_at.timestamp(),
        event.sequence,
        url,
        get_language(),
        catalogue.seen_catalogue_version(),
        tuple(places),
        tuple(topics),
    )


def calendar_bytes(events, name, description, url_of):
    """calendar(...).to_ical(), each event's VEVENT written once per version of what it shows.

    Like the cards of the lists (portal_tags.cards): after a change every feed is made again,
    but the events that did not change come from the cache in one round trip.
    """
    places, topics = related_names(events)
    rows = []
    for event in events:
        url = url_of(event)
        names = (places.get(event.pk, ()), topics.get(event.pk, ()))
        digest = hashlib.sha256(repr(event_stamp(event, url, *names)).encode()).hexdigest()[:32]
        rows.append((f"ura:vevent:{digest}", event, url, names))
    found = cache.get_many([row[0] for row in rows]) if rows else {}
    made = {}
    parts = []
    for key, event, url, names in rows:
        text = found.get(key)
        if text is None:
            text = made[key] = calendar_event(event, url, *names).to_ical()
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
