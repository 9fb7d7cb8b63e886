#!/usr/bin/env python
"""Every public page type under load, at 100 / 10,000 / 100,000 news, against two floors.

    python bench/pages_bench.py [--sizes 100,10000,100000] [--rounds 3] [--duration 3] [--connections 8]

For each size it uses its own database (BENCH_DATABASE_URL + "_<size>", default
postgres://postgres@127.0.0.1:5432/ura_bench_<size>), migrates it and fills it
with ``seed_demo`` + ``seed_bulk --news N --projects N/10 --partners N/10``
when it holds fewer news; runs gunicorn with the project's gunicorn.conf.py
(gthread, GUNICORN_WORKERS=2) and Redis as the cache (BENCH_REDIS_URL, default
redis://127.0.0.1:6379/7, a key prefix of its own per run: nothing is flushed);
and drives each page with wrk (Debian's `wrk`, installed by `make bench` when
missing), the targets interleaved over several rounds:

- cached: an anonymous visitor (the page cache answers once it is warm);
- uncached: a signed-in user with no rights (the page cache is bypassed,
  the page is rendered; fragment caches stay warm, as in production).

Both send ``Accept-Encoding: gzip, deflate, br``, as browsers do.

The floors, measured in the same run by a minimal Django project
(bench/floor/): a constant HttpResponse, and 20 rows read from PostgreSQL
through a template. Printed per page and size: req/s (median of the rounds),
p50/p99 latency, queries per uncached render, worker RSS after the run,
ratios to the floors, the cost at this size against the cost at the smallest,
and whether a matching conditional GET got 304.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ura_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
LOG = Path(tempfile.gettempdir()) / "ura-bench-gunicorn.log"
# What browsers and feed readers send: pages travel compressed, as they do to readers.
ACCEPT_ENCODING = "gzip, deflate, br"

# (name, kind, path template); {news}, {project}, ... are filled from the database.
PAGES = [
    ("home", "list", "/en/"),
    ("news list", "list", "/en/news/"),
    ("news list, last page", "list", "/en/news/?page={news_last_page}"),
    ("news list, partner filter", "list", "/be/news/?partner={partner}"),
    ("news detail", "detail", "/en/news/{news}/"),
    ("project list", "list", "/sq/projects/"),
    ("project list, donor filter", "list", "/en/projects/?donor={donor}"),
    ("project detail", "detail", "/en/projects/{project}/"),
    ("partner list", "list", "/en/partners/"),
    ("partner detail", "detail", "/en/partners/{partner}/"),
    ("static page", "detail", "/en/{page}/"),
    ("search", "list", "/en/search/?q=delegation"),
    ("feed", "list", "/en/feeds/news/"),
    ("sitemap index", "list", "/sitemap.xml"),
    ("sitemap, last news file", "list", "/sitemap-news.xml?p={sitemap_last_page}"),
    ("export json", "list", "/en/export/news.json"),
]

PROBE = r"""
import json, math, os, sys
import django
django.setup()
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from news.models import NewsItem
from partners.models import Organisation
from portal.models import Page
from portal.sitemaps import NewsSitemap
from projects.models import Project, ProjectPartner, Role

news = NewsItem.objects.published()
donor = ProjectPartner.objects.filter(role=Role.FUNDING, project__in=Project.objects.published()).order_by("pk").first()
values = {
    "news": news.order_by("pk").first().slug_en,
    "news_last_page": max(1, math.ceil(news.count() / 12)),
    "project": Project.objects.published().order_by("pk").first().slug_en,
    "partner": Organisation.objects.published().filter(news__in=news).order_by("pk").first().slug_en,
    "donor": donor.organisation.slug_en,
    "page": Page.objects.published().order_by("pk").first().slug_en,
    "sitemap_last_page": max(1, math.ceil(news.count() / NewsSitemap.limit)),
    "news_count": news.count(),
}
queries = {}
# Past the page cache: a signed-in user (a session cookie alone is served from the cache).
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


def run(args, env=None, **kwargs):
    return subprocess.run(args, env={**os.environ, **(env or {})}, check=True, cwd=ROOT, **kwargs)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(database_url, static_root, **extra):
    """The environment of a server or command run as in production (DEBUG off, a fresh secret,
    served over plain HTTP on this machine), on `database_url`, plus `extra`."""
    return {
        "DATABASE_URL": database_url,
        "DEBUG": "",
        "SECRET_KEY": "bench-" + uuid.uuid4().hex,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(static_root),
        **extra,
    }


def ensure_database(url, size):
    name = url.rsplit("/", 1)[1]
    server = url.rsplit("/", 1)[0] + "/postgres"
    env = {"DATABASE_URL": url, "DEBUG": "1"}
    check = f"import psycopg2; c = psycopg2.connect('{server}'); c.autocommit = True; cur = c.cursor(); "
    check += f"cur.execute(\"SELECT 1 FROM pg_database WHERE datname = '{name}'\"); "
    check += f"cur.fetchone() or cur.execute('CREATE DATABASE \"{name}\"')"
    run([PYTHON, "-c", check])
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
    count = subprocess.run(
        [
            PYTHON,
            "manage.py",
            "shell",
            "-v0",
            "-c",
            "from news.models import NewsItem; print(NewsItem.objects.count())",
        ],
        env={**os.environ, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if int(count.split()[-1] if count else 0) < size:
        print(f"  seeding {size} news (this takes a while at 100,000) ...", flush=True)
        run([PYTHON, "manage.py", "seed_demo"], env, stdout=subprocess.DEVNULL)
        run(
            [
                PYTHON,
                "manage.py",
                "seed_bulk",
                f"--news={size}",
                f"--projects={size // 10}",
                f"--partners={size // 10}",
            ],
            env,
            stdout=subprocess.DEVNULL,
        )
    run(
        [
            PYTHON,
            "-c",
            f"import psycopg2; c = psycopg2.connect('{url}'); c.autocommit = True; c.cursor().execute('ANALYZE')",
        ]
    )


def start_gunicorn(app, env, port):
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", app],
        env={
            **os.environ,
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": "2",
            # No worker is replaced during the run: its memory after the run is the memory it grew to.
            "GUNICORN_MAX_REQUESTS": "0",
            "LOG_LEVEL": "WARNING",
        },
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=open(LOG, "a"),
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(
                f"http://127.0.0.1:{port}/healthz" if "portal" in app else f"http://127.0.0.1:{port}/constant",
                timeout=2,
            )
            return process
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"gunicorn ({app}) did not start; see {LOG}")


def stop(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def worker_rss_mb(process):
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024)
    return max(sizes) if sizes else 0.0


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url, duration, connections, cookie=None):
    args = [
        "wrk",
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "--latency",
        "-H",
        f"Accept-Encoding: {ACCEPT_ENCODING}",
        url,
    ]
    if cookie:
        args[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = {}
    for percent in ("50", "99"):
        found = re.search(rf"\s{percent}%\s+([\d.]+)(us|ms|s)\b", out)
        latency[percent] = float(found.group(1)) * UNITS[found.group(2)] if found else float("nan")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rate": rate, "p50": latency["50"], "p99": latency["99"], "errors": int(errors.group(1)) if errors else 0}


def conditional_get(url):
    first = urllib.request.urlopen(url, timeout=30)
    etag = first.headers.get("ETag")
    request = urllib.request.Request(url, headers={"If-None-Match": etag or ""})
    try:
        urllib.request.urlopen(request, timeout=30)
    except urllib.error.HTTPError as error:
        return error.code
    return 200


def measure_size(size, options, static_root):
    url = f"{BASE_URL}_{size}"
    print(f"== {size} news: {url}", flush=True)
    ensure_database(url, size)
    env = production_env(url, static_root, REDIS_URL=REDIS_URL, CACHE_KEY_PREFIX=f"ura-bench-{uuid.uuid4().hex[:8]}")
    found = subprocess.run(
        [PYTHON, "-c", PROBE, json.dumps([path for _n, _k, path in PAGES])],
        env={**os.environ, **env, "DJANGO_SETTINGS_MODULE": "portal.settings"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    facts = json.loads(found.strip().splitlines()[-1])
    values = facts["values"]
    uncached_cookie = facts["cookie"]
    port, floor_port = (options.port, options.port + 1) if options.port else (free_port(), free_port())
    app = start_gunicorn("portal.wsgi", env, port)
    floor = start_gunicorn(
        "bench.floor.wsgi", {"DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "bench.floor.settings"}, floor_port
    )
    try:
        targets = [("floor: constant", "floor", f"http://127.0.0.1:{floor_port}/constant", None)]
        targets.append(("floor: 20 rows", "floor", f"http://127.0.0.1:{floor_port}/rows", None))
        for name, kind, path in PAGES:
            full = f"http://127.0.0.1:{port}{path.format(**values)}"
            targets.append((name, kind, full, None))
            targets.append((name, kind, full, uncached_cookie))
        for _name, _kind, target, cookie in targets:  # warm up: page cache, fragments, connections
            wrk(target, 1, 2, cookie)
        results = {}
        for _round in range(options.rounds):
            for name, _kind, target, cookie in targets:
                results.setdefault((name, cookie), []).append(
                    wrk(target, options.duration, options.connections, cookie)
                )
        rss = worker_rss_mb(app)
        not_modified = {
            name: conditional_get(f"http://127.0.0.1:{port}{path.format(**values)}") for name, _k, path in PAGES
        }
    finally:
        stop(app)
        stop(floor)
    summary = {}
    for (name, cookie), runs in results.items():
        summary[(name, bool(cookie))] = {
            "rate": statistics.median(run["rate"] for run in runs),
            "p50": statistics.median(run["p50"] for run in runs),
            "p99": statistics.median(run["p99"] for run in runs),
            "errors": sum(run["errors"] for run in runs),
        }
    queries = {}
    for name, _kind, path in PAGES:
        queries[name] = facts["queries"][path.format(**values)]
    return {
        "summary": summary,
        "rss": rss,
        "queries": queries,
        "not_modified": not_modified,
        "news": values["news_count"],
    }


def report(sizes, measured):
    smallest = sizes[0]
    lines = []
    for size in sizes:
        data = measured[size]
        summary = data["summary"]
        constant = summary[("floor: constant", False)]["rate"]
        rows = summary[("floor: 20 rows", False)]["rate"]
        lines.append("")
        lines.append(f"### {size:,} news ({data['news']:,} published), worker RSS after the run: {data['rss']:.0f} MB")
        lines.append("")
        lines.append(f"Floors: constant response {constant:,.0f} req/s, 20 rows from PostgreSQL {rows:,.0f} req/s.")
        lines.append("")
        lines.append(
            "| page | cached req/s | p50/p99 ms | / constant | uncached req/s | p50/p99 ms | / 20 rows | "
            f"cost vs {smallest:,} | queries | 304 |"
        )
        lines.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :-: |")
        for name, _kind, _path in PAGES:
            cached, uncached = summary[(name, False)], summary[(name, True)]
            base = measured[smallest]["summary"][(name, True)]["rate"]
            cost = base / uncached["rate"] if uncached["rate"] else float("inf")
            status, count = data["queries"][name]
            errors = " (errors!)" if cached["errors"] or uncached["errors"] or status != 200 else ""
            lines.append(
                f"| {name}{errors} | {cached['rate']:,.0f} | {cached['p50']:.1f}/{cached['p99']:.1f} | "
                f"{cached['rate'] / constant:.0%} | {uncached['rate']:,.0f} | "
                f"{uncached['p50']:.1f}/{uncached['p99']:.1f} | {uncached['rate'] / rows:.0%} | {cost:.2f}× | "
                f"{count} | {'yes' if data['not_modified'][name] == 304 else 'NO'} |"
            )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,10000,100000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=3, help="Seconds per target and round.")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--port", type=int, default=0, help="Ports for the site and the floor (PORT, PORT+1); free ones if 0."
    )
    options = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: `make bench` installs it (apt-get install wrk).")
    sizes = [int(size) for size in options.sizes.split(",")]
    static_root = tempfile.mkdtemp(prefix="ura-bench-static-")
    run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
        {
            "DEBUG": "",
            "SECRET_KEY": "bench-collectstatic",
            "STATIC_ROOT": static_root,
            "DATABASE_URL": f"{BASE_URL}_{sizes[0]}",
        },
    )
    measured = {}
    try:
        for size in sizes:
            measured[size] = measure_size(size, options, static_root)
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
    print(
        f"\n## Pages: gunicorn gthread, 2 workers; wrk {options.connections} connections, "
        f"{options.rounds} interleaved rounds of {options.duration} s (medians)"
    )
    print(report(sizes, measured))


if __name__ == "__main__":
    main()
