"""GET filter forms for the public lists.

The forms are plain GET forms: they work without JavaScript and show the
visitor's choices again. A value outside the offered choices makes the form
invalid, and the view answers 400 (core.views.FilteredListMixin).
"""

import re
from urllib.parse import urlencode

from django import forms

from core.i18n import find_by_slug, pick_by_slug

# What a slug can be; anything else is not looked up (and is an invalid choice: 400).
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,120}")


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

    A field may offer only some objects (the most used partners, say, not
    thousands of options): `lookups` gives, per field, the queryset where a
    value outside the offered objects is looked for (one query, only then).
    Found, it is offered too and shown selected; not found, the form is invalid.
    """

    slug_fields = ()

    def __init__(self, data, lookups=None, **objects):
        self.objects = {name: list(values) for name, values in objects.items()}
        lookups = lookups or {}
        data = data.copy()
        for field_name in self.slug_fields:
            value = data.get(field_name, "")
            found = pick_by_slug(self.objects[field_name], value)
            if found is None and SLUG.fullmatch(value) and field_name in lookups:
                found = find_by_slug(lookups[field_name], value)
                if found is not None:
                    self.objects[field_name].append(found)
            if found is not None:
                data[field_name] = found.slug
        super().__init__(data)
        for field_name in self.slug_fields:
            self.fields[field_name].choices = [("", self.fields[field_name].choices[0][1])] + [
                (obj.slug, str(obj)) for obj in self.objects[field_name] if obj.slug
            ]

    def selected(self, field_name):
        """The object chosen in a slug field, once the form is valid."""
        value = self.cleaned_data.get(field_name)
        return pick_by_slug(self.objects[field_name], value) if value else None
