"""The second step of 0004_logo_from_library: the old fields go, the library image takes the field's name (own transaction)."""

import django.db.models.deletion
from django.db import migrations, models

REMOVED = ("logo_width", "logo_height")


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0004_logo_from_library"),
    ]

    operations = [
        *(migrations.RemoveField(model_name="organisation", name=name) for name in REMOVED),
        migrations.RemoveField(model_name="organisation", name="logo"),
        migrations.RenameField(model_name="organisation", old_name="library_logo", new_name="logo"),
        migrations.AlterField(
            model_name="organisation",
            name="logo",
            field=models.ForeignKey(
                blank=True,
                help_text="Chosen from the image library.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="organisations",
                to="library.image",
                verbose_name="logo",
            ),
        ),
    ]
