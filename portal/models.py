"""The site shell's content: static pages and the navigation menu."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import Publishable, published_q, slug_constraints, urls_of
from core.richtext import RichTextField
from core.seo import describe
from core.text import plain_text


class Page(Publishable):
    """A static page such as About, Cooperation with international partners, Contacts.

    Its layout: the text alone, the text with a sidebar (beside it on a wide
    screen, below it on a phone), or the text as a list of sections (a table of
    contents of its headings). Any layout may end with a block of people
    (``PagePerson``: name, role, photo, e-mail), as an office or contacts page needs.
    """

    class Layout(models.TextChoices):
        # Translators: a static page's layout: the text alone
        TEXT = "text", _("Text")
        # Translators: a static page's layout: the text, with a narrower column beside it
        SIDEBAR = "sidebar", _("Text with a sidebar")
        # Translators: a static page's layout: the text's sections, listed at the top with links to each
        SECTIONS = "sections", _("List of sections")

    url_name = "portal:page"

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, blank=True, allow_unicode=False)
    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"))
    layout = models.CharField(
        _("layout"),
        max_length=20,
        choices=Layout.choices,
        default=Layout.TEXT,
        help_text=_("“List of sections” lists the text’s headings at the top, each a link to its section."),
    )
    sidebar = RichTextField(
        _("sidebar"),
        help_text=_("Shown beside the text with the layout “Text with a sidebar” (below it on a phone)."),
    )

    class Meta(Publishable.Meta):
        ordering = ["title"]
        # Translators: a model's name in the nominative; the admin puts it after a colon ("Added: page “…”")
        verbose_name = _("page")
        # Translators: a model's plural name in the nominative; the admin puts it after a colon ("Delete: pages")
        verbose_name_plural = _("pages")
        constraints = Publishable.Meta.constraints + slug_constraints("page")

    def __str__(self):
        return self.title or ""

    def structured_data(self, language):
        """Description, preview image and schema.org data of its page (portal.seo adds the rest)."""
        description = self.intro or plain_text(self.body)
        data = {"@type": "WebPage", "name": self.title, "description": describe(description), "inLanguage": language}
        return {
            "type": "website",
            "description": description,
            "image": "",
            "image_alt": "",
            "data": data,
            "section": None,
        }


class PagePerson(models.Model):
    """A person in a page's people or contacts block."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="people", verbose_name=_("page"))
    name = models.CharField(pgettext_lazy("person", "name"), max_length=120)
    role = models.CharField(
        pgettext_lazy("person", "role"), max_length=200, blank=True, help_text=_("Their position or what to ask them.")
    )
    photo = models.ForeignKey(
        "library.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("photo"),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        # Translators: a model's name in the nominative: a person in a page's people or contacts block
        verbose_name = _("person")
        # Translators: a model's plural name in the nominative: the people or contacts block of a page
        verbose_name_plural = _("people and contacts")

    def __str__(self):
        return self.name or ""

    def get_absolute_url(self):
        return f"{self.page.get_absolute_url()}#people"


def validate_menu_link(value):
    """Menu links are site paths, web addresses or e-mail links; never javascript: or data: and the like."""
    text = value.strip()
    if text.startswith("/") and not text.startswith("//"):
        return
    scheme, _colon, rest = text.partition(":")
    if scheme.lower() in ("http", "https") and rest.startswith("//") and len(rest) > 2:
        return
    if scheme.lower() == "mailto" and "@" in rest:
        return
    raise ValidationError(
        _("Enter a path on this site (starting with /), an http:// or https:// address, or a mailto: link."),
        code="menu_link",
    )


class MenuItem(models.Model):
    """An entry of the main navigation: a site section, a static page or a link."""

    class Section(models.TextChoices):
        HOME = "home", _("Home")
        NEWS = "news", _("News")
        # Translators: a site section in the menu: the list of public events
        EVENTS = "events", _("Events")
        PROJECTS = "projects", _("Projects")
        PARTNERS = "partners", _("Partners")

    label = models.CharField(
        _("label"), max_length=60, blank=True, help_text=_("Leave empty to use the title of the target.")
    )
    section = models.CharField(_("site section"), max_length=20, choices=Section.choices, blank=True)
    page = models.ForeignKey(
        Page, verbose_name=_("page"), null=True, blank=True, on_delete=models.CASCADE, related_name="menu_items"
    )
    url = models.CharField(
        _("link"),
        max_length=300,
        blank=True,
        validators=[validate_menu_link],
        help_text=_("A path on this site (/en/projects/), an http:// or https:// address, or mailto:."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    in_footer = models.BooleanField(_("also in the footer"), default=False)

    class Meta:
        ordering = ["order", "pk"]
        # Translators: a model's name in the nominative; the admin puts it after a colon ("Added: menu item “…”")
        verbose_name = _("menu item")
        # Translators: a model's plural name in the nominative; the admin puts it after a colon ("Delete: menu items")
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

    @classmethod
    def visible(cls):
        """The menu in the active language: label, address, home and footer flags of each visible item."""
        # A page's item only while the page is public: the one publication rule, in the query.
        entries = list(cls.objects.select_related("page").filter(Q(page__isnull=True) | published_q(prefix="page__")))
        # The pages' addresses in one call (core.models.urls_of); a section's or a plain address is the item's own.
        pages = [item for item in entries if not item.section and item.page_id]
        page_urls = dict(zip((item.pk for item in pages), urls_of([item.page for item in pages]), strict=True))
        return [
            {
                "label": item.get_label(),
                "url": page_urls[item.pk] if item.pk in page_urls else item.get_absolute_url(),
                "home": item.section == cls.Section.HOME,
                "footer": item.in_footer,
            }
            for item in entries
        ]

    def get_label(self):
        if self.label:
            return self.label
        if self.page_id:
            return str(self.page)
        if self.section:
            return str(self.Section(self.section).label)
        return self.url


class HomePage(models.Model):
    """The home page's editorial choices: one row (a singleton, ``HomePage.load()``).

    The organisation's mission in one sentence, shown under the site's name,
    and the lead story. Without an editor's choice (or when the chosen item is
    off the site) the lead story is the newest news item with a picture.
    """

    SINGLETON_PK = 1

    mission = models.CharField(
        _("mission"),
        max_length=300,
        blank=True,
        help_text=_("The organisation’s mission in one sentence, shown under the site’s name on the home page."),
    )
    lead_story = models.ForeignKey(
        "news.NewsItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lead story"),
        help_text=_("Leave empty to lead with the newest news item that has a picture."),
    )

    class Meta:
        ordering = ["pk"]
        # Translators: a model's name in the nominative: the home page's mission sentence and lead story
        verbose_name = _("home page")
        # Translators: a model's plural name in the nominative (the site has one; the admin's messages need the plural)
        verbose_name_plural = _("home pages")
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="homepage_singleton")]

    def __str__(self):
        return str(_("Home page"))

    def save(self, *args, **kwargs):
        self.pk = self.SINGLETON_PK
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("portal:home")

    @classmethod
    def load(cls):
        """The one row, with its lead story and picture (one query); an unsaved empty one if none yet."""
        home = cls.objects.select_related("lead_story__image").filter(pk=cls.SINGLETON_PK).first()
        return home or cls(pk=cls.SINGLETON_PK)
