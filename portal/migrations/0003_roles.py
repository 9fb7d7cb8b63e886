"""Create the Editors, Translators and Administrators groups."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from editorial.roles import sync_roles


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure
    # those of the content models exist before handing them out.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("portal", "0002_publish_permission"),
        ("news", "0002_publish_permission"),
        ("projects", "0002_publish_permission"),
        ("partners", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
