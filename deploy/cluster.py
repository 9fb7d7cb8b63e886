"""A local cluster: two gunicorn app servers behind nginx, on PostgreSQL, Redis and an S3 API server.

    python deploy/cluster.py up      # start everything, print the addresses
    python deploy/cluster.py down    # stop everything this script started
    python deploy/cluster.py test    # up, the checks of deploy/cluster_checks.py, down (also on failure)

What runs (each process's pid and log in .cluster/, git-ignored):

- moto's standalone S3 server (``moto[server]``, from PyPI) on 127.0.0.1:18191: an S3 API
  on this machine with no set-up. MinIO is packaged neither in Debian nor on PyPI; production
  uses any S3-compatible store, and nothing in the code is specific to moto.
- two gunicorn servers (the project's gunicorn.conf.py, production settings: DEBUG off)
  on 127.0.0.1:18101 (A) and 127.0.0.1:18102 (B), and beside each a worker of the job queue
  (`manage.py procrastinate worker`; docs/deploy.md, "Background jobs");
- Debian's nginx on 127.0.0.1:18190 as the load balancer (deploy/nginx-cluster.conf), which
  retries idempotent requests on the other server when one fails; and on 18193 and 18194 as
  the nginx "on" server A and B, serving anonymous readers from that server's copy of the
  static snapshot (kept current by the job queue: SNAPSHOT_DIR, SNAPSHOT_DESTINATIONS);
- the machine's PostgreSQL (database ``ura_cluster``, made anew each time) and Redis
  (database 7 of 127.0.0.1:6379; a redis-server of our own on 18192 when none answers there).

CLUSTER_PORT and CLUSTER_DATABASE move the ports and the database (see below).
"""

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN = ROOT / ".cluster"
PYTHON = Path(os.environ.get("VENV", ROOT / ".venv")).resolve() / "bin" / "python"
HOST = "127.0.0.1"
# CLUSTER_PORT moves every port (default 18100: servers on 18101 and 18102, nginx on 18190,
# S3 on 18191, our own Redis on 18192); CLUSTER_DATABASE names the database. Two checkouts
# on one machine can then run a cluster each.
BASE_PORT = int(os.environ.get("CLUSTER_PORT", 18100))
SERVERS = {"a": BASE_PORT + 1, "b": BASE_PORT + 2}
NGINX_PORT = BASE_PORT + 90
S3_PORT = BASE_PORT + 91
OWN_REDIS_PORT = BASE_PORT + 92
# nginx "on" each server: readers from that server's copy of the static snapshot, the rest to its gunicorn.
SNAPSHOT_NGINX = {"a": BASE_PORT + 93, "b": BASE_PORT + 94}
BUCKET = "ura-cluster"
DATABASE = os.environ.get("CLUSTER_DATABASE", "ura_cluster")
if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", DATABASE):
    raise SystemExit(f"CLUSTER_DATABASE must be a plain lower-case name, not {DATABASE!r}")
PG = os.environ.get("CLUSTER_PG", "postgres://postgres@127.0.0.1:5432")


def answers(port, host=HOST):
    try:
        socket.create_connection((host, port), timeout=0.3).close()
        return True
    except OSError:
        return False


def wait_for(port, seconds=30, name=""):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if answers(port):
            return
        time.sleep(0.1)
    raise SystemExit(f"{name or port} did not start; see {RUN}/")


def start(name, command, env=None):
    log = open(RUN / f"{name}.log", "ab")
    process = subprocess.Popen(  # noqa: S603 - fixed programs
        command, cwd=ROOT, env=env or os.environ.copy(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    (RUN / f"{name}.pid").write_text(str(process.pid))
    return process


def stop(name, timeout=15):
    pid_file = RUN / f"{name}.pid"
    if not pid_file.exists():
        return
    pid = int(pid_file.read_text())
    try:
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            os.kill(pid, 0)
            if _is_zombie(pid):
                break
            time.sleep(0.1)
        else:
            os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    pid_file.unlink(missing_ok=True)


def _is_zombie(pid):
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"
    except OSError:
        return True


def redis_url():
    if (RUN / "redis.pid").exists() or not answers(6379):
        return f"redis://{HOST}:{OWN_REDIS_PORT}/0"
    return f"redis://{HOST}:6379/7"


def environment():
    secret_file = RUN / "secret"
    if not secret_file.exists():
        secret_file.write_text(secrets.token_urlsafe(50))
    site = f"http://{HOST}:{NGINX_PORT}"
    env = os.environ.copy()
    env.update(
        DEBUG="0",
        SECRET_KEY=secret_file.read_text(),
        DATABASE_URL=f"{PG}/{DATABASE}",
        REDIS_URL=redis_url(),
        CACHE_KEY_PREFIX=DATABASE,
        ALLOWED_HOSTS=f"{HOST},localhost",
        CSRF_TRUSTED_ORIGINS=f"https://{HOST}:{NGINX_PORT},{site}",
        SITE_URL=site,
        TRUSTED_PROXIES=HOST,
        SECURE_HSTS_SECONDS="0",
        AWS_STORAGE_BUCKET_NAME=BUCKET,
        AWS_S3_ENDPOINT_URL=f"http://{HOST}:{S3_PORT}",
        AWS_S3_REGION_NAME="us-east-1",
        AWS_ACCESS_KEY_ID="cluster",
        AWS_SECRET_ACCESS_KEY="cluster-secret",  # noqa: S106 - moto accepts any key
        AWS_S3_URL_PROTOCOL="http:",
        STATIC_ROOT=str(RUN / "static"),
        # The job queue keeps the snapshot current and sends it to each server's folder.
        SNAPSHOT_DIR=str(RUN / "snapshot"),
        SNAPSHOT_SEARCH="0",
        SNAPSHOT_DESTINATIONS=";".join(
            f"server-{name} {RUN / f'www-{name}'} http://{HOST}:{port}" for name, port in SNAPSHOT_NGINX.items()
        ),
        GUNICORN_WORKERS="2",
        GUNICORN_THREADS="4",
        LOG_LEVEL="WARNING",
    )
    return env


def public_read_policy(bucket, prefix="media"):
    """The bucket policy of docs/deploy.md: objects under `prefix`/ are public, nothing else."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicMedia",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/{prefix}/*",
            }
        ],
    }


def manage(*args, env=None):
    subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, env=env or environment(), check=True)  # noqa: S603


def ensure_nginx():
    if shutil.which("nginx") or Path("/usr/sbin/nginx").exists():
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise SystemExit("nginx is not installed (Debian: apt-get install nginx)")
    subprocess.run(["apt-get", "update", "-qq"], check=True)  # noqa: S607
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "nginx"],  # noqa: S607
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        stdout=subprocess.DEVNULL,
    )


def fresh_database():
    import psycopg2

    connection = psycopg2.connect(f"{PG}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {DATABASE}")
    connection.close()


def start_server(name):
    env = environment()
    env["GUNICORN_BIND"] = f"{HOST}:{SERVERS[name]}"
    start(f"gunicorn-{name}", [str(PYTHON), "-m", "gunicorn", "-c", "gunicorn.conf.py", "portal.wsgi"], env)
    wait_for(SERVERS[name], name=f"gunicorn {name}")


def start_worker(name):
    """The job queue's worker of server `name`; heartbeats every 2 s, a silent worker is dead after 6 s."""
    env = environment()
    env.update(JOBS_HEARTBEAT="2", JOBS_STALLED_AFTER="6", JOBS_STALLED_CHECK_SECONDS="3")
    return start(f"worker-{name}", [str(PYTHON), "manage.py", "procrastinate", "worker", "--name", name], env)


def up():
    RUN.mkdir(exist_ok=True)
    ensure_nginx()
    if not answers(6379) and not answers(OWN_REDIS_PORT):
        start(
            "redis", ["redis-server", "--port", str(OWN_REDIS_PORT), "--bind", HOST, "--save", "", "--appendonly", "no"]
        )
        wait_for(OWN_REDIS_PORT, name="redis-server")
    start("s3", [str(PYTHON), "-m", "moto.server", "-H", HOST, "-p", str(S3_PORT)])
    wait_for(S3_PORT, name="moto")
    env = environment()
    import boto3

    s3 = boto3.client(
        "s3",
        endpoint_url=env["AWS_S3_ENDPOINT_URL"],
        region_name="us-east-1",
        aws_access_key_id="cluster",
        aws_secret_access_key="cluster-secret",  # noqa: S106
    )
    s3.create_bucket(Bucket=BUCKET)
    # Anyone may read the public media prefix; the private prefix stays private (docs/deploy.md).
    s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(public_read_policy(BUCKET)))
    fresh_database()
    manage("migrate", "--noinput", "-v0", env=env)
    manage("compile_catalogues", env=env)
    manage("collectstatic", "--noinput", "-v0", env=env)
    manage("setup_roles", env=env)
    for folder in ("snapshot", "www-a", "www-b"):
        shutil.rmtree(RUN / folder, ignore_errors=True)
    manage("build_snapshot", str(RUN / "snapshot"), "--no-search", "--send", env=env)
    for name in SERVERS:
        start_server(name)
        start_worker(name)
    config = (ROOT / "deploy" / "nginx-cluster.conf").read_text()
    markers = (
        ("@RUN@", RUN),
        ("@A@", SERVERS["a"]),
        ("@B@", SERVERS["b"]),
        ("@NGINX_A@", SNAPSHOT_NGINX["a"]),
        ("@NGINX_B@", SNAPSHOT_NGINX["b"]),
        ("@NGINX@", NGINX_PORT),
    )
    for marker, value in markers:
        config = config.replace(marker, str(value))
    (RUN / "nginx.conf").write_text(config)
    start("nginx", ["nginx", "-p", str(RUN), "-c", str(RUN / "nginx.conf"), "-g", "daemon off;"])
    wait_for(NGINX_PORT, name="nginx")
    print(
        f"Cluster up: http://{HOST}:{NGINX_PORT}/ (A :{SERVERS['a']}, B :{SERVERS['b']}, S3 :{S3_PORT}); logs in {RUN}/"
    )


def down():
    for name in (
        "nginx",
        *(f"gunicorn-{name}" for name in SERVERS),
        *(f"worker-{name}" for name in SERVERS),
        "s3",
        "redis",
    ):
        stop(name)
    if answers(6379) and "6379/7" in redis_url():
        import redis

        client = redis.Redis.from_url(redis_url())
        for key in client.scan_iter(f"{DATABASE}:*"):
            client.delete(key)
    print("Cluster down.")


def test():
    try:
        up()
        sys.path.insert(0, str(ROOT / "deploy"))
        import cluster_checks

        failed = cluster_checks.run(sys.modules[__name__])
    finally:
        down()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    commands = {"up": up, "down": down, "test": test}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        raise SystemExit(__doc__)
    commands[sys.argv[1]]()
