"""One settings module, configured by environment variables.

The defaults are the embedded mode (a commune laptop, SQLite). Everything a deployment changes comes from the
environment: DATABASE_URL, SECRET_KEY (or the file var/secret_key), DEBUG, ALLOWED_HOSTS, EMAIL_URL, GANDAN_PORTAL_UNIT,
GANDAN_PORTAL_HOSTS.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from gandan.kit.secretkey import dupcheck_key, secret_key

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
DATA_DIR = Path(os.environ.get("GANDAN_DATA_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", True)
# SECRET_KEY from the environment, else the file `gandan run` makes once ($GANDAN_DATA_DIR/secret_key, mode 0600;
# SECRET_KEY_FILE names another). With DEBUG=1 the file is made on first start, so a developer's sessions and
# links survive restarts and no key is ever written in the code; with DEBUG=0 and neither, the server refuses to
# start (ImproperlyConfigured, in Vietnamese and English), as it does for a published or short key.
SECRET_KEY = secret_key(debug=DEBUG, data_dir=DATA_DIR)
# Old keys still accepted for signatures (comma-separated): after a planned rotation, the links on receipts already
# printed keep working; never an old key that leaked (docs/operations.md, rotating the keys).
SECRET_KEY_FALLBACKS = [k.strip() for k in os.environ.get("SECRET_KEY_FALLBACKS", "").split(",") if k.strip()]
# The duplicate check's digests are keyed on their own key, so that rotating SECRET_KEY keeps person matching
# (environment GANDAN_DUPCHECK_KEY, else $GANDAN_DATA_DIR/dupcheck_key made once; kit/secretkey.py). After changing
# it, run `manage.py dupcheck_rekey` to recompute the stored digests.
GANDAN_DUPCHECK_KEY = dupcheck_key(debug=DEBUG, data_dir=DATA_DIR, secret_key=SECRET_KEY)
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django.contrib.humanize",
    "ninja",  # in INSTALLED_APPS so /api/docs serves its vendored Swagger UI instead of a CDN
    "django_tasks",
    "django_tasks_db",
    "gandan.units",
    "gandan.accounts",
    "gandan.audit",
    "gandan.workcalendar",
    "gandan.opinion",
    "gandan.notify",
    "gandan.portal",
    "gandan.dossiers",
    "gandan.petitions",
    "gandan.reception",
    "gandan.mobilization",
    "gandan.dialogues",
    "gandan.democracy",
    "gandan.news",
    "gandan.dashboard",
    "gandan.operations",
    "gandan.apikeys",
    "gandan.exports",
    "gandan.fieldreports",
    "gandan.search",
]

MIDDLEWARE = [
    # Outermost: the CSP and no-store reach every answer, the body limit's 413 included (it reads no body).
    "gandan.kit.security.SecurityHeadersMiddleware",
    "gandan.kit.limits.BodyLimitMiddleware",  # refuses an oversized body before anything reads it
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A commune chosen by its address (/xa/<slug>/ or its host): before CommonMiddleware, whose slash redirect must
    # look at the path without the prefix, and before CSRF and the views, which then see the commune's own paths.
    "gandan.portal.communes.CommuneAddressMiddleware",
    "django.middleware.common.CommonMiddleware",
    "gandan.kit.params.NulMiddleware",  # before CSRF, whose check reads the body
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "gandan.portal.errors.MethodNotAllowedMiddleware",  # a GET on a POST-only page: a Vietnamese page, not a blank
]

ROOT_URLCONF = "gandan.urls"
WSGI_APPLICATION = "gandan.wsgi.application"
ASGI_APPLICATION = "gandan.asgi.application"

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
                "gandan.portal.context.site",
                "gandan.portal.context.inbox",
            ],
            "libraries": {
                "idempotency": "gandan.kit.idempotency",  # {% submission_token %} in create forms
                "filterbar": "gandan.kit.filterbar",  # the folded filters of staff lists (includes/filters.html)
            },
        },
    }
]

# --- Database -------------------------------------------------------------------------------------------
# SQLite: WAL so readers never wait for the writer; IMMEDIATE transactions so two writers queue on the busy
# timeout instead of failing with "database is locked" when a read lock is upgraded mid-transaction.
SQLITE_PATH = Path(os.environ.get("SQLITE_PATH", DATA_DIR / "gandan.sqlite3"))
_database_url = os.environ.get("DATABASE_URL", "")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)}
else:
    # The embedded mode keeps everything under one folder; a fresh clone has none yet.
    SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "gandan.sqlite",  # Django's, with writers taking turns (gandan/sqlite/base.py)
            "NAME": str(SQLITE_PATH),
            "CONN_MAX_AGE": None,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                    " PRAGMA busy_timeout=20000; PRAGMA cache_size=-32000;"
                ),
            },
            # The test database is a file, not Django's shared in-memory default: there, concurrent writers fail
            # at once with "database table is locked" instead of queueing on the busy timeout, so the parallel
            # intake test could not run. One file per process, so two test runs never share (or delete) one.
            "TEST": {"NAME": str(DATA_DIR / f"test-{os.getpid()}.sqlite3")},
        }
    }
DATABASES["default"].setdefault("TEST", {})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Background work: Django Tasks with the database backend (no broker) ----------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- Accounts --------------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:staff_home"
LOGOUT_REDIRECT_URL = "portal:home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["gandan.accounts.backends.GuardedBackend"]
# Password guessing (gandan/accounts/loginguard.py): wrong passwords are counted per account across addresses (and
# per address across accounts) over GANDAN_LOGIN_FAILURE_WINDOW seconds. Beyond the free ones, a browser the
# account does not know may try once per 2^k seconds (k = failures beyond the free ones, at most
# GANDAN_LOGIN_MAX_DELAY); a browser that signed in to the account before (signed device cookie, kept
# GANDAN_LOGIN_DEVICE_DAYS days) is not delayed. No lock an attacker could use against the officer.
GANDAN_LOGIN_FREE_FAILURES = int(os.environ.get("GANDAN_LOGIN_FREE_FAILURES", "5"))
GANDAN_LOGIN_FREE_FAILURES_PER_ADDRESS = int(os.environ.get("GANDAN_LOGIN_FREE_FAILURES_PER_ADDRESS", "20"))
GANDAN_LOGIN_FAILURE_WINDOW = int(os.environ.get("GANDAN_LOGIN_FAILURE_WINDOW", str(24 * 3600)))
GANDAN_LOGIN_MAX_DELAY = int(os.environ.get("GANDAN_LOGIN_MAX_DELAY", "3600"))
GANDAN_LOGIN_DEVICE_DAYS = int(os.environ.get("GANDAN_LOGIN_DEVICE_DAYS", "180"))
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))  # one working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ENGINE = "gandan.accounts.sessions"  # Django's database sessions, read with plain SQL
SESSION_SAVE_EVERY_REQUEST = False

# --- Language and time -----------------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["gandan.formats"]

# --- Static files: everything vendored, served by whitenoise (no CDN) ---------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# In development whitenoise serves straight from the sources (no collectstatic needed); in production from
# STATIC_ROOT, which `gandan run` fills. The folder exists from the start so whitenoise never warns.
WHITENOISE_USE_FINDERS = DEBUG
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploads (citizens' scans, a denunciator's letter) are stored here under random names and are NEVER served by URL:
# no route maps MEDIA_URL, in any mode. Every download goes through a view that checks scope and grants, audits the
# read and hands the file to gandan.kit.downloads. Keep MEDIA_ROOT outside any folder a web server publishes.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
MEDIA_URL = "/media/"
# Who sends an authorised download's bytes: "django" (default, a streamed FileResponse), "x-accel-redirect" (nginx
# sends GANDAN_FILE_INTERNAL_PREFIX + the stored name from an `internal` location aliased to MEDIA_ROOT) or
# "x-sendfile" (Apache mod_xsendfile / lighttpd send the absolute path). Both proxy modes free the worker at once.
GANDAN_FILE_SERVING = os.environ.get("GANDAN_FILE_SERVING", "django")
GANDAN_FILE_INTERNAL_PREFIX = os.environ.get("GANDAN_FILE_INTERNAL_PREFIX", "/_protected/")
if GANDAN_FILE_SERVING not in ("django", "x-accel-redirect", "x-sendfile"):
    raise ImproperlyConfigured("GANDAN_FILE_SERVING is django, x-accel-redirect or x-sendfile.")

# --- Mail ------------------------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "gandan@localhost")
# For EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend (a trial, the worker kill tests): one file a send.
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(DATA_DIR / "mail"))
# Notifications (gandan.notify) print to the console unless a real channel is switched on: email only with
# GANDAN_NOTIFY_EMAIL=1, SMS/Zalo only when a gateway URL is set (POST {"to", "text"}, optional bearer token).
GANDAN_NOTIFY_EMAIL = env_bool("GANDAN_NOTIFY_EMAIL", False)
# Worker processes for the text work of a large opinion import (empty: one per processor up to two; 0: none).
GANDAN_TEXT_WORKERS = (
    int(os.environ["GANDAN_TEXT_WORKERS"]) if os.environ.get("GANDAN_TEXT_WORKERS") else None
)
# A large opinion import (one with text workers) groups its signals in a process of its own beside the importer.
GANDAN_ENGINE_PROCESS = env_bool("GANDAN_ENGINE_PROCESS", True)
GANDAN_SMS_GATEWAY_URL = os.environ.get("GANDAN_SMS_GATEWAY_URL", "")
GANDAN_SMS_GATEWAY_TOKEN = os.environ.get("GANDAN_SMS_GATEWAY_TOKEN", "")
# A send never waits longer than this on the mail server (the gateway's own limit is 10 s)...
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
# ...so a notification still "sending" after the lease (5 min) lost its worker: the sweeper queues it again, under
# the same idempotency key (Idempotency-Key header, Message-ID), which lets the channel drop a repeat.
GANDAN_NOTIFY_LEASE_SECONDS = int(os.environ.get("GANDAN_NOTIFY_LEASE_SECONDS", "300"))
# The worker (docs/worker.md): its heartbeat's period; a worker silent longer than STALE is dead and the tasks it left
# running are settled (retry-safe ones queued again, others failed for a human), checked every RECOVER seconds; the
# schedule is ticked every SCHEDULE_TICK seconds.
GANDAN_WORKER_HEARTBEAT_SECONDS = float(os.environ.get("GANDAN_WORKER_HEARTBEAT_SECONDS", "10"))
GANDAN_WORKER_STALE_SECONDS = float(os.environ.get("GANDAN_WORKER_STALE_SECONDS", "120"))
GANDAN_WORKER_RECOVER_SECONDS = float(os.environ.get("GANDAN_WORKER_RECOVER_SECONDS", "60"))
GANDAN_SCHEDULE_TICK_SECONDS = float(os.environ.get("GANDAN_SCHEDULE_TICK_SECONDS", "30"))

# --- Request bodies (gandan.kit.limits; nginx's client_max_body_size refuses first in production) ----------
# A multipart body (files) up to 12 MB: one 10 MB scan and its form; any other body up to 2 MB. Refused with 413
# from Content-Length, before the body is read.
GANDAN_MAX_BODY_BYTES = int(os.environ.get("GANDAN_MAX_BODY_BYTES", str(12 * 1024 * 1024)))
GANDAN_MAX_FORM_BYTES = int(os.environ.get("GANDAN_MAX_FORM_BYTES", str(2 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = GANDAN_MAX_FORM_BYTES  # the non-file part of any request
FILE_UPLOAD_MAX_MEMORY_SIZE = (
    2 * 1024 * 1024
)  # a larger upload is spooled to a temporary file, not kept in RAM

# --- Security (tight when DEBUG=0) -------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "gandan.portal.errors.csrf_failure"  # in Vietnamese, not Django's page for developers
# No script reads the CSRF cookie: htmx sends the token from the page (hx-headers in base.html), Swagger UI from its
# data attribute, forms from their hidden field. So the cookie is HttpOnly too.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# The language chosen (/i18n/setlang/): Django's defaults send it to scripts and to other sites; not here.
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Browser features no page uses (gandan/kit/security.py sends Permissions-Policy); "" sends none.
GANDAN_PERMISSIONS_POLICY = os.environ.get(
    "GANDAN_PERMISSIONS_POLICY",
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), midi=(), payment=(), publickey-credentials-get=(), usb=(), xr-spatial-tracking=()",
)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = (
    "same-origin"  # Django's default, said here: no other window keeps a handle on ours
)
# Content-Security-Policy (gandan/kit/security.py): directives here replace the default ones (None drops one);
# GANDAN_CSP_REPORT_ONLY=1 sends it as Content-Security-Policy-Report-Only, to try a change on a live site.
GANDAN_CSP: dict[str, str | None] = {}
GANDAN_CSP_REPORT_ONLY = env_bool("GANDAN_CSP_REPORT_ONLY", False)
# GANDAN_HTTPS: the site is reached over HTTPS (TLS ends at nginx in front, deploy/nginx.conf.example): redirect
# plain HTTP, mark the cookies Secure, send HSTS. On by default with DEBUG=0. `make run` serves plain HTTP on this
# machine (http://127.0.0.1:8000, as production in every other respect) and sets GANDAN_HTTPS=0: with it on, every
# page would be a redirect to an https:// address nobody answers, and no login cookie would come back.
GANDAN_HTTPS = env_bool("GANDAN_HTTPS", not DEBUG)
if GANDAN_HTTPS:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # A monitor on the machine itself asks gunicorn over plain HTTP (http://127.0.0.1:8000/api/v1/health): answered,
    # not redirected to an https:// address only nginx serves. They reveal no record; /metrics keeps its token.
    SECURE_REDIRECT_EXEMPT = [r"^api/v1/health$", r"^metrics$"]

# --- Gần Dân ---------------------------------------------------------------------------------------------
# The commune whose public home is shown at "/" (official code; the demo uses xã Sông Lô, Phú Thọ).
GANDAN_PORTAL_UNIT = os.environ.get("GANDAN_PORTAL_UNIT", "08848")
# Host names that each serve one commune's portal, "songlo.phutho.gov.vn=08848,haiuu.phutho.gov.vn=08824" (host =
# official code; each host must also be in ALLOWED_HOSTS). Every commune is also served at /xa/<name or code>/.
GANDAN_PORTAL_HOSTS = os.environ.get("GANDAN_PORTAL_HOSTS", "")
# Receipts after this local hour count as received on the next working day (DOMAIN.md §8.3).
GANDAN_RECEIPT_CUTOFF = os.environ.get("GANDAN_RECEIPT_CUTOFF", "15:00")
# Form 04 (apology and new appointment) may be issued this many working days before the appointment; 0: only once
# the dossier is late (DOMAIN.md design implication 8, "or at a configurable warning before").
GANDAN_APOLOGY_WARNING_DAYS = int(os.environ.get("GANDAN_APOLOGY_WARNING_DAYS", "0"))
# Set only by `make bench`: mounts /bench/ceiling, the bare JSON view every benchmark is compared with.
GANDAN_BENCH = env_bool("GANDAN_BENCH", False)
# Public lookups by code + the phone's last 4 digits: wrong tries per client address (in GANDAN_LOOKUP_WINDOW
# seconds) and per code whatever the address (in GANDAN_LOOKUP_CODE_WINDOW seconds). The receipt's link always works.
GANDAN_LOOKUP_FAILURES = int(os.environ.get("GANDAN_LOOKUP_FAILURES", "10"))
GANDAN_LOOKUP_WINDOW = int(os.environ.get("GANDAN_LOOKUP_WINDOW", "600"))
GANDAN_LOOKUP_CODE_FAILURES = int(os.environ.get("GANDAN_LOOKUP_CODE_FAILURES", "5"))
GANDAN_LOOKUP_CODE_WINDOW = int(os.environ.get("GANDAN_LOOKUP_CODE_WINDOW", "3600"))
# Online submissions (dossiers and petitions, pages and API): per client address per hour, per phone per day.
GANDAN_SUBMITS_PER_ADDRESS = int(os.environ.get("GANDAN_SUBMITS_PER_ADDRESS", "10"))
GANDAN_SUBMITS_ADDRESS_WINDOW = int(os.environ.get("GANDAN_SUBMITS_ADDRESS_WINDOW", "3600"))
GANDAN_SUBMITS_PER_PHONE = int(os.environ.get("GANDAN_SUBMITS_PER_PHONE", "5"))
GANDAN_SUBMITS_PHONE_WINDOW = int(os.environ.get("GANDAN_SUBMITS_PHONE_WINDOW", "86400"))
# Reverse proxies whose X-Forwarded-For is believed (comma-separated IPs or CIDR networks, e.g. "127.0.0.1,10.0.0.0/8").
# Empty: the client address is the connection's (REMOTE_ADDR) and any X-Forwarded-For is ignored.
GANDAN_TRUSTED_PROXIES = [
    p.strip() for p in os.environ.get("GANDAN_TRUSTED_PROXIES", "").split(",") if p.strip()
]
# The public address printed in notifications and QR codes (the lookup link).
GANDAN_PUBLIC_URL = os.environ.get("GANDAN_PUBLIC_URL", "http://127.0.0.1:8000")
# The national exports (gandan.exports, docs/exports.md) give only rows last changed at least this many seconds ago:
# a change saved inside a transaction that commits later than a nightly call must not fall behind its cursor.
GANDAN_EXPORT_SETTLE_SECONDS = int(os.environ.get("GANDAN_EXPORT_SETTLE_SECONDS", "60"))
# The desk's dossier code (Circular 01/2018 Art. 19, DOMAIN.md §1.2): {unit}, {yymmdd}, {yyyy}, {seq}.
GANDAN_DOSSIER_CODE_FORMAT = os.environ.get("GANDAN_DOSSIER_CODE_FORMAT", "{unit}-{yymmdd}-{seq:04d}")
# Satisfaction: an average score at or above the threshold falls in the band (first match, highest first). The
# statutory bands of the new texts are not confirmed (DOMAIN.md §1.8), hence configuration.
GANDAN_SATISFACTION_BANDS = [(4.5, "very_good"), (3.5, "good"), (2.5, "average"), (0.0, "poor")]
GANDAN_MODULES = [
    "gandan.dashboard",
    "gandan.dossiers",
    "gandan.petitions",
    "gandan.reception",
    "gandan.opinion",
    "gandan.mobilization",
    "gandan.dialogues",
    "gandan.democracy",
    "gandan.news",
    "gandan.units",
    "gandan.workcalendar",
    "gandan.audit",
    "gandan.operations",
    "gandan.apikeys",
    "gandan.exports",
    "gandan.fieldreports",
]
# --- API keys for integrators (gandan/apikeys, docs/apikeys.md) -------------------------------------------------
# Requests allowed per key: "<count>/<s|min|hour>". Past it the API answers 429 with Retry-After. Counted in the
# shared throttle table, so every worker process sees the same count.
GANDAN_APIKEY_RATE = os.environ.get("GANDAN_APIKEY_RATE", "600/min")
# Days each request made with a key stays recorded (ApiKeyUse): the schedule's nightly "apikey-uses-purge" deletes
# older rows. At the full rate a key writes ~860,000 rows a day; creating and revoking keys stay in the audit trail.
GANDAN_APIKEY_USES_DAYS = int(os.environ.get("GANDAN_APIKEY_USES_DAYS", "90"))

# --- Field reports and Open311 GeoReport v2 (gandan/fieldreports, docs/open311.md) ----------------------------
# The province's extent "south,west,north,east" in decimal degrees: a report's coordinates outside it are refused.
# The default is Phú Thọ since 1/7/2025 (with former Vĩnh Phúc and Hòa Bình), with a margin.
GANDAN_FIELDREPORTS_BOX = tuple(
    float(v) for v in os.environ.get("GANDAN_FIELDREPORTS_BOX", "20.30,104.80,21.90,105.90").split(",")
)
# A map on the public list only where a tile server is configured (the commune's own, or one it may use), as a URL
# template "https://tiles.example.vn/{z}/{x}/{y}.png"; empty: the list by village alone, which needs no map.
GANDAN_MAP_TILES_URL = os.environ.get("GANDAN_MAP_TILES_URL", "")
GANDAN_MAP_TILES_ATTRIBUTION = os.environ.get("GANDAN_MAP_TILES_ATTRIBUTION", "")

# --- Health and metrics (gandan/operations/selectors/health.py, gandan/kit/metrics.py, docs/operations.md) ------
# /api/v1/health answers 503 when the database does not answer, the freshest worker heartbeat is older than
# GANDAN_HEALTH_WORKER_STALE_SECONDS, the oldest waiting task older than GANDAN_HEALTH_QUEUE_MAX_AGE_SECONDS, or the
# last good backup older than GANDAN_HEALTH_BACKUP_MAX_HOURS (0: no backup check). "Never reported" (a fresh install)
# is only a warning (200, status "warn"), unless the check is listed in GANDAN_HEALTH_REQUIRE ("worker,backup").
GANDAN_HEALTH_WORKER_STALE_SECONDS = int(os.environ.get("GANDAN_HEALTH_WORKER_STALE_SECONDS", "120"))
GANDAN_HEALTH_QUEUE_MAX_AGE_SECONDS = int(os.environ.get("GANDAN_HEALTH_QUEUE_MAX_AGE_SECONDS", "600"))
GANDAN_HEALTH_BACKUP_MAX_HOURS = int(os.environ.get("GANDAN_HEALTH_BACKUP_MAX_HOURS", "36"))
GANDAN_HEALTH_REQUIRE = [
    c.strip()
    for c in os.environ.get("GANDAN_HEALTH_REQUIRE", "").split(",")
    if c.strip() in ("worker", "backup")
]
# /metrics (Prometheus text format) is off (404) unless one of these is set: a bearer token the scraper sends
# (`Authorization: Bearer <token>`), and/or the addresses allowed to scrape (IPs or CIDR networks; the client address
# as gandan/kit/clientip.py reads it). With both, both must match. Counters of gunicorn's several processes are
# added up from files in PROMETHEUS_MULTIPROC_DIR (`gandan run` sets it to $GANDAN_DATA_DIR/metrics and empties it
# at each start).
GANDAN_METRICS_TOKEN = os.environ.get("GANDAN_METRICS_TOKEN", "")
GANDAN_METRICS_ALLOW_IPS = [
    p.strip() for p in os.environ.get("GANDAN_METRICS_ALLOW_IPS", "").split(",") if p.strip()
]
# Business figures (dossiers, petitions …) are counted at most once per this many seconds in each process.
GANDAN_METRICS_FIGURES_SECONDS = int(os.environ.get("GANDAN_METRICS_FIGURES_SECONDS", "60"))
GANDAN_METRICS = bool(GANDAN_METRICS_TOKEN or GANDAN_METRICS_ALLOW_IPS)
if GANDAN_METRICS:
    # Right after the body limit: it times everything below it, and costs nothing when metrics are off.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("gandan.kit.limits.BodyLimitMiddleware") + 1, "gandan.kit.metrics.MetricsMiddleware"
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"health_answer": {"()": "gandan.kit.logfilters.HealthCheckAnswer"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # The health check's 503 is its answer, not an error of the site (gandan/kit/logfilters.py).
    "loggers": {"django.request": {"filters": ["health_answer"]}},
}

# --- Backups (gandan backup / restore; docs/backup.md) ----------------------------------------------------------
# Archives hold every citizen's data: keep the folder off any web root, readable by the site's user only (0750).
GANDAN_BACKUP_DIR = Path(os.environ.get("GANDAN_BACKUP_DIR", DATA_DIR / "backups"))
GANDAN_BACKUP_KEEP_DAILY = int(os.environ.get("GANDAN_BACKUP_KEEP_DAILY", "7"))
GANDAN_BACKUP_KEEP_MONTHLY = int(os.environ.get("GANDAN_BACKUP_KEEP_MONTHLY", "12"))
