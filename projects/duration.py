"""Project durations and activity dates, written the way each language writes them.

English: "8 months, May–December 2024"; Albanian: "8 muaj, maj–dhjetor 2024";
Belarusian: "8 месяцаў, травень–снежань 2024". Month names come from our own
catalogue, in three grammatical forms: the nominative (a month on its own or
in a range), the form after a day number ("14 кастрычніка 2023") and the form
after "since"/"from" ("з траўня 2024", "që nga maji 2024"). Counts go through
ngettext, so Belarusian gets its 1 / 2–4 / 5+ forms.
"""

import datetime

from django.utils.translation import ngettext, pgettext, pgettext_lazy

# Each month in three forms: (nominative, after a day number, after "since"/"from").
MONTHS = {
    1: (
        pgettext_lazy("month name", "January"),
        pgettext_lazy("month after a day", "January"),
        pgettext_lazy("month after since", "January"),
    ),
    2: (
        pgettext_lazy("month name", "February"),
        pgettext_lazy("month after a day", "February"),
        pgettext_lazy("month after since", "February"),
    ),
    3: (
        pgettext_lazy("month name", "March"),
        pgettext_lazy("month after a day", "March"),
        pgettext_lazy("month after since", "March"),
    ),
    4: (
        pgettext_lazy("month name", "April"),
        pgettext_lazy("month after a day", "April"),
        pgettext_lazy("month after since", "April"),
    ),
    5: (
        pgettext_lazy("month name", "May"),
        pgettext_lazy("month after a day", "May"),
        pgettext_lazy("month after since", "May"),
    ),
    6: (
        pgettext_lazy("month name", "June"),
        pgettext_lazy("month after a day", "June"),
        pgettext_lazy("month after since", "June"),
    ),
    7: (
        pgettext_lazy("month name", "July"),
        pgettext_lazy("month after a day", "July"),
        pgettext_lazy("month after since", "July"),
    ),
    8: (
        pgettext_lazy("month name", "August"),
        pgettext_lazy("month after a day", "August"),
        pgettext_lazy("month after since", "August"),
    ),
    9: (
        pgettext_lazy("month name", "September"),
        pgettext_lazy("month after a day", "September"),
        pgettext_lazy("month after since", "September"),
    ),
    10: (
        pgettext_lazy("month name", "October"),
        pgettext_lazy("month after a day", "October"),
        pgettext_lazy("month after since", "October"),
    ),
    11: (
        pgettext_lazy("month name", "November"),
        pgettext_lazy("month after a day", "November"),
        pgettext_lazy("month after since", "November"),
    ),
    12: (
        pgettext_lazy("month name", "December"),
        pgettext_lazy("month after a day", "December"),
        pgettext_lazy("month after since", "December"),
    ),
}


def month_name(month):
    """The month on its own or in a range: "May", "maj", "травень"."""
    return str(MONTHS[month][0])


def month_after_day(month):
    """The month after a day number: "14 October", "14 tetor", "14 кастрычніка"."""
    return str(MONTHS[month][1])


def month_after_since(month):
    """The month after "since": "since May", "që nga maji"; in Belarusian with its
    preposition, whose form depends on the month ("з траўня", "са студзеня")."""
    return str(MONTHS[month][2])


def month_count(start, end):
    """Calendar months from start to end, both included: May–December is 8."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def month_year(date):
    # Translators: %(month)s is a month's name in the nominative (context "month name"); %(year)s a year: "May 2024"
    return pgettext("month and year", "%(month)s %(year)s") % {"month": month_name(date.month), "year": date.year}


def month_period(start, end):
    """ "May–December 2024", "October 2023 – March 2025", "May 2024"."""
    if (start.year, start.month) == (end.year, end.month):
        return month_year(start)
    if start.year == end.year:
        return pgettext("months within one year", "%(start_month)s–%(end_month)s %(year)s") % {
            "start_month": month_name(start.month),
            "end_month": month_name(end.month),
            "year": start.year,
        }
    return pgettext("months across years", "%(start)s – %(end)s") % {
        "start": month_year(start),
        "end": month_year(end),
    }


def months_length(count):
    # Translators: a project's length: "8 months"
    return ngettext("%(count)s month", "%(count)s months", count) % {"count": count}


def year_period(start, end, today=None):
    """A duration known only to the year: "2022", "2022–2023", "since 2001"."""
    if end is None:
        today = today or datetime.date.today()
        if start > today:
            return pgettext("open-ended project that has not started, year only", "from %(year)s") % {
                "year": start.year
            }
        return pgettext("open-ended project, year only", "since %(year)s") % {"year": start.year}
    if start.year == end.year:
        return str(start.year)
    return pgettext("years of a project", "%(start)s–%(end)s") % {"start": start.year, "end": end.year}


def project_duration(start, end, today=None, years_only=False):
    """A project's duration: "8 months, May–December 2024", "since May 2024"; with
    `years_only`, "2022" or "since 2001" (for sources that give no months)."""
    if start is None:
        return ""
    if years_only:
        return year_period(start, end, today)
    if end is None:
        today = today or datetime.date.today()
        values = {"month": month_after_since(start.month), "year": start.year}
        if start > today:
            return pgettext("open-ended project that has not started", "from %(month)s %(year)s") % values
        return pgettext("open-ended project", "since %(month)s %(year)s") % values
    # Translators: %(length)s is "8 months"; %(period)s is "May–December 2024"
    return pgettext("project duration: length, period", "%(length)s, %(period)s") % {
        "length": months_length(month_count(start, end)),
        "period": month_period(start, end),
    }


def day_month_year(date):
    return pgettext("day, month and year", "%(day)s %(month)s %(year)s") % {
        "day": date.day,
        "month": month_after_day(date.month),
        "year": date.year,
    }


def date_range(start, end=None):
    """An activity's date or period: "14–15 October 2023", "30 September – 2 October 2023"."""
    if start is None:
        return ""
    if end is None or end == start:
        return day_month_year(start)
    if (start.year, start.month) == (end.year, end.month):
        return pgettext("days within one month", "%(start_day)s–%(end_day)s %(month)s %(year)s") % {
            "start_day": start.day,
            "end_day": end.day,
            "month": month_after_day(end.month),
            "year": end.year,
        }
    if start.year == end.year:
        return pgettext(
            "days within one year", "%(start_day)s %(start_month)s – %(end_day)s %(end_month)s %(year)s"
        ) % {
            "start_day": start.day,
            "start_month": month_after_day(start.month),
            "end_day": end.day,
            "end_month": month_after_day(end.month),
            "year": end.year,
        }
    return pgettext("days across years", "%(start)s – %(end)s") % {
        "start": day_month_year(start),
        "end": day_month_year(end),
    }
