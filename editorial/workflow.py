"""Publishing workflow for the admin of every content model.

`WorkflowAdminMixin` (a django-reversion `VersionAdmin`) is part of
`editorial.options.EditorialAdmin`, so news, projects, pages and organisations all
get:

- history: every save is a version; the history page lists what changed in
  each version, compares any version with the one before it or with the
  current state field by field (per language), restores it, and the change
  list links to "Recover deleted ...";
- publishing: `can_publish` decides who may change status and publish time
  and run the publish, schedule and unpublish actions; publishing an item
  with missing translations warns (and still publishes);
- preview and "view on site" links for each language, and "Preview
  changes": buttons on the change form that render the edited, unsaved item
  with its public page in each language (editorial.preview);
- merging instead of overwriting: the change form carries the version the
  editor loaded; if someone saved in between, what only the other save
  changed is kept, and fields (and inline row fields) both changed are a
  conflict the editor decides, with their input kept (editorial.forms);
- restore and recover through the same rules as a save (editorial.restore);
- a storage failure during a save is a message on the form, not a 500.
"""

import logging
from contextlib import nullcontext

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language_info, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from reversion import add_to_revision, set_comment
from reversion.admin import VersionAdmin
from reversion.errors import RevertError
from reversion.models import Version
from reversion.utils import mute_signals

from core import i18n
from core.models import Publishable, Status
from core.views import PREVIEW_PARAMETER
from editorial import scheduled
from editorial.diff import diff_states, related_state_of, related_state_of_version, state_of, version_changes
from editorial.forms import (
    HIDDEN_FIELDS,
    PUBLICATION_FIELD,
    RESTORED_FIELD,
    VERSION_FIELD,
    WorkflowForm,
    WorkflowInlineFormSet,
)
from editorial.models import ScheduledChange
from editorial.preview import SCRIPT_VARIANTS, preview_changes, public_view_match
from editorial.restore import (
    deleted_version,
    form_initial,
    prefill_formset,
    recreate_deleted,
    status_note,
    version_values,
)
from library.models import Image as LibraryImage

logger = logging.getLogger(__name__)

MODEL_SIGNALS = (pre_save, post_save, pre_delete, post_delete, m2m_changed)

# The fields only a user with the publish permission changes.
PUBLICATION_FIELDS = ("status", "publish_at", "expire_at")

# --- Helpers shared by the admin, the dashboard and the tests ---------------


def languages_by_status(obj):
    """(languages the item is missing in, languages whose translation lacks fields)."""
    statuses = i18n.translation_statuses(obj)
    missing = [code for code, status in statuses.items() if status == i18n.MISSING]
    incomplete = [code for code, status in statuses.items() if status == i18n.INCOMPLETE]
    return missing, incomplete


def language_names(codes):
    return ", ".join(str(i18n.language_name_in_text(code)) for code in codes)


def images_without_alt_text(obj):
    """The languages in which an image chosen for `obj` (a library image) has no alternative text."""
    missing = []
    for field in obj._meta.concrete_fields:
        if field.is_relation and field.related_model is LibraryImage:
            image = getattr(obj, field.name, None)
            if image is not None:
                missing += [code for code in i18n.LANGUAGE_CODES if not getattr(image, f"alt_text_{code}", "")]
    return list(dict.fromkeys(code for code in i18n.LANGUAGE_CODES if code in missing))


def is_publishable(model):
    return issubclass(model, Publishable)


def public_urls(obj):
    """[(code, url, is_public)] for each language where the item has a URL."""
    if not hasattr(obj, "get_absolute_url_for"):
        return []
    public = bool(getattr(obj, "is_public", True))
    urls = []
    for code in i18n.LANGUAGE_CODES:
        url = obj.get_absolute_url_for(code)
        if url:
            urls.append((code, url if public else f"{url}?{PREVIEW_PARAMETER}=1", public))
    return urls


def when(moment):
    """A date and time as the admin shows it: local time, in the user's language."""
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def publication_state(obj):
    """What visitors see of `obj` now, in one sentence (the change form and the message after a save)."""
    item = str(obj)
    if obj.pk is None or obj.status == Status.DRAFT:
        # Translators: %(item)s is the item's title.
        return gettext("Draft: visitors do not see “%(item)s”.") % {"item": item}
    if obj.has_expired():
        # Translators: %(when)s is a date and time ("1 February 2030, 09:00"); %(item)s is the item's title.
        return gettext("Expired at %(when)s: visitors no longer see “%(item)s”.") % {
            "when": when(obj.expire_at),
            "item": item,
        }
    if not obj.is_public:
        # Translators: %(when)s is a date and time ("1 February 2030, 09:00"); %(item)s is the item's title.
        return gettext("Scheduled for %(when)s: “%(item)s” is not visible until then.") % {
            "when": when(obj.publish_at),
            "item": item,
        }
    # Translators: %(when)s is a date and time ("1 February 2030, 09:00"); %(item)s is the item's title.
    state = gettext("Public since %(when)s: visitors see “%(item)s”.") % {"when": when(obj.publish_at), "item": item}
    if obj.expire_at:
        # Translators: %(when)s is a date and time ("1 February 2030, 09:00").
        state += " " + gettext("It leaves the site at %(when)s.") % {"when": when(obj.expire_at)}
    return state


def _site_link_label(code, public):
    action = gettext("View on site") if public else gettext("Preview")
    return f"{action}: {i18n.language_name(code)}"


# --- The admin mixin ------------------------------------------------------------


class WorkflowAdminMixin(VersionAdmin):
    change_form_template = "admin/workflow/change_form.html"
    view_on_site = False  # replaced by one link per language
    object_history_template = "admin/workflow/object_history.html"
    recover_form_template = "admin/workflow/recover_form.html"
    actions = ("publish_now", "schedule", "unpublish")

    # One change-form request's state, set only on the copy of the admin that serves it (serving()).
    restore_version = None  # the version a restore page is filled in from
    storage_error = None  # the file storage refused this save's upload: the form says so
    publication_message = None  # what visitors now see, said after Django's "was changed"
    scheduled_change = None  # (change, time of the change it replaced): this save was scheduled, not written

    # Publishing permission

    def has_publish_permission(self, request, obj=None):
        opts = self.model._meta
        return is_publishable(self.model) and request.user.has_perm(f"{opts.app_label}.can_publish")

    def publication_readonly_fields(self, request, obj, readonly):
        """The publication fields, read-only for who may not publish (not yet among `readonly`)."""
        if is_publishable(self.model) and not self.has_publish_permission(request, obj):
            return [name for name in PUBLICATION_FIELDS if name not in readonly]
        return []

    def workflow_actions(self, actions):
        """`actions` without the publication actions where the model has no publication."""
        if not is_publishable(self.model):
            for name in ("publish_now", "schedule", "unpublish"):
                actions.pop(name, None)
        return actions

    # Forms: the loaded version travels with the form

    def workflow_form_base(self, base):
        """`base` as a WorkflowForm, carrying the version it was loaded at (for the concurrent-edit check)."""
        if not issubclass(base, WorkflowForm) and hasattr(self.model, "updated_at"):
            return type(
                f"Workflow{base.__name__}",
                (WorkflowForm, base),
                {
                    VERSION_FIELD: forms.CharField(required=False, widget=forms.HiddenInput),
                    RESTORED_FIELD: forms.CharField(required=False, widget=forms.HiddenInput),
                },
            )
        return base

    def prepare_workflow_form(self, request, form_class):
        """The form class of this request: the status carried hidden, a storage failure, a restore's values."""
        if "status" in form_class.base_fields:
            # The publication buttons set the status (WorkflowForm.apply_publication_button); the
            # field only carries the current one, so that "Save" keeps it. get_form() builds a new
            # class with its own fields on every call.
            form_class.base_fields["status"].widget = forms.HiddenInput()
        form_class.storage_failed = self.storage_error is not None
        version = self.restore_version
        if version is not None:
            # get_form() builds a new class on every call: this one serves this request only.
            initial = form_initial(form_class, self.model, version_values(version))
            form_class.restore_initial = {**initial, RESTORED_FIELD: str(version.pk)}

    def with_version_fields(self, fieldsets):
        """`fieldsets` with the hidden version fields in the first one."""
        if not hasattr(self.model, "updated_at") or VERSION_FIELD in flatten_fieldsets(fieldsets):
            return fieldsets
        fieldsets = [(name, dict(options)) for name, options in fieldsets]
        name, options = fieldsets[0]
        options["fields"] = [*options["fields"], VERSION_FIELD, RESTORED_FIELD]
        return fieldsets

    # Saving: warn about missing translations when publishing

    def report_save(self, request, obj, form):
        """After a save: what a merge with another editor's save kept, and the translations a public item lacks.

        What visitors now see follows Django's "was changed successfully" (see response_change).
        """
        if is_publishable(type(obj)):
            was_public = getattr(form, "workflow_was_public", False)
            state = (
                # Translators: %(item)s is the item's title.
                gettext("Taken off the site: visitors no longer see “%(item)s”.") % {"item": obj}
                if was_public and obj.status == Status.DRAFT
                else publication_state(obj)
            )
            self.publication_message = state
        merged = getattr(form, "workflow_merged", None)
        if merged and merged["fields"]:
            fields = "; ".join(
                f"{change['label']} ({change['language']})" if change["language"] else str(change["label"])
                for change in merged["fields"]
            )
            self.message_user(
                request,
                # Translators: %(who)s is a user's name; %(when)s a date and time; %(fields)s a comma-separated list
                # of field names
                gettext("%(who)s saved this item at %(when)s, after you opened it; their changes are kept: %(fields)s.")
                % {"who": merged["who"], "when": merged["when"], "fields": fields},
                messages.INFO,
            )
        if is_publishable(type(obj)) and obj.status != Status.DRAFT:
            self.warn_missing_translations(request, [obj])
        if is_publishable(type(obj)) and self.has_publish_permission(request, obj):
            self.warn_pending_change(request, obj)

    def save_related(self, request, form, formsets, change):
        """Django's many-to-many values and inline rows; a scheduled change keeps its many-to-many values."""
        if self.scheduled_change is not None:
            self.report_rows_not_scheduled(request, formsets)
            return
        super().save_related(request, form, formsets, change)

    def response_add(self, request, obj, post_url_continue=None):
        return self._after_save(request, super().response_add, obj, post_url_continue)

    def response_change(self, request, obj):
        return self._after_save(request, super().response_change, obj)

    def _after_save(self, request, respond, obj, *args):
        """A publication button saves like "Save and continue editing"; then the message of what visitors see."""
        if self.scheduled_change is not None:
            # Nothing was changed: Django's "was changed successfully" would not be true.
            self.message_user(request, self.scheduled_message(obj, *self.scheduled_change), messages.SUCCESS)
            return redirect(request.path)
        if PUBLICATION_FIELD in request.POST and "_continue" not in request.POST:
            request.POST = request.POST.copy()
            request.POST["_continue"] = "1"
        response = respond(request, obj, *args)
        state = self.publication_message
        if state:
            level = messages.SUCCESS if getattr(obj, "is_public", False) else messages.INFO
            self.message_user(request, state, level)
        return response

    def construct_change_message(self, request, form, formsets, add=False):
        """The history comment names only what this editor changed.

        Left out: the form's bookkeeping fields (HIDDEN_FIELDS) and the fields a
        merge took from another editor's save (they are that editor's change).
        A status set by a publication button is named.
        """
        kept = set(HIDDEN_FIELDS) | getattr(form, "workflow_kept_names", set())
        changed = [name for name in form.changed_data if name not in kept]
        if (
            "status" in form.fields
            and "status" not in changed
            and form.initial.get("status") != getattr(form.instance, "status", None)
        ):
            changed.append("status")
        form.changed_data = changed
        if self.scheduled_change is not None:
            formsets = []  # rows are not part of a scheduled change (report_rows_not_scheduled)
        return super().construct_change_message(request, form, formsets, add)

    def may_take_off_site(self, request, obj):
        """Deleting a public item takes it off the site, like unpublishing: that needs the publish permission."""
        if obj is not None and isinstance(obj, Publishable) and obj.status != Status.DRAFT:
            return self.has_publish_permission(request, obj)
        return True

    def languages_to_warn_about(self, request, codes):
        """`codes` less the languages a translator may not edit: warnings they could not act on are noise."""
        own = getattr(self, "translator_languages", lambda request: None)(request)
        return [code for code in codes if own is None or code in own]

    def warn_missing_translations(self, request, objects):
        for obj in objects:
            missing, incomplete = (self.languages_to_warn_about(request, codes) for codes in languages_by_status(obj))
            if missing:
                self.message_user(
                    request,
                    # Translators: %(item)s is the item's title; %(languages)s is a comma-separated list of
                    # language names as they read inside a sentence (lower case in be and sq).
                    gettext("“%(item)s” is public without a translation in: %(languages)s.")
                    % {"item": obj, "languages": language_names(missing)},
                    messages.WARNING,
                )
            if incomplete:
                self.message_user(
                    request,
                    # Translators: as above; %(languages)s lists the languages with fields left empty.
                    gettext("“%(item)s” is public with fields left untranslated in: %(languages)s.")
                    % {"item": obj, "languages": language_names(incomplete)},
                    messages.WARNING,
                )

    # Actions

    @admin.action(description=_("Publish now"), permissions=("publish",))
    def publish_now(self, request, queryset):
        now = timezone.now()
        changed = []
        for obj in queryset:
            if obj.is_public and obj.status == Status.PUBLISHED:
                continue
            obj.status = Status.PUBLISHED
            if obj.publish_at is None or obj.publish_at > now:
                obj.publish_at = now
            if obj.has_expired(now):
                obj.expire_at = None  # "Publish now" means visible now: a passed expiry time no longer holds
            obj.save()
            changed.append(obj)
        set_comment(gettext("Published."))
        self.message_user(
            request,
            # Translators: %(count)d is a number of items (news items, projects, pages); the item is "матэрыял" /
            # "material"
            ngettext("%(count)d item published.", "%(count)d items published.", len(changed)) % {"count": len(changed)},
            messages.SUCCESS,
        )
        self.warn_missing_translations(request, changed)

    @admin.action(description=_("Schedule at their publish time"), permissions=("publish",))
    def schedule(self, request, queryset):
        now = timezone.now()
        scheduled, skipped = [], []
        for obj in queryset:
            if obj.publish_at is None or obj.publish_at <= now:
                skipped.append(obj)
                continue
            obj.status = Status.SCHEDULED
            obj.save()
            scheduled.append(obj)
        set_comment(gettext("Scheduled."))
        if scheduled:
            self.message_user(
                request,
                # Translators: %(count)d is a number of items (news items, projects, pages); the item is "матэрыял" /
                # "material"
                ngettext("%(count)d item scheduled.", "%(count)d items scheduled.", len(scheduled))
                % {"count": len(scheduled)},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                # Translators: %(items)s is a comma-separated list of item titles in quotation marks
                gettext("Set a publish time in the future before scheduling: %(items)s.")
                % {"items": "; ".join(str(obj) for obj in skipped)},
                messages.ERROR,
            )
        self.warn_missing_translations(request, scheduled)

    @admin.action(description=_("Unpublish (back to draft)"), permissions=("publish",))
    def unpublish(self, request, queryset):
        changed = []
        for obj in queryset.exclude(status=Status.DRAFT):
            obj.status = Status.DRAFT
            obj.save()
            changed.append(obj)
        set_comment(gettext("Unpublished."))
        self.message_user(
            request,
            # Translators: %(count)d is a number of items; "draft" is the status (чарнавік / skicë), in the singular
            # for one item or many
            ngettext("%(count)d item moved back to draft.", "%(count)d items moved back to draft.", len(changed))
            % {"count": len(changed)},
            messages.SUCCESS,
        )

    # Change list

    def with_publication_columns(self, columns):
        # Status and publish time read as one column ("Published 6 May 2025, 12:00"),
        # so that the columns an editor needs fit a 1280 px window.
        if "status" in columns and "publish_at" in columns and is_publishable(self.model):
            columns[columns.index("status")] = "publication"
            columns.remove("publish_at")
        if hasattr(self.model, "get_absolute_url_for") and hasattr(self.model._default_manager, "published"):
            if "site_links" not in columns:
                columns.append("site_links")
        return columns

    @admin.display(description=_("status"), ordering="status")
    def publication(self, obj):
        if obj.status == Status.DRAFT or not obj.publish_at:
            return obj.get_status_display()
        if obj.has_expired():
            # Translators: the status column of a list: an item past its expiry time, no longer on the site.
            return format_html('{}<br><span class="workflow-when">{}</span>', gettext("Expired"), when(obj.expire_at))
        return format_html(
            '{}<br><span class="workflow-when">{}</span>',
            obj.get_status_display(),
            when(obj.publish_at),
        )

    @admin.display(description=_("on the site"))
    def site_links(self, obj):
        links = public_urls(obj)
        if not links:
            return "—"
        return format_html(
            '<span class="workflow-site-links">{}</span>',
            format_html_join(
                "",
                '<a href="{}" title="{}" target="_blank" rel="noopener" hreflang="{}">'
                '{}<span class="visually-hidden"> ({})</span></a>',
                (
                    (
                        url,
                        label := _site_link_label(code, public),
                        code,
                        code.upper(),
                        label,
                    )
                    for code, url, public in links
                ),
            ),
        )

    # Change form: links per language, the conflict report

    def add_workflow_context(self, context, request, add, change, obj):
        """Links to the public pages, missing translations, preview and publication buttons, restore, conflicts."""
        if obj is not None and obj.pk:
            # Links to the public pages of a public item; an item visitors do not see is previewed with the
            # form's one Preview control (preview_buttons), which shows the form as it is, saved or not.
            context["workflow_links"] = [
                {"code": code, "language": i18n.language_name(code), "url": url, "public": public}
                for code, url, public in public_urls(obj)
                if public
            ]
            if is_publishable(type(obj)):
                missing, incomplete = (
                    self.languages_to_warn_about(request, codes) for codes in languages_by_status(obj)
                )
                context["workflow_missing"] = language_names(missing)
                context["workflow_incomplete"] = language_names(incomplete)
            if getattr(obj, "is_public", False):
                context["workflow_alt_missing"] = language_names(
                    self.languages_to_warn_about(request, images_without_alt_text(obj))
                )
            if change and self.has_change_permission(request, obj):
                context["workflow_preview"] = self.preview_buttons(obj)
        elif add and self.has_add_permission(request) and hasattr(self.model, "get_absolute_url_for"):
            context["workflow_preview"] = self.preview_buttons(None)
        if is_publishable(self.model):
            context["workflow_publication"] = self.publication_buttons(request, obj, context)
            if obj is not None and obj.pk:
                context["workflow_scheduled"] = self.scheduled_change_context(request, obj)
        version = self.restore_version
        if version is not None:
            context["workflow_restore"] = {
                "version": version,
                "date": version.revision.date_created,
                "user": version.revision.user,
                "status": status_note(obj, version),
                "may_publish": self.has_publish_permission(request, obj),
            }
        adminform = context.get("adminform")
        context["workflow_conflict"] = getattr(getattr(adminform, "form", None), "workflow_conflict", None)
        self._carry_row_merge(context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None, *, restore=None):
        """Django's change form, served by a copy of this admin that carries this request's state.

        As a class-based view gets a new instance per request, the steps of one
        change form (EditorialAdmin) share what they find on their own copy:
        `restore` (the version a restore page is filled in from), the storage
        error of a refused upload, the message of what visitors now see. The
        admin registered with the site is never written to.
        """
        try:
            return super(WorkflowAdminMixin, self.serving(restore)).changeform_view(
                request, object_id, form_url, extra_context
            )
        except OSError as error:
            # The upload could not be written (disk full, read-only, storage down). The
            # save's transaction is rolled back and the storage removed any half-written
            # file (core.storage); the form comes back with the input and the reason.
            if request.method != "POST":
                raise
            logger.error("Saving a %s failed: the file storage refused the upload: %s", self.model._meta.label, error)
            return super(WorkflowAdminMixin, self.serving(restore, storage_error=error)).changeform_view(
                request, object_id, form_url, extra_context
            )

    def serving(self, restore=None, storage_error=None):
        """A copy of this admin for one change-form request (see changeform_view)."""
        serving = object.__new__(type(self))  # a shallow copy: the same model, site and settings
        serving.__dict__.update(vars(self))
        serving.restore_version = restore
        serving.storage_error = storage_error
        serving.publication_message = None
        return serving

    def use_workflow_formsets(self, instances):
        """Inline rows merge with another editor's concurrent save like the form's fields (WorkflowInlineFormSet)."""
        for inline in instances:
            if inline.formset is BaseInlineFormSet:
                inline.formset = WorkflowInlineFormSet

    def _carry_row_merge(self, context):
        """When the form comes back after a conflict (in a row or a field), carry what the merge kept.

        The next save is made against the item as it is now, so everything
        taken from the other save must travel with the form: the main form's
        kept fields and the rows' kept fields, as hidden "keep saved" entries.
        """
        form = getattr(context.get("adminform"), "form", None)
        formsets = [inline.formset for inline in context.get("inline_admin_formsets", [])]
        conflicts = [change for fs in formsets if fs.workflow_conflict for change in fs.workflow_conflict["conflicts"]]
        if not conflicts and not getattr(form, "workflow_conflict", None):
            return
        context["workflow_row_conflicts"] = conflicts
        context["workflow_row_kept"] = [change for fs in formsets for change in fs.workflow_kept]
        merged = getattr(form, "workflow_merged", None)
        if conflicts and form is not None and not form.workflow_conflict:
            token = next(fs.workflow_conflict["token"] for fs in formsets if fs.workflow_conflict)
            form.data = form.data.copy()
            form.data[VERSION_FIELD] = token
            kept = [change["name"] for change in (merged or {}).get("fields", [])]
            for name in kept:
                form._show_saved(name, form.instance)
            context["workflow_kept_fields"] = kept

    def publication_buttons(self, request, obj, context):
        """What the submit row offers: publish or schedule, unpublish, save draft (see the submit_line template).

        Only a user with the publish permission gets the publication buttons;
        the others save without changing the publication (the fields are
        read-only), a draft with "Save draft"; a translator keeps the usual buttons.
        """
        is_draft = obj is None or obj.pk is None or obj.status == Status.DRAFT
        may_publish = self.has_publish_permission(request, obj)
        form = getattr(context.get("adminform"), "form", None)
        publish_at = None
        if form is not None and "publish_at" in form.fields:
            publish_at = (getattr(form, "cleaned_data", None) or {}).get("publish_at") or form.initial.get("publish_at")
        future = publish_at is not None and publish_at > timezone.now()
        return {
            "state": publication_state(obj) if obj is not None and obj.pk else "",
            "show_publish": may_publish and is_draft,
            "publish_label": gettext("Schedule") if future else gettext("Publish"),
            "show_unpublish": may_publish and not is_draft,
            "unpublish_label": gettext("Unpublish")
            if obj is not None and obj.is_public
            else gettext("Cancel the schedule"),
            "show_schedule_change": may_publish and obj is not None and obj.pk is not None and obj.is_public,
            "save_draft": is_draft and getattr(self, "translator_languages", lambda request: None)(request) is None,
            "take_down": getattr(form, "workflow_take_down", None),
        }

    # Scheduled changes of a public item (editorial.scheduled)

    def schedule_change(self, request, obj, form):
        """The save step of "Schedule changes": keep the form's changes for their time, write nothing to `obj`."""
        self.scheduled_change = scheduled.schedule(obj, form, form.workflow_schedule_change, request.user)

    def scheduled_message(self, obj, change, replaced):
        # Translators: %(when)s is a date and time; %(item)s is the item's title.
        text = gettext("Your changes are scheduled for %(when)s. Until then visitors see “%(item)s” as it was.") % {
            "when": when(change.publish_at),
            "item": obj,
        }
        if replaced is not None:
            # Translators: %(when)s is a date and time.
            text += " " + gettext("They replace the change that was scheduled for %(when)s.") % {"when": when(replaced)}
        return text

    def report_rows_not_scheduled(self, request, formsets):
        """Inline rows are not part of a scheduled change: changed rows were not saved, and the editor is told."""
        changed = [str(formset.model._meta.verbose_name_plural) for formset in formsets if formset.has_changed()]
        if changed:
            self.message_user(
                request,
                # Translators: %(rows)s is a comma-separated list of row kinds ("objectives, activities")
                gettext("Rows are not part of a scheduled change; your changes to them were not saved: %(rows)s.")
                % {"rows": ", ".join(changed)},
                messages.WARNING,
            )

    def warn_pending_change(self, request, obj):
        """After an ordinary save of an item with a scheduled change: that change still comes (the rule)."""
        pending_at = (
            ScheduledChange.objects.filter(content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk)
            .values_list("publish_at", flat=True)
            .first()
        )
        if pending_at is not None:
            self.message_user(
                request,
                gettext(
                    # Translators: %(when)s is a date and time.
                    "A change to this item is still scheduled for %(when)s: then it sets the fields it changes, "
                    "over what you saved now. Cancel it or schedule your changes to replace it."
                )
                % {"when": when(pending_at)},
                messages.WARNING,
            )

    def scheduled_change_context(self, request, obj):
        """The change form's banner of a pending scheduled change, or None."""
        change = scheduled.pending_change(obj)
        if change is None:
            return None
        opts = self.model._meta
        return {
            "when": change.publish_at,
            "who": scheduled.user_name(change.user),
            "problem": change.problem,
            "changes": scheduled.what_changes(change, obj),
            "may_cancel": self.has_publish_permission(request, obj) and self.has_change_permission(request, obj),
            "cancel_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_cancel_scheduled_change",
                args=(quote(obj.pk),),
            ),
        }

    def cancel_scheduled_change_view(self, request, object_id):
        """POST only (the admin's CSRF check), for who may publish and change the item."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not (self.has_change_permission(request, obj) and self.has_publish_permission(request, obj)):
            raise PermissionDenied
        change = scheduled.pending_change(obj)
        if change is None:
            self.message_user(request, gettext("No change is scheduled for this item."), messages.INFO)
        else:
            scheduled.cancel(change, request.user)
            self.message_user(
                request,
                # Translators: %(item)s is the item's title.
                gettext("The scheduled change is cancelled: visitors keep seeing “%(item)s” as it is.") % {"item": obj},
                messages.SUCCESS,
            )
        opts = self.model._meta
        return redirect(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", quote(obj.pk))

    # Preview changes: the unsaved form rendered with the public page

    def preview_buttons(self, obj):
        """[{code, name, url}]: the "Preview" control's button per language with a public page, and per
        script a language is also shown in (Belarusian in Łacinka, editorial.preview.SCRIPT_VARIANTS)."""
        opts = self.model._meta
        url_name = f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_preview"
        buttons = []
        for code in i18n.LANGUAGE_CODES:
            if obj is not None and public_view_match(obj, code) is None:
                continue
            variants = [(code, get_language_info(code)["name_local"], code)]
            variants += [
                (variant, name, lang) for variant, (source, name, lang, _c) in SCRIPT_VARIANTS.items() if source == code
            ]
            for variant, name, lang in variants:
                buttons.append(
                    {
                        "code": variant,
                        "lang": lang,
                        "name": name,
                        "url": reverse(url_name, args=(quote(obj.pk), variant))
                        if obj is not None
                        else reverse(f"{url_name}_new", args=(variant,)),
                    }
                )
        return buttons

    def preview_view(self, request, object_id, language):
        return preview_changes(self, request, object_id, language)

    def preview_new_view(self, request, language):
        return preview_changes(self, request, None, language)

    # History: what changed in each version, comparison, restore

    def workflow_urls(self):
        opts = self.model._meta
        info = opts.app_label, opts.model_name
        return [
            path(
                "add/preview/<str:language>/",
                self.admin_site.admin_view(self.preview_new_view),
                name="{}_{}_preview_new".format(*info),
            ),
            path(
                "<path:object_id>/preview/<str:language>/",
                self.admin_site.admin_view(self.preview_view),
                name="{}_{}_preview".format(*info),
            ),
            path(
                "<path:object_id>/scheduled-change/cancel/",
                self.admin_site.admin_view(self.cancel_scheduled_change_view),
                name="{}_{}_cancel_scheduled_change".format(*info),
            ),
            path(
                "<path:object_id>/history/<int:version_id>/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="{}_{}_compare".format(*info),
            ),
        ]

    def _versions(self, object_id):
        return list(
            Version.objects.get_for_object_reference(self.model, object_id)
            .select_related("revision", "revision__user")
            .prefetch_related("revision__version_set__content_type")
            .order_by("-revision__date_created", "-pk")
        )

    # Restore and recover: through the same rules as a save (editorial.restore)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """The change form of the item as it is, filled in with the version's values; it posts to the change view."""
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        version = get_object_or_404(
            Version.objects.get_for_object_reference(self.model, obj.pk).select_related("revision", "revision__user"),
            pk=version_id,
        )
        opts = self.model._meta
        change_url = reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=(quote(str(obj.pk)),)
        )
        context = {
            # Translators: %(date)s is a date and time ("16 April 2025, 14:05"); a button and page title
            "title": gettext("Restore the version of %(date)s")
            % {"date": formats.date_format(timezone.localtime(version.revision.date_created), "DATETIME_FORMAT")},
            **(extra_context or {}),
        }
        return self.changeform_view(request, quote(str(obj.pk)), change_url, context, restore=version)

    def recover_view(self, request, version_id, extra_context=None):
        """The change form of a deleted item, re-created as a draft; kept only when the form saves.

        Only the last version of a deleted object of this admin's model is taken,
        and only that object and its own rows are written back (editorial.restore).
        """
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        version = deleted_version(self.model, version_id)
        context = {
            # Translators: %(name)s is the title of a deleted item, shown in quotation marks
            "title": gettext("Recover %(name)s") % {"name": version.object_repr},
            "recover": True,
            "workflow_recover_draft": is_publishable(self.model),
            **(extra_context or {}),
        }
        # Opening the page writes nothing that outlives it: the signals (search index,
        # site version) run only for the save.
        quiet = nullcontext() if request.method == "POST" else mute_signals(*MODEL_SIGNALS)
        try:
            with transaction.atomic(using=version.db), self.create_revision(request):
                with quiet:
                    obj = recreate_deleted(version, [inline.model for inline in self.inlines])
                response = self.changeform_view(request, quote(str(obj.pk)), request.path, context)
                if request.method == "POST" and response.status_code == 302:
                    set_comment(gettext("Recovered as a draft."))
                    return response
                if hasattr(response, "render"):
                    response.template_name = self.recover_form_template
                    response.render()
                transaction.set_rollback(True)
                return response
        except (IntegrityError, ProtectedError, RevertError):
            logger.info("Recovering version %s of %s failed", version.pk, self.model._meta.label, exc_info=True)
            self.message_user(
                request,
                gettext(
                    # Translators: %(item)s is the title of a deleted item.
                    "“%(item)s” cannot be recovered: another item now has its address or another of its unique "
                    "values, or something it refers to was deleted."
                )
                % {"item": version.object_repr},
                messages.ERROR,
            )
            opts = self.model._meta
            return redirect(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_recoverlist")

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        version = self.restore_version
        if version is not None:
            for formset, inline in zip(formsets, inline_instances, strict=True):
                may_add_and_delete = inline.has_add_permission(request, obj) and inline.has_delete_permission(
                    request, obj
                )
                prefill_formset(formset, version, may_add_and_delete)
        return super().get_inline_formsets(request, formsets, inline_instances, obj)

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)  # reversion takes the change message as comment
        if self.scheduled_change is not None:
            change, _replaced = self.scheduled_change
            note = f"{scheduled.scheduled_note(change)} {entry.get_change_message()}"
            set_comment(note)
            # Django's admin log says the same, not "Changed …": nothing of the item changed yet.
            entry.change_message = note
            entry.save(update_fields=["change_message"])
            # The history shows the item as visitors still see it, with the note.
            add_to_revision(type(obj)._base_manager.get(pk=obj.pk))
            return entry
        restored = self._restored_version(request, obj)
        if restored is not None:
            when = formats.date_format(timezone.localtime(restored.revision.date_created), "DATETIME_FORMAT")
            # Translators: %(date)s is a date and time; a note in the item's history
            restored_note = gettext("Restored the version of %(date)s.") % {"date": when}
            set_comment(f"{restored_note} {entry.get_change_message()}")
        return entry

    def _restored_version(self, request, obj):
        """The version a restore form came from (its hidden field), if it is one of this item's."""
        version_id = request.POST.get(RESTORED_FIELD, "")
        if not version_id.isdigit() or obj.pk is None:
            return None
        return (
            Version.objects.get_for_object_reference(self.model, obj.pk)
            .select_related("revision")
            .filter(pk=version_id)
            .first()
        )

    def history_view(self, request, object_id, extra_context=None):
        object_id_unquoted = unquote(object_id)
        versions = self._versions(object_id_unquoted)
        opts = self.model._meta
        rows = []
        for index, version in enumerate(versions):
            previous = versions[index + 1] if index + 1 < len(versions) else None
            try:
                changes = version_changes(version, previous)
            except Exception:  # a version saved under an older model shape
                changes = None
            rows.append(
                {
                    "version": version,
                    "revision": version.revision,
                    "changed": sorted({change["label"] for change in changes}) if changes is not None else None,
                    "compare_url": reverse(
                        f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_compare",
                        args=(quote(version.object_id), version.pk),
                    ),
                    "restore_url": reverse(
                        f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_revision",
                        args=(quote(version.object_id), version.pk),
                    ),
                    "is_current": index == 0,
                }
            )
        context = {"version_rows": rows}
        context.update(extra_context or {})
        return super().history_view(request, object_id, context)

    def compare_view(self, request, object_id, version_id):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        object_id = unquote(object_id)
        version = get_object_or_404(Version.objects.get_for_model(self.model), pk=version_id, object_id=object_id)
        against = request.GET.get("against", "previous")
        if against not in ("previous", "current"):
            raise Http404
        obj = self.model._base_manager.filter(pk=object_id).first()
        if against == "current":
            if obj is None:
                raise Http404
            changes = diff_states(
                self.model, version.field_dict, state_of(obj), related_state_of_version(version), related_state_of(obj)
            )
        else:
            previous = (
                Version.objects.get_for_object_reference(self.model, object_id)
                .filter(
                    Q(revision__date_created__lt=version.revision.date_created)
                    | Q(revision__date_created=version.revision.date_created, pk__lt=version.pk)
                )
                .select_related("revision")
                .order_by("-revision__date_created", "-pk")
                .first()
            )
            changes = version_changes(version, previous)
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            # Translators: %(date)s is a date and time; a page title
            "title": gettext("Changes in the version of %(date)s")
            % {"date": formats.date_format(timezone.localtime(version.revision.date_created), "DATETIME_FORMAT")},
            "subtitle": version.object_repr,
            "opts": opts,
            "app_label": opts.app_label,
            "object": obj,
            "object_id": object_id,
            "version": version,
            "changes": changes,
            "against": against,
            "restore_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_revision",
                args=(quote(object_id), version.pk),
            ),
            "has_change_permission": self.has_change_permission(request, obj),
        }
        return TemplateResponse(request, "admin/workflow/compare.html", context)
