"""The editorial jobs (Procrastinate's workers run them; core.jobs without a queue)."""

from procrastinate.contrib.django import app

from editorial import scheduled


@app.periodic(cron="* * * * *")
@app.task(name="editorial.apply_scheduled_changes", queue="upkeep", queueing_lock="editorial.apply_scheduled_changes")
def apply_scheduled_changes(timestamp):
    """Every minute: the scheduled changes of public items whose time has come go live (editorial.scheduled)."""
    return scheduled.apply_due()
