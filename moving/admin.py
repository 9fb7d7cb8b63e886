"""Moving in through the admin: upload an export, read the check's report, start the import, follow it.

Only users with the permission "Can import a WordPress site" (and superusers) see the
imports at all: every view, the list, the form, the report, the start, checks it. The
check (a dry run) and the import run as background jobs (core.jobs); the page of a run
that is working reloads itself every few seconds. The old site's addresses are in the
site's table of redirects (core.admin).
"""

from django.apps import apps
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from core import jobs as job_queue
from moving import jobs, tasks
from moving.forms import ImportRunForm
from moving.models import ImportRun

PERMISSION = "moving.import_site"
OUTCOMES = {
    # Translators: an outcome in the import's report: the item is new on this site
    "created": _("created"),
    # Translators: an outcome in the import's report: the item was changed
    "updated": _("updated"),
    # Translators: an outcome in the import's report: nothing to change
    "unchanged": _("unchanged"),
    # Translators: an outcome in the import's report: the item was left out
    "skipped": _("skipped"),
}


def translated(message, params):
    text = gettext(message) if message else ""
    return text % params if params else text


def start(run, dry_run):
    """The run's job, on the queue once the transaction that asked for it is committed."""
    run.state = ImportRun.State.CHECKING if dry_run else ImportRun.State.IMPORTING
    run.done = 0
    run.save(update_fields=["state", "done"])
    transaction.on_commit(lambda: job_queue.start(tasks.import_run, run_id=run.pk, dry_run=dry_run))


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    form = ImportRunForm
    list_display = ("__str__", "state", "progress", "created_at", "created_by")
    list_filter = ("state",)
    date_hierarchy = "created_at"
    change_form_template = "admin/moving/importrun/change_form.html"

    def has_module_permission(self, request):
        return request.user.is_active and request.user.has_perm(PERMISSION)

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.has_perm(PERMISSION)

    def has_add_permission(self, request):
        return request.user.is_active and request.user.has_perm(PERMISSION)

    def has_change_permission(self, request, obj=None):
        return False  # a run is not edited: it is checked, imported, or deleted

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.has_perm(PERMISSION)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("export_file", "uploads_archive", "media_base", "kinds", "menu_names")
        return (
            "file_name",
            "state",
            "kind_map",
            "menus",
            "created_by",
            "created_at",
            "started_at",
            "finished_at",
            "error",
        )

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj) if obj is not None else ()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("created_by")

    @admin.display(description=_("WordPress export file"))
    def file_name(self, run):
        return str(run)

    @admin.display(description=_("progress"))
    def progress(self, run):
        done, total = jobs.progress(run)
        if not total:
            return "–"
        # Translators: the progress of an import: items done of the items in the file, and the percentage
        return gettext("%(done)s of %(total)s (%(percent)s%%)") % {
            "done": done,
            "total": total,
            "percent": int(100 * done / total),
        }

    def save_model(self, request, obj, form, change):
        obj.created_by = request.user
        super().save_model(request, obj, form, change)
        start(obj, dry_run=True)

    def response_add(self, request, obj, post_url_continue=None):
        """Django's message, then the run's page (its check's progress and report), unless another is wanted."""
        response = super().response_add(request, obj, post_url_continue)
        if "_addanother" in request.POST:
            return response
        return redirect("admin:moving_importrun_change", obj.pk)

    def get_urls(self):
        return [
            path(
                "<int:pk>/start/",
                self.admin_site.admin_view(require_POST(self.start_view)),
                name="moving_importrun_start",
            ),
            *super().get_urls(),
        ]

    def start_view(self, request, pk):
        if not self.has_add_permission(request):
            raise PermissionDenied
        run = get_object_or_404(ImportRun, pk=pk)
        again = request.POST.get("again") == "1"
        if again and run.state in (ImportRun.State.CHECKED, ImportRun.State.DONE, ImportRun.State.FAILED):
            start(run, dry_run=True)
            messages.success(request, gettext("The file is being checked again."))
        elif run.state in (ImportRun.State.CHECKED, ImportRun.State.DONE):
            start(run, dry_run=False)
            messages.success(request, gettext("The import has started. This page shows its progress."))
        else:
            messages.error(request, gettext("This import cannot be started now: wait until its check is finished."))
        return redirect("admin:moving_importrun_change", run.pk)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        run = get_object_or_404(ImportRun, pk=object_id)
        if not self.has_view_permission(request, run):
            raise PermissionDenied
        report = run.report or {}
        done, total = jobs.progress(run)
        skipped = {}
        for item in report.get("items", []):
            if item["outcome"] == "skipped":
                reason = translated(item["reason"], item.get("params"))
                skipped[reason] = skipped.get(reason, 0) + 1
        context = {
            **(extra_context or {}),
            "run": run,
            "working": run.state in (ImportRun.State.CHECKING, ImportRun.State.IMPORTING),
            "can_start": run.state in (ImportRun.State.CHECKED, ImportRun.State.DONE),
            "done": done,
            "total": total,
            "percent": int(100 * done / total) if total else 0,
            "counts": [(OUTCOMES[key], report.get("counts", {}).get(key, 0)) for key in OUTCOMES],
            "by_type": [
                (kind, [(OUTCOMES[outcome], count) for outcome, count in sorted(counts.items())])
                for kind, counts in sorted(report.get("by_type", {}).items())
            ],
            "skipped": sorted(skipped.items(), key=lambda pair: -pair[1]),
            "conflicts": report.get("conflicts", []),
            "shortcodes": sorted(report.get("shortcodes", {}).items()),
            "unknown_languages": sorted(report.get("unknown_languages", {}).items()),
            "missing_files": [
                (missing["url"], translated(missing["problem"], None))
                for missing in report.get("missing_files", [])[:200]
            ],
            "menus": report.get("notes", []),
        }
        return super().change_view(request, object_id, form_url, context)


# Procrastinate's own job pages speak English only; the site's jobs are shown by their own
# pages (the imports above), so the queue's tables stay out of the admin.
if apps.is_installed("procrastinate.contrib.django"):
    for model in apps.get_app_config("procrastinate").get_models():
        if admin.site.is_registered(model):
            admin.site.unregister(model)
