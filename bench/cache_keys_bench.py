#!/usr/bin/env python
"""Redis's key count under 10,000 requests with random query strings and cookies: it stays bounded.

    python bench/cache_keys_bench.py [--requests 10000] [--clients 8] [--site DIR]

Starts a Redis of its own (a free port, nothing saved) and gunicorn with the
project's gunicorn.conf.py and production settings (DEBUG off, as
bench/pages_bench.py runs it), on a database of its own
(BENCH_KEYS_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/ura_bench_keys,
migrated and filled with ``seed_demo`` + ``seed_bulk --news 100`` when empty).
Every list page is requested once cleanly (the page and its fragments are
stored), then --requests requests are spread over the list pages, each with a
random query string: made-up parameters, the page's own filters in any order
with empty fields, repeated, or with values the site does not offer, ``preview``,
page numbers in other spellings, and now and then a made-up session or messages
cookie. Prints Redis's key count (DBSIZE, and the page-cache entries among them)
before and after every tenth of the requests, the answers by status and by
X-Cache, and the requests per second. What may still grow is bounded by the
pages that exist: every valid combination of filters and page numbers.

--site runs another checkout of the project (an older commit, for a before and
after comparison); the database and the rest stay the same.
"""

import argparse
import collections
import http.client
import os
import random
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import redis

# The bench folder is not a package: its scripts import each other from their folder.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages_bench import ensure_database, production_env

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASE_URL = os.environ.get("BENCH_KEYS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ura_bench_keys")

# (path, the filters it offers with values that exist in the demo content)
PAGES = [
    ("/en/news/", {"kind": ["visit", "meeting", "statement"], "year": ["2025", "2024"]}),
    ("/be/news/", {"kind": ["visit", "statement"], "year": ["2025"]}),
    ("/be-latn/news/", {"kind": ["visit", "event"], "year": ["2025"]}),
    ("/sq/projects/", {"status": ["ongoing", "completed"]}),
    ("/en/partners/", {"kind": ["ngo", "government"]}),
    ("/en/feeds/news/", {"kind": ["visit"]}),
    ("/be-latn/", {}),
]
CHECKPOINTS = 10
JUNK_NAMES = ["cb", "utm_source", "utm_campaign", "fbclid", "gclid", "ref", "_", "v"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{process.args[0]} stopped")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    raise SystemExit(f"nothing answers at {url}")


def word(rnd, length=10):
    return "".join(rnd.choices(string.ascii_letters + string.digits, k=length))


def random_request(rnd):
    """(path, query, cookie) of one visitor's request with a random query string."""
    path, filters = rnd.choice(PAGES)
    pairs = [(rnd.choice(JUNK_NAMES + [word(rnd, 5)]), word(rnd)) for _ in range(rnd.randint(1, 3))]
    for name, values in filters.items():
        roll = rnd.random()
        if roll < 0.3:
            pairs.append((name, rnd.choice(values)))
        elif roll < 0.45:
            pairs.append((name, ""))  # the form's empty field
        elif roll < 0.5:
            pairs += [(name, rnd.choice(values)), (name, rnd.choice(values))]  # repeated
        elif roll < 0.55:
            pairs.append((name, word(rnd)))  # not offered: 400
    roll = rnd.random()
    if roll < 0.1:
        pairs.append(("preview", rnd.choice(["1", word(rnd, 3)])))
    elif roll < 0.2:
        pairs.append(("page", rnd.choice(["1", "01", "001", "+1", " 1", str(rnd.randint(2, 9999))])))
    rnd.shuffle(pairs)
    query = "&".join(f"{urllib.parse.quote(name)}={urllib.parse.quote(value)}" for name, value in pairs)
    cookie = ""
    roll = rnd.random()
    if roll < 0.1:
        cookie = f"sessionid={word(rnd, 32).lower()}"
    elif roll < 0.15:
        cookie = f"messages={word(rnd, 20)}"
    return path, query, cookie


def drive(port, plan, results):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for path, query, cookie in plan:
        headers = {"Accept-Encoding": "gzip, deflate, br"}
        if cookie:
            headers["Cookie"] = cookie
        try:
            connection.request("GET", f"{path}?{query}", headers=headers)
            response = connection.getresponse()
            response.read()
            results.append((response.status, response.getheader("X-Cache") or "none"))
        except (OSError, http.client.HTTPException):
            results.append((0, "no answer"))
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.close()


def counts(client):
    pages = sum(1 for _key in client.scan_iter(match="*ura:page:*", count=1000))
    return client.dbsize(), pages


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--site", default=str(ROOT), help="the checkout to run (default: this one)")
    options = parser.parse_args()
    site = Path(options.site).resolve()
    redis_server = shutil.which("redis-server")
    if not redis_server:
        raise SystemExit("redis-server is missing (apt-get install redis-server).")

    ensure_database(DATABASE_URL, 100)
    folder = Path(tempfile.mkdtemp(prefix="ura-keys-bench-"))
    redis_port, web_port = free_port(), free_port()
    env = {
        **os.environ,
        **production_env(
            DATABASE_URL,
            folder / "static",
            REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
            GUNICORN_BIND=f"127.0.0.1:{web_port}",
            GUNICORN_WORKERS="2",
            LOG_LEVEL="WARNING",
        ),
    }
    processes = []
    try:
        for command in (["collectstatic", "--noinput", "-v0"], ["compile_catalogues"]):
            subprocess.run([PYTHON, "manage.py", *command], cwd=site, env=env, check=True, capture_output=True)
        store = subprocess.Popen(
            [redis_server, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        processes.append(store)
        log = open(folder / "gunicorn.log", "w")
        web = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "portal.wsgi"],
            cwd=site,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        processes.append(web)
        wait_for(f"http://127.0.0.1:{web_port}/healthz", web)
        client = redis.Redis(port=redis_port)

        for path, _filters in PAGES:  # each page once, cleanly, on both workers
            for _ in range(4):
                urllib.request.urlopen(f"http://127.0.0.1:{web_port}{path}", timeout=60).read()
        before = counts(client)

        rnd = random.Random(options.seed)
        plan = [random_request(rnd) for _ in range(options.requests)]
        results, growth, elapsed = [], [], 0.0
        step = max(1, options.requests // CHECKPOINTS)
        for start in range(0, options.requests, step):
            part = plan[start : start + step]
            threads = [
                threading.Thread(target=drive, args=(web_port, part[index :: options.clients], results))
                for index in range(options.clients)
            ]
            started = time.monotonic()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed += time.monotonic() - started
            growth.append((start + len(part), *counts(client)))
        memory = client.info("memory")["used_memory_human"]
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
        shutil.rmtree(folder, ignore_errors=True)

    statuses = collections.Counter(status for status, _cache in results)
    caches = collections.Counter(cache for _status, cache in results)
    print(f"site: {site}  ({'this checkout' if site == ROOT else 'another checkout'})")
    print(f"{len(results):,} requests, {options.clients} clients, {elapsed:.1f} s, {len(results) / elapsed:,.0f} req/s")
    print("status:", ", ".join(f"{status}: {count:,}" for status, count in sorted(statuses.items())))
    print("X-Cache:", ", ".join(f"{cache}: {count:,}" for cache, count in sorted(caches.items())))
    print(f"\n{'requests':>9} {'Redis keys':>11} {'pages':>6}")
    print(f"{0:>9,} {before[0]:>11,} {before[1]:>6,}  (each page requested once, cleanly)")
    for done, keys, pages in growth:
        print(f"{done:>9,} {keys:>11,} {pages:>6,}")
    print(f"Redis memory after: {memory}")


if __name__ == "__main__":
    main()
