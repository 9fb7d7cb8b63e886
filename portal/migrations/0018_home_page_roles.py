"""Editors (and, to view and change its translations, translators) get the home page's permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from editorial.roles import sync_roles


def home_page_roles(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure the home page's exist.
    app_config = apps.get_app_config("portal")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("portal", "0017_home_page")]

    operations = [migrations.RunPython(home_page_roles, migrations.RunPython.noop)]
