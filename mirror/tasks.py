"""The copy kept current: after a publish, unpublish, deletion or a publication time reached, a job
re-renders what the change touches in SNAPSHOT_DIR and sends the changed files to every
destination (mirror.updates). Procrastinate's workers run it, one at a time."""

import datetime

from procrastinate.contrib.django import app

from mirror import updates


@app.task(name="mirror.update_snapshot", queue="mirror", queueing_lock="mirror.update_snapshot", lock="mirror")
def update_snapshot():
    return updates.run()


@app.periodic(cron="* * * * *")
@app.task(name="mirror.publication_times", queue="upkeep", queueing_lock="mirror.publication_times")
def publication_times(timestamp):
    """Every minute: items whose publication or expiry time came in the last two minutes change the copy."""
    moment = datetime.datetime.fromtimestamp(timestamp or datetime.datetime.now(datetime.UTC).timestamp(), datetime.UTC)
    return updates.record_publication_times(moment - datetime.timedelta(minutes=2), moment)
