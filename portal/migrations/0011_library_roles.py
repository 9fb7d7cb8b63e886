"""Editors and translators get the permissions of the image library (translators: view and change only)."""

from django.db import migrations

from editorial.roles import grant_app_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0010_menu_link_validation"),
        ("library", "0001_initial"),
    ]

    operations = [grant_app_permissions("library")]
