"""Restoring an old version: a change form filled in with that version, saved like any edit.

django-reversion's own restore writes every field of the old version to the
database, then runs the change form on top of it: fields the editor may not
change (status and publish time without the publish permission, other
languages for a translator) came back with the old values, and the status of
the old version came back too, so a restore could publish or unpublish.

Here a restore never writes anything by itself. The restore page is the
item's change form as the item is now, with the old version's values filled
in for the fields this user may change, and it posts to the ordinary change
view: the publish permission, the translator's field limits, validation, the
concurrent-edit check, translation fingerprints and the search index all
apply as to any save. The status and publish time stay as they are; the page
says which status the old version had, and a user who may publish can choose
it in the form.

Inline rows (objectives, activities, partner roles, documents, gallery)
follow by row identity: a row of the old version that still exists gets its
old values, a row deleted since comes back as a new row, a row added since
is ticked for deletion. Translators, who may neither add nor delete rows,
get the old text of existing rows only. Uploaded files stay as they are now.

Recovering a deleted item takes only the last version of a deleted object of
the admin's own model (`deleted_version`). It re-creates that one object as a
draft, with its own rows that were deleted with it, and nothing else of the
revision (`recreate_deleted`): a revision can hold other items (a bulk action
saves every selected item in one), and writing them back would change their
text and status. The recover page is then the change form of the re-created
item, under the add and change permissions, and it is kept only when that form
saves: publishing it is a separate, permitted choice.
"""

from django.core.exceptions import FieldDoesNotExist
from django.shortcuts import get_object_or_404
from reversion.models import Version

from core.models import Publishable, Status

# Not taken from the old version by default: the editor chooses them explicitly.
KEPT_FIELDS = {"status", "publish_at", "expire_at"}


def version_values(version):
    """{attname: value} of a version, with many-to-many values as lists of primary keys."""
    values = dict(version.field_dict)
    for field in version.content_type.model_class()._meta.many_to_many:
        if field.attname in values:
            values[field.attname] = [str(pk) for pk in values[field.attname]]
    return values


def form_initial(form_class, model, values):
    """Initial data for the fields of `form_class` (what the user may change), from `values`."""
    initial = {}
    for name in form_class.base_fields:
        if name in KEPT_FIELDS:
            continue
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:  # a form-only field (the loaded version, confirmations)
            continue
        if not field.concrete or getattr(field, "auto_created", False):
            continue
        if field.attname in values and not _is_file(field):
            initial[name] = values[field.attname]
    return initial


def _is_file(field):
    return field.get_internal_type() in ("FileField", "ImageField")


def rows_of(version, model, fk):
    """{pk: values} of the `model` rows saved in the version's revision that belong to its item."""
    rows = {}
    for other in version.revision.version_set.all():
        if other.content_type.model_class() is not model:
            continue
        values = version_values(other)
        if str(values.get(fk.attname)) == str(version.object_id):
            rows[str(other.object_id)] = values
    return rows


def prefill_formset(formset, version, may_add_and_delete):
    """Fill an inline formset of the restore page with the rows of `version` (see the module docstring)."""
    old_rows = rows_of(version, formset.model, formset.fk)
    current = {str(obj.pk) for obj in formset.get_queryset()}
    returning = [values for pk, values in old_rows.items() if pk not in current]
    if may_add_and_delete and returning:
        # Before the forms exist: rows deleted since come back as extra forms.
        formset.extra = len(returning)
        formset.initial_extra = [form_initial(formset.form, formset.model, values) for values in returning]
    for form in formset.initial_forms:
        values = old_rows.get(str(form.instance.pk))
        if values is not None:
            form.initial.update(form_initial(form.__class__, formset.model, values))
        elif may_add_and_delete and "DELETE" in form.fields:
            form.fields["DELETE"].initial = True


def status_note(obj, version):
    """What the restore page says about the status: now, and in the old version."""
    if not isinstance(obj, Publishable):
        return None
    old = version.field_dict.get("status")
    return {
        "current": Status(obj.status).label,
        "old": Status(old).label if old in Status.values else old,
        "differs": old != obj.status,
    }


def deleted_version(model, version_id):
    """The last version of a deleted `model` object with this id; 404 for any other version.

    Not a version of another model, of an object that still exists, or an older
    version of a deleted object.
    """
    return get_object_or_404(Version.objects.get_deleted(model).select_related("revision"), pk=version_id)


def row_foreign_keys(model, row_models):
    """{row model: its foreign key to `model`} for the inline row models of `model`'s admin."""
    keys = {}
    for row_model in row_models:
        for field in row_model._meta.concrete_fields:
            if field.many_to_one and field.related_model is model:
                keys[row_model] = field
                break
    return keys


def recreate_deleted(version, row_models):
    """Write back the deleted object of `version` as a draft, and its own rows deleted with it.

    Rows are the `row_models` versions of the same revision whose foreign key
    names this object and which no longer exist. No other object of the
    revision is written. Returns the object as stored.
    """
    version.revert()
    model = version.content_type.model_class()
    if issubclass(model, Publishable):
        model._base_manager.filter(pk=version.object_id).update(status=Status.DRAFT, publish_at=None)
    keys = row_foreign_keys(model, row_models)
    for other in version.revision.version_set.select_related("content_type"):
        row_model = other.content_type.model_class()
        fk = keys.get(row_model)
        if fk is None or str(other.field_dict.get(fk.attname)) != str(version.object_id):
            continue
        if not row_model._base_manager.filter(pk=other.object_id).exists():
            other.revert()
    return model._base_manager.get(pk=version.object_id)
