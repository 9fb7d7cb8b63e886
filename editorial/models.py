"""What the editorial app stores of its own: the unsaved change forms kept by autosave, the
login lockouts as administrators see them, and the translators' interface catalogue edits.

An autosaved form belongs to one user and one item (or to the add form of a
model): it is shown back only to that user, on that form, and removed when the
form is saved, discarded, the item deleted or the user logs out
(editorial.autosave). It is never read by anything visitors see.
"""

import hashlib

import reversion
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AutosavedForm(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="autosaved_forms",
        verbose_name=_("editor"),
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("content type"))
    object_id = models.CharField(
        _("item"), max_length=255, blank=True, help_text=_("Empty for the form of a new item that is not saved yet.")
    )
    fields = models.JSONField(_("form fields"), default=list, help_text=_("The form's fields as [name, value] pairs."))
    labels = models.JSONField(
        _("choice labels"), default=dict, help_text=_("The text of the chosen options of each list, by value.")
    )
    saved_at = models.DateTimeField(_("kept at"), default=timezone.now)

    class Meta:
        ordering = ["-saved_at", "-pk"]
        # Translators: a model's name in the nominative; the admin puts it after a colon ("Added: autosaved form “…”")
        verbose_name = _("autosaved form")
        # Translators: a model's plural name in the nominative; the admin puts it after a colon ("Delete: autosaved
        # forms")
        verbose_name_plural = _("autosaved forms")
        constraints = [
            models.UniqueConstraint(fields=["user", "content_type", "object_id"], name="editorial_autosave_per_form"),
        ]

    def __str__(self):
        return f"{self.content_type} {self.object_id or '+'} ({self.user})"

    def get_absolute_url(self):
        """The admin form it was kept from."""
        opts = self.content_type.model_class()._meta
        try:
            if self.object_id:
                return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=(self.object_id,))
            return reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
        except NoReverseMatch:
            return ""


class LoginLockout(AccessAttempt):
    """Failed logins per user and address, as django-axes counts them, shown to administrators in the
    editors' languages; deleting a row lifts that lockout (axes' own English admin is switched off)."""

    class Meta:
        proxy = True
        ordering = ["-attempt_time"]
        # Translators: a model's name in the nominative; the admin puts it after a colon ("Added: login lockout “…”")
        verbose_name = _("login lockout")
        # Translators: a model's plural name in the nominative; the admin puts it after a colon ("Delete: login
        # lockouts")
        verbose_name_plural = _("login lockouts")

    def __str__(self):
        # axes' own is English ("Attempted Access: …"); the admin's messages quote this one.
        return f"{self.username} ({self.ip_address})"


def entry_key(msgctxt, msgid):
    """A short, stable name for a catalogue entry, for its address in the catalogue editor."""
    return hashlib.sha256(f"{msgctxt}\x04{msgid}".encode()).hexdigest()[:16]


@reversion.register()
class CatalogueEdit(models.Model):
    """A translator's change to one entry of an interface catalogue (locale/<language>/django.po).

    The committed catalogues are what a fresh install starts from; these rows override their
    entries at run time on every server (editorial.catalogue) until they are exported into the
    repository (export_catalogue_edits). Earlier values are kept by django-reversion.
    """

    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    msgctxt = models.CharField(_("context"), max_length=255, blank=True, default="")
    msgid = models.TextField(_("source text"))
    msgid_plural = models.TextField(_("source text (plural)"), blank=True, default="")
    msgstr = models.TextField(_("translation"), blank=True, default="")
    msgstr_plural = models.JSONField(
        _("plural translations"), default=list, blank=True, help_text=_("One text per plural form, in order.")
    )
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("edited by"),
    )
    edited_at = models.DateTimeField(_("edited at"), default=timezone.now)

    class Meta:
        ordering = ["language", "msgctxt", "msgid"]
        # Translators: a model's name in the nominative; the admin puts it after a colon ("Added: catalogue edit “…”")
        verbose_name = _("catalogue edit")
        # Translators: a model's plural name in the nominative; the admin puts it after a colon ("Delete: catalogue
        # edits")
        verbose_name_plural = _("catalogue edits")
        constraints = [
            models.UniqueConstraint(fields=["language", "msgctxt", "msgid"], name="editorial_catalogue_edit_per_entry"),
        ]

    def __str__(self):
        return f"{self.language}: {self.msgid[:60]}"

    def get_absolute_url(self):
        return reverse("editorial:catalogue-entry", args=(self.language, entry_key(self.msgctxt, self.msgid)))


class CatalogueVersion(models.Model):
    """One row whose number moves on every catalogue edit; servers compare it with what they loaded."""

    number = models.PositiveBigIntegerField(_("number"), default=0)

    class Meta:
        ordering = ["pk"]
        # Translators: a model's name in the nominative; the admin puts it after a colon ("Added: catalogue version
        # “…”")
        verbose_name = _("catalogue version")
        # Translators: a model's plural name in the nominative; the admin puts it after a colon ("Delete: catalogue
        # versions")
        verbose_name_plural = _("catalogue versions")

    def __str__(self):
        return str(self.number)

    def get_absolute_url(self):
        return reverse("editorial:catalogue")


class ScheduledChange(models.Model):
    """An edit of a public item that goes live at a later time (as Wagtail schedules a page's revision).

    Until `publish_at` visitors see the item as it is; then a job (editorial.tasks)
    writes `values` into the item and saves it like any save. `values` holds the
    fields the editor changed, each as Django's serialisers write a field
    (``Field.value_to_string``; many-to-many as lists of primary keys), the shape of
    django-reversion's versions. One per item: scheduling again replaces it.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("content type"))
    object_id = models.CharField(_("item"), max_length=255)
    values = models.JSONField(_("changed fields"), default=dict)
    publish_at = models.DateTimeField(_("goes live at"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("scheduled by"),
    )
    language = models.CharField(
        _("language of the editor"), max_length=8, default="", blank=True, help_text=_("The history’s note is in it.")
    )
    created_at = models.DateTimeField(_("scheduled at"), default=timezone.now)
    problem = models.TextField(
        _("why it could not go live"),
        blank=True,
        default="",
        help_text=_(
            "Set when the change failed the item's checks at its time; it is not tried again until rescheduled."
        ),
    )

    class Meta:
        ordering = ["publish_at", "pk"]
        # Translators: a model's name in the nominative; the admin puts it after a colon ("Added: scheduled change “…”")
        verbose_name = _("scheduled change")
        # Translators: a model's plural name in the nominative; the admin puts it after a colon ("Delete: scheduled
        # changes")
        verbose_name_plural = _("scheduled changes")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="editorial_one_scheduled_change"),
        ]

    def __str__(self):
        return f"{self.content_type} {self.object_id} @ {self.publish_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        opts = self.content_type.model_class()._meta
        try:
            return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=(self.object_id,))
        except NoReverseMatch:
            return ""
