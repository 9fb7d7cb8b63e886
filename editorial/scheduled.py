"""Scheduled changes of a public item: the live version stays up, the edit goes live at its time.

An editor who may publish edits a public item and chooses "Schedule changes" with
a publish time in the future (editorial.forms.WorkflowForm.check_scheduled_change).
Nothing of the item is written: the fields they changed are kept as an
`editorial.models.ScheduledChange`, serialised as Django's serialisers (and
django-reversion's versions) write fields. At its time the job
`editorial.apply_scheduled_changes` (editorial.tasks) writes them into the item
and saves it: the rich-text sanitiser, the search index, the page cache and the
item's history all see an ordinary save.

The rules: one scheduled change per item; scheduling again replaces it (the
message says so); an ordinary save in between goes live at once and the
scheduled change still sets its own fields at its time (the form's banner lists
them against the live version); "Cancel the scheduled change" drops it. Each
step is an entry in the item's history, credited to who did it.
"""

import json
import logging

import reversion
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from editorial.diff import diff_states, state_of
from editorial.forms import HIDDEN_FIELDS
from editorial.models import ScheduledChange

logger = logging.getLogger(__name__)

# Never part of a scheduled change: the item keeps its status and the time it went public.
NOT_SCHEDULED = {"status", "publish_at", *HIDDEN_FIELDS}


def when(moment):
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def user_name(user):
    if user is None:
        return gettext("unknown")
    return user.get_full_name() or user.get_username()


def pending_change(obj):
    """The change scheduled for `obj`, or None."""
    if obj is None or obj.pk is None:
        return None
    return (
        ScheduledChange.objects.select_related("user")
        .filter(content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk))
        .first()
    )


def changed_values(form):
    """{field name: serialised value} of the item's fields the editor changed in `form`.

    Files (uploads) are not scheduled: they are stored when the form saves.
    """
    instance = form.instance
    model = type(instance)
    names, many = [], {}
    for name in form.changed_data:
        if name in NOT_SCHEDULED:
            continue
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:  # a form-only field
            continue
        if not field.concrete or isinstance(field, models.FileField):
            continue
        if field.many_to_many:
            many[name] = [str(related.pk) for related in form.cleaned_data.get(name) or []]
        else:
            names.append(name)
    values = json.loads(serializers.serialize("json", [instance], fields=names))[0]["fields"] if names else {}
    return {**values, **many}


def schedule(obj, form, publish_at, user):
    """Keep the form's changes of `obj` for `publish_at`; returns (the change, the time of the one it replaced)."""
    content_type = ContentType.objects.get_for_model(type(obj))
    previous = ScheduledChange.objects.filter(content_type=content_type, object_id=str(obj.pk)).first()
    change, _created = ScheduledChange.objects.update_or_create(
        content_type=content_type,
        object_id=str(obj.pk),
        defaults={
            "values": changed_values(form),
            "publish_at": publish_at,
            "user": user,
            "language": translation.get_language() or settings.LANGUAGE_CODE,
            "created_at": timezone.now(),
            "problem": "",
        },
    )
    return change, (previous.publish_at if previous is not None else None)


def write_values(obj, values):
    """Set the scheduled values on `obj` (not saved); returns {many-to-many name: [pk]} to set after the save."""
    many = {}
    for name, value in values.items():
        try:
            field = type(obj)._meta.get_field(name)
        except FieldDoesNotExist:  # a field removed since the change was scheduled
            continue
        if field.many_to_many:
            many[name] = value
        elif field.remote_field is not None:
            setattr(obj, field.attname, None if value is None else field.target_field.to_python(value))
        else:
            setattr(obj, field.attname, field.to_python(value))
    return many


def what_changes(change, obj):
    """[{label, language, before, after}]: what the scheduled change sets, against the live item."""
    live = state_of(obj)
    scheduled = type(obj)._base_manager.get(pk=obj.pk)
    many = write_values(scheduled, change.values)
    after = state_of_values(scheduled, live, many)
    return diff_states(type(obj), live, after)


def state_of_values(obj, live, many):
    state = dict(live)
    for name in state:
        try:
            field = type(obj)._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.many_to_many:
            if field.name in many:
                state[name] = [int(pk) if str(pk).isdigit() else pk for pk in many[field.name]]
        else:
            state[name] = getattr(obj, field.attname)
    return state


def scheduled_note(change):
    # Translators: a note in an item's history; %(when)s is a date and time
    return gettext("Change scheduled for %(when)s: visitors see the live version until then.") % {
        "when": when(change.publish_at)
    }


def cancel(change, user):
    """Drop `change`, with an entry in the item's history."""
    obj = change.content_type.model_class()._base_manager.filter(pk=change.object_id).first()
    with transaction.atomic():
        change.delete()
        if obj is not None and reversion.is_registered(type(obj)):
            with reversion.create_revision():
                reversion.set_user(user)
                reversion.set_comment(
                    # Translators: a note in an item's history; %(when)s is a date and time
                    gettext("Scheduled change for %(when)s cancelled.") % {"when": when(change.publish_at)}
                )
                reversion.add_to_revision(obj)


def apply(change):
    """Write `change` into its item and save it like any save; the history credits who scheduled it.

    The item's own checks run first (``full_clean``: a slug taken in the meantime,
    an expiry time now passed...). A change that fails them is not written: its
    `problem` says why, the item's history and the change form say so, and it is
    not tried again until an editor schedules again or cancels it.
    """
    model = change.content_type.model_class()
    with transaction.atomic():
        obj = model._base_manager.select_for_update().filter(pk=change.object_id).first()
        if obj is None:  # the item was deleted since
            change.delete()
            return None
        with translation.override(change.language or settings.LANGUAGE_CODE):
            many = write_values(obj, change.values)
            try:
                obj.full_clean()
            except ValidationError as error:
                refuse(change, obj, describe_problem(model, error))
                return None
            with reversion.create_revision():
                obj.save()
                for name, pks in many.items():
                    getattr(obj, name).set(pks)
                reversion.set_user(change.user)
                reversion.set_comment(
                    # Translators: a note in an item's history; %(who)s is a user's name, %(when)s a date and time
                    gettext("Scheduled change published (by %(who)s, scheduled at %(when)s).")
                    % {"who": user_name(change.user), "when": when(change.created_at)}
                )
        change.delete()
    return obj


def describe_problem(model, error):
    """ "Field: message; …" of a ValidationError, in the active language."""
    parts = []
    for name, messages in error.message_dict.items():
        try:
            label = str(model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:  # NON_FIELD_ERRORS, a model-wide check
            label = ""
        text = " ".join(messages)
        parts.append(f"{label}: {text}" if label else text)
    return "; ".join(parts)


def refuse(change, obj, problem):
    """Keep `change` with the reason it cannot go live, and say so in the item's history."""
    ScheduledChange.objects.filter(pk=change.pk).update(problem=problem)
    change.problem = problem
    logger.warning("The scheduled change %s of %s could not go live: %s", change.pk, change.content_type, problem)
    if reversion.is_registered(type(obj)):
        live = type(obj)._base_manager.get(pk=obj.pk)  # the live version, not the refused values
        with reversion.create_revision():
            reversion.set_user(change.user)
            reversion.set_comment(
                # Translators: a note in an item's history; %(when)s is a date and time, %(problem)s the reason
                gettext("The change scheduled for %(when)s could not go live: %(problem)s")
                % {"when": when(change.publish_at), "problem": problem}
            )
            reversion.add_to_revision(live)


def apply_due(now=None):
    """Apply every scheduled change whose time has come and that has not failed; returns how many."""
    now = now or timezone.now()
    applied = 0
    due = ScheduledChange.objects.filter(publish_at__lte=now, problem="").select_related("content_type", "user")
    for change in due:
        try:
            obj = apply(change)
        except Exception:  # a failure outside the item's checks (the database...): tried again next time
            logger.exception("Applying the scheduled change %s failed", change.pk)
            continue
        applied += obj is not None
    return applied
