#!/usr/bin/env python
"""The event pages under load at 100 and 10,000 events, against the floors measured in the same run.

    python bench/events_bench.py [--sizes 100,10000] [--rounds 3] [--duration 3] [--connections 32]

The machinery is bench/pages_bench.py's (gunicorn with gunicorn.conf.py, Redis as the cache,
wrk, the two floors of bench/floor/); only the database and the pages differ. For each size it
uses its own database (BENCH_DATABASE_URL + "_events_<size>", default
postgres://postgres@127.0.0.1:5432/ura_bench_events_<size>), filled with ``seed_demo`` and then
bulk events (half upcoming, half past, each with two places and a topic, a tenth of them in one
project) until it holds the size. Printed per page: cached and uncached req/s, their ratio to
the floors, the uncached cost at this size against the smallest (1.00× is flat) and the queries
of one uncached render, which must not grow with the number of events.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pages_bench as bench

bench.BASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ura_bench") + "_events"

bench.PAGES = [
    ("events list", "list", "/en/events/"),
    ("events list, last page", "list", "/en/events/?page={upcoming_last_page}"),
    ("past events, last page", "list", "/be/events/?when=past&page={past_last_page}"),
    ("events list, project filter", "list", "/sq/events/?project={project}"),
    ("events list, year filter", "list", "/en/events/?year={year}"),
    ("event detail", "detail", "/en/events/{event}/"),
    ("event calendar file", "detail", "/en/events/{event}/calendar.ics"),
    ("calendar feed", "list", "/en/events/feed.ics"),
    ("calendar feed, project", "list", "/be/events/feed.ics?project={project}"),
    ("project detail", "detail", "/en/projects/{project}/"),
    ("home", "list", "/en/"),
]

bench.PROBE = r"""
import json, math, sys
import django
django.setup()
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from events.models import Event
from projects.models import Project

events = Event.objects.published()
project = Project.objects.filter(slug_en="bench-events-project").first()
values = {
    "event": events.upcoming().first().slug_en,
    "upcoming_last_page": max(1, math.ceil(events.upcoming().count() / 12)),
    "past_last_page": max(1, math.ceil(events.past().count() / 12)),
    "project": project.slug_en,
    "year": events.order_by("starts_at").first().year,
    "news_count": events.count(),
}
queries = {}
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(get_user_model().objects.get_or_create(username="bench-reader")[0])
cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
for path in json.loads(sys.argv[1]):
    path = path.format(**values)
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        status = client.get(path).status_code
    queries[path] = (status, len(captured.captured_queries))
print(json.dumps({"values": values, "queries": queries, "cookie": cookie}))
"""

FILL = r"""
import datetime, random, sys
import django
django.setup()
from django.utils import timezone
from core.models import Topic
from events.models import Event
from projects.models import Place, Project

size = int(sys.argv[1])
have = Event.objects.count()
rng = random.Random(27)
places = list(Place.objects.values_list("pk", flat=True))
topic = Topic.objects.order_by("pk").first()
project = Project.objects.filter(slug_en="bench-events-project").first()
if project is None:
    project = Project(start_date=datetime.date(2024, 5, 1), status="published", publish_at=timezone.now())
    for code in ("be", "sq", "en"):
        setattr(project, f"title_{code}", f"Bench events project ({code})")
        setattr(project, f"slug_{code}", "bench-events-project")
    project.save()
now = timezone.now()
published = now - datetime.timedelta(days=1)
rows = []
for n in range(have, size):
    start = now + datetime.timedelta(hours=rng.randint(-5 * 365 * 24, 5 * 365 * 24))
    fields = {}
    for code in ("be", "sq", "en"):
        fields[f"title_{code}"] = f"Bench event {n + 1} ({code})"
        fields[f"slug_{code}"] = f"bench-event-{n + 1}"
        fields[f"lead_{code}"] = "A public event with the communities of the municipality."
    rows.append(
        Event(
            **fields,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
            status="published",
            publish_at=published,
            project=project if n % 10 == 0 else None,
        )
    )
created = Event.objects.bulk_create(rows, batch_size=2000)
through_places, through_topics = Event.places.through, Event.topics.through
Event.places.through.objects.bulk_create(
    [through_places(event_id=e.pk, place_id=pk) for e in created for pk in rng.sample(places, 2)], batch_size=5000
)
Event.topics.through.objects.bulk_create([through_topics(event_id=e.pk, topic_id=topic.pk) for e in created], batch_size=5000)
print(f"events: {Event.objects.count()}")
"""

pages_ensure_database = bench.ensure_database


def ensure_database(url, size):
    """The demo content (100 bulk news and their projects, as pages_bench's smallest size) and `size` events."""
    pages_ensure_database(url, 100)
    env = {"DATABASE_URL": url, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "portal.settings"}
    bench.run([bench.PYTHON, "-c", FILL, str(size)], env)
    bench.run(
        [
            bench.PYTHON,
            "-c",
            f"import psycopg2; c = psycopg2.connect('{url}'); c.autocommit = True; c.cursor().execute('ANALYZE')",
        ]
    )


bench.ensure_database = ensure_database


def main():
    if "--sizes" not in sys.argv:
        sys.argv += ["--sizes", "100,10000"]
    report = bench.report
    bench.report = lambda sizes, measured: report(sizes, measured).replace(" news (", " events (")
    bench.main()


if __name__ == "__main__":
    main()
