"""Moving a site in: the import runs and what each imported item became.

``ImportRun`` is one upload of a WordPress export through the admin (or one run of
``import_wordpress``): its state, progress and report. ``ImportedItem`` remembers what
each WordPress item (by its site, ID and GUID) became in Ura and the values it was given,
so that a second import changes nothing, a newer export updates what changed, and a
field an editor changed since is left alone (a conflict in the report). The old site's
addresses go to the site's table of redirects, core.models.SlugAlias (its path rows).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _


def private_upload_to(instance, filename):
    return f"imports/{instance.created_at:%Y/%m}/{filename}" if instance.created_at else f"imports/{filename}"


def private_storage():
    from django.core.files.storage import storages

    return storages["private"]


class ImportRun(models.Model):
    """One WordPress export uploaded for import: checked (dry run) first, then imported, as background jobs."""

    class State(models.TextChoices):
        # Translators: the state of an import: the file is uploaded, nothing checked yet
        UPLOADED = "uploaded", _("Uploaded")
        # Translators: the state of an import: the dry run is waiting for or running on a worker
        CHECKING = "checking", _("Checking")
        # Translators: the state of an import: the dry run's report is ready, nothing imported yet
        CHECKED = "checked", _("Checked")
        # Translators: the state of an import: waiting for or running on a worker
        IMPORTING = "importing", _("Importing")
        # Translators: the state of an import: finished
        DONE = "done", _("Done")
        # Translators: the state of an import: stopped by an error
        FAILED = "failed", _("Failed")

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    export_file = models.FileField(
        _("WordPress export file"), upload_to="imports/", storage=private_storage, max_length=255
    )
    uploads_archive = models.FileField(
        _("uploads archive"), upload_to="imports/", storage=private_storage, max_length=255, blank=True
    )
    media_base = models.URLField(_("address of the old site's uploads"), blank=True)
    kind_map = models.JSONField(_("categories as news kinds"), default=dict, blank=True)
    menus = models.JSONField(_("menus"), default=list, blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.UPLOADED, db_index=True)
    total = models.PositiveIntegerField(_("items in the file"), default=0)
    done = models.PositiveIntegerField(_("items done"), default=0)
    report = models.JSONField(_("report"), default=dict, blank=True, editable=False)
    error = models.TextField(_("error"), blank=True, editable=False)
    started_at = models.DateTimeField(_("started"), null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        # Translators: a model's name in the nominative; the admin puts it after a colon ("Added: WordPress import “…”")
        verbose_name = _("WordPress import")
        # Translators: a model's plural name in the nominative; the admin puts it after a colon ("Delete: WordPress imports")
        verbose_name_plural = _("WordPress imports")
        permissions = [("import_site", _("Can import a WordPress site"))]

    def __str__(self):
        return self.export_file.name.rsplit("/", 1)[-1] if self.export_file else str(self.pk)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("admin:moving_importrun_change", args=[self.pk])

    @property
    def percent(self):
        return int(100 * self.done / self.total) if self.total else 0


@receiver(post_delete, sender=ImportRun, dispatch_uid="moving_forget_import_files")
def forget_import_files(sender, instance, **kwargs):
    """A deleted run's uploaded files go with it (they may hold unpublished drafts)."""
    for field_file in (instance.export_file, instance.uploads_archive):
        if field_file:
            field_file.delete(save=False)


class ImportedItem(models.Model):
    """What one WordPress item (post, page, attachment, term) became, with the values it was given."""

    site = models.CharField(_("site"), max_length=200)
    wp_id = models.BigIntegerField(_("WordPress ID"))
    wp_type = models.CharField(_("WordPress type"), max_length=40)
    guid = models.CharField(_("GUID"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("content type"))
    object_id = models.PositiveBigIntegerField(_("object id"))
    target = GenericForeignKey("content_type", "object_id")
    values = models.JSONField(_("imported values"), default=dict, blank=True)
    # The import run that first wrote it: a run that resumes after an interruption still counts it as created.
    first_run = models.PositiveBigIntegerField(_("first import"), null=True, blank=True)
    imported_at = models.DateTimeField(_("imported"), auto_now=True)

    class Meta:
        ordering = ["site", "wp_type", "wp_id"]
        # Translators: a model's name in the nominative; the admin puts it after a colon ("Added: imported item “…”")
        verbose_name = _("imported item")
        # Translators: a model's plural name in the nominative; the admin puts it after a colon ("Delete: imported items")
        verbose_name_plural = _("imported items")
        constraints = [
            models.UniqueConstraint(fields=["site", "wp_type", "wp_id"], name="importeditem_unique_per_site"),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="importeditem_target")]

    def __str__(self):
        return f"{self.wp_type} {self.wp_id}"
