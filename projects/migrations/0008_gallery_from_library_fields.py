"""The second step of 0007_gallery_from_library: the old fields go, the library image takes the field's name (own transaction)."""

import django.db.models.deletion
from django.db import migrations, models

import core.images
import projects.models

REMOVED = ("alt_text", "alt_text_be", "alt_text_sq", "alt_text_en", "credit", "width", "height")


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0007_gallery_from_library"),
    ]

    operations = [
        # With a default, so that the way back can add the column again before it refills it.
        migrations.AlterField(
            model_name="galleryimage",
            name="image",
            field=models.ImageField(
                blank=True,
                default="",
                height_field="height",
                max_length=255,
                upload_to=projects.models.gallery_upload_to,
                validators=[core.images.validate_image],
                verbose_name="image",
                width_field="width",
            ),
        ),
        *(migrations.RemoveField(model_name="galleryimage", name=name) for name in REMOVED),
        migrations.RemoveField(model_name="galleryimage", name="image"),
        migrations.RenameField(model_name="galleryimage", old_name="library_image", new_name="image"),
        migrations.AlterField(
            model_name="galleryimage",
            name="image",
            field=models.ForeignKey(
                help_text="Chosen from the image library; its alternative text and credit come with it.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="gallery_entries",
                to="library.image",
                verbose_name="image",
            ),
        ),
        *(
            migrations.AlterField(
                model_name="galleryimage",
                name=name,
                field=models.CharField(
                    blank=True,
                    help_text="Leave it empty to show the library image's caption.",
                    max_length=300,
                    null=name != "caption",
                    verbose_name="caption",
                ),
            )
            for name in ("caption", "caption_be", "caption_sq", "caption_en")
        ),
    ]
