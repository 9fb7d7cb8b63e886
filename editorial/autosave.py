"""Autosave of the change and add forms, and the offer to restore it.

`AutosaveAdminMixin` is part of the editorial admin (editorial.options.EditorialAdmin). While an
editor types, editorial/static/editorial/autosave.js posts the unsaved form
every few seconds to ``<item>/autosave/`` (``add/autosave/`` on the add form);
the form is kept server-side, one per user and form (`AutosavedForm`). When
that user opens the form again, a banner offers it back ("You have unsaved
changes from 14:05 — restore / discard"). The script also asks before leaving
a changed form.

What an autosave may and may not do:

- it needs the permission to change the item (to add, on the add form), and
  only ever reads or writes the requesting user's own autosave;
- it never touches the item: no save, no version, no signal, nothing public;
  saving the form is what goes through the workflow and its checks;
- it is removed when the form is saved successfully, when the editor
  discards it, when the item is deleted and when the user logs out; it is
  not offered after 30 days;
- an autosave sent by a page older than the user's last save of the item
  (a request still on its way when Save was pressed) is refused, so that a
  saved form is not offered back;
- an autosave larger than AUTOSAVE_MAX_BYTES (1 MB) is refused with a message
  the banner shows (413): a form that big is saved, not autosaved, and no
  editor can fill the database with many copies of nine-megabyte forms.

Chosen files are not kept (browsers do not let a page store them).
"""

import datetime
import json

from django.conf import settings
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext

from editorial.models import AutosavedForm

KEPT_FOR = datetime.timedelta(days=30)
MAX_FIELDS = 20_000
# Never kept: the CSRF token is per session, and the buttons are not part of the input.
NOT_KEPT = {"csrfmiddlewaretoken", "_save", "_continue", "_addanother", "_saveasnew", "_preview"}


def autosaves_of(user, model, object_id=""):
    return AutosavedForm.objects.filter(
        user=user,
        content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
        object_id=str(object_id),
    )


def forget_autosaves(sender, request, user, **kwargs):
    """On logout: a shared computer keeps nothing of the user's unsaved forms."""
    if user is not None and user.pk:
        AutosavedForm.objects.filter(user=user).delete()


def _clean_fields(fields):
    """The posted [name, value] pairs, or None when they are not that."""
    if not isinstance(fields, list) or len(fields) > MAX_FIELDS:
        return None
    cleaned = []
    for pair in fields:
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(part, str) for part in pair)):
            return None
        if pair[0] and pair[0] not in NOT_KEPT and "__prefix__" not in pair[0]:
            cleaned.append(pair)
    return cleaned


def _clean_labels(labels):
    if not isinstance(labels, dict):
        return None
    if not all(
        isinstance(name, str)
        and isinstance(options, dict)
        and all(isinstance(value, str) and isinstance(text, str) for value, text in options.items())
        for name, options in labels.items()
    ):
        return None
    return labels


def saved_since(user, model, object_id, moment):
    """Did `user` save this item (or add an item of this model, on the add form) after `moment`?"""
    entries = LogEntry.objects.filter(
        user=user,
        content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
        action_time__gt=moment,
    )
    if object_id:
        return entries.filter(object_id=str(object_id)).exists()
    return entries.filter(action_flag=ADDITION).exists()


def kept_at_text(moment):
    """ "14:05" today, "16 April 2025, 14:05" before, in the active language's format."""
    local = timezone.localtime(moment)
    if local.date() == timezone.localdate():
        return formats.time_format(local, "TIME_FORMAT")
    return formats.date_format(local, "DATETIME_FORMAT")


class AutosaveAdminMixin:
    """See the module docstring. Mix in before the ModelAdmin class."""

    autosave_interval = 5  # seconds between two autosaves of a changed form

    def autosave_urls(self):
        opts = self.model._meta
        info = opts.app_label, opts.model_name
        return [
            path(
                "add/autosave/",
                self.admin_site.admin_view(self.autosave_view),
                name="{}_{}_autosave_add".format(*info),
            ),
            path(
                "<path:object_id>/autosave/",
                self.admin_site.admin_view(self.autosave_view),
                name="{}_{}_autosave".format(*info),
            ),
        ]

    # The endpoint: POST keeps the form, DELETE discards it

    def autosave_object_id(self, request, object_id):
        """The key of the form (the item's pk, "" for the add form) once the user may edit it."""
        if object_id is None:
            if not self.has_add_permission(request):
                raise PermissionDenied
            return ""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        return str(obj.pk)

    def autosave_view(self, request, object_id=None):
        if request.method not in ("POST", "DELETE"):
            return HttpResponseNotAllowed(["POST", "DELETE"])
        key = self.autosave_object_id(request, object_id)
        kept = autosaves_of(request.user, self.model, key)
        if request.method == "DELETE":
            kept.delete()
            return JsonResponse({"kept": False, "message": gettext("The unsaved changes are discarded.")})
        limit = settings.AUTOSAVE_MAX_BYTES
        # The announced length first: a body that is too big is not even read.
        announced = request.META.get("CONTENT_LENGTH") or "0"
        if (int(announced) if announced.isdigit() else 0) > limit or len(request.body) > limit:
            # Translators: %(limit)s is a size in bytes as the site writes it ("1.0 MB").
            message = gettext("Not kept: the unsaved changes are larger than %(limit)s. Save the form to keep them.")
            return JsonResponse({"kept": False, "message": message % {"limit": filesizeformat(limit)}}, status=413)
        try:
            payload = json.loads(request.body)
        except ValueError:
            payload = None
        fields = _clean_fields(payload.get("fields")) if isinstance(payload, dict) else None
        labels = _clean_labels(payload.get("labels", {})) if isinstance(payload, dict) else None
        if fields is None or labels is None:
            return JsonResponse({"kept": False, "message": gettext("The form could not be read.")}, status=400)
        loaded = parse_datetime(str(payload.get("loaded") or ""))
        if loaded is not None and saved_since(request.user, self.model, key, loaded):
            return JsonResponse(
                {"kept": False, "message": gettext("Not kept: you saved this item after opening this page.")},
                status=409,
            )
        now = timezone.now()
        AutosavedForm.objects.update_or_create(
            user=request.user,
            content_type=ContentType.objects.get_for_model(self.model, for_concrete_model=False),
            object_id=key,
            defaults={"fields": fields, "labels": labels, "saved_at": now},
        )
        AutosavedForm.objects.filter(user=request.user, saved_at__lt=now - KEPT_FOR).delete()
        return JsonResponse(
            {
                "kept": True,
                # Translators: %(time)s is a time of day ("14:05") or a date with a time
                "message": gettext("Unsaved changes kept at %(time)s.") % {"time": kept_at_text(now)},
            }
        )

    # The change form: the script's settings and the offer to restore

    def autosave_context(self, request, add, obj):
        if IS_POPUP_VAR in request.GET or IS_POPUP_VAR in request.POST:
            return None
        if add:
            if not self.has_add_permission(request):
                return None
            key, url_name, args = "", "autosave_add", ()
        else:
            if obj is None or not self.has_change_permission(request, obj):
                return None
            key, url_name, args = str(obj.pk), "autosave", (quote(obj.pk),)
        opts = self.model._meta
        context = {
            "url": reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{url_name}", args=args),
            "interval": self.autosave_interval,
            "loaded": timezone.now().isoformat(),
            "draft": None,
        }
        # Only on a form opened afresh: a form sent back with errors holds newer input.
        if request.method == "GET":
            draft = autosaves_of(request.user, self.model, key).filter(saved_at__gte=timezone.now() - KEPT_FOR).first()
            if draft is not None:
                updated_at = getattr(obj, "updated_at", None)
                context.update(
                    draft={"fields": draft.fields, "labels": draft.labels},
                    kept_at=kept_at_text(draft.saved_at),
                    saved_after=bool(updated_at and updated_at > draft.saved_at),
                )
        return context

    # A successful save, or deleting the item, ends the autosave

    def forget_autosave(self, request, obj, change):
        """A saved form is not offered back: its autosave goes (not on a restore from the history)."""
        match = getattr(request, "resolver_match", None)
        opts = self.model._meta
        # Saves of the change and add forms only: a restore from the history keeps the autosave.
        if match and match.url_name in (
            f"{opts.app_label}_{opts.model_name}_change",
            f"{opts.app_label}_{opts.model_name}_add",
        ):
            autosaves_of(request.user, self.model, obj.pk).delete()
            if not change:
                autosaves_of(request.user, self.model, "").delete()

    def delete_model(self, request, obj):
        pk = obj.pk
        super().delete_model(request, obj)
        AutosavedForm.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model, for_concrete_model=False), object_id=str(pk)
        ).delete()

    def delete_queryset(self, request, queryset):
        keys = [str(pk) for pk in queryset.values_list("pk", flat=True)]
        super().delete_queryset(request, queryset)
        AutosavedForm.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model, for_concrete_model=False), object_id__in=keys
        ).delete()
