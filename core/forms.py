"""GET filter forms for the public lists.

The forms are plain GET forms: they work without JavaScript and show the
visitor's choices again. A value outside the offered choices makes the form
invalid, and the view answers 400 (core.views.FilteredListMixin).
"""

from urllib.parse import urlencode

from django import forms

from core.i18n import pick_by_slug


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
            found = pick_by_slug(objects[field_name], data.get(field_name, ""))
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
        return pick_by_slug(self.objects[field_name], value) if value else None
