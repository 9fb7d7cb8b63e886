"""The change form of every content model: publish time and protection against concurrent edits."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import connections, models, router
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from core.models import PUBLIC_STATUSES, Status
from editorial.diff import (
    compared_fields,
    diff_states,
    related_state_of,
    related_state_of_version,
    state_of,
    token_of_version,
    version_token,
)

# The hidden field that carries the version an editor loaded (see WorkflowForm).
VERSION_FIELD = "_loaded_version"
# The hidden field of a restore form: which old version it was filled in from (editorial.restore).
RESTORED_FIELD = "_restored_from"


class WorkflowForm(forms.ModelForm):
    """Fills the publish time of an item published without one, and refuses
    to save over a version the editor did not see."""

    restore_initial = None  # set by WorkflowAdminMixin.get_form on the restore page

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
        if not self.is_bound and self.restore_initial:
            # The restore page: the old version's values for the fields this user may change.
            self.initial.update(self.restore_initial)

    def clean(self):
        cleaned_data = super().clean()
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
            (version for version in versions if token_of_version(version) == loaded),
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
        for field, _code, _original in compared_fields(type(current)):
            if field.name not in self.cleaned_data:
                continue
            value = self.cleaned_data[field.name]
            if field.many_to_many:
                value = [item.pk for item in value or []]
            elif isinstance(field, models.ForeignKey):
                value = value.pk if value is not None else None
            state[field.attname] = value
        return state
