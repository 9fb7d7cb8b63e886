"""An event's dates written the way each language writes them, as precisely as they are known.

"14–15 October 2023", "16 April 2025, 10:00–12:00 CEST", "May–December 2024", "2022".
Month names and day ranges are the projects' (projects.duration); times are
shown in the site's time zone with its abbreviation.
"""

from django.utils import timezone
from django.utils.translation import pgettext

from projects.duration import date_range, day_month_year, month_period, year_period


def clock(moment):
    return f"{moment:%H:%M}"


def event_dates(event):
    """The dates of `event` in the active language: only what is known (no day for a month, no time for a day)."""
    if event.starts_at is None:
        return ""
    first, last = event.first_day, event.last_day
    if event.precision == "year":
        return year_period(first, last)
    if event.precision == "month":
        return month_period(first, last)
    if event.all_day:
        return date_range(first, last)
    zone = timezone.get_default_timezone()
    start = timezone.localtime(event.starts_at, zone)
    end = timezone.localtime(event.ends_at or event.starts_at, zone)
    if end == start:
        # Translators: an event's day and start time: "14 October 2023, 10:00 CEST"
        return pgettext("event day and time", "%(day)s, %(time)s %(zone)s") % {
            "day": day_month_year(first),
            "time": clock(start),
            "zone": start.tzname(),
        }
    if first == last:
        # Translators: an event's day and times: "14 October 2023, 10:00–12:00 CEST"
        return pgettext("event day and times", "%(day)s, %(start)s–%(end)s %(zone)s") % {
            "day": day_month_year(first),
            "start": clock(start),
            "end": clock(end),
            "zone": end.tzname(),
        }
    # Translators: an event over several days with times: "14 October 2023, 10:00 – 15 October 2023, 17:00 CEST"
    return pgettext("event days and times", "%(start_day)s, %(start)s – %(end_day)s, %(end)s %(zone)s") % {
        "start_day": day_month_year(first),
        "start": clock(start),
        "end_day": day_month_year(last),
        "end": clock(end),
        "zone": end.tzname(),
    }
