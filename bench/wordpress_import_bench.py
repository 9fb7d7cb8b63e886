"""WordPress import: a synthetic three-language Polylang export of 20,000 posts, imported without media.

    python bench/wordpress_import_bench.py [--groups 6667] [--database-url postgres://.../ura_wp_bench]

Makes a fresh database (dropped and migrated), writes the export (moving.synthetic), then
runs `manage.py import_wordpress` twice as a process of its own: the first import (posts
per second, peak RSS of the process), the second (must report 0 changes). The RSS is the
whole process's peak (Python, Django, the parser), read from the kernel when it ends.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from moving import synthetic  # noqa: E402  (plain Python, no Django needed)


def fresh_database(url):
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    server = url.rsplit("/", 1)[0] + "/postgres"
    code = (
        f"import psycopg2; c = psycopg2.connect('{server}'); c.autocommit = True; cur = c.cursor(); "
        f"cur.execute('DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)'); cur.execute('CREATE DATABASE \"{name}\"')"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=environment(url), check=True
    )


def environment(url):
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1"}
    env.pop("REDIS_URL", None)
    return env


RUN_AND_MEASURE = (
    "import resource, runpy, sys\n"
    "sys.argv = ['manage.py', 'import_wordpress', sys.argv[1], '--no-progress']\n"
    "try:\n"
    "    runpy.run_path('manage.py', run_name='__main__')\n"
    "finally:\n"
    "    print('PEAK_RSS_KB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
)


def import_once(url, path):
    """One import in a process of its own: (seconds, peak RSS in MB of that process, counts)."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", RUN_AND_MEASURE, str(path)],
        cwd=ROOT,
        env=environment(url),
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - started
    peak_kb = int(re.search(r"PEAK_RSS_KB (\d+)", result.stderr).group(1))
    counts = dict(re.findall(r"^  (created|updated|unchanged|skipped): (\d+)$", result.stdout, re.M))
    return seconds, peak_kb / 1024, {key: int(value) for key, value in counts.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--groups", type=int, default=6667, help="Translation groups (three posts each).")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ura_wp_bench"),
    )
    args = parser.parse_args()
    posts = 3 * args.groups
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "synthetic.xml"
        with open(path, "w", encoding="utf-8") as handle:
            synthetic.write(handle, args.groups)
        size = path.stat().st_size / 1024 / 1024
        print(f"Export: {posts} posts in {args.groups} translation groups (be, sq, en), {size:.1f} MB")
        fresh_database(args.database_url)
        seconds, rss, counts = import_once(args.database_url, path)
        print(f"First import:  {seconds:.1f} s, {posts / seconds:.0f} posts/s, peak RSS {rss:.0f} MB, {counts}")
        seconds, rss_again, counts = import_once(args.database_url, path)
        print(f"Second import: {seconds:.1f} s, {posts / seconds:.0f} posts/s, {counts}")
        if counts.get("created") or counts.get("updated"):
            sys.exit("The second import changed something.")


if __name__ == "__main__":
    main()
