"""The job queue's own upkeep (Procrastinate finds each app's tasks.py when it starts)."""

from django.conf import settings
from procrastinate.contrib.django import app


@app.periodic(cron=f"* * * * * */{settings.JOBS_STALLED_CHECK_SECONDS}")
@app.task(name="core.retry_stalled_jobs", queue="upkeep", queueing_lock="retry_stalled_jobs", pass_context=True)
async def retry_stalled_jobs(context, timestamp):
    """Jobs whose worker died (killed, its machine gone) run again on another worker.

    A worker that sent no heartbeat for settings.JOBS_STALLED_AFTER seconds is taken as
    dead; its jobs go back to the queue. The jobs themselves must bear running twice
    (the WordPress import does: it skips what it already imported).
    """
    manager = context.app.job_manager
    for job in await manager.get_stalled_jobs(seconds_since_heartbeat=settings.JOBS_STALLED_AFTER):
        await manager.retry_job(job)
