"""The event pages and calendar feeds.

- ``/<lang>/events/``: upcoming events, soonest first, then the latest past
  ones; ``?when=past`` lists every past event, newest first. Filters by
  project, topic, place and year: a value the list does not offer answers 400,
  a bad page number 404 (core.views.FilteredListMixin).
- ``/<lang>/events/<slug>/``: one event, with "Add to calendar" (its ``.ics``).
- ``/<lang>/events/feed.ics``: every event in the language, for calendar
  applications to subscribe to; ``?project=``, ``?topic=`` (and the other
  filters) narrow it, read by the same form.

Every answer goes through the page cache like any page; a change to any event
makes a new site version (core.cache), so no feed outlives a change.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from core import cache as site_cache
from core.i18n import collated, find_by_slug
from core.models import Topic
from core.views import FilteredListMixin, PublishedMixin, TranslatedSlugLookupMixin, bad_request, canonical_redirect
from events import ical
from events.forms import EventFilterForm
from events.models import Event
from projects.models import Place, Project

PAST_ON_FIRST_PAGE = 6
FEED_LENGTH = 300


def event_filter_choices():
    """What the event filters offer, in the active language; computed once per site version."""
    published = Event.objects.published()
    return {
        "project": list(
            Project.objects.published().filter(events__in=published).distinct().order_by(collated("title"), "pk")
        ),
        "topic": list(Topic.objects.filter(events__in=published).distinct().order_by(collated("name"), "pk")),
        "places": list(Place.objects.filter(events__in=published).distinct().order_by(collated("name"), "pk")),
        "years": sorted({day.year for day in published.datetimes("starts_at", "year")}, reverse=True),
    }


def event_filter_form(data):
    choices = cache.get_or_set(**site_cache.fragment(f"event-filters:{get_language()}"), default=event_filter_choices)
    return EventFilterForm(
        data, project=choices["project"], topic=choices["topic"], places=choices["places"], years=choices["years"]
    )


def filtered(queryset, form):
    """`queryset` narrowed by the valid `form`'s project, topic, place and year."""
    data = form.cleaned_data
    project = form.selected("project")
    if project is not None:
        queryset = queryset.filter(project=project)
    topic = form.selected("topic")
    if topic is not None:
        queryset = queryset.filter(topics=topic)
    place = form.selected_place()
    if place is not None:
        queryset = queryset.filter(places=place)
    if data.get("year"):
        queryset = queryset.filter(starts_at__year=data["year"])
    return queryset


class EventListView(FilteredListMixin, PublishedMixin, ListView):
    """Upcoming events first (soonest first), then the latest past events; ``?when=past``: all past events."""

    model = Event
    paginate_by = 12
    query_parameters = (*EventFilterForm.base_fields, "page")

    def get_filter_form(self):
        return event_filter_form(self.request.GET)

    @property
    def showing_past(self):
        return self.filter_form.cleaned_data.get("when") == "past"

    def filter_queryset(self, queryset, form):
        queryset = filtered(queryset, form)
        queryset = queryset.past() if self.showing_past else queryset.upcoming_from(Event.upcoming_floor())
        return queryset.with_places()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        recent_past = []
        if not self.showing_past and context["page_obj"].number == 1:
            past = filtered(Event.objects.published(), self.filter_form).past().with_places()
            recent_past = list(past[: PAST_ON_FIRST_PAGE + 1])
        query = self.filter_form.query_string()
        base_query = "&".join(part for part in query.split("&") if part and not part.startswith("when="))
        context.update(
            {
                "showing_past": self.showing_past,
                "recent_past": recent_past[:PAST_ON_FIRST_PAGE],
                "more_past": len(recent_past) > PAST_ON_FIRST_PAGE,
                "past_query": f"?when=past&{base_query}" if base_query else "?when=past",
                "upcoming_query": f"?{base_query}" if base_query else "",
                "feed_query": f"?{base_query}" if base_query else "",
            }
        )
        return context


class EventDetailView(TranslatedSlugLookupMixin, PublishedMixin, DetailView):
    """One event, with its places, organisers, partners, project and topics; its ``.ics`` under ``calendar.ics``."""

    model = Event

    def get(self, request, *args, **kwargs):
        self.object = event = self.get_object(self.get_queryset().with_relations())
        return canonical_redirect(request, event) or self.render_to_response(
            self.get_context_data(object=event, **self.item_context(event))
        )

    def item_context(self, event):
        return {
            "absolute_url": self.request.build_absolute_uri(event.get_absolute_url()),
            "is_over": event.is_over(),
        }


@require_safe
def event_ics(request, slug):
    """One published event as an iCalendar file ("Add to calendar"), at its address in the active language."""
    event = find_by_slug(Event.objects.published(), slug)
    if event is None:
        raise Http404
    return ical.calendar_response(
        ical.calendar(
            [event],
            event.title,
            event.lead or event.title,
            lambda item: request.build_absolute_uri(item.get_absolute_url()),
        ),
        f"{event.slug or event.pk}.ics",
    )


def feed_title(form):
    site = settings.SITE_NAME
    project, topic, place = form.selected("project"), form.selected("topic"), form.selected_place()
    if project is not None:
        # Translators: a calendar's name; %(site)s is the site's name ("Ura", not inflected), %(project)s a project's title
        return _("%(site)s: events — %(project)s") % {"site": site, "project": project.title}
    if topic is not None:
        # Translators: a calendar's name; %(site)s is the site's name ("Ura", not inflected), %(topic)s a topic's name
        return _("%(site)s: events — %(topic)s") % {"site": site, "topic": topic.name}
    if place is not None:
        # Translators: a calendar's name; %(site)s is the site's name ("Ura", not inflected), %(place)s a place's name
        return _("%(site)s: events — %(place)s") % {"site": site, "place": place.name}
    # Translators: a calendar's name; %(site)s is the site's name ("Ura", not inflected)
    return _("%(site)s: events") % {"site": site}


@require_safe
def events_feed(request):
    """Every published event that exists in the active language (the 300 latest by start), as a subscribable calendar."""
    form = event_filter_form(request.GET)
    if not form.is_valid():
        return bad_request(request)
    code = get_language()
    events = filtered(Event.objects.published(), form).filter(**{f"title_{code}__gt": "", f"slug_{code}__gt": ""})
    events = list(events.order_by("-starts_at", "-pk")[:FEED_LENGTH])
    # Translators: the description of a calendar of events; %(site)s is the site's name ("Ura", not inflected)
    description = _("Public events of %(site)s and its partners.") % {"site": settings.SITE_NAME}
    cal = ical.calendar_bytes(
        events, feed_title(form), description, lambda item: request.build_absolute_uri(item.get_absolute_url())
    )
    return ical.calendar_response(cal, "events.ics")


events_feed.query_parameters = ("project", "topic", "place", "year")
event_ics.query_parameters = ()
