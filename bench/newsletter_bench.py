"""Newsletter: a digest to 10,000 subscribers through the job queue, a worker killed midway.

    python bench/newsletter_bench.py [--subscribers 10000] [--kill-at 0.47] [--rate 0]
                                     [--database-url postgres://.../ura_nl_bench]

Makes a fresh database (dropped and migrated), one published news item in three languages
and N confirmed weekly subscribers (be, be-latn, sq, en in turn), plans the weekly send and
queues its first batch job. An SMTP server (aiosmtpd, in this process) receives the mail.
A first worker (`manage.py procrastinate worker`) sends until --kill-at of the mail has
arrived and is killed with SIGKILL; a second worker starts, retries the dead worker's job
once its heartbeat is missed (JOBS_STALLED_AFTER=3 s) and finishes the send. Then it
counts what the server received against the delivery rows: no recipient twice, none missing.
--rate is each worker's NEWSLETTER_SEND_RATE (mails a second; 0: as fast as it goes).
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent

SETUP = """
from datetime import timedelta
from django.utils import timezone
from core.models import Status
from news.models import NewsItem
from newsletter import tasks
from newsletter.models import Send, Subscriber

NewsItem.objects.create(
    title_en="Delegation of the Coordination Body in Prishtina", title_sq="Delegacioni i Trupit Koordinues në Prishtinë",
    title_be="Дэлегацыя Каардынацыйнага цела ў Прышціне", lead_en="Meetings on regional cooperation.",
    lead_sq="Takime për bashkëpunimin rajonal.", lead_be="Сустрэчы пра рэгіянальнае супрацоўніцтва.",
    body_en="<p>.</p>", body_sq="<p>.</p>", body_be="<p>.</p>", date=timezone.now().date(),
    status=Status.PUBLISHED, publish_at=timezone.now() - timedelta(hours=1),
)
codes = ["be", "be-latn", "sq", "en"]
Subscriber.objects.bulk_create(
    (Subscriber(email=f"reader{n}@example.org", languages=[codes[n % 4]], state="active", rhythm="weekly")
     for n in range({count})),
    batch_size=5000,
)
send = tasks.plan_and_send(Send.Kind.WEEKLY)
print("SEND", send.pk, send.deliveries.count())
"""


class Mailbox:
    def __init__(self):
        self.recipients = Counter()
        self.messages = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages += 1
            self.recipients.update(envelope.rcpt_tos)
        return "250 OK"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(url, **extra):
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "portal.settings", **extra}
    env.pop("REDIS_URL", None)
    return env


def fresh_database(url):
    name = urlsplit(url).path.lstrip("/")
    server = url.rsplit("/", 1)[0] + "/postgres"
    code = (
        f"import psycopg2; c = psycopg2.connect('{server}'); c.autocommit = True; cur = c.cursor(); "
        f"cur.execute('DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)'); cur.execute('CREATE DATABASE \"{name}\"')"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=environment(url), check=True
    )


def query(url, sql):
    import psycopg2

    with psycopg2.connect(url) as connection, connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--kill-at", type=float, default=0.47, help="Share of the mail received when the worker dies.")
    parser.add_argument("--rate", type=float, default=0, help="NEWSLETTER_SEND_RATE of each worker (0: no limit).")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ura_nl_bench"),
    )
    args = parser.parse_args()
    url = args.database_url

    print(f"fresh database {urlsplit(url).path.lstrip('/')} ...", flush=True)
    fresh_database(url)
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v0", "-c", SETUP.replace("{count}", str(args.subscribers))],
        cwd=ROOT,
        env=environment(url, JOBS_IN_PROCESS=""),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    send_id, rows = (int(value) for value in out.split("SEND", 1)[1].split())
    planned = time.perf_counter() - started
    print(f"{args.subscribers} subscribers, send {send_id} planned with {rows} deliveries in {planned:.1f} s")

    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    worker_env = environment(
        url,
        SITE_URL="https://ura.example.org",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        NEWSLETTER_SEND_RATE=str(args.rate),
        NEWSLETTER_BATCH_SIZE="500",
        JOBS_HEARTBEAT="1",
        JOBS_STALLED_AFTER="3",
        JOBS_STALLED_CHECK_SECONDS="2",
        LOG_LEVEL="WARNING",
    )
    command = [sys.executable, "manage.py", "procrastinate", "worker", "--queues", "mail,upkeep"]
    workers = []
    log = tempfile.TemporaryFile()
    try:
        begin = time.perf_counter()
        first = subprocess.Popen([*command, "--name", "first"], cwd=ROOT, env=worker_env, stdout=log, stderr=log)
        workers.append(first)
        kill_at = int(rows * args.kill_at)
        while mailbox.messages < kill_at:
            if first.poll() is not None:
                raise SystemExit("the first worker stopped by itself")
            time.sleep(0.01)
        os.kill(first.pid, signal.SIGKILL)
        first.wait(10)
        killed = time.perf_counter()
        at_kill = mailbox.messages
        in_flight = query(url, f"SELECT count(*) FROM newsletter_delivery WHERE send_id={send_id} AND state='sending'")
        print(
            f"first worker killed after {at_kill} mails, {killed - begin:.1f} s ({at_kill / (killed - begin):.0f}/s);"
        )
        print(f"  rows left claimed by it ('sending'): {in_flight[0][0]}")
        second = subprocess.Popen([*command, "--name", "second"], cwd=ROOT, env=worker_env, stdout=log, stderr=log)
        workers.append(second)
        resumed = None
        while not query(url, f"SELECT finished_at IS NOT NULL FROM newsletter_send WHERE id={send_id}")[0][0]:
            if resumed is None and mailbox.messages > at_kill:
                resumed = time.perf_counter()
            if time.perf_counter() - killed > 1800:
                raise SystemExit("the send did not finish within 30 minutes")
            time.sleep(0.1)
        done = time.perf_counter()
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.terminate()
                worker.wait(10)
        controller.stop()
    if resumed is None:
        resumed = done
    states = dict(query(url, f"SELECT state, count(*) FROM newsletter_delivery WHERE send_id={send_id} GROUP BY state"))
    expected = {f"reader{n}@example.org" for n in range(args.subscribers)}
    received = mailbox.recipients
    duplicates = sum(1 for count in received.values() if count > 1)
    missing = len(expected - set(received))
    attempts = query(url, "SELECT attempts, status FROM procrastinate_jobs WHERE task_name='newsletter.deliver'")
    retried = sum(1 for attempt, _status in attempts if attempt > 1)
    print(
        f"second worker sent its first mail {resumed - killed:.1f} s after the kill; send finished at {done - begin:.1f} s"
    )
    print(f"messages received: {mailbox.messages}; distinct recipients: {len(received)} of {args.subscribers}")
    print(f"duplicates: {duplicates}; missing: {missing}; delivery rows: {states}")
    print(f"batch jobs: {len(attempts)}, of which run again after the kill: {retried}")
    print(f"overall: {mailbox.messages / (done - begin):.0f} mails/s including the {resumed - killed:.1f} s pause")
    if duplicates or missing or states.get("sent") != rows:
        raise SystemExit("FAILED: a mail was lost or sent twice")
    print("OK: every mail once")


if __name__ == "__main__":
    main()
