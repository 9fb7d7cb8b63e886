from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from core.countries import COUNTRIES, COUNTRY_NAMES
from core.i18n import collated
from core.models import LANGUAGE_CODES, TranslationTracked, slug_constraints, urls_of
from core.richtext import RichTextField
from core.seo import describe, organisation_data
from core.text import plain_text
from library.models import Image, image_url


class OrganisationQuerySet(models.QuerySet):
    def published(self):
        """What visitors may see: every organisation that is not hidden."""
        return self.filter(is_public=True)

    def most_linked(self, links, limit):
        """The `limit` shown organisations that `links` (rows with an organisation_id) name most, alphabetically.

        Only the names and slugs are loaded: what a filter's options need.
        """
        ids = (
            links.filter(organisation__is_public=True)
            .values("organisation_id")
            .annotate(uses=Count("pk"))
            .order_by("-uses", "organisation_id")
            .values_list("organisation_id", flat=True)[:limit]
        )
        fields = ["pk", *(f"{name}_{code}" for name in ("name", "slug") for code in LANGUAGE_CODES)]
        return list(self.filter(pk__in=ids).only(*fields).order_by(collated("name"), "pk"))


class Organisation(TranslationTracked):
    url_name = "partners:detail"

    class Kind(models.TextChoices):
        # Translators: a type of organisation, shown alone (filter, cards)
        DONOR = "donor", _("Donor")
        # Translators: a type of organisation, shown alone (filter, cards)
        NGO = "ngo", _("NGO / think tank")
        # Translators: a type of organisation, shown alone (filter, cards)
        GOVERNMENT = "government", _("Government body")
        # Translators: a type of organisation, shown alone (filter, cards)
        INTERNATIONAL = "international", _("International organisation")
        # Translators: a type of organisation, shown alone (filter, cards)
        MEDIA = "media", _("Media")
        # Translators: a type of organisation, shown alone (filter, cards)
        BUSINESS = "business", _("Business")
        # Translators: a type of organisation, shown alone (filter, cards)
        ACADEMIC = "academic", _("Academic")

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("short name or acronym"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, blank=True)
    # Blank when nothing says what kind of organisation it is: the directory states no kind it does not know.
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, blank=True, db_index=True)
    country = models.CharField(_("country"), max_length=2, choices=COUNTRIES, blank=True, db_index=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        Image,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("logo"),
        help_text=_("Chosen from the image library."),
    )
    description = RichTextField(_("description"))
    iati_identifier = models.CharField(
        _("IATI organisation identifier"), max_length=100, blank=True, help_text=_("For example XM-DAC-41114.")
    )
    is_public = models.BooleanField(_("shown on the site"), default=True)

    slug_source_field = "name"
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        # Translators: a model's name in the nominative; the admin puts it after a colon ("Added: organisation “…”")
        verbose_name = _("organisation")
        # Translators: a model's plural name in the nominative; the admin puts it after a colon ("Delete:
        # organisations")
        verbose_name_plural = _("organisations")
        constraints = slug_constraints("organisation")

    def __str__(self):
        return self.name or self.acronym or ""

    def structured_data(self, language):
        """Description, preview image and schema.org data of its page (portal.seo adds the rest)."""
        description = plain_text(self.description) or self.display_name
        image = image_url(self.logo, width=600)
        data = organisation_data(self)
        data["description"] = describe(description, 500)
        if self.acronym and self.acronym != self.name:
            data["alternateName"] = self.acronym
        if self.country:
            data["address"] = {"@type": "PostalAddress", "addressCountry": self.country}
        if image:
            data["logo"] = image
        return {
            "type": "profile",
            "description": description,
            "image": image,
            "image_alt": self.name,
            "data": data,
            "section": "partners",
        }

    @property
    def is_released(self):
        """Organisations have no publish time: shown on the site means released (see core.models)."""
        return self.is_public

    @property
    def country_name(self):
        return COUNTRY_NAMES.get(self.country, "")

    @property
    def shown_acronym(self):
        """The acronym when it adds something to the name (cards and headers show it next to the name)."""
        return self.acronym if self.acronym and self.acronym != self.name else ""

    @property
    def monogram(self):
        """Up to four letters standing for the organisation where it has no logo: its acronym, else its initials."""
        if self.shown_acronym and len(self.shown_acronym) <= 7:
            return self.shown_acronym
        words = [word for word in (self.name or "").replace("«", " ").replace("“", " ").split() if word[:1].isupper()]
        return "".join(word[0] for word in words[:4]) or (self.name or "")[:2]

    @staticmethod
    def links(organisations):
        """(address, or None without a slug; name as shown) of each of `organisations`: a list of links in one pass."""
        organisations = list(organisations)
        urls = iter(urls_of([organisation for organisation in organisations if organisation.slug]))
        return [
            (next(urls) if organisation.slug else None, organisation.display_name) for organisation in organisations
        ]

    @property
    def display_name(self):
        if self.acronym and self.acronym not in (self.name or ""):
            return f"{self.name} ({self.acronym})"
        return self.name
