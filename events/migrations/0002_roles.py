"""Editors and translators get the permissions of the events (translators: view and change only)."""

from django.db import migrations

from editorial.roles import grant_app_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("portal", "0003_roles"),
    ]

    operations = [grant_app_permissions("events")]
