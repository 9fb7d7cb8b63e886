"""Slugs by the 2026 romanisation (х -> "kh", dashes -> hyphens); the old ones stay reachable (core.SlugAlias)."""

from django.db import migrations

from core.migrations._reslug import reslug


def forwards(apps, schema_editor):
    reslug(apps, "news", "NewsItem", source_field="title")


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0007_image_from_library_fields"),
        ("core", "0002_slug_alias"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
