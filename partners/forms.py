from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.countries import COUNTRY_NAMES
from core.forms import FilterForm
from core.i18n import sort_key
from partners.models import Organisation


class OrganisationFilterForm(FilterForm):
    kind = forms.ChoiceField(
        label=pgettext_lazy("list filter", "Type"),
        required=False,
        choices=[("", _("All types"))] + Organisation.Kind.choices,
    )
    country = forms.ChoiceField(label=_("Country"), required=False, choices=[("", _("All countries"))])

    def __init__(self, data, countries):
        super().__init__(data)
        options = sorted(
            ((code, str(COUNTRY_NAMES.get(code, code))) for code in countries), key=lambda item: sort_key(item[1])
        )
        self.fields["country"].choices = [("", _("All countries"))] + options
