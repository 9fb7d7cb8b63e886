"""Subscribers in the admin: who receives what, and a subscriber's data exported or erased on request.

Export gives everything the site keeps about the selected subscribers as JSON
(address, preferences, consent, source, delivery errors); erase deletes them for
good (nothing of an address stays: the newsletter keeps no list of former
subscribers). Addresses are neither added nor edited here: only their owners
subscribe (double opt-in) and change their choices (their preferences page).
"""

import json

from django.contrib import admin, messages
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsletter.models import Subscriber


def subscriber_data(subscriber):
    return {
        "email": subscriber.email,
        "languages": subscriber.languages,
        "topics": [topic.name for topic in subscriber.topics.all()],
        "projects": [project.title for project in subscriber.projects.all()],
        "rhythm": subscriber.rhythm,
        "state": subscriber.state,
        "source": subscriber.source,
        "requested_at": subscriber.requested_at.isoformat(),
        "consented_at": subscriber.consented_at.isoformat() if subscriber.consented_at else None,
        "delivery_errors": subscriber.bounces,
    }


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ("email", "state", "language_list", "rhythm", "source", "consented_at")
    list_filter = ("state", "rhythm", "source", "topics")
    search_fields = ("email",)
    ordering = ("email",)
    readonly_fields = (
        "email",
        "languages",
        "topics",
        "projects",
        "rhythm",
        "state",
        "source",
        "requested_at",
        "consented_at",
        "bounces",
    )
    actions = ("export_json", "erase")

    @admin.display(description=_("languages"))
    def language_list(self, subscriber):
        return ", ".join(subscriber.languages)

    def has_add_permission(self, request):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # "erase" says what it does
        return actions

    @admin.action(description=_("Export the selected subscribers' data (JSON)"), permissions=("view",))
    def export_json(self, request, queryset):
        data = [subscriber_data(subscriber) for subscriber in queryset.prefetch_related("topics", "projects")]
        response = HttpResponse(
            json.dumps({"subscribers": data}, ensure_ascii=False, indent=2), content_type="application/json"
        )
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        response["Content-Disposition"] = f'attachment; filename="subscribers-{stamp}.json"'
        response["Cache-Control"] = "private, no-store"
        return response

    @admin.action(description=_("Erase the selected subscribers"), permissions=("delete",))
    def erase(self, request, queryset):
        _total, deleted = queryset.delete()
        count = deleted.get(Subscriber._meta.label, 0)
        self.message_user(
            request,
            # Translators: after erasing subscribers in the admin; count is how many
            ngettext("%(count)d subscriber erased.", "%(count)d subscribers erased.", count) % {"count": count},
            messages.SUCCESS,
        )
