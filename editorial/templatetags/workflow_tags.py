"""The editors' dashboard on the admin index: drafts, scheduled items, missing translations."""

from django import template
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from core import i18n
from core.models import Publishable, Status

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
    for model in workflow_models():
        opts = model._meta
        if not (
            user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
            or user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
        ):
            continue
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
    return {
        "drafts": _merge(drafts, key=lambda entry: entry["object"].updated_at, reverse_order=True),
        "scheduled": _merge(scheduled, key=lambda entry: entry["object"].publish_at),
        "untranslated": _merge(untranslated, key=lambda entry: entry["object"].updated_at, reverse_order=True),
        "counts": counts,
    }


@register.inclusion_tag("admin/workflow/submit_line.html", takes_context=True)
def workflow_submit_row(context):
    """Django's submit row with the publication buttons (WorkflowAdminMixin.publication_buttons)."""
    from django.contrib.admin.templatetags.admin_modify import submit_row

    row = submit_row(context)
    row["workflow_publication"] = context.get("workflow_publication")
    return row
