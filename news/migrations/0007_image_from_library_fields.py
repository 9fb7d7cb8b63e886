"""The second step of 0006_image_from_library: the old fields go, the library image takes the field's name (own transaction)."""

import django.db.models.deletion
from django.db import migrations, models

REMOVED = ("image_alt", "image_alt_be", "image_alt_sq", "image_alt_en", "image_credit")


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0006_image_from_library"),
    ]

    operations = [
        *(migrations.RemoveField(model_name="newsitem", name=name) for name in REMOVED),
        migrations.RemoveField(model_name="newsitem", name="image"),
        migrations.RenameField(model_name="newsitem", old_name="library_image", new_name="image"),
        migrations.AlterField(
            model_name="newsitem",
            name="image",
            field=models.ForeignKey(
                blank=True,
                help_text="Chosen from the image library; its alternative text and credit come with it.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="news_items",
                to="library.image",
                verbose_name="hero image",
            ),
        ),
        *(
            migrations.AlterField(
                model_name="newsitem",
                name=name,
                field=models.CharField(
                    blank=True,
                    help_text="Leave it empty to show the library image's caption.",
                    max_length=300,
                    null=name != "image_caption",
                    verbose_name="caption",
                ),
            )
            for name in ("image_caption", "image_caption_be", "image_caption_sq", "image_caption_en")
        ),
    ]
