#!/usr/bin/env python
"""The snapshot at scale: a full build's time and memory, and how long a publish takes to reach a
destination, on the pages benchmark's database of `--size` news.

    python bench/snapshot_scale_bench.py [--size 10000] [--processes 2] [--languages en] [--keep DIR]
                                         [--database-url URL]

Uses BENCH_DATABASE_URL + "_<size>", or --database-url (seeded as `make bench` does: the demo, then `seed_bulk`
with --news=size, --projects and --partners size/10). Then:

1. `manage.py build_snapshot DEST --no-search --processes P` under `/usr/bin/time -v`: wall time,
   files, pages per second, the largest process's peak RSS (time's figure) and the peak of the
   sum over the build and its rendering processes (sampled every second).
2. A folder destination gets the whole copy (`send_all`, the first time).
3. With the copy as SNAPSHOT_DIR and the job run in the saving process (JOBS_IN_PROCESS=now),
   a news item is edited and saved, three times: the newest item, one in the middle and the
   oldest. Measured from the save to the moment the job has written the copy and sent the
   changed files to the destination: seconds, addresses rendered, files written and sent, and
   whether the destination's page shows the new title. A real queue adds its pick-up time (a
   LISTEN/NOTIFY round trip) to this.

The search index is left out (--no-search, SNAPSHOT_SEARCH=0): an update sends its pages before
Pagefind runs, so the index does not delay a publish. With --keep the copy stays in DIR (and a
second run with the same DIR skips the build).
"""

import argparse
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages_bench import BASE_URL, PYTHON, ROOT, ensure_database, production_env, run  # the pages benchmark's helpers

LATENCY = r"""
import json, sys, time
from pathlib import Path
from django.conf import settings
from django.utils import translation
from news.models import NewsItem
from mirror import updates
from mirror.manifest import Manifest

dest = Path(settings.SNAPSHOT_DIR)
name, target = settings.SNAPSHOT_DESTINATIONS.split()[:2]
target = Path(target)
began = time.monotonic()
first = updates.send_all(dest, None)
whole = time.monotonic() - began
manifest = Manifest(dest)
files = len(manifest.names())
manifest.close()
items = list(NewsItem.objects.published().order_by("-date", "-pk").values_list("pk", flat=True))
rows = []
for label, pk in (("newest", items[0]), ("middle", items[len(items) // 2]), ("oldest", items[-1])):
    item = NewsItem.objects.get(pk=pk)
    title = f"{item.title_en} (corrected {time.time():.0f})"
    item.title_en = title
    reports = []
    original = updates.run
    def measured():
        report = original()
        reports.append(report)
        return report
    updates.run = measured
    began = time.monotonic()
    item.save()  # commits; the job runs in this process once the save is committed
    took = time.monotonic() - began
    updates.run = original
    with translation.override("en"):
        page = target / item.get_absolute_url().lstrip("/") / "index.html"
    shown = page.is_file() and title.replace("&", "&amp;") in page.read_text()
    report = reports[-1] if reports else {}
    rows.append({"item": label, "seconds": took, "rendered": report.get("rendered"), "written": report.get("written"),
                 "sent": report.get("destinations", {}).get(name), "shown": shown})
print("RESULT " + json.dumps({"files": files, "first_send": whole, "first_sent": first.get(name), "rows": rows}))
"""


def tree_rss_mb(root):
    """The resident memory of a process and its descendants, in MB (read from /proc)."""
    children, rss = {}, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            found = re.search(r"VmRSS:\s+(\d+) kB", (entry / "status").read_text())
        except (OSError, IndexError, ValueError):
            continue  # a process that ended meanwhile
        children.setdefault(ppid, []).append(int(entry.name))
        rss[int(entry.name)] = int(found[1]) if found else 0
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total / 1024


LINK = re.compile(r'\s(?:href|src)=["\']([^"\']*)["\']', re.I)


def broken_links(dest):
    """(pages, relative links, those that resolve to no file of the copy) over every HTML page."""
    pages = links = 0
    broken = []
    for path in dest.rglob("*.html"):
        if "pagefind" in path.relative_to(dest).parts:
            continue
        pages += 1
        for url in LINK.findall(path.read_text(errors="replace")):
            parts = urlsplit(url.replace("&amp;", "&"))
            if parts.scheme or parts.netloc or not parts.path:
                continue
            links += 1
            target = Path(posixpath.normpath(path.parent / unquote(parts.path)))
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{path.relative_to(dest)}: {url}")
    return pages, links, broken


def build(dest, env, options):
    command = ["/usr/bin/time", "-v", PYTHON, "manage.py", "build_snapshot", str(dest), "--no-search"]
    command += ["--processes", str(options.processes)]
    if options.languages:
        command += ["--languages", options.languages]
    began = time.monotonic()
    process = subprocess.Popen(
        command, env={**os.environ, **env}, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    peak = [0.0]

    def sample():
        while process.poll() is None:
            peak[0] = max(peak[0], tree_rss_mb(process.pid))
            time.sleep(1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    took = time.monotonic() - began
    sampler.join()
    if process.returncode:
        raise SystemExit(f"build_snapshot failed:\n{err[-3000:]}")
    files = int(re.search(r"(\d+) files:", out)[1])
    largest = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)[1]) / 1024
    return {"seconds": took, "files": files, "largest_rss": largest, "sum_rss": peak[0], "output": out.strip()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--languages", help="Comma-separated languages of the copy (default: all).")
    parser.add_argument("--database-url", help="An already seeded database (default: the pages benchmark's).")
    parser.add_argument("--keep", help="Build into this folder and keep it (a second run reuses it).")
    options = parser.parse_args()
    url = options.database_url or f"{BASE_URL}_{options.size}"
    ensure_database(url, options.size)
    work = Path(tempfile.mkdtemp(prefix="ura-bench-scale-"))
    dest = Path(options.keep) if options.keep else work / "snapshot"
    env = production_env(url, work / "static")
    try:
        run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)
        built = None
        if not (dest / ".snapshot.sqlite3").is_file():
            built = build(dest, env, options)
        destination = work / "destination"
        latency_env = {
            **env,
            "SNAPSHOT_DIR": str(dest),
            "SNAPSHOT_SEARCH": "0",
            # A new name each run: the manifest remembers what each destination holds.
            "SNAPSHOT_DESTINATIONS": f"bench-{uuid.uuid4().hex[:8]} {destination} https://copy.example.net",
            "JOBS_IN_PROCESS": "now",
        }
        output = subprocess.run(
            [PYTHON, "manage.py", "shell", "-v0", "-c", LATENCY],
            env={**os.environ, **latency_env},
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        measured = json.loads(output.split("RESULT ", 1)[1])
        checked = broken_links(dest)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    languages = options.languages or "all languages"
    print(f"\n## Snapshot at {options.size:,} news ({languages})\n")
    if built:
        print(
            f"Full build, {options.processes} rendering processes: {built['files']:,} files in {built['seconds']:.0f} s "
            f"({built['files'] / built['seconds']:.1f} files/s); peak RSS {built['largest_rss']:.0f} MB "
            f"(largest process), {built['sum_rss']:.0f} MB (all processes)."
        )
        print(f"  {built['output']}")
    print(
        f"First send to a folder destination: {measured['first_sent']} files in {measured['first_send']:.0f} s "
        f"(copy of {measured['files']:,} files)."
    )
    pages, links, broken = checked
    print(f"Relative links over {pages:,} HTML pages of the copy: {links:,}, of which {len(broken)} lead to no file.")
    for line in broken[:10]:
        print(f"  {line}")
    print("\n| item edited | save → sent (s) | rendered | written | sent | destination shows it |")
    print("|---|---:|---:|---:|---:|---|")
    for row in measured["rows"]:
        print(
            f"| {row['item']} | {row['seconds']:.1f} | {row['rendered']} | {row['written']} | {row['sent']} "
            f"| {'yes' if row['shown'] else 'NO'} |"
        )


if __name__ == "__main__":
    main()
