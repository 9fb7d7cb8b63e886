"""Restore a `backup` folder into an empty database and the upload folders: `manage.py restore <folder>`.

Create the database first (`createdb ura`), point DATABASE_URL and the storage
(MEDIA_ROOT and PRIVATE_MEDIA_ROOT, or the AWS_* settings of the object store) at
the new place, then restore. Files are written through the storage API under
their old names (a file already there is replaced). A database that already has
tables is refused unless `--replace` is given (its objects are then dropped first).
"""

import posixpath
import subprocess
import tarfile
from pathlib import Path

from django.core.files import File
from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from portal.management.commands.backup import ARCHIVES, pg_environment, program, require_postgresql


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
        for archive, alias in ARCHIVES.items():
            path = source / archive
            if not path.is_file():
                continue
            storage = storages[alias]
            with tarfile.open(path, "r:gz") as tar:
                for member in tar:
                    # Regular files with relative names only: no links, devices or paths out.
                    name = posixpath.normpath(member.name)
                    if not member.isfile() or name.startswith(("/", "../")) or name in ("", ".", ".."):
                        continue
                    if storage.exists(name):
                        storage.delete(name)
                    saved = storage.save(name, File(tar.extractfile(member), name=name))
                    if saved != name:
                        raise CommandError(f"{name} could not be restored under its own name (got {saved}).")
        self.stdout.write(
            f"Restored {source} into database {env['PGDATABASE']} and the {', '.join(ARCHIVES.values())} storages"
        )
