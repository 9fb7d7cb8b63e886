"""Editors and translators get the permissions of the image library (translators: view and change only)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from editorial.roles import sync_roles


def library_roles(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure the library's exist.
    app_config = apps.get_app_config("library")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0010_menu_link_validation"),
        ("library", "0001_initial"),
    ]

    operations = [migrations.RunPython(library_roles, migrations.RunPython.noop)]
