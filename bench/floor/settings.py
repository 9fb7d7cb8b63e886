"""The floors of the page benchmark: the cheapest answers Django can give on this machine.

A constant ``HttpResponse`` and a 20-row list read from PostgreSQL and rendered
through a template, by minimal views with no app, middleware or session.
"""

from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
DEBUG = False
SECRET_KEY = "bench-floor-not-secret"  # noqa: S105 - a local benchmark server only
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "bench.floor.urls"
INSTALLED_APPS = []
MIDDLEWARE = []
DATABASES = {"default": dj_database_url.config(conn_max_age=60)}
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [BASE_DIR]}]
USE_TZ = True
WSGI_APPLICATION = "bench.floor.wsgi.application"
