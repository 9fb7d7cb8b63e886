"""Real job-queue workers (manage.py procrastinate worker) for the system tests that kill one mid-job."""

import os
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

# The queue's own tables, emptied before and after each such test.
QUEUE_TABLES = (
    "DELETE FROM procrastinate_jobs; DELETE FROM procrastinate_periodic_defers; DELETE FROM procrastinate_workers"
)


def database_url():
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(name, log, env=None, queues=None):
    """A worker process on the test database that notices a dead one within seconds (its own session: killable)."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DATABASE_URL": database_url(),
        "DEBUG": "1",
        "JOBS_HEARTBEAT": "1",
        "JOBS_STALLED_AFTER": "3",
        "JOBS_STALLED_CHECK_SECONDS": "2",
        **(env or {}),
    }
    environment.pop("REDIS_URL", None)
    command = [sys.executable, "manage.py", "procrastinate", "worker", "--name", name]
    if queues:
        command += ["--queues", queues]
    return subprocess.Popen(
        command,
        cwd=Path(settings.BASE_DIR),
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")
