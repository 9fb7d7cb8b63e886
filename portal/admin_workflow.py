"""Publishing workflow for the admin of every content model.

`WorkflowAdminMixin` (a django-reversion `VersionAdmin`) is inherited by
`portal.admin.ContentAdmin`, so news, projects, pages and organisations all
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
  with its public page in each language (portal.preview);
- optimistic locking: the change form carries the version the editor loaded;
  if someone saved in between, the save is refused, the editor's input stays
  in the form and the message lists what the other save changed.
"""

import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, models, router
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html_join, strip_tags
from django.utils.text import Truncator, capfirst
from django.utils.translation import get_language_info, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from reversion import is_registered, set_comment
from reversion.admin import VersionAdmin
from reversion.models import Version
from reversion.revisions import _get_options

from portal import i18n
from portal.models import Publishable, Status
from portal.preview import preview_changes, public_view_match

VERSION_FIELD = "_loaded_version"
PREVIEW_PARAMETER = "preview"
IGNORED_FIELDS = {"created_at", "updated_at", "translation_sources"}


# --- Helpers shared by the admin, the dashboard and the tests ---------------


def languages_by_status(obj):
    """(languages the item is missing in, languages whose translation lacks fields)."""
    statuses = i18n.translation_statuses(obj)
    missing = [code for code, status in statuses.items() if status == i18n.MISSING]
    incomplete = [code for code, status in statuses.items() if status == i18n.INCOMPLETE]
    return missing, incomplete


def language_names(codes):
    return ", ".join(str(i18n.language_name(code)) for code in codes)


def _datetime_token(value):
    # Milliseconds: the precision at which reversion serialises the save time.
    return value.astimezone(datetime.UTC).isoformat(timespec="milliseconds") if value else ""


def version_token(obj):
    """What identifies the saved state an editor loaded: the last save time."""
    return _datetime_token(getattr(obj, "updated_at", None))


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


# --- Readable differences between two states of an item ----------------------


def _compared_fields(model):
    """(field, language or "") for every field an editor can change."""
    translated = i18n.translated_fields(model)
    pairs = []
    for field in model._meta.get_fields():
        if not getattr(field, "concrete", False) or field.auto_created or not field.editable:
            continue
        if field.name in IGNORED_FIELDS or getattr(field, "translated_field", None) is not None:
            continue
        if field.name in translated:
            for code in i18n.LANGUAGE_CODES:
                pairs.append((model._meta.get_field(f"{field.name}_{code}"), code, field))
        else:
            pairs.append((field, "", field))
    return pairs


def state_of(obj):
    """The field values of a saved item, in the shape of reversion's `field_dict`."""
    state = {}
    for field, _code, _original in _compared_fields(type(obj)):
        if field.many_to_many:
            state[field.attname] = [rel.pk for rel in getattr(obj, field.name).all()]
        else:
            state[field.attname] = getattr(obj, field.attname)
    return state


def related_state_of(obj):
    """{verbose name plural: [str]} for the inline objects that reversion follows."""
    related = {}
    if not is_registered(type(obj)):
        return related
    for accessor in _get_options(type(obj)).follow:
        manager = getattr(obj, accessor, None)
        if manager is None or not hasattr(manager, "all"):
            continue
        related[str(manager.model._meta.verbose_name_plural)] = [str(item) for item in manager.all()]
    return related


def _followed_model(model, accessor):
    for rel in model._meta.related_objects:
        if rel.get_accessor_name() == accessor:
            return rel.related_model
    return None


def related_state_of_version(version):
    """The same as `related_state_of`, from the objects saved in the version's revision."""
    related = {}
    model = version._model
    if not is_registered(model):
        return related
    for accessor in _get_options(model).follow:
        related_model = _followed_model(model, accessor)
        if related_model is None:
            continue
        related[str(related_model._meta.verbose_name_plural)] = [
            other.object_repr
            for other in version.revision.version_set.all()
            if other.content_type.model_class() is related_model
        ]
    return related


def _normalise(field, value):
    if field.many_to_many:
        return sorted(str(pk) for pk in (value or []))
    if isinstance(field, models.FileField):
        return str(value or "")
    if value is None and (field.null or isinstance(field, (models.CharField, models.TextField))):
        return ""
    return value


def _display(field, value):
    """A short, readable, escaped-later text for a value."""
    if field.many_to_many:
        if not value:
            return "—"
        objects = field.related_model._base_manager.filter(pk__in=value)
        return "; ".join(str(item) for item in objects) or "—"
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        item = field.related_model._base_manager.filter(pk=value).first()
        return str(item) if item else str(value)
    if isinstance(field, models.BooleanField):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    text = strip_tags(str(value)).replace("\xa0", " ").strip()
    return Truncator(" ".join(text.split())).chars(300) or "—"


def diff_states(model, before, after, related_before=None, related_after=None):
    """[{label, language, before, after}] for every field that differs."""
    changes = []
    for field, code, original in _compared_fields(model):
        if field.attname not in before and field.attname not in after:
            continue
        old = _normalise(field, before.get(field.attname))
        new = _normalise(field, after.get(field.attname))
        if old == new:
            continue
        changes.append(
            {
                "label": capfirst(original.verbose_name),
                "language": i18n.language_name(code) if code else "",
                "before": _display(field, old),
                "after": _display(field, new),
            }
        )
    for label, items in (related_after or {}).items():
        old_items = (related_before or {}).get(label, [])
        if sorted(old_items) != sorted(items):
            changes.append(
                {
                    "label": capfirst(label),
                    "language": "",
                    "before": "; ".join(old_items) or "—",
                    "after": "; ".join(items) or "—",
                }
            )
    return changes


def version_changes(version, previous):
    """What `version` changed compared with `previous` (None: the first version)."""
    before = previous.field_dict if previous is not None else {}
    related_before = related_state_of_version(previous) if previous is not None else {}
    return diff_states(version._model, before, version.field_dict, related_before, related_state_of_version(version))


# --- Forms ----------------------------------------------------------------------


class WorkflowForm(forms.ModelForm):
    """Fills the publish time of an item published without one, and refuses
    to save over a version the editor did not see."""

    concurrent_edit_message = _(
        "Someone else saved this item after you opened it (%(who)s, %(when)s). Your changes are not saved "
        "yet and are still in the form. Check what the other save changed (listed above the form), "
        "then save again to keep your version."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.workflow_conflict = None
        if VERSION_FIELD in self.fields:
            self.fields[VERSION_FIELD].initial = version_token(self.instance)

    def clean(self):
        cleaned_data = super().clean()
        status = cleaned_data.get("status")
        if (
            "publish_at" in self.fields
            and status in (Status.SCHEDULED, Status.PUBLISHED)
            and not cleaned_data.get("publish_at")
            and "publish_at" not in self.errors
        ):
            if status == Status.SCHEDULED:
                self.add_error("publish_at", _("Choose when the item becomes public."))
            else:
                cleaned_data["publish_at"] = timezone.now()
        self.check_concurrent_edit()
        return cleaned_data

    def check_concurrent_edit(self):
        instance = self.instance
        loaded = self.data.get(VERSION_FIELD)
        if not instance.pk or not loaded or not hasattr(instance, "updated_at"):
            return
        model = type(instance)
        queryset = model._base_manager.filter(pk=instance.pk)
        if connections[router.db_for_write(model)].in_atomic_block:
            queryset = queryset.select_for_update()
        current = queryset.first()
        if current is None or version_token(current) == loaded:
            return
        versions = list(Version.objects.get_for_object(current).select_related("revision", "revision__user")[:50])
        base = next(
            (version for version in versions if _token_of_version(version) == loaded),
            None,
        )
        if base is not None:
            # What the other save(s) changed since the editor opened the form.
            mode = "theirs"
            changes = diff_states(
                model, base.field_dict, state_of(current), related_state_of_version(base), related_state_of(current)
            )
        else:
            # No version of what the editor loaded (the item was made outside
            # the admin): show where the saved item differs from their input.
            mode = "yours"
            changes = diff_states(model, self._submitted_state(current), state_of(current))
        latest = versions[0] if versions else None
        who = (
            (latest.revision.user.get_full_name() or latest.revision.user.get_username())
            if (latest and latest.revision.user)
            else gettext("unknown")
        )
        when = formats.date_format(timezone.localtime(current.updated_at), "DATETIME_FORMAT")
        self.workflow_conflict = {"changes": changes, "who": who, "when": when, "mode": mode}
        # The next save, made knowingly, goes through.
        self.data = self.data.copy()
        self.data[VERSION_FIELD] = version_token(current)
        raise ValidationError(self.concurrent_edit_message, code="concurrent_edit", params={"who": who, "when": when})

    def _submitted_state(self, current):
        state = state_of(current)
        for field, _code, _original in _compared_fields(type(current)):
            if field.name not in self.cleaned_data:
                continue
            value = self.cleaned_data[field.name]
            if field.many_to_many:
                value = [item.pk for item in value or []]
            elif isinstance(field, models.ForeignKey):
                value = value.pk if value is not None else None
            state[field.attname] = value
        return state


def _token_of_version(version):
    try:
        updated_at = version.field_dict.get("updated_at")
    except Exception:  # noqa: BLE001 - a version of an older model shape
        return None
    return _datetime_token(updated_at) or None


# --- The admin mixin ------------------------------------------------------------


class WorkflowAdminMixin(VersionAdmin):
    change_form_template = "admin/workflow/change_form.html"
    view_on_site = False  # replaced by one link per language
    object_history_template = "admin/workflow/object_history.html"
    actions = ("publish_now", "schedule", "unpublish")

    # Publishing permission

    def has_publish_permission(self, request, obj=None):
        opts = self.model._meta
        return is_publishable(self.model) and request.user.has_perm(f"{opts.app_label}.can_publish")

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if is_publishable(self.model) and not self.has_publish_permission(request, obj):
            readonly += [name for name in ("status", "publish_at") if name not in readonly]
        return readonly

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not is_publishable(self.model):
            for name in ("publish_now", "schedule", "unpublish"):
                actions.pop(name, None)
        return actions

    # Forms: the loaded version travels with the form

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = kwargs.get("form", self.form)
        if not issubclass(base, WorkflowForm) and hasattr(self.model, "updated_at"):
            kwargs["form"] = type(
                f"Workflow{base.__name__}",
                (WorkflowForm, base),
                {VERSION_FIELD: forms.CharField(required=False, widget=forms.HiddenInput)},
            )
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not hasattr(self.model, "updated_at") or VERSION_FIELD in flatten_fieldsets(fieldsets):
            return fieldsets
        fieldsets = [(name, dict(options)) for name, options in fieldsets]
        name, options = fieldsets[0]
        options["fields"] = [*options["fields"], VERSION_FIELD]
        return fieldsets

    # Saving: warn about missing translations when publishing

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if is_publishable(type(obj)) and obj.status != Status.DRAFT:
            self.warn_missing_translations(request, [obj])

    def warn_missing_translations(self, request, objects):
        for obj in objects:
            missing, incomplete = languages_by_status(obj)
            if missing:
                self.message_user(
                    request,
                    gettext("“%(item)s” is public without a translation in: %(languages)s.")
                    % {"item": obj, "languages": language_names(missing)},
                    messages.WARNING,
                )
            if incomplete:
                self.message_user(
                    request,
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
            obj.save()
            changed.append(obj)
        set_comment(gettext("Published."))
        self.message_user(
            request,
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
                ngettext("%(count)d item scheduled.", "%(count)d items scheduled.", len(scheduled))
                % {"count": len(scheduled)},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
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
            ngettext("%(count)d item moved back to draft.", "%(count)d items moved back to draft.", len(changed))
            % {"count": len(changed)},
            messages.SUCCESS,
        )

    # Change list

    def get_list_display(self, request):
        columns = list(super().get_list_display(request))
        if hasattr(self.model, "get_absolute_url_for") and hasattr(self.model._default_manager, "published"):
            if "site_links" not in columns:
                columns.append("site_links")
        return columns

    @admin.display(description=_("on the site"))
    def site_links(self, obj):
        links = public_urls(obj)
        if not links:
            return "—"
        return format_html_join(
            " ",
            '<a href="{}" title="{}" target="_blank" rel="noopener">{}</a>',
            (
                (url, gettext("View on site") if public else gettext("Preview"), code.upper())
                for code, url, public in links
            ),
        )

    # Change form: links per language, the conflict report

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["workflow_links"] = [
                {"code": code, "language": i18n.language_name(code), "url": url, "public": public}
                for code, url, public in public_urls(obj)
            ]
            if is_publishable(type(obj)):
                missing, incomplete = languages_by_status(obj)
                context["workflow_missing"] = language_names(missing)
                context["workflow_incomplete"] = language_names(incomplete)
            if change and self.has_change_permission(request, obj):
                context["workflow_preview"] = self.preview_buttons(obj)
        adminform = context.get("adminform")
        context["workflow_conflict"] = getattr(getattr(adminform, "form", None), "workflow_conflict", None)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Preview changes: the unsaved form rendered with the public page

    def preview_buttons(self, obj):
        """[{code, name, url}]: one "Preview" button per language with a public page."""
        opts = self.model._meta
        buttons = []
        for code in i18n.LANGUAGE_CODES:
            if public_view_match(obj, code) is None:
                continue
            buttons.append(
                {
                    "code": code,
                    "name": get_language_info(code)["name_local"],
                    "language": i18n.language_name(code),
                    "url": reverse(
                        f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_preview",
                        args=(quote(obj.pk), code),
                    ),
                }
            )
        return buttons

    def preview_view(self, request, object_id, language):
        return preview_changes(self, request, object_id, language)

    # History: what changed in each version, comparison, restore

    def get_urls(self):
        opts = self.model._meta
        info = opts.app_label, opts.model_name
        return [
            path(
                "<path:object_id>/preview/<str:language>/",
                self.admin_site.admin_view(self.preview_view),
                name="{}_{}_preview".format(*info),
            ),
            path(
                "<path:object_id>/history/<int:version_id>/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="{}_{}_compare".format(*info),
            ),
            *super().get_urls(),
        ]

    def _versions(self, object_id):
        return list(
            Version.objects.get_for_object_reference(self.model, object_id)
            .select_related("revision", "revision__user")
            .prefetch_related("revision__version_set__content_type")
            .order_by("-revision__date_created", "-pk")
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
            except Exception:  # noqa: BLE001 - a version saved under an older model shape
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
