import datetime

from django import forms
from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from editorial.filters import YearFilter
from editorial.options import EditorialAdmin
from events.models import Event


class DayOrMomentField(forms.SplitDateTimeField):
    """A date with an optional time: an all-day event needs only its days (the time is then midnight)."""

    def __init__(self, **kwargs):
        super().__init__(require_all_fields=False, **kwargs)
        self.fields[1].required = False

    def compress(self, data_list):
        if data_list and data_list[0] and not data_list[1]:
            data_list = [data_list[0], datetime.time()]
        return super().compress(data_list)


class EventAdminForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            field = self.fields.get(name)
            if isinstance(field, forms.SplitDateTimeField):
                self.fields[name] = DayOrMomentField(
                    label=field.label, help_text=field.help_text, required=field.required, widget=field.widget
                )
        field = self.fields.get("starts_at")  # not there for a translator, who may not change it
        if field is not None:
            field.help_text = gettext(
                # Translators: shown under an event's start in the admin; %(zone)s is a time zone's name ("Europe/Belgrade")
                "Times are in the site's time zone, %(zone)s. Calendar applications show them in each "
                "reader's own time zone."
            ) % {"zone": settings.TIME_ZONE}


class StartYearFilter(YearFilter):
    date_field = "starts_at"


@admin.register(Event)
class EventAdmin(EditorialAdmin):
    form = EventAdminForm
    list_display = ("title", "dates", "event_status", "status", "publish_at")
    list_display_links = ("title",)
    list_filter = ("status", "event_status", StartYearFilter, "topics")
    list_select_related = ("project",)
    search_fields = (
        "title_be",
        "title_sq",
        "title_en",
        "lead_be",
        "lead_sq",
        "lead_en",
        "venue_be",
        "venue_sq",
        "venue_en",
    )
    autocomplete_fields = ("places", "project", "organisers", "partners", "topics")
    ordering = ("-starts_at", "-pk")
    fieldsets = (
        (None, {"fields": ("title", "slug", "lead", "description")}),
        (_("When"), {"fields": (("starts_at", "ends_at"), ("all_day", "precision"), "event_status")}),
        (_("Where"), {"fields": ("places", "venue", "online_url", "registration_url")}),
        (_("Links"), {"fields": ("project", "organisers", "partners", "topics")}),
        (
            pgettext_lazy("admin fieldset", "Publication"),
            {"fields": ("status", "publish_at", "expire_at", "source_language")},
        ),
    )

    @admin.display(description=_("dates"), ordering="starts_at")
    def dates(self, obj):
        return obj.dates
