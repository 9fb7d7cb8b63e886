from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.core.management.base import BaseCommand

from editorial.roles import sync_roles


class Command(BaseCommand):
    help = "Create or update the Editors, Translators and Administrators groups (safe to run again)."

    def handle(self, *args, **options):
        for app_config in apps.get_app_configs():
            create_permissions(app_config, verbosity=0)
        for name, count in sync_roles().items():
            self.stdout.write(f"{name}: {count} permission(s) added")
