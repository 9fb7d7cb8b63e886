"""Ura settings: one module, read top to bottom.

Every value that differs between machines comes from the environment
(see `.env.example`); the defaults are safe for development.
"""

import ipaddress
import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_networks(name, default=""):
    """A comma-separated list of IP addresses and networks ("10.0.0.0/8"), checked at start-up."""
    values = env_list(name, default)
    for value in values:
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError as error:
            raise ImproperlyConfigured(f"{name}: {error} (addresses or networks, comma-separated)") from None
    return values


# --- Core -------------------------------------------------------------------

DEBUG = env_bool("DEBUG", False)
_DEV_SECRET = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105 - used only with DEBUG on
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (see .env.example).")
    SECRET_KEY = _DEV_SECRET

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
# Mirrors: other host names the same site answers on (links, forms, feeds and
# sitemaps follow the host a reader came through; canonical links and hreflang
# name SITE_URL). ONION_HOST: the site's onion address (served over plain HTTP,
# announced with Onion-Location). Both are added to ALLOWED_HOSTS.
SITE_MIRRORS = env_list("SITE_MIRRORS")
ONION_HOST = os.environ.get("ONION_HOST", "").strip().lower()
ALLOWED_HOSTS += [host for host in [*SITE_MIRRORS, ONION_HOST] if host and host not in ALLOWED_HOSTS]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Static snapshots (mirror.builder): the addresses where copies of the public site are
# published, listed on the snapshot's mirrors page with ONION_HOST.
SNAPSHOT_MIRRORS = env_list("SNAPSHOT_MIRRORS")
# SNAPSHOT_DIR: the copy kept current after every publish by a job (mirror.tasks); empty: no
# automatic updates. nginx serves anonymous readers from it (deploy/nginx.conf). It is sent to
# SNAPSHOT_DESTINATIONS, one a line or separated by ";": "name target base-url [host,host]",
# target a folder or s3://bucket/prefix (keys: SNAPSHOT_S3_*, else the AWS_* ones).
SNAPSHOT_DIR = os.environ.get("SNAPSHOT_DIR", "").strip()
SNAPSHOT_DESTINATIONS = os.environ.get("SNAPSHOT_DESTINATIONS", "")
SNAPSHOT_SEARCH = os.environ.get("SNAPSHOT_SEARCH", "1") == "1"  # rebuild Pagefind's index after an update
SNAPSHOT_S3_ENDPOINT_URL = os.environ.get("SNAPSHOT_S3_ENDPOINT_URL") or None
SNAPSHOT_S3_REGION_NAME = os.environ.get("SNAPSHOT_S3_REGION_NAME") or None
SNAPSHOT_S3_ACCESS_KEY_ID = os.environ.get("SNAPSHOT_S3_ACCESS_KEY_ID") or None
SNAPSHOT_S3_SECRET_ACCESS_KEY = os.environ.get("SNAPSHOT_S3_SECRET_ACCESS_KEY") or None

INSTALLED_APPS = [
    "modeltranslation",  # must come before django.contrib.admin
    "core",
    "library",
    "editorial",  # before the admin: its templates override the admin's
    "editorial.apps.EditorialAdminConfig",  # django.contrib.admin with the editorial site
    "django.contrib.auth",
    "axes",  # login throttling
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_prose_editor",
    "reversion",
    "translating",
    "partners",
    "projects",
    "news",
    "events",
    "portal",
    "search",
    "opendata",
    "moving",
    "newsletter",
    "mirror",
]

MIDDLEWARE = [
    # No HTTPS redirect on the onion address (portal.middleware); then Django's.
    "portal.middleware.OnionMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous pages stored whole; every answer compressed, and 304 to conditional GETs.
    "portal.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's; /be-latn/ is the Belarusian page converted to Łacinka (portal.latin).
    "portal.latin.LocaleMiddleware",
    # Django's; a NUL in the path is a 400, an old site's address a 301 to what it became (portal.middleware).
    "portal.middleware.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Content Security Policy, Permissions Policy, Onion-Location.
    "portal.middleware.SecurityHeadersMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
# DATABASE_URL, e.g. postgres://user:pass@host:5432/ura ; default: SQLite file.

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Time limits (milliseconds): a web request never waits long on a lock or a slow
# query; it gets a 503 "try again" page instead (portal.middleware). manage.py
# sets longer ones for management commands (migrations, seeding, index rebuilds).
DB_STATEMENT_TIMEOUT = int(os.environ.get("DB_STATEMENT_TIMEOUT", 5000))
DB_LOCK_TIMEOUT = int(os.environ.get("DB_LOCK_TIMEOUT", 2000))
DB_IDLE_IN_TRANSACTION_TIMEOUT = int(os.environ.get("DB_IDLE_IN_TRANSACTION_TIMEOUT", 60000))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "connect_timeout": int(os.environ.get("DB_CONNECT_TIMEOUT", 3)),
            "options": f"-c statement_timeout={DB_STATEMENT_TIMEOUT} -c lock_timeout={DB_LOCK_TIMEOUT}"
            f" -c idle_in_transaction_session_timeout={DB_IDLE_IN_TRANSACTION_TIMEOUT}",
        }
    )
# The job queue (docs/deploy.md, "Background jobs"): Procrastinate on PostgreSQL, its
# workers started by `manage.py procrastinate worker` on any number of machines. On
# SQLite (the quick start) there is no queue: a job runs in a thread of the web process.
# JOBS_IN_PROCESS: "thread" (SQLite's default), "now" (at once, in the caller: the tests),
# or empty (the queue: PostgreSQL's default).
_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
JOBS_IN_PROCESS = os.environ.get("JOBS_IN_PROCESS", "" if _POSTGRES else "thread")
if _POSTGRES:
    INSTALLED_APPS.insert(INSTALLED_APPS.index("moving"), "procrastinate.contrib.django")
# A worker sends a heartbeat every JOBS_HEARTBEAT seconds; one that sent none for
# JOBS_STALLED_AFTER seconds is taken as dead, and its job is run again (core.tasks
# looks every JOBS_STALLED_CHECK_SECONDS).
JOBS_HEARTBEAT = float(os.environ.get("JOBS_HEARTBEAT", 10))
JOBS_STALLED_AFTER = float(os.environ.get("JOBS_STALLED_AFTER", 30))
JOBS_STALLED_CHECK_SECONDS = int(os.environ.get("JOBS_STALLED_CHECK_SECONDS", 15))
PROCRASTINATE_WORKER_DEFAULTS = {
    "update_heartbeat_interval": JOBS_HEARTBEAT,
    "stalled_worker_timeout": JOBS_STALLED_AFTER,
}
# Seconds a visitor is asked to wait (Retry-After) when the database is unavailable.
DB_RETRY_AFTER = int(os.environ.get("DB_RETRY_AFTER", 10))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------
# REDIS_URL, e.g. redis://127.0.0.1:6379/0 ; without it a per-process cache.

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache_backend.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "ura"),
            "TIMEOUT": 300,
            # A stalled or stopped Redis costs a request at most a quarter of a second
            # once, then the cache is skipped for a few seconds (core.cache_backend).
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": float(os.environ.get("REDIS_CONNECT_TIMEOUT", 0.25)),
                "SOCKET_TIMEOUT": float(os.environ.get("REDIS_SOCKET_TIMEOUT", 0.25)),
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
    CACHE_RETRY_SECONDS = float(os.environ.get("CACHE_RETRY_SECONDS", 5))
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# The page cache for anonymous visitors (portal.page_cache): exact to the site
# version (core.cache), so the timeout only bounds memory. Browsers ask again
# every time (max-age 0: a cheap 304 while nothing changed); proxies and CDNs,
# which no content change can reach, may keep a page PAGE_CACHE_SHARED_MAX_AGE
# seconds (0 to make them ask every time too).
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", 24 * 3600))
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", 0))
PAGE_CACHE_SHARED_MAX_AGE = int(os.environ.get("PAGE_CACHE_SHARED_MAX_AGE", 60))
BROTLI_QUALITY = int(os.environ.get("BROTLI_QUALITY", 5))

# --- Authentication ---------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses logins while locked out
    "django.contrib.auth.backends.ModelBackend",
]
# django-axes: after AXES_FAILURE_LIMIT wrong passwords for one user from one
# address, that user is locked out from that address for AXES_COOLOFF_MINUTES
# (a translated page, status 429). Locking by user *and* address means an
# attacker cannot lock editors out from their own machines. Lockouts are listed
# in the admin (Axes > Access attempts); deleting one unlocks. The client's
# address is portal.middleware.client_ip: X-Forwarded-For is read only when the
# request comes from one of TRUSTED_PROXIES (addresses or networks, e.g. the load
# balancer; the same list as gunicorn's FORWARDED_ALLOW_IPS), and then only the
# entries those proxies added: never a value a client can set.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Lockouts are listed in the admin by editorial.admin (LoginLockout), translated.
AXES_ENABLE_ADMIN = False
AXES_LOCKOUT_CALLABLE = "portal.views.login_locked_out"
AXES_CLIENT_IP_CALLABLE = "portal.middleware.client_ip"
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES", "127.0.0.1,::1")
# No lockout by user name alone: it would let anyone lock an editor out from their own
# address. Guessing one user's password from many addresses (each under the limit)
# is logged instead: one warning each time that user's failed logins, from all
# addresses within AXES_COOLOFF_MINUTES, reach another multiple of LOGIN_ALERT_FAILURES.
LOGIN_ALERT_FAILURES = int(os.environ.get("LOGIN_ALERT_FAILURES", 50))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages and formats --------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("be", _("Belarusian")),
    ("sq", _("Albanian")),
    ("en", _("English")),
]
# Ura's own catalogues first; then locale/overrides, which replaces the strings of
# Django's and other packages' catalogues that do not follow Ura's norms (Django's
# Belarusian admin is in taraškievica, Ura in the official 2008 orthography).
# makemessages writes only to the first path; see docs/glossary.md.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "overrides"]
FORMAT_MODULE_PATH = ["portal.formats"]
# Counts are grouped as each language writes them: "1 000 навін", "1.000 lajme",
# "1,000 news items" (separators in portal/formats/). Numbers that are not read as
# quantities (page numbers in links, years, coordinates) go through |unlocalize.
USE_THOUSAND_SEPARATOR = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Belgrade")
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "ura_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
# Only the server reads the language choice; scripts have no business with it.
LANGUAGE_COOKIE_HTTPONLY = True

# django-modeltranslation: content fields per language, with a fallback order.
# Every list of languages in the code derives from LANGUAGES.
LANGUAGE_CODES = tuple(code for code, _name in LANGUAGES)


def _fallbacks(language):
    """A missing translation falls back to the default language, then to the others, the last listed first."""
    others = tuple(code for code in reversed(LANGUAGE_CODES) if code not in (language, LANGUAGE_CODE))
    return others if language == LANGUAGE_CODE else (LANGUAGE_CODE, *others)


MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_LANGUAGES = LANGUAGE_CODES
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": (LANGUAGE_CODE, *_fallbacks(LANGUAGE_CODE)),
    **{code: _fallbacks(code) for code in LANGUAGE_CODES},
}
MODELTRANSLATION_AUTO_POPULATE = False
# django-modeltranslation: the admin's language tabs need jQuery UI, served from
# our static files (no CDN).
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

# Interface catalogues: translators' edits are stored in the database and override the
# committed locale/*.po at run time on every server (editorial.catalogue); the editor is
# in the admin at /admin/catalogue/ (docs/translators.md). Each process looks at the shared
# catalogue version at most every CATALOGUE_CHECK_SECONDS: an edit is live everywhere after that.
CATALOGUE_CHECK_SECONDS = float(os.environ.get("CATALOGUE_CHECK_SECONDS", 2))

# --- Static and media files -------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Files that only published items may show (project documents) live in their own
# storage, never under /media/: the download view checks publication and sends
# them, or hands them to the proxy (X-Accel-Redirect to PRIVATE_MEDIA_ACCEL_PREFIX,
# an `internal` location aliased to PRIVATE_MEDIA_ROOT) when that is set.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
PRIVATE_MEDIA_ACCEL_PREFIX = os.environ.get("PRIVATE_MEDIA_ACCEL_PREFIX", "")
STORAGES = {
    "default": {"BACKEND": "core.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "core.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Object storage: with AWS_STORAGE_BUCKET_NAME set, uploads go to an S3-compatible
# store (any cloud, MinIO, Ceph RGW) instead of the disk, so that any number of app
# servers share them. django-storages reads the AWS_* names below from settings.
# Public media live under MEDIA_LOCATION (served by the store or the CDN in
# AWS_S3_CUSTOM_DOMAIN, cached for a year under random names); documents under
# PRIVATE_MEDIA_LOCATION (or in AWS_PRIVATE_STORAGE_BUCKET_NAME), reached only
# through the download view by URLs signed for PRIVATE_MEDIA_URL_SECONDS.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
MEDIA_ON_OBJECT_STORAGE = bool(AWS_STORAGE_BUCKET_NAME)
if MEDIA_ON_OBJECT_STORAGE:
    AWS_PRIVATE_STORAGE_BUCKET_NAME = os.environ.get("AWS_PRIVATE_STORAGE_BUCKET_NAME", "")
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_ACCESS_KEY_ID = os.environ.get("AWS_ACCESS_KEY_ID") or None
    AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_S3_URL_PROTOCOL = os.environ.get("AWS_S3_URL_PROTOCOL", "https:")
    AWS_S3_SIGNATURE_VERSION = "s3v4"
    MEDIA_LOCATION = os.environ.get("MEDIA_LOCATION", "media")
    PRIVATE_MEDIA_LOCATION = os.environ.get("PRIVATE_MEDIA_LOCATION", "private")
    PRIVATE_MEDIA_URL_SECONDS = int(os.environ.get("PRIVATE_MEDIA_URL_SECONDS", 60))
    STORAGES["default"] = {"BACKEND": "core.storage.PublicS3Storage"}
    STORAGES["private"] = {"BACKEND": "core.storage.PrivateS3Storage"}
    # Where browsers fetch media from: the CDN, else the store itself (for the CSP below).
    if AWS_S3_CUSTOM_DOMAIN:
        MEDIA_ORIGIN = f"{AWS_S3_URL_PROTOCOL}//{AWS_S3_CUSTOM_DOMAIN.split('/')[0]}"
    elif AWS_S3_ENDPOINT_URL:
        MEDIA_ORIGIN = "/".join(AWS_S3_ENDPOINT_URL.split("/")[:3])
    else:
        MEDIA_ORIGIN = f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"
else:
    MEDIA_ORIGIN = ""
WHITENOISE_MAX_AGE = 365 * 24 * 3600
# Media (uploads) on the file system are served by the application in production
# too, from the default storage, with a strict content type; a reverse proxy may
# take over. On object storage, the store (or the CDN) serves them.
SERVE_MEDIA = env_bool("SERVE_MEDIA", not MEDIA_ON_OBJECT_STORAGE)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

# Limits for uploads (images and documents).
IMAGE_MAX_BYTES = int(os.environ.get("IMAGE_MAX_BYTES", 10 * 1024 * 1024))
IMAGE_MAX_PIXELS = int(os.environ.get("IMAGE_MAX_PIXELS", 40_000_000))
IMAGE_MAX_FRAMES = int(os.environ.get("IMAGE_MAX_FRAMES", 200))
IMAGE_MAX_ANIMATION_PIXELS = int(os.environ.get("IMAGE_MAX_ANIMATION_PIXELS", 20_000_000))
DOCUMENT_MAX_BYTES = int(os.environ.get("DOCUMENT_MAX_BYTES", 30 * 1024 * 1024))
# A WordPress export and its uploads archive uploaded through the admin (docs/moving-in.md;
# nginx's client_max_body_size on that address must allow it too).
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", 512 * 1024 * 1024))
# An autosave of an admin form (editorial.autosave) is refused above this many bytes.
AUTOSAVE_MAX_BYTES = int(os.environ.get("AUTOSAVE_MAX_BYTES", 1024 * 1024))

# --- Rich text ----------------------------------------------------------------
# One editor configuration for every rich-text field; the same allow-list
# sanitises on save (nh3) and again on render.

DJANGO_PROSE_EDITOR_DEFAULT_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "HardBreak": True,
    "History": True,
    # Tables (the editor's dialog asks for a header row); pages wrap them in a box that scrolls on phones.
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    # Images from the library only (the picker); pages show them through the library's renditions.
    "Figure": {"pickerUrl": reverse_lazy("admin:library_image_pick")},
    "Caption": True,
    "Image": True,
    # How wide an image is shown (core.richtext.FIGURE_CLASSES keeps these and no other class).
    "NodeClass": {
        "cssClasses": {
            "figure": {
                "title": _("Image"),
                "cssClasses": [
                    {"className": "figure-left", "title": _("small, on the left")},
                    {"className": "figure-right", "title": _("small, on the right")},
                ],
            }
        }
    },
}

# --- Security -----------------------------------------------------------------

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^livez$"]
# /healthz and /readyz name each part they check (database, cache, media) only to staff
# and to these addresses (the monitoring; the client's address as the login throttle
# finds it, so not nginx's own); everyone else gets "ok" or "unavailable" and the status.
HEALTH_DETAILS_FROM = env_networks("HEALTH_DETAILS_FROM", "127.0.0.1,::1")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Content Security Policy: nothing leaves the site (but for media on object storage or a CDN).
_IMG_SOURCES = " ".join(filter(None, ["'self'", "data:", MEDIA_ORIGIN]))
# Frames only from the video and map providers a body may embed (core.richtext.EMBED_PROVIDERS); a page
# makes the frame only when the reader clicks on the embed's preview.
_FRAME_SOURCES = "'self' https://www.youtube-nocookie.com https://player.vimeo.com https://www.openstreetmap.org"
CONTENT_SECURITY_POLICY = (
    f"default-src 'self'; img-src {_IMG_SOURCES}; frame-src {_FRAME_SOURCES}; "
    "style-src 'self'; script-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)

# --- Logging ------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # axes announces itself at every start of every command; its lockouts are warnings. The job
    # queue lists its tasks at every start too; its workers' job starts and ends stay (worker).
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes.apps": {"level": "WARNING"},
        "procrastinate.blueprints": {"level": "WARNING"},
        "procrastinate.periodic": {"level": "WARNING"},
    },
}

# --- Site -------------------------------------------------------------------

SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = os.environ.get("SITE_NAME", "Ura")
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "office@ura.example.org")

# --- Mail ---------------------------------------------------------------------
# Any SMTP server, by Django's names. In development without EMAIL_HOST, mail is
# written to the console. The newsletter (newsletter/) sends through the job queue.

EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = float(os.environ.get("EMAIL_TIMEOUT", 30))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", f"{SITE_NAME} <{CONTACT_EMAIL}>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
_SMTP = "django.core.mail.backends.smtp.EmailBackend"
_CONSOLE = "django.core.mail.backends.console.EmailBackend"
EMAIL_BACKEND = _CONSOLE if DEBUG and "EMAIL_HOST" not in os.environ else _SMTP
# Subscribing: requests per hour from one client, and confirmation mails per hour to one address.
NEWSLETTER_RATE_PER_CLIENT = int(os.environ.get("NEWSLETTER_RATE_PER_CLIENT", 10))
NEWSLETTER_RATE_PER_ADDRESS = int(os.environ.get("NEWSLETTER_RATE_PER_ADDRESS", 3))
# Sending (newsletter.delivery): mails a second per worker (0: no limit), mails per job,
# attempts of one mail on temporary errors, permanent refusals in a row before an address is disabled.
NEWSLETTER_SEND_RATE = float(os.environ.get("NEWSLETTER_SEND_RATE", 20))
NEWSLETTER_BATCH_SIZE = int(os.environ.get("NEWSLETTER_BATCH_SIZE", 500))
NEWSLETTER_MAX_ATTEMPTS = int(os.environ.get("NEWSLETTER_MAX_ATTEMPTS", 6))
NEWSLETTER_BOUNCE_LIMIT = int(os.environ.get("NEWSLETTER_BOUNCE_LIMIT", 3))
# Bounces and complaints a mail provider reports (django-anymail's tracking webhooks at
# /mail-events/<provider>/tracking/, e.g. /mail-events/postmark/tracking/): the provider is given
# https://USER:PASSWORD@<site>/mail-events/<provider>/tracking/ with ANYMAIL_WEBHOOK_SECRET="USER:PASSWORD".
# Unset, a random secret stands in: no report is accepted.
ANYMAIL = {"WEBHOOK_SECRET": os.environ.get("ANYMAIL_WEBHOOK_SECRET") or secrets.token_urlsafe(32)}

# --- Open data (IATI) -------------------------------------------------------
# The organisation that publishes the projects as IATI activities
# (/iati/activities.xml). Type: IATI OrganisationType code (22 = national NGO).

IATI_REPORTING_ORG_REF = os.environ.get("IATI_REPORTING_ORG_REF", "XK-BRN-00000000")
IATI_REPORTING_ORG_TYPE = os.environ.get("IATI_REPORTING_ORG_TYPE", "22")
IATI_REPORTING_ORG_NAME = os.environ.get("IATI_REPORTING_ORG_NAME", SITE_NAME)
