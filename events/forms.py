from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.forms import SlugChoiceForm


class EventFilterForm(SlugChoiceForm):
    """The filters of the event list and feeds, read from the query string.

    Only values that lead to published events are offered (and valid): projects,
    topics, places and years that have events. Project and topic slugs are
    accepted in any of the three languages (SlugChoiceForm); a place is named by its number.
    """

    slug_fields = ("project", "topic")

    when = forms.ChoiceField(
        # Translators: a filter of the event list: upcoming or past events
        label=pgettext_lazy("event list filter", "When"),
        required=False,
        choices=[("", _("Upcoming")), ("past", _("Past"))],
    )
    project = forms.ChoiceField(label=_("Project"), required=False, choices=[("", _("All projects"))])
    topic = forms.ChoiceField(label=_("Topic"), required=False, choices=[("", _("All topics"))])
    place = forms.TypedChoiceField(
        label=_("Place"), required=False, coerce=int, empty_value=None, choices=[("", _("All places"))]
    )
    year = forms.TypedChoiceField(
        label=_("Year"), required=False, coerce=int, empty_value=None, choices=[("", _("All years"))]
    )

    def __init__(self, data, project, topic, places, years, lookups=None):
        super().__init__(data, lookups=lookups, project=project, topic=topic)
        self.places = {place.pk: place for place in places}
        self.fields["place"].choices = [("", _("All places"))] + [(str(place.pk), place.name) for place in places]
        self.fields["year"].choices = [("", _("All years"))] + [(str(year), str(year)) for year in years]

    def selected_place(self):
        return self.places.get(self.cleaned_data.get("place"))

    @property
    def is_narrowed(self):
        """Filtered by anything but upcoming/past."""
        return any(self.cleaned_data.get(name) for name in ("project", "topic", "place", "year"))
