"""The building blocks every content model shares.

The publication rule lives here, once: ``Publishable.apply_publication_rules``
decides the stored status and publish time (``save()`` calls it, and so does
the admin's preview of unsaved changes), ``PUBLIC_STATUSES`` and
``published_q()`` decide what visitors may see (``published()``,
``is_public`` and the search index use them): a public status, the publish
time reached and the expiry time, if any, not yet reached.

``Topic`` is the one concrete model here: news and projects both have topics.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from core import i18n
from core.text import slugify_any

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


class Status(models.TextChoices):
    # Translators: a publication status, shown alone; it agrees with the glossary's "item" (матэрыял / material)
    DRAFT = "draft", _("Draft")
    # Translators: a publication status, shown alone; it agrees with the glossary's "item" (матэрыял / material)
    SCHEDULED = "scheduled", _("Scheduled")
    # Translators: a publication status, shown alone; it agrees with the glossary's "item" (матэрыял / material)
    PUBLISHED = "published", _("Published")


# An item in one of these statuses is public from its publish time on.
PUBLIC_STATUSES = (Status.SCHEDULED, Status.PUBLISHED)


def published_q(now=None, prefix=""):
    """What visitors may see at `now`: a public status, publish time reached, expiry time not reached."""
    now = now or timezone.now()
    return Q(
        **{
            f"{prefix}status__in": PUBLIC_STATUSES,
            f"{prefix}publish_at__isnull": False,
            f"{prefix}publish_at__lte": now,
        }
    ) & (Q(**{f"{prefix}expire_at__isnull": True}) | Q(**{f"{prefix}expire_at__gt": now}))


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What visitors may see: scheduled or published, publish time reached, not expired."""
        return self.filter(published_q())


class TranslatedSlugModel(models.Model):
    """Fills each language's empty slug from that language's title, unique per language.

    ``url_name`` names the URL pattern of the item's page, which takes its slug
    in the active language; a model whose page is found otherwise leaves it None
    and writes its own ``get_absolute_url``.
    """

    slug_source_field = "title"
    slug_max_length = 80
    url_name = None

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.fill_slugs()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(self.url_name, kwargs={"slug": self.slug})

    def fill_slugs(self):
        for code in LANGUAGE_CODES:
            slug_field = f"slug_{code}"
            if not hasattr(self, slug_field):
                continue
            current = getattr(self, slug_field) or ""
            source = getattr(self, f"{self.slug_source_field}_{code}", "") or ""
            if current or not source:
                continue
            setattr(self, slug_field, self.free_slug(code, self.slug_for(source)))

    @classmethod
    def slug_for(cls, text):
        """The slug the site makes of `text` (a title) in any language."""
        return slugify_any(text, cls.slug_max_length) or cls.__name__.lower()

    def slug_owner(self, language, slug):
        """Another item that already has `slug` in `language`, or None."""
        others = type(self)._base_manager.exclude(pk=self.pk) if self.pk else type(self)._base_manager.all()
        return others.filter(**{f"slug_{language}": slug}).first()

    def free_slug(self, language, base):
        """`base`, or `base-2`, `base-3`, ... : the first that no other item has in `language`."""
        manager = type(self)._base_manager
        others = manager.exclude(pk=self.pk) if self.pk else manager.all()
        candidate, number = base, 2
        while others.filter(**{f"slug_{language}": candidate}).exists():
            candidate = f"{base}-{number}"
            number += 1
        return candidate

    def get_absolute_urls(self):
        """{language: this item's URL in it} for every language; with the fallback's slug where it has none."""
        urls = {}
        for code in LANGUAGE_CODES:
            with override(code):
                urls[code] = self.get_absolute_url()
        return urls

    def get_absolute_url_for(self, language):
        """This item's public URL in `language`, or None without a slug there."""
        if not getattr(self, f"slug_{language}", ""):
            return None
        with override(language):
            return self.get_absolute_url()


def urls_of(objects):
    """[obj.get_absolute_url() for obj in objects]: the addresses of a list of links, in one call."""
    return [obj.get_absolute_url() for obj in objects]


# A whole sentence per language, so that each reads naturally in every language.
SLUG_TAKEN = {
    "be": _("Another item already has this address (slug) in Belarusian."),
    "sq": _("Another item already has this address (slug) in Albanian."),
    "en": _("Another item already has this address (slug) in English."),
}


def slug_constraints(model_name, languages=LANGUAGE_CODES):
    """One unique constraint per language's slug (empty slugs excepted).

    Their message names the language in words, never the constraint's name: a
    check outside a form (a scheduled change at its time, an import) shows it.
    """
    return [
        models.UniqueConstraint(
            fields=[f"slug_{code}"],
            condition=Q(**{f"slug_{code}__gt": ""}),
            name=f"{model_name}_unique_slug_{code}",
            violation_error_message=SLUG_TAKEN.get(code) or _("Another item already has this address (slug)."),
        )
        for code in languages
    ]


class TranslationTracked(TranslatedSlugModel):
    """Translation bookkeeping: the language an item was written in and what each translation was made from.

    ``save()`` brings ``translation_sources`` up to date (core.i18n) before
    every save; ``confirmed_translations`` names the languages an editor
    checked against the current source without changing them.
    """

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

    class Meta:
        abstract = True

    def save(self, *args, confirmed_translations=(), **kwargs):
        previous = None
        if self.pk is not None and not self._state.adding:
            previous = type(self)._base_manager.filter(pk=self.pk).first()
        i18n.update_translation_sources(self, previous, confirmed_translations)
        super().save(*args, **kwargs)


class Publishable(TranslationTracked):
    """Publication workflow (draft, scheduled, published) on top of translation bookkeeping."""

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    publish_at = models.DateTimeField(
        _("publish time"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("The item becomes visible to visitors at this time."),
    )
    expire_at = models.DateTimeField(
        _("expiry time"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Optional. The item is taken off the site at this time (it stays in the admin)."),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        permissions = [("can_publish", _("Can publish, schedule and unpublish"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(publish_at__isnull=False),
                name="%(app_label)s_%(class)s_publish_time_set",
            ),
            models.CheckConstraint(
                condition=Q(expire_at__isnull=True) | Q(publish_at__isnull=True) | Q(expire_at__gt=F("publish_at")),
                name="%(app_label)s_%(class)s_expires_after_publish",
            ),
        ]

    def save(self, *args, **kwargs):
        self.apply_publication_rules()
        super().save(*args, **kwargs)

    def apply_publication_rules(self, now=None):
        """The status and publish time this item is stored with.

        Leaving draft without a publish time publishes now; "published" with a
        publish time in the future is stored as "scheduled".
        """
        now = now or timezone.now()
        if self.status != Status.DRAFT and self.publish_at is None:
            self.publish_at = now
        if self.status == Status.PUBLISHED and self.publish_at and self.publish_at > now:
            self.status = Status.SCHEDULED

    @property
    def is_released(self):
        """Released to visitors from its publish time on (a public status)."""
        return self.status in PUBLIC_STATUSES

    @property
    def is_public(self):
        now = timezone.now()
        return self.is_released and self.publish_at is not None and self.publish_at <= now and not self.has_expired(now)

    def has_expired(self, now=None):
        """Past its expiry time: off the site, whatever its status."""
        return self.expire_at is not None and self.expire_at <= (now or timezone.now())


class TitledPublishable(Publishable):
    """A publishable item with a title and an address made from it: a news item, an event."""

    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        blank=True,
        help_text=_("The last part of the address. Leave it empty to make it from the title."),
    )

    class Meta(Publishable.Meta):
        abstract = True


class Topic(TranslatedSlugModel):
    """A theme that news and projects share (democracy, security, ...)."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, blank=True)

    slug_source_field = "name"

    class Meta:
        # The table keeps the name it had when topics lived in the portal app.
        db_table = "portal_topic"
        ordering = ["name"]
        # Translators: a model's name in the nominative; the admin puts it after a colon ("Added: topic “…”")
        verbose_name = _("topic")
        # Translators: a model's plural name in the nominative; the admin puts it after a colon ("Delete: topics")
        verbose_name_plural = _("topics")
        constraints = slug_constraints("topic")

    def __str__(self):
        return self.name or ""

    def get_absolute_url(self):
        return reverse("news:list") + f"?topic={self.slug}"


class SlugAlias(models.Model):
    """An address an item had before: the site's one table of redirects, each answered with a 301.

    Two kinds of row. An old **slug** (written when slugs are regenerated: the romanisation of
    2026 made х "kh" and dashes hyphens) is looked up by the item's detail page when no item has
    the requested slug (core.views). An old **path** (an address of a site that moved in: the
    WordPress import writes ``/?p=12``, ``/2019/05/03/slug/``, ``/sq/category/x/``) is answered
    by core.redirects (through portal.middleware.CommonMiddleware) when nothing else answers it. Either leads to the
    item's address of today, in the row's language.
    """

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, verbose_name=_("content type")
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    language = models.CharField(_("language"), max_length=10)
    slug = models.SlugField(_("old slug"), max_length=120, blank=True)
    path = models.CharField(
        _("old path"),
        max_length=500,
        blank=True,
        help_text=_("The path, with ?p=… or ?page_id=… where the old site used them, without the domain."),
    )

    class Meta:
        ordering = ["content_type", "slug", "path"]
        # Translators: a model's name in the nominative; the admin puts it after a colon ("Added: old address “…”")
        verbose_name = _("old address")
        # Translators: a model's plural name in the nominative; the admin puts it after a colon ("Delete: old addresses")
        verbose_name_plural = _("old addresses")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "language", "slug"],
                condition=Q(slug__gt=""),
                name="slugalias_unique_per_language",
            ),
            models.UniqueConstraint(fields=["path"], condition=Q(path__gt=""), name="slugalias_unique_path"),
            models.CheckConstraint(
                condition=(Q(slug__gt="") & Q(path="")) | (Q(slug="") & Q(path__gt="")),
                name="slugalias_slug_or_path",
            ),
        ]

    def __str__(self):
        return self.path or self.slug

    def get_absolute_url(self):
        """Where the old address leads today: the item's address in the row's language, or None when it is gone."""
        model = self.content_type.model_class() if self.content_type_id else None
        target = model._base_manager.filter(pk=self.object_id).first() if model else None
        if target is None:
            return None
        with override(self.language):
            return target.get_absolute_url()

    @classmethod
    def find(cls, queryset, slug):
        """The object of `queryset` that once had the slug `slug` (in any language), or None."""
        from django.contrib.contenttypes.models import ContentType

        if not slug:
            return None
        content_type = ContentType.objects.get_for_model(queryset.model)
        ids = cls.objects.filter(content_type=content_type, slug=slug).values("object_id")
        return queryset.filter(pk__in=ids).order_by("pk").first()
