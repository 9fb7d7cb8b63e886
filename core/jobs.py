"""Background jobs: one way to start them, whatever runs them.

``start(task, **kwargs)`` puts a job on the queue (Procrastinate on PostgreSQL; its
workers run it, on any machine, again after a failure or a worker's death), or, without
the queue (settings.JOBS_IN_PROCESS), runs it in a thread of this process ("thread": the
quick start on SQLite) or at once ("now": the tests). A task is a Procrastinate task
(``@app.task`` in an app's ``tasks.py``); its arguments are JSON values.
"""

import threading

from django.conf import settings
from django.db import close_old_connections


def start(task, **kwargs):
    mode = settings.JOBS_IN_PROCESS
    if mode == "now":
        task(**kwargs)
        return None
    if mode == "thread":
        thread = threading.Thread(target=_in_thread, args=(task, kwargs), daemon=True, name=f"job-{task.name}")
        thread.start()
        return thread
    return task.defer(**kwargs)


def _in_thread(task, kwargs):
    close_old_connections()
    try:
        task(**kwargs)
    finally:
        close_old_connections()
