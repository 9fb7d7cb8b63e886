"""Slugs by the 2026 romanisation (х -> "kh", dashes -> hyphens); the old ones stay reachable (core.SlugAlias)."""

from django.db import migrations

from core.migrations._reslug import reslug


def forwards(apps, schema_editor):
    reslug(apps, "portal", "Page", source_field="title")


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0011_library_roles"),
        ("core", "0002_slug_alias"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
