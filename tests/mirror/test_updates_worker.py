"""A publish reaches an S3-compatible bucket (moto's standalone server) through a real job-queue
worker (manage.py procrastinate worker), and so does an item whose publication time comes."""

import datetime
import time

import pytest
from django.utils import timezone, translation

from core.models import Status
from mirror.builder import build_snapshot
from mirror.models import Destination
from mirror.tasks import publication_times
from tests import job_workers
from tests.job_workers import wait_for
from tests.news.factories import NewsItemFactory
from tests.s3_server import s3_server

pytestmark = pytest.mark.django_db(transaction=True)

S3_PORT = 18151
ENDPOINT = f"http://127.0.0.1:{S3_PORT}"
BUCKET = "ura-copy"


@pytest.fixture(scope="module")
def bucket(tmp_path_factory):
    with s3_server(S3_PORT, tmp_path_factory.mktemp("moto"), BUCKET) as client:
        yield client


def object_text(client, key):
    try:
        return client.get_object(Bucket=BUCKET, Key=key)["Body"].read().decode()
    except client.exceptions.NoSuchKey:
        return None


def test_a_worker_sends_a_publish_and_a_publication_time_to_a_bucket(tmp_path, bucket, settings, empty_queue):
    dest = tmp_path / "copy"
    NewsItemFactory(title_en="Already there")
    build_snapshot(dest)
    destinations = f"cdn s3://{BUCKET}/ura https://cdn.example.net/ura cdn.example.net"
    settings.SNAPSHOT_DIR = str(dest)
    settings.JOBS_IN_PROCESS = ""  # the real queue
    env = {
        "SNAPSHOT_DIR": str(dest),
        "SNAPSHOT_SEARCH": "0",
        "SNAPSHOT_DESTINATIONS": destinations,
        "SNAPSHOT_S3_ENDPOINT_URL": ENDPOINT,
        "SNAPSHOT_S3_REGION_NAME": "us-east-1",
        "SNAPSHOT_S3_ACCESS_KEY_ID": "test",
        "SNAPSHOT_S3_SECRET_ACCESS_KEY": "test-secret",
        "SITE_URL": settings.SITE_URL,
    }
    with open(tmp_path / "worker.log", "wb") as log:
        worker = job_workers.start_worker("mirror", log, env=env, queues="mirror,upkeep")
        try:
            published = NewsItemFactory(title_en="Published on server A")
            with translation.override("en"):
                page = published.get_absolute_url().strip("/") + "/index.html"
            # The first update sends the whole copy, the new item in it.
            wait_for(lambda: Destination.objects.filter(last_success__isnull=False).exists(), 120, "an update")
            assert object_text(bucket, f"ura/{page}") is not None
            assert "Published on server A" in object_text(bucket, "ura/en/news/index.html")
            assert object_text(bucket, "ura/.snapshot.sqlite3") is None
            status = Destination.objects.get(name="cdn")
            assert status.last_success and not status.failing

            # Scheduled a second ahead: no save when its time comes; the minute's job notices it.
            scheduled = NewsItemFactory(
                title_en="Its time has come",
                status=Status.SCHEDULED,
                publish_at=timezone.now() + datetime.timedelta(seconds=1),
            )
            with translation.override("en"):
                later = scheduled.get_absolute_url().strip("/") + "/index.html"
            time.sleep(1.5)
            publication_times.defer(timestamp=int(time.time()))
            wait_for(lambda: object_text(bucket, f"ura/{later}") is not None, 120, "the scheduled item in the bucket")
            assert "Its time has come" in object_text(bucket, f"ura/{later}")
            status.refresh_from_db()
            # Later updates send only what changed, not the whole copy again (the minute's job may
            # already have run once more and found nothing new: 0).
            assert status.files_sent < len(list(dest.rglob("*.html"))) / 2
        finally:
            worker.terminate()
            worker.wait(10)
