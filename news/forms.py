from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from news.models import NewsItem
from partners.models import Organisation
from portal.i18n import collated
from portal.models import Topic

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class NewsFilterForm(forms.Form):
    """The filters of the news list, read from the query string.

    Only values that lead somewhere are offered: years, topics and partners
    of published items. Topic and partner slugs are accepted in any of the
    three languages (a visitor who switches language keeps the filter) and
    shown in the current one. Any other value makes the form invalid.
    """

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    partner = forms.ChoiceField(label=_("Partner"), required=False)

    def __init__(self, data, published):
        self.language = get_language()
        self.topics = list(Topic.objects.filter(news__in=published).distinct().order_by(collated("name"), "pk"))
        self.partners = list(
            Organisation.objects.published().filter(news__in=published).distinct().order_by(collated("name"), "pk")
        )
        data = data.copy()
        for name, objects in (("topic", self.topics), ("partner", self.partners)):
            value = data.get(name)
            if value:
                match = self._find(objects, value)
                if match is not None:
                    data[name] = self._slug(match)
        super().__init__(data)
        self.fields["kind"].choices = [("", _("All kinds")), *NewsItem.Kind.choices]
        years = published.dates("date", "year", order="DESC")
        self.fields["year"].choices = [("", _("All years"))] + [(str(day.year), str(day.year)) for day in years]
        self.fields["topic"].choices = [("", _("All topics"))] + [
            (self._slug(topic), topic.name) for topic in self.topics if self._slug(topic)
        ]
        self.fields["partner"].choices = [("", _("All partners"))] + [
            (self._slug(organisation), organisation.name) for organisation in self.partners if self._slug(organisation)
        ]

    def _slug(self, obj):
        return getattr(obj, f"slug_{self.language}", "") or ""

    @staticmethod
    def _find(objects, value):
        for obj in objects:
            if any(getattr(obj, f"slug_{code}", "") == value for code in LANGUAGE_CODES):
                return obj
        return None

    @property
    def active(self):
        """True when at least one filter is set."""
        return self.is_valid() and any(self.cleaned_data.get(name) for name in self.fields)

    def filter(self, queryset):
        data = self.cleaned_data
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        if data.get("year"):
            queryset = queryset.filter(date__year=data["year"])
        if data.get("topic"):
            queryset = queryset.filter(topics=self._find(self.topics, data["topic"]))
        if data.get("partner"):
            queryset = queryset.filter(organisations=self._find(self.partners, data["partner"]))
        return queryset

    def query_string(self):
        """The filters as a query string (without the page), for pagination links."""
        params = self.data.copy()
        params.pop("page", None)
        for name in list(params):
            if name not in self.fields or not params.get(name):
                params.pop(name)
        return params.urlencode()
