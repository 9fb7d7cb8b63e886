from django.db import models
from django.db.models import Prefetch
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.i18n import collated
from core.models import Publishable, PublishableQuerySet, TitledPublishable, Topic, slug_constraints
from core.richtext import RichTextField
from core.seo import describe, site_reference
from core.text import plain_text
from library.models import Image, image_url
from partners.models import Organisation
from projects.models import Project


class NewsItemQuerySet(PublishableQuerySet):
    def with_relations(self):
        """What the detail page shows next to the text (the image in the item's query), in three more queries.

        The organisations come in the alphabetical order of the active language, as in the
        lists and filters ("Germin" among the Г's of a Belarusian page, not first).
        """
        return self.select_related("image").prefetch_related(
            Prefetch("organisations", queryset=Organisation.objects.published().order_by(collated("name"), "pk")),
            Prefetch("projects", queryset=Project.objects.published()),
            "topics",
        )


class NewsItem(TitledPublishable):
    """A delegation visit, meeting, statement or announcement, with the organisations and projects it names."""

    url_name = "news:detail"

    class Kind(models.TextChoices):
        # Translators: a type of news item, shown alone (label, filter)
        DELEGATION_VISIT = "visit", _("Delegation visit")
        # Translators: a type of news item, shown alone (label, filter)
        MEETING = "meeting", _("Meeting")
        # Translators: a type of news item, shown alone (label, filter)
        STATEMENT = "statement", _("Statement")
        # Translators: a type of news item, shown alone (label, filter)
        EVENT = "event", _("Event")
        # Translators: a type of news item, shown alone (label, filter)
        ANNOUNCEMENT = "announcement", _("Announcement")
        # Translators: a kind of news item: a report or paper that was published.
        PUBLICATION = "publication", pgettext_lazy("news kind", "Publication")

    # Translators: the news item's first paragraph (standfirst), not a lead organisation.
    lead = models.TextField(
        pgettext_lazy("news item field", "lead"),
        blank=True,
        help_text=_("The first paragraph, shown in lists and previews."),
    )
    body = RichTextField(_("body"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ANNOUNCEMENT, db_index=True)
    date = models.DateField(_("date"), db_index=True, help_text=_("When it happened."))
    place = models.CharField(_("place"), max_length=200, blank=True)
    image = models.ForeignKey(
        Image,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="news_items",
        verbose_name=_("hero image"),
        help_text=_("Chosen from the image library; its alternative text and credit come with it."),
    )
    image_caption = models.CharField(
        _("caption"), max_length=300, blank=True, help_text=_("Leave it empty to show the library image's caption.")
    )
    organisations = models.ManyToManyField(
        Organisation, related_name="news", verbose_name=_("organisations involved"), blank=True
    )
    projects = models.ManyToManyField(Project, related_name="news", verbose_name=_("related projects"), blank=True)
    topics = models.ManyToManyField(Topic, related_name="news", verbose_name=_("topics"), blank=True)

    objects = NewsItemQuerySet.as_manager()

    class Meta(TitledPublishable.Meta):
        ordering = ["-date", "-publish_at", "-pk"]
        # Translators: a model's name in the nominative; the admin puts it after a colon ("Added: news item “…”")
        verbose_name = _("news item")
        # Translators: a model's plural name in the nominative; the admin puts it after a colon ("Delete: news items")
        verbose_name_plural = _("news items")
        constraints = Publishable.Meta.constraints + slug_constraints("newsitem")
        # The list's order, read from either end (core.views.FlatPaginator).
        indexes = [models.Index(fields=["date", "publish_at", "id"], name="newsitem_list_order")]

    def __str__(self):
        return self.title or ""

    def structured_data(self, language):
        """Description, preview image and schema.org data of its page (portal.seo adds the rest)."""
        description = self.lead or plain_text(self.body)
        image = image_url(self.image, kind="social")
        site = site_reference()
        article = {
            "@type": "NewsArticle",
            "headline": Truncator(self.title).chars(110),
            "description": describe(description),
            "datePublished": self.publish_at.isoformat() if self.publish_at else None,
            "dateModified": self.updated_at.isoformat() if self.updated_at else None,
            "dateCreated": self.date.isoformat(),
            "inLanguage": language,
            "articleSection": str(self.get_kind_display()),
            "author": site,
            "publisher": site,
        }
        if image:
            article["image"] = [image]
        if self.place:
            article["contentLocation"] = {"@type": "Place", "name": self.place}
        return {
            "type": "article",
            "description": description,
            "image": image,
            "image_alt": self.image.alt_text if self.image_id else "",
            "data": article,
            "published": self.publish_at,
            "modified": self.updated_at,
            "section": "news",
        }

    @property
    def shown_caption(self):
        """The item's own caption, else the library image's."""
        return self.image_caption or (self.image.caption if self.image_id else "")
