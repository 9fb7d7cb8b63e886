"""Editors (and, to view and change its translations, translators) get the home page's permissions."""

from django.db import migrations

from editorial.roles import grant_app_permissions


class Migration(migrations.Migration):
    dependencies = [("portal", "0017_home_page")]

    operations = [grant_app_permissions("portal")]
