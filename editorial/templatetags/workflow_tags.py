"""The editors' dashboard on the admin index: drafts, scheduled items, missing translations."""

from django import template
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from core import i18n
from core.models import Publishable, Status
from editorial.models import ScheduledChange

register = template.Library()

LIMIT = 8


def workflow_models():
    """The publishable models in the admin (news, projects, pages): whatever the content apps register."""
    return [model for model in apps.get_models() if issubclass(model, Publishable) and admin.site.is_registered(model)]


def _entry(obj, **extra):
    opts = obj._meta
    try:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=(quote(obj.pk),))
    except NoReverseMatch:
        url = ""
    return {"object": obj, "kind": opts.verbose_name, "url": url, **extra}


def _merge(entries, key, reverse_order=False):
    return sorted(entries, key=key, reverse=reverse_order)[:LIMIT]


@register.inclusion_tag("admin/workflow/dashboard.html", takes_context=True)
def workflow_dashboard(context):
    request = context["request"]
    user = request.user
    now = timezone.now()
    drafts, scheduled, untranslated = [], [], []
    counts = {"drafts": 0, "scheduled": 0, "untranslated": 0}
    visible = []
    for model in workflow_models():
        opts = model._meta
        if not (
            user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
            or user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
        ):
            continue
        visible.append(model)
        manager = model._base_manager
        draft_q = Q(status=Status.DRAFT)
        scheduled_q = ~Q(status=Status.DRAFT) & Q(publish_at__gt=now)
        untranslated_q = i18n.untranslated_q(model)
        # One query for the three counts, one per list: four per model.
        totals = manager.aggregate(
            drafts=Count("pk", filter=draft_q),
            scheduled=Count("pk", filter=scheduled_q),
            untranslated=Count("pk", filter=untranslated_q),
        )
        for key, value in totals.items():
            counts[key] += value
        drafts += [_entry(obj) for obj in manager.filter(draft_q).order_by("-updated_at")[:LIMIT]]
        scheduled += [_entry(obj) for obj in manager.filter(scheduled_q).order_by("publish_at")[:LIMIT]]
        untranslated += [
            _entry(obj, missing=" ".join(code.upper() for code in i18n.untranslated_languages(obj)))
            for obj in manager.filter(untranslated_q).order_by("-updated_at")[:LIMIT]
        ]
    changes, total = scheduled_changes(visible)
    scheduled += changes
    counts["scheduled"] += total
    return {
        "drafts": _merge(drafts, key=lambda entry: entry["object"].updated_at, reverse_order=True),
        "scheduled": _merge(scheduled, key=lambda entry: entry.get("change_at") or entry["object"].publish_at),
        "untranslated": _merge(untranslated, key=lambda entry: entry["object"].updated_at, reverse_order=True),
        "counts": counts,
    }


def scheduled_changes(models):
    """([entry with `change_at`], total): the first scheduled changes of live items of `models`.

    Two queries for the changes, one per model that has some for their items.
    """
    content_types = ContentType.objects.get_for_models(*models)
    changes = ScheduledChange.objects.filter(content_type__in=content_types.values())
    total = changes.count()
    first = list(changes.order_by("publish_at")[:LIMIT]) if total else []
    by_model = {}
    for change in first:
        by_model.setdefault(change.content_type_id, []).append(change)
    entries = []
    for model, content_type in content_types.items():
        ids = [change.object_id for change in by_model.get(content_type.pk, [])]
        objects = model._base_manager.in_bulk(ids) if ids else {}
        for change in by_model.get(content_type.pk, []):
            obj = objects.get(model._meta.pk.to_python(change.object_id))
            if obj is not None:
                entries.append(_entry(obj, change_at=change.publish_at, change_failed=bool(change.problem)))
    return entries, total


@register.inclusion_tag("admin/workflow/submit_line.html", takes_context=True)
def workflow_submit_row(context):
    """Django's submit row with the publication buttons (WorkflowAdminMixin.publication_buttons)."""
    from django.contrib.admin.templatetags.admin_modify import submit_row

    row = submit_row(context)
    row["workflow_publication"] = context.get("workflow_publication")
    return row
