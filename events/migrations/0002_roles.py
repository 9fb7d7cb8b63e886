"""Editors and translators get the permissions of the events (translators: view and change only)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from editorial.roles import sync_roles


def event_roles(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure the events' exist.
    app_config = apps.get_app_config("events")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("portal", "0003_roles"),
    ]

    operations = [migrations.RunPython(event_roles, migrations.RunPython.noop)]
