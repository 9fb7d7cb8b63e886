"""The site shell's content (static pages, menu, topics) and the building
blocks every content model shares (publication status, translated slugs)."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from portal.richtext import RichTextField
from portal.text import slugify_any

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What visitors may see: scheduled or published, publish time reached."""
        return self.filter(
            status__in=[Status.SCHEDULED, Status.PUBLISHED],
            publish_at__isnull=False,
            publish_at__lte=timezone.now(),
        )


class TranslatedSlugMixin:
    """Fills each language's empty slug from that language's title, unique per language."""

    slug_source_field = "title"
    slug_max_length = 80

    def fill_slugs(self):
        manager = type(self)._base_manager
        for code in LANGUAGE_CODES:
            slug_field = f"slug_{code}"
            if not hasattr(self, slug_field):
                continue
            current = getattr(self, slug_field) or ""
            source = getattr(self, f"{self.slug_source_field}_{code}", "") or ""
            if current or not source:
                continue
            base = slugify_any(source, self.slug_max_length) or type(self).__name__.lower()
            candidate, number = base, 2
            others = manager.exclude(pk=self.pk) if self.pk else manager.all()
            while others.filter(**{slug_field: candidate}).exists():
                candidate = f"{base}-{number}"
                number += 1
            setattr(self, slug_field, candidate)

    def get_absolute_url_for(self, language):
        """This item's public URL in `language`, or None without a slug there."""
        if not getattr(self, f"slug_{language}", ""):
            return None
        with override(language):
            return self.get_absolute_url()

    def save(self, *args, **kwargs):
        self.fill_slugs()
        super().save(*args, **kwargs)


def slug_constraints(model_name, languages=LANGUAGE_CODES):
    """One unique constraint per language's slug (empty slugs excepted)."""
    return [
        models.UniqueConstraint(
            fields=[f"slug_{code}"],
            condition=Q(**{f"slug_{code}__gt": ""}),
            name=f"{model_name}_unique_slug_{code}",
        )
        for code in languages
    ]


class Publishable(TranslatedSlugMixin, models.Model):
    """Publication workflow and translation bookkeeping shared by content models."""

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    publish_at = models.DateTimeField(
        _("publish time"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("The item becomes visible to visitors at this time."),
    )
    source_language = models.CharField(
        _("source language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language the item was written in; the others are translations."),
    )
    translation_sources = models.JSONField(
        _("translation sources"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("For each translation, a fingerprint of the source text it was made from."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        permissions = [("can_publish", _("Can publish, schedule and unpublish"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(publish_at__isnull=False),
                name="%(app_label)s_%(class)s_publish_time_set",
            ),
        ]

    def save(self, *args, **kwargs):
        if self.status != Status.DRAFT and self.publish_at is None:
            self.publish_at = timezone.now()
        if self.status == Status.PUBLISHED and self.publish_at and self.publish_at > timezone.now():
            self.status = Status.SCHEDULED
        super().save(*args, **kwargs)

    @property
    def is_public(self):
        return (
            self.status in (Status.SCHEDULED, Status.PUBLISHED)
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )


class Topic(TranslatedSlugMixin, models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, blank=True)

    slug_source_field = "name"

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = slug_constraints("topic")

    def __str__(self):
        return self.name or ""

    def get_absolute_url(self):
        return reverse("news:list") + f"?topic={self.slug}"


class Page(Publishable):
    """A static page such as About, Cooperation with international partners, Contacts."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, blank=True, allow_unicode=False)
    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"))

    class Meta(Publishable.Meta):
        ordering = ["title"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        constraints = Publishable.Meta.constraints + slug_constraints("page")

    def __str__(self):
        return self.title or ""

    def get_absolute_url(self):
        return reverse("portal:page", kwargs={"slug": self.slug})


class MenuItem(models.Model):
    """An entry of the main navigation: a site section, a static page or a link."""

    class Section(models.TextChoices):
        HOME = "home", _("Home")
        NEWS = "news", _("News")
        PROJECTS = "projects", _("Projects")
        PARTNERS = "partners", _("Partners")

    label = models.CharField(
        _("label"), max_length=60, blank=True, help_text=_("Leave empty to use the title of the target.")
    )
    section = models.CharField(_("site section"), max_length=20, choices=Section.choices, blank=True)
    page = models.ForeignKey(
        Page, verbose_name=_("page"), null=True, blank=True, on_delete=models.CASCADE, related_name="menu_items"
    )
    url = models.CharField(_("link"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    in_footer = models.BooleanField(_("also in the footer"), default=False)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("menu item")
        verbose_name_plural = _("menu items")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(section__gt="", page__isnull=True, url="")
                    | Q(section="", page__isnull=False, url="")
                    | Q(section="", page__isnull=True, url__gt="")
                ),
                name="menuitem_exactly_one_target",
            )
        ]

    def __str__(self):
        return self.get_label()

    def get_absolute_url(self):
        if self.section:
            return reverse("portal:home" if self.section == "home" else f"{self.section}:list")
        if self.page_id:
            return self.page.get_absolute_url()
        return self.url

    def get_label(self):
        if self.label:
            return self.label
        if self.page_id:
            return str(self.page)
        if self.section:
            return str(self.Section(self.section).label)
        return self.url


class SearchEntry(models.Model):
    """One item's searchable text in one language, kept up to date by portal.search.

    The ``*_folded`` columns hold the text lower-cased, without accents and in
    Latin letters (see ``portal.search.fold``), so that "Prishtinë",
    "prishtina" and "Прышціна" meet. On PostgreSQL ``vector`` holds the
    weighted tsvector of all the text and ``title_vector`` that of the title
    alone; they and ``title_folded`` (trigrams) have GIN indexes per language,
    created by the migrations on PostgreSQL only.
    """

    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    kind = models.CharField(_("type"), max_length=20)
    object_id = models.PositiveBigIntegerField(_("object ID"))
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    url = models.CharField(_("address"), max_length=300)
    date = models.DateField(_("date"), null=True, blank=True)
    is_visible = models.BooleanField(_("visible"), default=True)
    publish_at = models.DateTimeField(_("publish time"), null=True, blank=True)
    title_folded = models.CharField(max_length=300, blank=True, editable=False)
    lead_folded = models.TextField(blank=True, editable=False)
    body_folded = models.TextField(blank=True, editable=False)
    vector = SearchVectorField(null=True, editable=False)
    title_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["language", "kind", "object_id"]
        verbose_name = _("search entry")
        verbose_name_plural = _("search index")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "language"], name="searchentry_unique_item_language")
        ]
        indexes = [models.Index(fields=["language", "kind"], name="searchentry_language_kind")]

    def __str__(self):
        return f"{self.title} [{self.language}]"

    def get_absolute_url(self):
        return self.url
