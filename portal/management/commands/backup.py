"""Back up the database and the uploaded files into one folder: `manage.py backup /srv/backups/ura-2026-12-01`.

The folder gets `database.dump` (pg_dump's custom format), `media.tar.gz`
(every file of the default storage: public uploads and renditions) and
`private-media.tar.gz` (the private storage: project documents). The files are
read through Django's storage API, so the same command backs up the file system
(MEDIA_ROOT, PRIVATE_MEDIA_ROOT) or the object store (the bucket's media and
private prefixes). `restore` reads it back. Redis holds only the cache and needs
no backup. For a large object store, its own replication or versioning is the
better backup (docs/deploy.md); this command copies every file each time.
"""

import io
import os
import posixpath
import shutil
import subprocess
import tarfile
from pathlib import Path

from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

# Archive name -> storage alias (settings.STORAGES).
ARCHIVES = {"media.tar.gz": "default", "private-media.tar.gz": "private"}


def stored_files(storage, folder=""):
    """Every file name in `storage` under `folder`, sorted, through the storage API only."""
    directories, files = storage.listdir(folder)
    names = [posixpath.join(folder, name) if folder else name for name in files]
    for directory in directories:
        names += stored_files(storage, posixpath.join(folder, directory) if folder else directory)
    return sorted(names)


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
        for archive, alias in ARCHIVES.items():
            storage = storages[alias]
            with tarfile.open(target / archive, "w:gz") as tar:
                for name in stored_files(storage):
                    with storage.open(name, "rb") as handle:
                        data = handle.read()
                    info = tarfile.TarInfo(name)
                    info.size = len(data)
                    info.mode = 0o644
                    info.mtime = int(storage.get_modified_time(name).timestamp())
                    tar.addfile(info, io.BytesIO(data))
        self.stdout.write(f"Backed up the database and the uploads to {target}")
