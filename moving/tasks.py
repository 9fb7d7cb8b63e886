"""The import's jobs (core.jobs starts them; Procrastinate's workers run them)."""

from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from moving import jobs


# A failure that is not the file's (the database restarting, a worker killed) is tried again,
# after 10 s, 20 s, 40 s, ...: the import takes up where it stopped (moving.importer).
@app.task(name="moving.import_run", queue="imports", retry=RetryStrategy(max_attempts=5, exponential_wait=10))
def import_run(run_id, dry_run):
    jobs.execute(run_id, dry_run)
