"""The editorial app's own models in the admin: the login lockouts."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from editorial.models import LoginLockout


@admin.register(LoginLockout)
class LoginLockoutAdmin(admin.ModelAdmin):
    """Who failed to log in, from where, how often; delete a row to let that user in again from there.

    Columns with our own (translated) labels; rows are not opened, only listed and deleted.
    """

    list_display = ("user_name", "address", "failures", "last_attempt", "browser")
    list_display_links = None
    search_fields = ("username", "ip_address")
    date_hierarchy = "attempt_time"

    @admin.display(description=_("user name"), ordering="username")
    def user_name(self, obj):
        return obj.username

    @admin.display(description=_("address"), ordering="ip_address")
    def address(self, obj):
        return obj.ip_address

    @admin.display(description=_("failed logins"), ordering="failures_since_start")
    def failures(self, obj):
        return obj.failures_since_start

    @admin.display(description=_("last attempt"), ordering="attempt_time")
    def last_attempt(self, obj):
        return obj.attempt_time

    @admin.display(description=_("browser"))
    def browser(self, obj):
        return obj.user_agent

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
