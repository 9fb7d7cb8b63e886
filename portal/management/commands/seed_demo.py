from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from events import demo as events_demo
from news import demo as news_demo
from partners import demo as partners_demo
from portal import demo as portal_demo
from projects import demo as projects_demo

# Order matters: later apps link to what earlier ones created.
DEMO_MODULES = (partners_demo, portal_demo, projects_demo, news_demo, events_demo)


class Command(BaseCommand):
    help = "Create the demo content in Belarusian, Albanian and English (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin-password",
            help="Create or update the demo superuser 'admin' with this password "
            "(by default only when DEBUG is on, with the password 'ura-demo').",
        )

    def handle(self, *args, **options):
        with transaction.atomic():
            for module in DEMO_MODULES:
                module.seed(self.stdout)
            # The home page names a news item: after the news.
            portal_demo.seed_home(self.stdout)
            # Once the projects no longer give them roles: the organisations no seed page names.
            retired = partners_demo.retire()
            if retired:
                self.stdout.write(f"Organisations retired: {retired}.")
            password = options.get("admin_password") or ("ura-demo" if settings.DEBUG else None)
            if password:
                self._admin(password)
        # The translators' glossary (docs/glossary.md) and the translation memory of the demo content.
        call_command("seed_glossary", stdout=self.stdout)
        call_command("build_translation_memory", stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))

    def _admin(self, password):
        User = get_user_model()
        user = User.objects.filter(username="admin").first()
        if user is None:
            User.objects.create_superuser("admin", "admin@ura.example.org", password)
        elif not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        self.stdout.write(f"Admin: /admin/  user: admin  password: {password}")
