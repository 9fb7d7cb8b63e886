"""Filters of the project list, read from the query string.

A value outside the offered choices makes the form invalid, and the view
answers 400 (core.forms, core.views).
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.forms import SlugChoiceForm
from projects.models import Phase


class ProjectFilterForm(SlugChoiceForm):
    slug_fields = ("donor", "topic")

    status = forms.ChoiceField(
        label=pgettext_lazy("project phase", "Status"), required=False, choices=[("", _("All"))] + Phase.choices
    )
    donor = forms.ChoiceField(label=_("Donor"), required=False, choices=[("", _("All donors"))])
    year = forms.TypedChoiceField(
        label=_("Year"), required=False, coerce=int, empty_value=None, choices=[("", _("All years"))]
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False, choices=[("", _("All topics"))])

    def __init__(self, data, donor, topic, years, lookups=None):
        super().__init__(data, lookups=lookups, donor=donor, topic=topic)
        self.fields["year"].choices = [("", _("All years"))] + [(str(year), str(year)) for year in years]
