from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingChange(models.Model):
    """Addresses of items changed since the copy was last updated: the update job takes them all.

    Written in the same transaction as the change, so a change committed is never missed, and
    many publishes in a row make one update.
    """

    addresses = models.JSONField(default=list)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        default_permissions = ()

    def __str__(self):
        return f"{self.created:%Y-%m-%d %H:%M:%S}: {len(self.addresses)}"


class Destination(models.Model):
    """What happened the last time the copy was sent to a destination (SNAPSHOT_DESTINATIONS)."""

    # Translators: a destination's name, as in SNAPSHOT_DESTINATIONS (a place a copy of the site is sent to).
    name = models.CharField(_("name"), max_length=63, unique=True)
    # Translators: where a destination's files go: a folder or a storage bucket.
    target = models.CharField(_("target"), max_length=500, blank=True)
    base_url = models.CharField(_("base address"), max_length=500, blank=True)
    last_success = models.DateTimeField(_("last successful update"), null=True, blank=True)
    last_failure = models.DateTimeField(_("last failure"), null=True, blank=True)
    # Translators: the error message of a destination's last failed update.
    last_error = models.TextField(_("what failed"), blank=True)
    files_sent = models.PositiveIntegerField(_("files sent in the last update"), default=0)
    files_deleted = models.PositiveIntegerField(_("files deleted in the last update"), default=0)

    class Meta:
        ordering = ["name"]
        # Translators: a place where copies of the public site are sent (a folder, a bucket).
        verbose_name = _("snapshot destination")
        verbose_name_plural = _("snapshot destinations")
        default_permissions = ("view",)

    def __str__(self):
        return self.name

    @property
    def failing(self):
        return self.last_failure is not None and (self.last_success is None or self.last_failure > self.last_success)
