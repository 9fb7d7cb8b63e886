"""Moving a model to another app without losing its rows, permissions or history.

A moved model keeps its table (``Meta.db_table``); the migrations take it
over in Django's state only (``SeparateDatabaseAndState``) and call
``relabel_model`` to move what refers to the app label: the content type (so
permissions, admin log entries and django-reversion versions, which point to
it by id, follow) and the model label inside the versions' serialised data.
"""

OLD_AND_NEW = '"model": "{}.{}"'


def relabel_model(apps, model, old_app, new_app):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if ContentType.objects.filter(app_label=new_app, model=model).exists():
        return
    content_type = ContentType.objects.filter(app_label=old_app, model=model).first()
    if content_type is None:
        return  # a fresh database: the content type is created after migrating
    content_type.app_label = new_app
    content_type.save(update_fields=["app_label"])
    try:
        Version = apps.get_model("reversion", "Version")
    except LookupError:
        return
    old, new = OLD_AND_NEW.format(old_app, model), OLD_AND_NEW.format(new_app, model)
    for version in Version.objects.filter(content_type=content_type, serialized_data__contains=old):
        version.serialized_data = version.serialized_data.replace(old, new)
        version.save(update_fields=["serialized_data"])


def relabel(model, old_app, new_app):
    """A (forwards, backwards) pair of RunPython functions for `model`."""

    def forwards(apps, schema_editor):
        relabel_model(apps, model, old_app, new_app)

    def backwards(apps, schema_editor):
        relabel_model(apps, model, new_app, old_app)

    return forwards, backwards
