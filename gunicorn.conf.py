"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py portal.wsgi`.

Every value can be overridden from the environment. Only the proxy in front may reach
gunicorn (docs/deploy.md): a client that sends its headers slowly holds a worker thread
here, where nginx holds only a connection and drops it; and gunicorn names itself in a
Server header it has no setting to leave out, which nginx does not pass on.
"""

import multiprocessing
import os

# This machine only, or the app server's private address (never a public one).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
worker_class = "gthread"
# A listening socket per worker (SO_REUSEPORT): the kernel spreads the connections
# over the workers. With one shared socket, the worker that wakes first takes them,
# and a burst of keep-alive connections can land on one worker while the other idles
# (measured: all 32 of a load run on one of two workers, half the throughput).
reuse_port = os.environ.get("GUNICORN_REUSE_PORT", "1") == "1"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (a guard against slow leaks; 0: never).
# Each replacement costs a cold start (imports, catalogues, templates), so it is
# far above what a worker serves in a few seconds of a busy day; the benchmark
# sets 0, so that worker memory is measured after every page type, not after a restart.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 50000))
max_requests_jitter = max_requests // 10
# The reverse proxy in front terminates TLS and sets X-Forwarded-Proto; gunicorn believes
# it only from these addresses: by default the application's own TRUSTED_PROXIES.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", os.environ.get("TRUSTED_PROXIES", "127.0.0.1,::1"))
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
limit_request_line = 8190
