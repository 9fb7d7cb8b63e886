"""Back up the database and the uploaded files into one folder: `manage.py backup /srv/backups/ura-2026-12-01`.

The folder gets `database.dump` (pg_dump's custom format), `media.tar.gz`
(MEDIA_ROOT) and `private-media.tar.gz` (PRIVATE_MEDIA_ROOT). `restore` reads it back.
Redis holds only the cache and needs no backup.
"""

import os
import shutil
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

FOLDERS = {"media.tar.gz": "MEDIA_ROOT", "private-media.tar.gz": "PRIVATE_MEDIA_ROOT"}


def pg_environment():
    """pg_dump/pg_restore see the same server, user and password as Django."""
    params = connection.get_connection_params()
    environment = dict(os.environ)
    for key, variable in (("host", "PGHOST"), ("port", "PGPORT"), ("user", "PGUSER"), ("password", "PGPASSWORD")):
        if params.get(key):
            environment[variable] = str(params[key])
    environment["PGDATABASE"] = params.get("dbname") or params.get("database") or ""
    return environment


def program(name):
    """The absolute path of a PostgreSQL client program (Debian: postgresql-client)."""
    path = shutil.which(name)
    if path is None:
        raise CommandError(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    return path


def require_postgresql():
    if connection.vendor != "postgresql":
        raise CommandError("backup and restore work with PostgreSQL (DATABASE_URL=postgres://...).")


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into a folder."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="where to write database.dump, media.tar.gz and private-media.tar.gz")

    def handle(self, folder, **options):
        require_postgresql()
        target = Path(folder)
        target.mkdir(parents=True, exist_ok=True)
        dump = target / "database.dump"
        result = subprocess.run(  # noqa: S603 - fixed program, arguments from settings
            [program("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={dump}"],
            env=pg_environment(),
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
        for archive, setting in FOLDERS.items():
            root = Path(getattr(settings, setting))
            with tarfile.open(target / archive, "w:gz") as tar:
                if root.is_dir():
                    for child in sorted(root.iterdir()):
                        tar.add(child, arcname=child.name)
        self.stdout.write(f"Backed up the database and the uploads to {target}")
