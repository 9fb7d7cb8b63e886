"""Filters of the project list, read from the query string.

The forms are plain GET forms: they work without JavaScript and show the
visitor's choices again. A value outside the offered choices makes the form
invalid, and the view answers 400.
"""

from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.models import LANGUAGE_CODES
from projects.models import Phase


def resolve_translated_slug(value, objects):
    """The object whose slug in any language is `value`, the active language first."""
    if not value:
        return None
    for obj in objects:
        if obj.slug == value:
            return obj
    for obj in objects:
        if any(getattr(obj, f"slug_{code}", None) == value for code in LANGUAGE_CODES):
            return obj
    return None


class FilterForm(forms.Form):
    """A GET filter form: every field optional, an empty value means "all"."""

    def query_string(self):
        """The valid filters as a query string, for pagination links."""
        return urlencode([(name, self.cleaned_data[name]) for name in self.fields if self.cleaned_data.get(name)])

    @property
    def is_filtered(self):
        return any(self.cleaned_data.get(name) for name in self.fields)


class SlugChoiceForm(FilterForm):
    """A GET form whose slug fields accept an object's slug in any language.

    The language switcher keeps the query string, so `?donor=<Albanian slug>`
    may arrive on the Belarusian page; it is read as the same organisation.
    """

    slug_fields = ()

    def __init__(self, data, **objects):
        self.objects = objects
        data = data.copy()
        for field_name in self.slug_fields:
            found = resolve_translated_slug(data.get(field_name, ""), objects[field_name])
            if found is not None:
                data[field_name] = found.slug
        super().__init__(data)
        for field_name in self.slug_fields:
            self.fields[field_name].choices = [("", self.fields[field_name].choices[0][1])] + [
                (obj.slug, str(obj)) for obj in objects[field_name] if obj.slug
            ]

    def selected(self, field_name):
        """The object chosen in a slug field, once the form is valid."""
        value = self.cleaned_data.get(field_name)
        return resolve_translated_slug(value, self.objects[field_name]) if value else None


class ProjectFilterForm(SlugChoiceForm):
    slug_fields = ("donor", "topic")

    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All"))] + Phase.choices)
    donor = forms.ChoiceField(label=_("Donor"), required=False, choices=[("", _("All donors"))])
    year = forms.TypedChoiceField(
        label=_("Year"), required=False, coerce=int, empty_value=None, choices=[("", _("All years"))]
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False, choices=[("", _("All topics"))])

    def __init__(self, data, donor, topic, years):
        super().__init__(data, donor=donor, topic=topic)
        self.fields["year"].choices = [("", _("All years"))] + [(str(year), str(year)) for year in years]
