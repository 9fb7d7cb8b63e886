"""Public events: conferences, forums, focus groups, visits, with their dates, places and organisers.

An event's start and end are stored as moments (``timestamptz``), entered in
the site's time zone (``settings.TIME_ZONE``). An all-day event keeps only its
days: it is stored from the first day's midnight to the last day's midnight
in that time zone. Some sources give only a month or a year ("May–December
2024"): ``precision`` says so, the dates are stored as the whole months or
years, and every page, feed and export shows only what is known.

``sequence`` counts the changes of an event (every save of an existing event
adds one): calendar applications subscribed to a feed take the higher number
as the newer version (RFC 5545, ``SEQUENCE``).
"""

import calendar
import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Min, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import cache as site_cache
from core.i18n import collated
from core.models import Publishable, PublishableQuerySet, TitledPublishable, Topic, slug_constraints
from core.richtext import RichTextField
from core.seo import describe, organisation_data, site_reference
from core.text import plain_text
from events import dates
from partners.models import Organisation
from projects.models import Place, Project


def site_zone():
    return timezone.get_default_timezone()


def local_midnight(day):
    """The first moment of `day` in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()), site_zone())


class Precision(models.TextChoices):
    # Translators: how precisely an event's date is known: to the day (and time)
    DAY = "day", _("Day")
    # Translators: how precisely an event's date is known: only the month ("May 2024")
    MONTH = "month", pgettext_lazy("date precision", "Month")
    # Translators: how precisely an event's date is known: only the year ("2022")
    YEAR = "year", pgettext_lazy("date precision", "Year")


class EventStatus(models.TextChoices):
    """What happens to the event (not its publication): schema.org's eventStatus, iCalendar's STATUS."""

    # Translators: the state of an event: it takes place as announced
    SCHEDULED = "scheduled", pgettext_lazy("event status", "Takes place")
    # Translators: the state of an event: it has been moved to a later date
    RESCHEDULED = "rescheduled", pgettext_lazy("event status", "Rescheduled")
    # Translators: the state of an event: put off, with no new date yet
    POSTPONED = "postponed", pgettext_lazy("event status", "Postponed")
    # Translators: the state of an event: it now takes place online only
    MOVED_ONLINE = "moved_online", pgettext_lazy("event status", "Moved online")
    # Translators: the state of an event: it will not take place
    CANCELLED = "cancelled", pgettext_lazy("event status", "Cancelled")


SCHEMA_STATUS = {
    EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
    EventStatus.RESCHEDULED: "https://schema.org/EventRescheduled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
    EventStatus.MOVED_ONLINE: "https://schema.org/EventMovedOnline",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
}
# RFC 5545 STATUS of a VEVENT: a postponed event has no firm date.
ICAL_STATUS = {
    EventStatus.SCHEDULED: "CONFIRMED",
    EventStatus.RESCHEDULED: "CONFIRMED",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.MOVED_ONLINE: "CONFIRMED",
    EventStatus.CANCELLED: "CANCELLED",
}


class EventQuerySet(PublishableQuerySet):
    def upcoming(self, now=None):
        """Events not over yet: a timed one until its end, an all-day one until its last day is over."""
        now = now or timezone.now()
        today = local_midnight(timezone.localtime(now, site_zone()).date())
        return self.filter(Q(ends_at__gte=now) | Q(all_day=True, ends_at__gte=today)).order_by("starts_at", "pk")

    def past(self, now=None):
        """Events that are over, the latest first. Every one started before now: the list's index is read from there."""
        now = now or timezone.now()
        today = local_midnight(timezone.localtime(now, site_zone()).date())
        return self.filter(Q(starts_at__lte=now, ends_at__lt=now) & ~Q(all_day=True, ends_at__gte=today)).order_by(
            "-starts_at", "-pk"
        )

    def upcoming_from(self, floor, now=None):
        """upcoming(), read from `floor` on: no upcoming event starts before it (see Event.upcoming_floor)."""
        queryset = self.upcoming(now)
        return queryset.filter(starts_at__gte=floor) if floor is not None else queryset

    def for_page(self, limit):
        """The `limit` latest published events (the furthest ahead first) with their places, and whether there are more."""
        events = list(self.published().with_places().order_by("-starts_at", "-pk")[: limit + 1])
        return events[:limit], len(events) > limit

    def of_organisation(self, organisation):
        """Events `organisation` organises or is a partner of."""
        return self.filter(
            pk__in=Event.objects.filter(Q(organisers=organisation) | Q(partners=organisation)).values("pk")
        )

    def with_places(self):
        """The places (in the active language's order) and the project: what a card shows, in one more query."""
        return self.select_related("project").prefetch_related(
            Prefetch("places", queryset=Place.objects.order_by(collated("name"), "pk"))
        )

    def with_relations(self):
        """What the event's page shows: places, project, organisers, partners and topics (four more queries)."""
        published = Organisation.objects.published().order_by(collated("name"), "pk")
        return self.with_places().prefetch_related(
            Prefetch("organisers", queryset=published),
            Prefetch("partners", queryset=published.all()),
            "topics",
        )


class Event(TitledPublishable):
    """A public event: a conference, forum, focus group, visit or meeting, on one day or several."""

    url_name = "events:detail"
    # The moments besides its publish and expiry times at which the site's pages change (core.cache).
    schedule_fields = ("over_at",)

    Precision = Precision
    Status = EventStatus

    # Translators: the event's first paragraph (standfirst), not a lead organisation.
    lead = models.TextField(
        pgettext_lazy("event field", "lead"),
        blank=True,
        help_text=_("The first paragraph, shown in lists and previews."),
    )
    description = RichTextField(_("description"), blank=True)
    starts_at = models.DateTimeField(
        _("start"),
        help_text=_("In the site's time zone. Calendar applications show the times in each reader's own time zone."),
    )
    ends_at = models.DateTimeField(
        _("end"),
        null=True,
        blank=True,
        help_text=_("Leave it empty for an event without a known end: it then ends when it starts."),
    )
    # Kept by save() (a moment of the event's own, not a field of the form): core.cache makes the
    # site's pages new then, as at a publish time (``schedule_fields``).
    # Translators: a field kept by the site itself: when an event is over (goes from upcoming to past)
    over_at = models.DateTimeField(_("over at"), null=True, editable=False, db_index=True)
    all_day = models.BooleanField(
        _("all day"),
        default=False,
        help_text=_("Only the days count: the times are left out on the site and in calendars."),
    )
    precision = models.CharField(
        _("date known to"),
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text=_(
            "When the source gives only the month or the year, choose it: the site then shows "
            "“May–December 2024” or “2022” and never a day. Enter any day of the first and last month or year."
        ),
    )
    event_status = models.CharField(
        pgettext_lazy("event", "status of the event"),
        max_length=12,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
        help_text=_("A cancelled event stays on the site and in calendars, marked as cancelled."),
    )
    places = models.ManyToManyField(
        Place,
        related_name="events",
        verbose_name=_("places"),
        blank=True,
        help_text=_("Where it takes place: the places projects work in, named in each language."),
    )
    venue = models.CharField(
        _("venue"), max_length=250, blank=True, help_text=_("Optional: the building, hall or address.")
    )
    online_url = models.URLField(_("online link"), blank=True, help_text=_("Where to follow it online, if anywhere."))
    registration_url = models.URLField(_("registration link"), blank=True)
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("project"),
    )
    organisers = models.ManyToManyField(
        Organisation, related_name="events_organised", verbose_name=_("organisers"), blank=True
    )
    partners = models.ManyToManyField(
        Organisation, related_name="events_partnered", verbose_name=_("partners"), blank=True
    )
    topics = models.ManyToManyField(Topic, related_name="events", verbose_name=_("topics"), blank=True)
    sequence = models.PositiveIntegerField(
        _("revision"),
        default=0,
        editable=False,
        help_text=_("Raised at every change, so that subscribed calendars take the newest version."),
    )

    objects = EventQuerySet.as_manager()

    class Meta(TitledPublishable.Meta):
        ordering = ["starts_at", "pk"]
        # Translators: a model's name in the nominative; the admin puts it after a colon ("Added: event “…”")
        verbose_name = _("event")
        # Translators: a model's plural name in the nominative; the admin puts it after a colon ("Delete: events")
        verbose_name_plural = _("events")
        constraints = [
            *Publishable.Meta.constraints,
            *slug_constraints("event"),
            models.CheckConstraint(condition=Q(ends_at__gte=F("starts_at")), name="event_ends_after_start"),
        ]
        # Upcoming events in date order, past ones from the newest (read from either end).
        indexes = [
            models.Index(fields=["starts_at", "id"], name="event_list_order"),
            models.Index(fields=["ends_at"], name="event_end"),
            # A project's events (its page, the list's project filter, its calendar) in the same order.
            models.Index(fields=["project", "starts_at", "id"], name="event_project_order"),
        ]

    def __str__(self):
        return self.title or ""

    # --- Dates --------------------------------------------------------------

    @classmethod
    def upcoming_floor(cls):
        """The earliest start of an upcoming event (or now, without one), once per site version (core.cache).

        The upcoming list is read in start order from there, not from the first event ever: its
        cost does not grow with the past. It holds for the whole version: an event that ends or
        any change makes a new version (its over_at, the save signals), and an event that
        starts was upcoming already.
        """
        return cache.get_or_set(
            **site_cache.fragment("events-upcoming-floor"),
            # None upcoming: none starts before now (an event added later makes a new version).
            default=lambda: (
                cls.objects.published().upcoming().aggregate(floor=Min("starts_at"))["floor"] or timezone.now()
            ),
        )

    def over_moment(self):
        """When the event goes from upcoming to past: a timed event at its end, an all-day event when its
        last day is over in the site's time zone."""
        if self.ends_at is None:
            return None
        if not self.all_day:
            return self.ends_at
        return local_midnight(timezone.localtime(self.ends_at, site_zone()).date() + datetime.timedelta(days=1))

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at:
            start, end = self.normalised_dates(self.starts_at, self.ends_at)
            if end < start:
                raise ValidationError({"ends_at": _("The end cannot be before the start.")})

    def normalised_dates(self, start, end):
        """(start, end) as stored: whole days, months or years for events without times."""
        end = end or start
        zone = site_zone()
        first, last = timezone.localtime(start, zone).date(), timezone.localtime(end, zone).date()
        if self.precision == Precision.MONTH:
            first = first.replace(day=1)
            last = last.replace(day=calendar.monthrange(last.year, last.month)[1])
        elif self.precision == Precision.YEAR:
            first, last = first.replace(month=1, day=1), last.replace(month=12, day=31)
        elif not self.all_day:
            return start, end
        return local_midnight(first), local_midnight(last)

    def save(self, *args, **kwargs):
        if self.precision != Precision.DAY:
            self.all_day = True
        if self.starts_at:
            self.starts_at, self.ends_at = self.normalised_dates(self.starts_at, self.ends_at)
        if self.pk is not None and not self._state.adding:
            self.sequence = (self.sequence or 0) + 1
        self.over_at = self.over_moment()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"ends_at", "all_day", "precision"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "over_at"}
        super().save(*args, **kwargs)

    @property
    def first_day(self):
        return timezone.localtime(self.starts_at, site_zone()).date()

    @property
    def last_day(self):
        return timezone.localtime(self.ends_at or self.starts_at, site_zone()).date()

    @property
    def dates(self):
        """The event's dates in the active language, as precisely as they are known."""
        return dates.event_dates(self)

    @property
    def year(self):
        return self.first_day.year

    @property
    def is_cancelled(self):
        return self.event_status == EventStatus.CANCELLED

    @property
    def shows_status(self):
        """Worth a label: anything but "takes place"."""
        return self.event_status != EventStatus.SCHEDULED

    def is_over(self, now=None):
        now = now or timezone.now()
        if self.all_day:
            return self.last_day < timezone.localtime(now, site_zone()).date()
        return (self.ends_at or self.starts_at) < now

    @property
    def uid(self):
        """The event's iCalendar UID: the same in every feed, language and version."""
        host = urlsplit(settings.SITE_URL).hostname or "localhost"
        return f"event-{self.pk}@{host}"

    # --- What search engines read --------------------------------------------

    def iso_dates(self):
        """schema.org start and end: a moment with its offset, a day, or the month or year known."""
        if self.precision == Precision.YEAR:
            return str(self.first_day.year), str(self.last_day.year)
        if self.precision == Precision.MONTH:
            return f"{self.first_day:%Y-%m}", f"{self.last_day:%Y-%m}"
        if self.all_day:
            return self.first_day.isoformat(), self.last_day.isoformat()
        zone = site_zone()
        return (
            timezone.localtime(self.starts_at, zone).isoformat(),
            timezone.localtime(self.ends_at or self.starts_at, zone).isoformat(),
        )

    def structured_data(self, language):
        """Description and schema.org ``Event`` of its page (portal.seo adds the rest)."""
        description = self.lead or plain_text(self.description)
        start, end = self.iso_dates()
        places = [place for place in self.places.all() if place.name]
        locations = [
            {
                "@type": "Place",
                "name": ", ".join(filter(None, [self.venue, place.name])),
                "address": {
                    "@type": "PostalAddress",
                    "addressLocality": place.name,
                    **({"addressCountry": place.country} if place.country else {}),
                },
            }
            for place in places
        ]
        if self.online_url:
            locations.append({"@type": "VirtualLocation", "url": self.online_url})
        if self.online_url and places:
            mode = "https://schema.org/MixedEventAttendanceMode"
        elif self.online_url:
            mode = "https://schema.org/OnlineEventAttendanceMode"
        else:
            mode = "https://schema.org/OfflineEventAttendanceMode"
        organisers = [organisation_data(organisation) for organisation in self.organisers.all()]
        data = {
            "@type": "Event",
            "name": self.title,
            "description": describe(description, 500),
            "startDate": start,
            "endDate": end,
            "eventStatus": SCHEMA_STATUS[self.event_status],
            "eventAttendanceMode": mode,
            "inLanguage": language,
            "organizer": organisers or site_reference(),
        }
        if locations:
            data["location"] = locations if len(locations) > 1 else locations[0]
        partners = [organisation_data(organisation) for organisation in self.partners.all()]
        if partners:
            data["contributor"] = partners
        if self.registration_url:
            data["offers"] = {"@type": "Offer", "url": self.registration_url}
        return {
            "type": "website",
            "description": description,
            "image": "",
            "image_alt": "",
            "data": data,
            "published": self.publish_at,
            "modified": self.updated_at,
            "section": "events",
        }
