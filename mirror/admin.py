from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from mirror.models import Destination


@admin.register(Destination)
class DestinationAdmin(admin.ModelAdmin):
    """Read-only: destinations are set in SNAPSHOT_DESTINATIONS; this shows how their updates went."""

    list_display = ("name", "base_url", "last_success", "last_failure", "state", "files_sent")
    readonly_fields = (
        "name",
        "target",
        "base_url",
        "last_success",
        "last_failure",
        "last_error",
        "files_sent",
        "files_deleted",
    )
    fields = readonly_fields

    # Translators: a column saying whether a snapshot destination's last update succeeded.
    @admin.display(description=_("state"))
    def state(self, obj):
        # Translators: a snapshot destination's state: its last update failed.
        return _("failing") if obj.failing else _("up to date") if obj.last_success else _("never updated")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
