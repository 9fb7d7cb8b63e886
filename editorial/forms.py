"""The change form of every content model: publish time and protection against concurrent edits."""

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connections, models, router
from django.forms.formsets import DELETION_FIELD_NAME
from django.forms.models import BaseInlineFormSet
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from core import i18n
from core.models import PUBLIC_STATUSES, Status
from editorial.diff import (
    comparable,
    compared_fields,
    diff_states,
    display,
    state_of,
    token_of_version,
    version_token,
)

# The hidden field that carries the version an editor loaded (see WorkflowForm).
VERSION_FIELD = "_loaded_version"
# Fields a save after a conflict takes from the saved item (the editor's choice, and what only the other save changed).
KEEP_SAVED_FIELD = "_keep_saved"
# The hidden field of a restore form: which old version it was filled in from (editorial.restore).
RESTORED_FIELD = "_restored_from"
# The form's bookkeeping fields: never an editor's change, never named in the history.
HIDDEN_FIELDS = (VERSION_FIELD, RESTORED_FIELD)
# The publication buttons of the change form post their answer under this name.
PUBLICATION_FIELD = "_publication"
PUBLISH, UNPUBLISH = "publish", "unpublish"
# "Schedule changes" of a public item: the live version stays up until the publish time (editorial.scheduled).
SCHEDULE_CHANGE = "schedule-change"
# The box an editor ticks to take a public item off the site by moving its publish time into the future.
TAKE_DOWN_FIELD = "_take_down"
# Warnings a higher floor adds to a save (translating: the glossary's forbidden variants): callables
# (form, cleaned_data) -> [(field name, message)], see add_save_warning. A save with warnings goes through
# once the editor ticks CONFIRM_WARNINGS_FIELD.
SAVE_WARNINGS = []
CONFIRM_WARNINGS_FIELD = "_confirm_warnings"


def add_save_warning(check):
    """Run `check(form, cleaned_data)` on every save of a change form (called from an AppConfig.ready())."""
    if check not in SAVE_WARNINGS:
        SAVE_WARNINGS.append(check)


class WorkflowForm(forms.ModelForm):
    """Fills the publish time of an item published without one, and refuses
    to save over a version the editor did not see."""

    restore_initial = None  # set by WorkflowAdminMixin.prepare_workflow_form on the restore page
    storage_failed = False  # set by WorkflowAdminMixin when the file storage refused this save's upload
    storage_error_message = _(
        "The uploaded file could not be stored, so nothing was saved. Your input is still in the form: "
        "choose the file again and save, or try again later."
    )
    workflow_merged = None  # what a save kept from a newer save (see check_concurrent_edit)
    workflow_was_public = False  # the item was on the site before this save (set by clean)
    workflow_take_down = None  # the future publish time of a public item, until the editor confirms (check_take_down)
    workflow_schedule_change = None  # the time the changes of a public item go live (check_scheduled_change)
    workflow_warnings = ()  # [(field label, message)] the editor confirms before the save goes through

    concurrent_edit_message = _(
        # Translators: %(who)s is a user's name; %(when)s a date and time
        "Someone else saved this item after you opened it (%(who)s, %(when)s). Your changes are not saved "
        "yet and are still in the form. Where you both changed a field, choose above what to keep, "
        "then save again."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.workflow_conflict = None
        self.workflow_kept_names = set()  # fields saved with the other editor's value, not this editor's
        if VERSION_FIELD in self.fields:
            self.fields[VERSION_FIELD].initial = version_token(self.instance)
        if not self.is_bound and self.restore_initial:
            # The restore page: the old version's values for the fields this user may change.
            self.initial.update(self.restore_initial)

    take_down_message = _(
        "The item is public now. With a publish time in the future it goes off the site until then. "
        "Tick “Take it off the site until then” and save again to do that, or set a publish time "
        "that has passed to keep it public."
    )

    def clean(self):
        cleaned_data = super().clean()
        saved = type(self.instance)._base_manager.filter(pk=self.instance.pk).first() if self.instance.pk else None
        self.workflow_was_public = bool(saved is not None and getattr(saved, "is_public", False))
        self.apply_publication_button(cleaned_data)
        self.check_scheduled_change(cleaned_data)
        status = cleaned_data.get("status")
        if (
            "publish_at" in self.fields
            and status in PUBLIC_STATUSES
            and not cleaned_data.get("publish_at")
            and "publish_at" not in self.errors
        ):
            if status == Status.SCHEDULED:
                self.add_error("publish_at", _("Choose when the item becomes public."))
            else:
                cleaned_data["publish_at"] = timezone.now()
        self.check_expiry(cleaned_data)
        self.check_take_down(cleaned_data)
        self.check_warnings(cleaned_data)
        if self.storage_failed:
            raise ValidationError(self.storage_error_message, code="storage_failed")
        self.check_concurrent_edit()
        return cleaned_data

    def publication_button(self):
        """The publication button pressed (PUBLISH, UNPUBLISH) if this user may publish, else None.

        Only a user with the publish permission has a status field in the form
        (WorkflowAdminMixin.publication_readonly_fields); for anyone else the button is
        ignored, as a forged status is.
        """
        answer = self.data.get(PUBLICATION_FIELD)
        return answer if answer in (PUBLISH, UNPUBLISH, SCHEDULE_CHANGE) and "status" in self.fields else None

    def apply_publication_button(self, cleaned_data):
        button = self.publication_button()
        if button == PUBLISH:
            # "Published" with a time in the future is stored as scheduled (Publishable.apply_publication_rules).
            cleaned_data["status"] = Status.PUBLISHED
        elif button == UNPUBLISH:
            cleaned_data["status"] = Status.DRAFT

    def check_scheduled_change(self, cleaned_data):
        """ "Schedule changes" of a public item: the publish time is when the changes go live, not the item's.

        The item keeps its status and publish time (the form's instance is what
        visitors see until then); editorial.scheduled keeps the changed fields.
        """
        if self.publication_button() != SCHEDULE_CHANGE:
            return
        cleaned_data["status"] = self.instance.status
        if not self.workflow_was_public:
            raise ValidationError(
                _("Only the changes of a public item can be scheduled. Use “Publish” or “Schedule”."),
                code="not_public",
            )
        publish_at = cleaned_data.get("publish_at")
        if "publish_at" in self.errors:
            return
        if publish_at is None or publish_at <= timezone.now():
            self.add_error("publish_at", _("Choose a time in the future: your changes go live then."))
            return
        self.workflow_schedule_change = publish_at
        cleaned_data["publish_at"] = self.instance.publish_at

    def check_expiry(self, cleaned_data):
        """The expiry time comes after the publish time, and a time that has passed is not set anew."""
        if "expire_at" not in self.fields or "expire_at" in self.errors:
            return
        expire_at = cleaned_data.get("expire_at")
        publish_at = cleaned_data.get("publish_at")
        if expire_at is None:
            return
        if publish_at is not None and expire_at <= publish_at:
            self.add_error("expire_at", _("The expiry time must come after the publish time."))
        elif expire_at <= timezone.now() and ("expire_at" in self.changed_data or self.publication_button() == PUBLISH):
            self.add_error(
                "expire_at",
                _(
                    "This time has passed, so the item would not be visible. Clear it or choose a later time; "
                    "to take the item off the site now, use “Unpublish”."
                ),
            )

    def check_take_down(self, cleaned_data):
        """A public item does not leave the site because its publish time moved: the editor confirms it.

        "Published" with a publish time in the future is stored as scheduled, so
        moving the time of a live item into the future takes it off the site
        until then. That happens only with the TAKE_DOWN_FIELD box ticked.
        """
        instance = self.instance
        if not instance.pk or "publish_at" not in self.fields or self.data.get(TAKE_DOWN_FIELD):
            return
        if self.workflow_schedule_change is not None:
            return
        status, publish_at = cleaned_data.get("status", instance.status), cleaned_data.get("publish_at")
        if status not in PUBLIC_STATUSES or publish_at is None or publish_at <= timezone.now():
            return
        if self.workflow_was_public:
            self.workflow_take_down = publish_at
            self.add_error("publish_at", ValidationError(self.take_down_message, code="take_down"))

    def check_warnings(self, cleaned_data):
        """The warnings of SAVE_WARNINGS stop the save until the editor confirms them (CONFIRM_WARNINGS_FIELD)."""
        if self.data.get(CONFIRM_WARNINGS_FIELD) or not SAVE_WARNINGS:
            return
        warnings = []
        for check in SAVE_WARNINGS:
            for name, message in check(self, cleaned_data):
                field = self.fields.get(name)
                warnings.append((capfirst(field.label) if field is not None else "", message))
                self.add_error(name if field is not None else None, ValidationError(message, code="warning"))
        self.workflow_warnings = warnings

    def check_concurrent_edit(self):
        """Merge with a save made since the editor opened the form; refuse only real conflicts.

        Three states of each field the editor could change: *base* (the version
        the editor loaded), *saved* (the item now) and *yours* (the form). A
        field only the other save changed keeps the saved value; a field only
        this editor changed keeps theirs; a field both changed differently is a
        conflict: the form comes back with the editor's input, the saved value
        beside it and a choice, and nothing is saved until the editor decides.
        """
        instance = self.instance
        loaded = self.data.get(VERSION_FIELD)
        if not instance.pk or not loaded or not hasattr(instance, "updated_at"):
            return
        model = type(instance)
        queryset = model._base_manager.filter(pk=instance.pk)
        if connections[router.db_for_write(model)].in_atomic_block:
            queryset = queryset.select_for_update()
        current = queryset.first()
        if current is None:
            return
        if version_token(current) == loaded:
            # A save after a conflict: the fields the editor chose to keep as saved.
            self._keep_saved(current, _getlist(self.data, KEEP_SAVED_FIELD))
            return
        versions = list(Version.objects.get_for_object(current).select_related("revision", "revision__user")[:50])
        base = next((version for version in versions if token_of_version(version) == loaded), None)
        latest = versions[0] if versions else None
        who = (
            (latest.revision.user.get_full_name() or latest.revision.user.get_username())
            if (latest and latest.revision.user)
            else gettext("unknown")
        )
        when = formats.date_format(timezone.localtime(current.updated_at), "DATETIME_FORMAT")
        if base is None:
            # No version of what the editor loaded (the item was made outside
            # the admin): nothing to merge against; show where the saved item
            # differs from their input and let the next save go through.
            changes = diff_states(model, self._submitted_state(current), state_of(current))
            self.workflow_conflict = {"changes": changes, "who": who, "when": when, "mode": "yours"}
            self._refuse(current, [], who, when)
        kept, conflicts = self._three_way(model, base.field_dict, current)
        self._keep_saved(current, [name for name, _change in kept])
        if not conflicts:
            self.workflow_merged = {"who": who, "when": when, "fields": [change for _name, change in kept]}
            return
        self.workflow_conflict = {
            "mode": "merge",
            "who": who,
            "when": when,
            "conflicts": [change for _name, change in conflicts],
            "kept": [change for _name, change in kept],
        }
        self._refuse(current, [name for name, _change in kept], who, when)

    def _refuse(self, current, kept_names, who, when):
        """Show the form again with the editor's input; the next save is made knowingly against `current`."""
        self.data = self.data.copy()
        self.data[VERSION_FIELD] = version_token(current)
        for name in kept_names:
            self._show_saved(name, current)
        if hasattr(self.data, "setlist"):
            self.data.setlist(KEEP_SAVED_FIELD, kept_names)
        raise ValidationError(self.concurrent_edit_message, code="concurrent_edit", params={"who": who, "when": when})

    def _three_way(self, model, base_state, current):
        """([(name, change)] kept from the saved item, [(name, change)] in conflict)."""
        saved_state = state_of(current)
        kept, conflicts = [], []
        for field, _code, _original in compared_fields(model):
            name = field.name
            if name not in self.fields or name not in self.cleaned_data:
                continue
            outcome, change = merge_field(
                field, base_state.get(field.attname), saved_state.get(field.attname), self.cleaned_data[name]
            )
            if outcome is not None:
                (kept if outcome == KEEP_SAVED else conflicts).append((name, {**change, "name": name}))
        return kept, conflicts

    def _keep_saved(self, current, names):
        """The saved value of these fields goes into the save, instead of the form's."""
        for name in names:
            if name not in self.fields or name not in self.cleaned_data:
                continue
            self.workflow_kept_names.add(name)
            field = type(current)._meta.get_field(name)
            self.cleaned_data[name] = (
                list(getattr(current, name).all()) if field.many_to_many else getattr(current, name)
            )

    def _show_saved(self, name, current):
        """Put the saved value of `name` in the form shown again, where the widget allows it."""
        bound = self[name]
        widget = bound.field.widget
        if isinstance(widget, forms.MultiWidget) or not hasattr(self.data, "setlist"):
            return  # shown in the conflict box; the save takes it from KEEP_SAVED_FIELD
        field = type(current)._meta.get_field(name)
        if field.many_to_many:
            self.data.setlist(bound.html_name, [str(obj.pk) for obj in getattr(current, name).all()])
        elif isinstance(bound.field, forms.BooleanField):
            if getattr(current, name):
                self.data[bound.html_name] = "on"
            else:
                self.data.pop(bound.html_name, None)
        elif isinstance(field, models.ForeignKey):
            self.data[bound.html_name] = str(getattr(current, field.attname) or "")
        else:
            self.data[bound.html_name] = widget.format_value(getattr(current, field.attname)) or ""

    def _submitted_state(self, current):
        state = state_of(current)
        for field, _code, _original in compared_fields(type(current)):
            if field.name in self.cleaned_data:
                state[field.attname] = _as_state(field, self.cleaned_data[field.name])
        return state


def _getlist(data, name):
    return data.getlist(name) if hasattr(data, "getlist") else list(data.get(name, []))


def _as_state(field, value):
    """A form value in the shape of reversion's field_dict."""
    if field.many_to_many:
        return [item.pk for item in value or []]
    if isinstance(field, models.ForeignKey):
        return value.pk if value is not None else None
    return value


# Inline rows (objectives, activities, partner roles, documents, gallery): the same merge, row by row.
KEEP_SAVED_ROWS_FIELD = "_keep_saved_rows"  # "<prefix>-<row pk>-<field>": take the saved value


class WorkflowInlineFormSet(BaseInlineFormSet):
    """An inline formset that merges with a save made since the form was opened, by row identity.

    A row field only the other save changed keeps the saved value; one both
    changed differently is a conflict (the formset refuses, shows both, and
    the editor chooses); rows the other save added stay (they are not in
    this form); a row the other save deleted cannot be edited (its form has
    an error).
    """

    workflow_conflict = None
    workflow_kept = ()

    def clean(self):
        super().clean()
        item = self.instance
        loaded = self.data.get(f"{VERSION_FIELD}")
        if not item.pk or not loaded or not hasattr(item, "updated_at"):
            return
        # The item was loaded at the start of this request (the main form's check locks it).
        if version_token(item) == loaded:
            keys = _getlist(self.data, KEEP_SAVED_ROWS_FIELD)
            if keys:
                self._keep_saved(self._saved_rows(), keys)
            return
        base = self._loaded_version(loaded)
        if base is None:
            return  # nothing to merge against: the main form shows the differences
        saved_rows = self._saved_rows()
        kept, conflicts = self._merge_rows(self._rows_of_version(base), saved_rows)
        for form, name, _change in kept:
            _take_saved(form, name, saved_rows[str(form.instance.pk)])
        self.workflow_kept = [change for _form, _name, change in kept]
        if conflicts:
            self.workflow_conflict = {
                "token": version_token(item),
                "conflicts": [change for _form, _name, change in conflicts],
                "kept": [change for _form, _name, change in kept],
            }
            raise ValidationError(
                gettext("Someone else changed these rows after you opened the form; choose what to keep below."),
                code="concurrent_edit",
            )

    def _loaded_version(self, token):
        """The item's version the form was opened on (among its 50 latest), or None."""
        versions = Version.objects.get_for_object(self.instance)[:50]
        return next((version for version in versions if token_of_version(version) == token), None)

    def _rows_of_version(self, version):
        """{row pk: field values} of this formset's rows as the version saved them."""
        return {
            str(other.object_id): other.field_dict
            for other in version.revision.version_set.all()
            if other.content_type.model_class() is self.model
        }

    def _merged_fields(self, form):
        """The model fields of a row form that take part in the merge: this form's changes first."""
        for name in form.changed_data + [n for n in form.fields if n not in form.changed_data]:
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.concrete and not field.primary_key and field.name != self.fk.name and name in form.cleaned_data:
                yield name, field

    def _merge_rows(self, base_rows, saved_rows):
        """([(form, name, change)] kept from the other save, [(form, name, change)] in conflict)."""
        kept, conflicts = [], []
        for form in self.initial_forms:
            pk = str(form.instance.pk) if form.instance.pk else None
            if pk not in saved_rows or pk not in base_rows or not hasattr(form, "cleaned_data"):
                continue
            if self.can_delete and form.cleaned_data.get(DELETION_FIELD_NAME):
                continue
            for name, field in self._merged_fields(form):
                outcome, change = merge_field(
                    field,
                    base_rows[pk].get(field.attname),
                    getattr(saved_rows[pk], field.attname),
                    form.cleaned_data[name],
                )
                if outcome is not None:
                    change |= {"key": f"{self.prefix}-{pk}-{name}", "row": str(saved_rows[pk])}
                    (kept if outcome == KEEP_SAVED else conflicts).append((form, name, change))
        return kept, conflicts

    def _saved_rows(self):
        return {str(row.pk): row for row in self.model._base_manager.filter(**{self.fk.name: self.instance})}

    def _keep_saved(self, saved_rows, keys):
        for form in self.initial_forms:
            pk = str(form.instance.pk) if form.instance.pk else None
            for name in list(getattr(form, "cleaned_data", {})):
                if f"{self.prefix}-{pk}-{name}" in keys and pk in saved_rows:
                    _take_saved(form, name, saved_rows[pk])


def _take_saved(form, name, saved_row):
    field = saved_row._meta.get_field(name)
    value = getattr(saved_row, field.name)
    form.cleaned_data[name] = value
    setattr(form.instance, field.name, value)  # the form built its instance before the formset's clean


KEEP_SAVED, CONFLICT = "keep saved", "conflict"


def merge_field(field, base, saved, yours):
    """The three-way merge of one field: (None | KEEP_SAVED | CONFLICT, what to show).

    `base` is the value when the form was opened, `saved` the value now, both
    as reversion stores them; `yours` is the form's cleaned value. None: keep
    the form's value (the other save did not change it, or changed it alike).
    """
    yours_state = _as_state(field, yours)
    base_value, saved_value, yours_value = (comparable(field, value) for value in (base, saved, yours_state))
    if saved_value == base_value or yours_value == saved_value:
        return None, None
    original = getattr(field, "translated_field", None) or field
    code = getattr(field, "language", "")
    change = {
        "label": capfirst(original.verbose_name),
        "language": i18n.language_name(code) if code else "",
        "base": display(field, base),
        "saved": display(field, saved),
        "yours": display(field, yours_state),
    }
    return (KEEP_SAVED if yours_value == base_value else CONFLICT), change
