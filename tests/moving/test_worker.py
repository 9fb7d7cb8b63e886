"""The job queue's promise: a worker killed in the middle of an import loses and duplicates nothing.

Real worker processes (manage.py procrastinate worker) on the test database: the first is
killed with SIGKILL while it imports; the second notices the dead worker's missing
heartbeat, runs the job again, and the import takes up where it stopped.
"""

import io
import os
import signal

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from procrastinate.contrib.django.models import ProcrastinateJob

from moving import synthetic, tasks
from moving.models import ImportedItem, ImportRun
from news.models import NewsItem
from tests import job_workers
from tests.job_workers import wait_for

pytestmark = pytest.mark.django_db(transaction=True)
GROUPS = 150  # 450 posts: long enough to be killed in the middle


def start_worker(name, log):
    return job_workers.start_worker(
        name,
        log,
        {"MEDIA_ROOT": str(settings.MEDIA_ROOT), "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT)},
    )


def test_a_worker_killed_mid_import_loses_and_duplicates_nothing(tmp_path, empty_queue):
    export = io.StringIO()
    synthetic.write(export, GROUPS)
    run = ImportRun(state=ImportRun.State.CHECKED)
    run.export_file.save("synthetic.xml", ContentFile(export.getvalue().encode()), save=False)
    run.save()
    tasks.import_run.defer(run_id=run.pk, dry_run=False)
    workers = []
    with open(tmp_path / "workers.log", "wb") as log:
        try:
            first = start_worker("first", log)
            workers.append(first)
            wait_for(lambda: ImportedItem.objects.count() >= 60, 60, "the first worker to import 60 posts")
            os.kill(first.pid, signal.SIGKILL)
            first.wait(10)
            stopped_at = ImportedItem.objects.count()
            assert stopped_at < 3 * GROUPS, "the import ended before the worker was killed"
            workers.append(start_worker("second", log))
            wait_for(
                lambda: ImportRun.objects.filter(pk=run.pk, state=ImportRun.State.DONE).exists(),
                90,
                "the second worker to finish the import",
            )
        finally:
            for worker in workers:
                if worker.poll() is None:
                    worker.terminate()
                    worker.wait(10)
    run.refresh_from_db()
    # Nothing lost: every post is in; nothing twice: one item per translation group, one record per post.
    assert NewsItem.objects.count() == GROUPS
    assert NewsItem.objects.values("title_en").distinct().count() == GROUPS
    assert not NewsItem.objects.filter(title_be=None).exists()
    assert ImportedItem.objects.filter(wp_type="post").count() == 3 * GROUPS
    # The report of the run that was resumed still says what it created.
    assert run.report["counts"] == {"created": 3 * GROUPS}
    assert (run.done, run.total) == (3 * GROUPS, 3 * GROUPS)
    job = ProcrastinateJob.objects.get(task_name="moving.import_run")
    assert job.status == "succeeded"
    assert job.attempts == 2  # the killed worker's attempt, then the second worker's
