"""Gallery images come from the image library.

Each gallery file becomes a library image (one per file) with the row's
alternative text, caption and credit in every language; the row keeps its
caption as its own (shown instead of the library's when it is set). Saved
versions are rewritten to point at the library image. The files stay where
they are. Reversible.
"""

import django.db.models.deletion
from django.db import migrations, models

from library.moving import move_into_library, move_out_of_library

REMOVED = ("alt_text", "alt_text_be", "alt_text_sq", "alt_text_en", "credit", "width", "height")


def forwards(apps, schema_editor):
    move_into_library(
        apps, "projects", "galleryimage", "image", "library_image", alt="alt_text", caption="caption",
        credit="credit", removed=REMOVED,
    )
    # A row whose file is gone cannot show anything: it goes (nothing else refers to it).
    apps.get_model("projects", "GalleryImage").objects.filter(library_image__isnull=True).delete()


def backwards(apps, schema_editor):
    move_out_of_library(apps, "projects", "galleryimage", "image", "library_image", alt="alt_text", credit="credit")


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0001_initial"),
        ("projects", "0006_private_documents"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [
        migrations.AddField(
            model_name="galleryimage",
            name="library_image",
            field=models.ForeignKey(
                null=True, blank=True, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                to="library.image",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
