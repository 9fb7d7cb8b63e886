#!/usr/bin/env python
"""Anonymous pages served by nginx from the static snapshot, against nginx's static-file rate and a
constant Django response, in one run.

    python bench/snapshot_bench.py [--size 100] [--rounds 3] [--duration 3] [--connections 32]

Uses the pages benchmark's database of `--size` news (BENCH_DATABASE_URL + "_<size>", seeded
as `make bench` does), builds the snapshot (`manage.py build_snapshot`, no search index) and
starts Debian's nginx with the snapshot-first configuration of deploy/nginx-cluster.conf in
front of gunicorn (the site, Redis as its cache) and bench/floor (a constant HttpResponse).
Targets, all through that nginx, interleaved over the rounds, with wrk:

- snapshot: /en/news/ for an anonymous reader (nginx sends the snapshot's file);
- static: a 20 KB file from nginx's root (the best nginx does with a file);
- Django, page cache: the same page with a query string the site ignores (nginx passes it to
  Django, whose page cache answers);
- Django, constant: bench/floor's constant response through the same nginx.

Printed: req/s (median of the rounds), p50/p99, and the ratios snapshot/static and
snapshot/constant.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages_bench import (  # the pages benchmark's helpers, beside this file
    BASE_URL,
    PYTHON,
    REDIS_URL,
    ROOT,
    ensure_database,
    free_port,
    production_env,
    run,
    start_gunicorn,
    stop,
    wrk,
)

NGINX = """
worker_processes 2;
pid {run}/nginx.pid;
error_log {run}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {run}; proxy_temp_path {run}; fastcgi_temp_path {run};
    uwsgi_temp_path {run}; scgi_temp_path {run};
    include /etc/nginx/mime.types;
    sendfile on; tcp_nopush on;
    map $http_cookie $ura_has_session {{ default 0; "~(^|;)\\s*(sessionid|csrftoken)=" 1; }}
    map "$request_method:$ura_has_session:$is_args" $ura_from_snapshot {{ default 0; "GET:0:" 1; "HEAD:0:" 1; }}
    upstream site {{ server 127.0.0.1:{site}; keepalive 16; }}
    upstream floor {{ server 127.0.0.1:{floor}; keepalive 16; }}
    server {{
        listen 127.0.0.1:{port};
        root {snapshot};
        charset utf-8;
        location = /static-20k.html {{ root {files}; }}
        location = /constant {{
            proxy_http_version 1.1; proxy_set_header Connection ""; proxy_pass http://floor;
        }}
        location / {{
            error_page 418 = @django;
            if ($ura_from_snapshot = 0) {{ return 418; }}
            try_files ${{uri}}index.html $uri @django;
            add_header X-Snapshot hit always;
        }}
        location @django {{
            proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host $http_host;
            proxy_pass http://site;
        }}
    }}
}}
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    options = parser.parse_args()
    for program in ("wrk", "nginx"):
        if not shutil.which(program):
            raise SystemExit(f"{program} is missing (apt-get install {program}).")
    url = f"{BASE_URL}_{options.size}"
    ensure_database(url, options.size)
    work = Path(tempfile.mkdtemp(prefix="ura-bench-snapshot-"))
    env = production_env(
        url, work / "static", REDIS_URL=REDIS_URL, CACHE_KEY_PREFIX=f"ura-bench-{uuid.uuid4().hex[:8]}"
    )
    processes = []
    try:
        run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)
        began = time.monotonic()
        run([PYTHON, "manage.py", "build_snapshot", str(work / "snapshot"), "--no-search"], env)
        built = time.monotonic() - began
        (work / "files").mkdir()
        (work / "files" / "static-20k.html").write_text("<p>" + "x" * 20480 + "</p>\n")
        site_port, floor_port, port = free_port(), free_port(), free_port()
        processes.append(start_gunicorn("portal.wsgi", env, site_port))
        floor_env = {"DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "bench.floor.settings"}
        processes.append(start_gunicorn("bench.floor.wsgi", floor_env, floor_port))
        config = work / "nginx.conf"
        config.write_text(
            NGINX.format(
                run=work, site=site_port, floor=floor_port, port=port, snapshot=work / "snapshot", files=work / "files"
            )
        )
        # Started as root, nginx's workers would run as a user who cannot read the temporary folder.
        directives = ("user root; " if os.getuid() == 0 else "") + "daemon off;"
        nginx = subprocess.Popen(
            [shutil.which("nginx"), "-p", str(work), "-c", str(config), "-g", directives], cwd=ROOT
        )
        processes.append(nginx)
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                page = urllib.request.urlopen(f"{base}/en/news/", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        if page.headers.get("X-Snapshot") != "hit":
            raise SystemExit("nginx did not answer /en/news/ from the snapshot")
        size = len(page.read())
        targets = {
            "snapshot: /en/news/ (anonymous)": f"{base}/en/news/",
            "nginx: static 20 KB file": f"{base}/static-20k.html",
            "Django page cache: /en/news/?utm_source=x": f"{base}/en/news/?utm_source=x",
            "Django: constant response": f"{base}/constant",
        }
        for target in targets.values():  # warm up
            wrk(target, 1, 2)
        results = {}
        for _round in range(options.rounds):
            for name, target in targets.items():
                results.setdefault(name, []).append(wrk(target, options.duration, options.connections))
    finally:
        for process in reversed(processes):
            stop(process)
        shutil.rmtree(work, ignore_errors=True)
    summary = {
        name: {key: statistics.median(r[key] for r in runs) for key in ("rate", "p50", "p99")}
        | {"errors": sum(r["errors"] for r in runs)}
        for name, runs in results.items()
    }
    print(
        f"\n## Snapshot through nginx ({options.size} news; snapshot built in {built:.1f} s; page {size:,} bytes); "
        f"wrk {options.connections} connections, {options.rounds} interleaved rounds of {options.duration} s (medians)\n"
    )
    print("| target | req/s | p50 ms | p99 ms | errors |")
    print("|---|---:|---:|---:|---:|")
    for name, row in summary.items():
        print(f"| {name} | {row['rate']:,.0f} | {row['p50']:.2f} | {row['p99']:.2f} | {row['errors']} |")
    snapshot = summary["snapshot: /en/news/ (anonymous)"]["rate"]
    static = summary["nginx: static 20 KB file"]["rate"]
    constant = summary["Django: constant response"]["rate"]
    cached = summary["Django page cache: /en/news/?utm_source=x"]["rate"]
    print(
        f"\nsnapshot / static file: {snapshot / static:.2f}×; snapshot / Django constant: {snapshot / constant:.2f}×; "
        f"Django page cache / Django constant: {cached / constant:.2f}×; static / Django constant: {static / constant:.2f}×"
    )


if __name__ == "__main__":
    main()
