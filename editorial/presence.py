"""Who else has an item's change form open ("someone is editing this").

While a change form is open, the page tells the server every PRESENCE_INTERVAL
seconds (editorial/static/editorial/presence.js; the form shows the first
answer without any script); the server answers with the other editors who
have the same item open, and the form names them above its fields. So two
editors know of each other before they save, and most conflicts never happen;
the merge of concurrent saves (editorial.forms) stays for those that do.

Presence is kept in the shared cache (Redis in production), one entry per
item: {user id: [name, first seen, last seen]}. Someone not heard from for
PRESENCE_TIMEOUT seconds has left; closing the page says so at once.
"""

import datetime
import time

from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.utils import quote, unquote
from django.core.cache import cache
from django.http import Http404, JsonResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

PRESENCE_INTERVAL = 20
PRESENCE_TIMEOUT = 60


def _key(obj):
    return f"editing:{obj._meta.label_lower}:{obj.pk}"


def _name(user):
    return user.get_full_name() or user.get_username()


def _current(entries, now):
    return {user_id: entry for user_id, entry in (entries or {}).items() if now - entry[2] < PRESENCE_TIMEOUT}


def seen(obj, user, leaving=False):
    """Record that `user` has `obj`'s form open (or has just closed it); the others who have it open, longest
    first, each as "name (since 16:02)"."""
    now = time.time()
    key = _key(obj)
    entries = _current(cache.get(key), now)
    if leaving:
        entries.pop(user.pk, None)
    else:
        first = entries.get(user.pk, (None, now, now))[1]
        entries[user.pk] = (_name(user), first, now)
    cache.set(key, entries, PRESENCE_TIMEOUT)
    others = sorted((entry for user_id, entry in entries.items() if user_id != user.pk), key=lambda entry: entry[1])
    return [
        # Translators: who else has an item's form open: %(name)s is a user's name, %(time)s a time of day ("16:02")
        gettext("%(name)s (since %(time)s)")
        % {
            "name": name,
            "time": formats.time_format(timezone.localtime(datetime.datetime.fromtimestamp(first, tz=datetime.UTC))),
        }
        for name, first, _last in others
    ]


class PresenceAdminMixin:
    """See the module docstring. Mix in before the ModelAdmin class."""

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/editing/",
                self.admin_site.admin_view(require_POST(self.presence_view)),
                name=f"{opts.app_label}_{opts.model_name}_editing",
            ),
            *super().get_urls(),
        ]

    def presence_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_change_permission(request, obj):
            raise Http404
        return JsonResponse({"others": seen(obj, request.user, leaving=request.POST.get("leaving") == "1")})

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and IS_POPUP_VAR not in request.GET and self.has_change_permission(request, obj):
            opts = self.model._meta
            context["presence"] = {
                "others": seen(obj, request.user),
                "url": reverse(
                    f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_editing", args=[quote(obj.pk)]
                ),
                "interval": PRESENCE_INTERVAL,
            }
        return super().render_change_form(request, context, add, change, form_url, obj)
