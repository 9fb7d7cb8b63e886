"""The hero image comes from the image library.

Each item's file becomes a library image (one per file) with the item's
alternative text, caption and credit in every language; the item keeps its
caption as its own (shown instead of the library's when it is set). Saved
versions are rewritten to point at the library image. The files stay where
they are. Reversible.
"""

import django.db.models.deletion
from django.db import migrations, models

from library.moving import move_into_library, move_out_of_library

REMOVED = ("image_alt", "image_alt_be", "image_alt_sq", "image_alt_en", "image_credit")


def forwards(apps, schema_editor):
    move_into_library(
        apps, "news", "newsitem", "image", "library_image", alt="image_alt", caption="image_caption",
        credit="image_credit", removed=REMOVED,
    )


def backwards(apps, schema_editor):
    move_out_of_library(apps, "news", "newsitem", "image", "library_image", alt="image_alt", credit="image_credit")


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0001_initial"),
        ("news", "0005_list_order_index"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [
        migrations.AddField(
            model_name="newsitem",
            name="library_image",
            field=models.ForeignKey(
                null=True, blank=True, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                to="library.image",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
