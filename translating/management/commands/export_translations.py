"""Write the translated fields for translation into one language as an XLIFF 1.2, XLIFF 2.0 or PO file."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from translating import exchange


class Command(BaseCommand):
    help = (
        "Export the content for translation into one language (every item, or with --stale only what is missing "
        "or out of date), with the rights of --user (default: the first superuser)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The file to write ('-' for standard output).")
        parser.add_argument("--language", required=True, choices=[code for code, _name in settings.LANGUAGES])
        parser.add_argument("--format", default="xliff12", choices=list(exchange.FORMATS))
        parser.add_argument("--stale", action="store_true", help="Only what is missing or out of date.")
        parser.add_argument(
            "--source-in-target",
            action="store_true",
            help="XLIFF 1.2: a copy of the source in every target (OmegaT translates the target's text).",
        )
        parser.add_argument("--user", help="Export with this user's rights (a translator sees only their languages).")

    def handle(self, *args, **options):
        user = operator(options["user"])
        if not exchange.allowed_models(user, options["language"]):
            raise CommandError(f"{user.get_username()} may not translate into {options['language']}.")
        data, units = exchange.export_for(
            user,
            options["language"],
            options["format"],
            stale=options["stale"],
            source_in_target=options["source_in_target"],
        )
        if options["file"] == "-":
            self.stdout.buffer.write(data) if hasattr(self.stdout, "buffer") else self.stdout.write(data.decode())
        else:
            Path(options["file"]).write_bytes(data)
            self.stdout.write(self.style.SUCCESS(f"Exported {len(units)} fields to {options['file']}."))


def operator(username):
    """The user an export or import from the command line is recorded as."""
    users = get_user_model()._default_manager
    if username:
        user = users.filter(**{get_user_model().USERNAME_FIELD: username}, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {username}.")
        return user
    user = users.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if user is None:
        raise CommandError("Name the user to work as with --user.")
    return user
