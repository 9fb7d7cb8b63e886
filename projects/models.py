import datetime
import secrets

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import i18n
from core.compat import is_new_upload
from core.countries import COUNTRIES, COUNTRY_NAMES
from core.models import Publishable, PublishableQuerySet, Topic, slug_constraints
from core.richtext import RichTextField
from core.seo import describe, organisation_data, project_date
from core.text import plain_text, slugify_any
from library.models import Image, image_url
from partners.models import Organisation
from projects.documents import TYPES_BY_CONTENT_TYPE, sniff_document, validate_document
from projects.duration import date_range, project_duration


class Role(models.TextChoices):
    # Translators: an organisation's role in a project (the lead organisation), never a person.
    LEAD = "lead", pgettext_lazy("partner role", "Lead")
    # Translators: an organisation's role in a project, shown under its name: what the organisation is or does, never
    # a person
    PARTNER = "partner", _("Partner")
    # Translators: an organisation's role in a project, shown under its name: what the organisation is or does, never
    # a person
    IMPLEMENTING = "implementing", _("Implementing partner")
    # Translators: an organisation's role in a project, shown under its name: what the organisation is or does, never
    # a person
    FUNDING = "funding", _("Donor")
    FUND_MANAGER = "fund_manager", pgettext_lazy("partner role", "Fund manager")
    # Translators: an organisation's role in a project, shown under its name: what the organisation is or does, never
    # a person
    ACCOUNTABLE = "accountable", _("Accountable")
    # Translators: an organisation's role in a project, shown under its name: what the organisation is or does, never
    # a person
    ADVISORY = "advisory", _("Advisory")
    # Translators: the organisation or government that hosts an event or a forum of the project.
    HOST = "host", pgettext_lazy("partner role", "Host")


class Phase(models.TextChoices):
    # Translators: a project's phase, shown alone; it agrees with "project" (праект / projekt)
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", pgettext_lazy("project phase", "Ongoing")
    # Translators: a project's phase, shown alone; it agrees with "project" (праект / projekt)
    COMPLETED = "completed", _("Completed")


class Place(models.Model):
    """A municipality, city, region or country where a project works."""

    class Kind(models.TextChoices):
        # Translators: a type of place where a project works, shown alone
        MUNICIPALITY = "municipality", _("Municipality")
        # Translators: a type of place where a project works, shown alone
        CITY = "city", _("City")
        # Translators: a type of place where a project works, shown alone
        REGION = "region", _("Region")
        # Translators: a type of place where a project works, shown alone
        COUNTRY = "country", _("Country")

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MUNICIPALITY)
    country = models.CharField(_("country"), max_length=2, choices=COUNTRIES, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)

    class Meta:
        ordering = ["name"]
        # Translators: a model's name in the nominative; the admin puts it after a colon ("Added: place “…”")
        verbose_name = _("place")
        # Translators: a model's plural name in the nominative; the admin puts it after a colon ("Delete: places")
        verbose_name_plural = _("places")

    def __str__(self):
        return self.name or ""

    def get_absolute_url(self):
        return reverse("projects:list")

    @property
    def country_name(self):
        return COUNTRY_NAMES.get(self.country, "")


class ProjectQuerySet(PublishableQuerySet):
    def with_roles(self):
        """Prefetch the organisations and their roles (two queries whatever their number)."""
        return self.prefetch_related(
            Prefetch("partner_roles", queryset=ProjectPartner.objects.select_related("organisation__logo"))
        )

    def for_cards(self):
        """What a project card shows: the roles, the first gallery picture, the places (four queries in all)."""
        return self.with_roles().prefetch_related(
            Prefetch("gallery", queryset=GalleryImage.objects.select_related("image")), "places"
        )

    def active_in(self, year):
        """Projects that ran during at least part of `year`."""
        return self.filter(start_date__year__lte=year).filter(Q(end_date__isnull=True) | Q(end_date__year__gte=year))

    def funded_by(self, organisation):
        return self.filter(partner_roles__organisation=organisation, partner_roles__role=Role.FUNDING)

    def with_phase(self, phase, today=None):
        today = today or datetime.date.today()
        if phase == Phase.PLANNED:
            return self.filter(start_date__gt=today)
        if phase == Phase.ONGOING:
            return self.filter(start_date__lte=today).filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        if phase == Phase.COMPLETED:
            return self.filter(end_date__lt=today)
        return self.none()


class Project(Publishable):
    """A project: its partners and their roles, objectives, activities, places, documents and gallery.

    Its phase (planned, ongoing, completed) follows from the dates; the duration is derived too.
    """

    url_name = "projects:detail"

    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=120, blank=True)
    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two sentences for lists and previews."))
    description = RichTextField(_("description"))
    start_date = models.DateField(_("start date"), db_index=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    years_only = models.BooleanField(
        _("show years only"),
        default=False,
        help_text=_("The sources give only the year: the page says “2022” or “since 2001”, not months."),
    )
    our_role = models.CharField(
        _("our role"),
        max_length=20,
        choices=Role.choices,
        blank=True,
        help_text=_("The role of the organisation that publishes this site."),
    )
    organisations = models.ManyToManyField(
        Organisation, through="ProjectPartner", related_name="projects", verbose_name=_("organisations"), blank=True
    )
    places = models.ManyToManyField(Place, related_name="projects", verbose_name=_("places"), blank=True)
    topics = models.ManyToManyField(Topic, related_name="projects", verbose_name=_("topics"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_role = models.CharField(_("contact person's role"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    iati_identifier = models.CharField(_("IATI activity identifier"), max_length=150, blank=True)

    objects = ProjectQuerySet.as_manager()

    class Meta(Publishable.Meta):
        ordering = ["-start_date", "title"]
        # Translators: a model's name in the nominative; the admin puts it after a colon ("Added: project “…”")
        verbose_name = _("project")
        # Translators: a model's plural name in the nominative; the admin puts it after a colon ("Delete: projects")
        verbose_name_plural = _("projects")
        constraints = (
            Publishable.Meta.constraints
            + slug_constraints("project")
            + [
                models.CheckConstraint(
                    condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                    name="project_end_after_start",
                )
            ]
        )

    def __str__(self):
        return self.title or ""

    @property
    def card_image(self):
        """The first picture of its gallery (prefetched by ProjectQuerySet.for_cards), or None."""
        first = next(iter(self.gallery.all()), None)
        return first.image if first else None

    def structured_data(self, language):
        """Description, preview image and schema.org data of its page (portal.seo adds the rest)."""
        description = self.summary or plain_text(self.description)
        roles = self.partner_roles.all()  # prefetched with their organisations by the detail view
        funders = [organisation_data(role.organisation) for role in roles if role.role == Role.FUNDING]
        members = [organisation_data(role.organisation) for role in roles if role.role != Role.FUNDING]
        first_image = next(iter(self.gallery.all()), None)  # prefetched with its images by the detail view
        image = image_url(first_image.image, kind="social") if first_image else ""
        data = {
            "@type": "Project",
            "name": self.title,
            "description": describe(description, 500),
            "foundingDate": project_date(self.start_date, self.years_only),
            "inLanguage": language,
        }
        if self.end_date:
            data["dissolutionDate"] = project_date(self.end_date, self.years_only)
        if funders:
            data["funder"] = funders
        if members:
            data["member"] = members
        places = [place.name for place in self.places.all() if place.name]
        if places:
            data["areaServed"] = [{"@type": "Place", "name": name} for name in places]
        if image:
            data["image"] = image
        return {
            "type": "website",
            "description": description,
            "image": image,
            "image_alt": first_image.image.alt_text if first_image else "",
            "data": data,
            "section": "projects",
        }

    def phase_on(self, today):
        if self.start_date > today:
            return Phase.PLANNED
        if self.end_date and self.end_date < today:
            return Phase.COMPLETED
        return Phase.ONGOING

    @property
    def phase(self):
        return self.phase_on(datetime.date.today())

    def get_phase_display(self):
        return Phase(self.phase).label

    @property
    def duration(self):
        """ "8 months, May–December 2024" in the active language."""
        return project_duration(self.start_date, self.end_date, years_only=self.years_only)

    def _roles(self):
        return list(self.partner_roles.all())

    def organisations_with(self, role):
        seen, result = set(), []
        for partner_role in self._roles():
            if partner_role.role == role and partner_role.organisation_id not in seen:
                seen.add(partner_role.organisation_id)
                result.append(partner_role.organisation)
        return result

    @property
    def donors(self):
        return self.organisations_with(Role.FUNDING)

    @property
    def leads(self):
        return self.organisations_with(Role.LEAD)

    @property
    def organisations_and_roles(self):
        """Every organisation once, with all of its roles: [(organisation, [role labels])]."""
        grouped = {}
        for partner_role in self._roles():
            entry = grouped.setdefault(partner_role.organisation_id, (partner_role.organisation, []))
            entry[1].append(partner_role.get_role_display())
        return list(grouped.values())


class ProjectPartner(models.Model):
    """An organisation's role in a project; one organisation may hold several roles."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="partner_roles", verbose_name=_("project")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="project_roles", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTNER, db_index=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        # Translators: a model's name in the nominative; the admin puts it after a colon ("Added: partner role “…”")
        verbose_name = _("partner role")
        # Translators: a model's plural name in the nominative; the admin puts it after a colon ("Delete: partners
        # and their roles")
        verbose_name_plural = _("partners and their roles")
        constraints = [
            models.UniqueConstraint(fields=["project", "organisation", "role"], name="projectpartner_unique_role")
        ]

    def __str__(self):
        return f"{self.organisation} – {self.get_role_display()}"


class Objective(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="objectives", verbose_name=_("project"))
    text = models.TextField(_("objective"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        # Translators: a model's name in the nominative; the admin puts it after a colon ("Added: objective “…”")
        verbose_name = _("objective")
        # Translators: a model's plural name in the nominative; the admin puts it after a colon ("Delete: objectives")
        verbose_name_plural = _("objectives")

    def __str__(self):
        return self.text or ""


class Activity(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="activities", verbose_name=_("project"))
    title = models.CharField(_("title"), max_length=250)
    start_date = models.DateField(_("date or start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        # Translators: a model's name in the nominative; the admin puts it after a colon ("Added: activity “…”")
        verbose_name = _("activity")
        # Translators: a model's plural name in the nominative; the admin puts it after a colon ("Delete: activities")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=False, end_date__gte=F("start_date")),
                name="activity_end_after_start",
            )
        ]

    def __str__(self):
        return self.title or ""

    @property
    def dates(self):
        """ "14–15 October 2023" in the active language; empty without a date."""
        return date_range(self.start_date, self.end_date)


def private_storage():
    """Documents are stored apart from public media: only the download view hands them out."""
    return storages["private"]


def document_upload_to(instance, filename):
    # A random folder: even a leaked storage listing or proxy mistake gives no guessable address.
    return f"projects/documents/{secrets.token_urlsafe(16)}/{filename}"


def gallery_upload_to(instance, filename):
    # Gallery images are public media once their project is published; until then
    # their address cannot be guessed from the project or the file name.
    return f"projects/gallery/{timezone.now():%Y}/{secrets.token_urlsafe(16)}/{filename}"


class Document(models.Model):
    class Category(models.TextChoices):
        # Translators: a category of a project's document, shown alone
        REPORT = "report", _("Report")
        # Translators: a category of a project's document, shown alone
        ASSESSMENT = "assessment", _("Assessment")
        # Translators: a category of a project's document, shown alone
        BRIEF = "brief", _("Policy brief")
        # Translators: a category of a project's document, shown alone
        AGENDA = "agenda", _("Agenda")
        # Translators: a category of a project's document, shown alone
        OTHER = "other", _("Other")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="documents", verbose_name=_("project"))
    title = models.CharField(_("title"), max_length=250)
    file = models.FileField(
        _("file"),
        upload_to=document_upload_to,
        storage=private_storage,
        max_length=255,
        validators=[validate_document],
        help_text=_("PDF, DOCX, XLSX, PPTX, ODT or ODS."),
    )
    language = models.CharField(
        _("language of the document"),
        max_length=5,
        # Translators: the language of a document written in more than one language, shown alone in a list of languages
        choices=settings.LANGUAGES + [("mul", _("Several languages"))],
        default="en",
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, default=Category.REPORT)
    file_size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    content_type = models.CharField(_("file type"), max_length=100, blank=True, editable=False)
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        # Translators: a model's name in the nominative; the admin puts it after a colon ("Added: document “…”")
        verbose_name = _("document")
        # Translators: a model's plural name in the nominative; the admin puts it after a colon ("Delete: documents")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title or ""

    def save(self, *args, **kwargs):
        if self.file and (is_new_upload(self.file) or not self.content_type or not self.file_size):
            self._read_file_facts()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("projects:document", kwargs={"slug": self.project.slug, "pk": self.pk})

    def language_in_text(self):
        """The document's language as it reads in a list of facts: "па-англійску", "në anglisht", "in English"."""
        return i18n.IN_LANGUAGE.get(self.language) or pgettext_lazy("document language", "in several languages")

    def _read_file_facts(self):
        """Store the size and the content type judged from the file's bytes."""
        upload = self.file.file if is_new_upload(self.file) else None
        if upload is not None:
            self.file_size = upload.size
            doc_type = sniff_document(upload)
        else:
            self.file_size = self.file.size
            with self.file.open("rb") as handle:
                doc_type = sniff_document(handle)
        self.content_type = doc_type.content_type if doc_type else "application/octet-stream"

    @property
    def type_label(self):
        """ "PDF", "DOCX", ... from the stored content type."""
        doc_type = TYPES_BY_CONTENT_TYPE.get(self.content_type)
        return doc_type.label if doc_type else ""

    @property
    def download_name(self):
        doc_type = TYPES_BY_CONTENT_TYPE.get(self.content_type)
        extension = (
            doc_type.extension if doc_type else (self.file.name.rsplit(".", 1)[-1] if "." in self.file.name else "")
        )
        base = slugify_any(self.title, 80) or "document"
        return f"{base}.{extension}" if extension else base


class GalleryImage(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="gallery", verbose_name=_("project"))
    image = models.ForeignKey(
        Image,
        on_delete=models.PROTECT,
        related_name="gallery_entries",
        verbose_name=_("image"),
        help_text=_("Chosen from the image library; its alternative text and credit come with it."),
    )
    caption = models.CharField(
        _("caption"), max_length=300, blank=True, help_text=_("Leave it empty to show the library image's caption.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        # Translators: a model's name in the nominative; the admin puts it after a colon ("Added: gallery image “…”")
        verbose_name = _("gallery image")
        # Translators: a model's plural name in the nominative; the admin puts it after a colon ("Delete: gallery")
        verbose_name_plural = _("gallery")

    def __str__(self):
        return self.caption or str(self.image)

    @property
    def shown_caption(self):
        return self.caption or self.image.caption
