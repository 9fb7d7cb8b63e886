"""List filters shared by the content admins."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _


class YearFilter(admin.SimpleListFilter):
    """Items by the year of ``date_field``: the years that have items, newest first.

    A content admin names its field in a subclass (``class EventYearFilter(YearFilter):
    date_field = "starts_at"``); a date-time field is counted in the current time zone.
    """

    title = _("year")
    parameter_name = "year"
    date_field = "date"

    def lookups(self, request, model_admin):
        queryset = model_admin.get_queryset(request)
        field = queryset.model._meta.get_field(self.date_field)
        if isinstance(field, models.DateTimeField):
            years = queryset.datetimes(self.date_field, "year", order="DESC")
        else:
            years = queryset.dates(self.date_field, "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(**{f"{self.date_field}__year": int(value)})
        return queryset
