"""The logo comes from the image library.

Each organisation's logo file becomes a library image (one per file) whose
alternative text is the organisation's name in every language; saved
versions are rewritten to point at it. The files stay where they are.
Reversible.
"""

import django.db.models.deletion
from django.db import migrations, models

from library.moving import move_into_library, move_out_of_library

REMOVED = ("logo_width", "logo_height")


def forwards(apps, schema_editor):
    move_into_library(apps, "partners", "organisation", "logo", "library_logo", alt="name", removed=REMOVED)


def backwards(apps, schema_editor):
    move_out_of_library(apps, "partners", "organisation", "logo", "library_logo")


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0001_initial"),
        ("partners", "0003_organisation_translation_help"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="library_logo",
            field=models.ForeignKey(
                null=True, blank=True, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                to="library.image",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
