from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.forms import SlugChoiceForm
from news.models import NewsItem


class NewsFilterForm(SlugChoiceForm):
    """The filters of the news list, read from the query string.

    Only values that lead somewhere are offered: years, topics and the
    partners named most often in published items (any other partner with
    published news is accepted too, and then offered). Topic and partner slugs are accepted in any of the
    three languages and shown in the current one (SlugChoiceForm).
    """

    slug_fields = ("topic", "partner")

    kind = forms.ChoiceField(
        label=pgettext_lazy("list filter", "Type"),
        required=False,
        choices=[("", _("All types")), *NewsItem.Kind.choices],
    )
    year = forms.TypedChoiceField(
        label=_("Year"), required=False, coerce=int, empty_value=None, choices=[("", _("All years"))]
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False, choices=[("", _("All topics"))])
    partner = forms.ChoiceField(label=_("Partner"), required=False, choices=[("", _("All partners"))])

    def __init__(self, data, topic, partner, years, lookups=None):
        super().__init__(data, lookups=lookups, topic=topic, partner=partner)
        self.fields["year"].choices = [("", _("All years"))] + [(str(year), str(year)) for year in years]
