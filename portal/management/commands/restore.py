"""Restore a `backup` folder into an empty database and the upload folders: `manage.py restore <folder>`.

Create the database first (`createdb ura`), point DATABASE_URL, MEDIA_ROOT and
PRIVATE_MEDIA_ROOT at the new place, then restore. A database that already has
tables is refused unless `--replace` is given (its objects are then dropped first).
"""

import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from portal.management.commands.backup import FOLDERS, pg_environment, program, require_postgresql


class Command(BaseCommand):
    help = "Restore a backup folder (database and uploads) made by `backup`."

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument("--replace", action="store_true", help="drop what the database holds first")

    def handle(self, folder, replace=False, **options):
        require_postgresql()
        source = Path(folder)
        dump = source / "database.dump"
        if not dump.is_file():
            raise CommandError(f"{dump} does not exist; is {source} a backup folder?")
        if connection.introspection.table_names() and not replace:
            raise CommandError("The database is not empty. Restore into a new database, or pass --replace.")
        connection.close()
        arguments = [program("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
        if replace:
            arguments += ["--clean", "--if-exists"]
        env = pg_environment()
        result = subprocess.run(  # noqa: S603 - fixed program, arguments from settings
            [*arguments, f"--dbname={env['PGDATABASE']}", str(dump)], env=env, capture_output=True, text=True
        )
        if result.returncode:
            raise CommandError(f"pg_restore failed: {result.stderr.strip()}")
        for archive, setting in FOLDERS.items():
            path = source / archive
            if not path.is_file():
                continue
            root = Path(getattr(settings, setting))
            root.mkdir(parents=True, exist_ok=True)
            with tarfile.open(path, "r:gz") as tar:
                tar.extractall(root, filter="data")  # no absolute paths, links out or devices
        self.stdout.write(f"Restored {source} into database {env['PGDATABASE']} and {', '.join(FOLDERS.values())}")
