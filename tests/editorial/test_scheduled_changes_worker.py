"""A scheduled change applied by a real job-queue worker (manage.py procrastinate worker), as in production."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from reversion.models import Version

from editorial.models import ScheduledChange
from editorial.tasks import apply_scheduled_changes
from news.models import NewsItem
from tests import job_workers
from tests.editorial.workflow_helpers import editor
from tests.job_workers import wait_for
from tests.news.factories import NewsItemFactory

pytestmark = pytest.mark.django_db(transaction=True)

NEW_TITLE = "The delegation meets civil society in Prishtina"


def test_a_worker_applies_a_due_change_and_leaves_one_to_come(tmp_path, empty_queue, settings):
    settings.JOBS_IN_PROCESS = ""  # the real queue
    user = editor()
    due, later = NewsItemFactory(title_en="Delegation visits Prishtina"), NewsItemFactory(title_en="Later item")
    content_type = ContentType.objects.get_for_model(NewsItem)
    ScheduledChange.objects.create(
        content_type=content_type,
        object_id=str(due.pk),
        values={"title_en": NEW_TITLE},
        publish_at=timezone.now() - datetime.timedelta(seconds=1),
        user=user,
        language="en",
    )
    ScheduledChange.objects.create(
        content_type=content_type,
        object_id=str(later.pk),
        values={"title_en": "Not yet"},
        publish_at=timezone.now() + datetime.timedelta(days=1),
        user=user,
        language="en",
    )
    apply_scheduled_changes.defer(timestamp=0)  # what the periodic job defers every minute
    with open(tmp_path / "worker.log", "wb") as log:
        worker = job_workers.start_worker("scheduler", log, queues="upkeep")
        try:
            wait_for(lambda: NewsItem.objects.filter(pk=due.pk, title_en=NEW_TITLE).exists(), 60, "the change")
        finally:
            worker.terminate()
            worker.wait(10)
    assert list(ScheduledChange.objects.values_list("object_id", flat=True)) == [str(later.pk)]
    later.refresh_from_db()
    assert later.title_en == "Later item"
    version = Version.objects.get_for_object(due).first()
    assert version.revision.user == user
    assert version.revision.get_comment().startswith("Scheduled change published (by vera, scheduled at ")
