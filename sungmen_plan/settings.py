"""One settings module for every environment, driven by typed environment variables.

django-environ parses each variable to its declared type and raises ImproperlyConfigured on a
value it cannot parse, so a typo in production fails at start-up, not at the first request.
Every variable is listed in .env.example.
"""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

# pythainlp writes a data folder into $HOME on import unless told not to.
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

env = environ.Env(
    DJANGO_DEBUG=(bool, False),
    DJANGO_SECRET_KEY=(str, ""),
    DJANGO_ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    DJANGO_CSRF_TRUSTED_ORIGINS=(list, []),
    DATABASE_URL=(str, f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
    DJANGO_SECURE=(bool, False),
    EMAIL_URL=(str, "consolemail://"),
    DEFAULT_FROM_EMAIL=(str, "แผนการดำเนินงาน <noreply@localhost>"),
    DJANGO_STATIC_ROOT=(str, str(BASE_DIR / "staticfiles")),
    DJANGO_MEDIA_ROOT=(str, str(BASE_DIR / "media")),
    DJANGO_LOG_LEVEL=(str, "INFO"),
    SITE_URL=(str, "http://127.0.0.1:8000"),
    LOGIN_FAILURE_LIMIT=(int, 10),
    LOGIN_LOCKOUT_MINUTES=(int, 30),
    CACHE_URL=(str, "dbcache://django_cache"),
    # Background work and production hygiene (issue 9): see the blocks at the end.
    TASKS_BACKEND=(str, "database"),
    TASK_WORKER_HEARTBEAT=(int, 10),
    DATABASE_POOL_MAX_SIZE=(int, 10),
    EMAIL_TIMEOUT=(int, 10),
    DJANGO_ADMINS=(list, []),
    SENTRY_DSN=(str, ""),
    SENTRY_ENVIRONMENT=(str, "production"),
    LINE_API_BASE_URL=(str, "https://api.line.me"),
    S3_BUCKET=(str, ""),
    S3_ENDPOINT_URL=(str, ""),
    S3_REGION=(str, ""),
    S3_ACCESS_KEY_ID=(str, ""),
    S3_SECRET_ACCESS_KEY=(str, ""),
)
env_file = BASE_DIR / ".env"
if env_file.exists():
    env.read_env(env_file)

DEBUG = env("DJANGO_DEBUG")
SECRET_KEY = env("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise environ.ImproperlyConfigured(
            "Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=true for local development)."
        )
    SECRET_KEY = "insecure-development-key-never-use-in-production"
ALLOWED_HOSTS = env("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "projects",
    "workflow",
    "notices",
    # Last: the demonstration data (seed_demo) composes every app below it.
    "sungmen_plan",
]

MIDDLEWARE = [
    # First, so every log line of the request, even a security redirect's, carries its id.
    "sungmen_plan.requestid.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Security headers on every response, the citizens' pages answered below included.
    "sungmen_plan.middleware.ContentSecurityPolicyMiddleware",
    "sungmen_plan.middleware.StaffResponseMiddleware",
    # Old organization slugs printed on posted notices redirect to the current ones. Above
    # PublicPagesFirst, which answers the /p/ addresses (a former slug's page is its 404).
    "sungmen_plan.middleware.FormerSlugRedirectMiddleware",
    # Citizens' pages are answered here, before sessions and authentication.
    "sungmen_plan.middleware.PublicPagesFirst",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sungmen_plan.middleware.ThaiFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs a login unless its view opts out with @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the Thai lockout page.
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses a locked account or address before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Repeated wrong passwords lock the account and, separately, the address they came from, for
# LOGIN_LOCKOUT_MINUTES; the organization's administrator can unlock a person earlier.
AXES_FAILURE_LIMIT = env("LOGIN_FAILURE_LIMIT")
AXES_COOLOFF_TIME = timedelta(minutes=env("LOGIN_LOCKOUT_MINUTES"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "projects.lockout.lockout_response"

# django-csp: everything from this site only, no inline script or style anywhere (the
# templates have none; keep it so), no plugins, no framing, forms post only here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

ROOT_URLCONF = "sungmen_plan.urls"
WSGI_APPLICATION = "sungmen_plan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "projects.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": env.db_url_config(env("DATABASE_URL"))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # BEGIN IMMEDIATE takes SQLite's write lock when a transaction starts, so two requests
    # racing on the same plan are serialised as PostgreSQL's row locks serialise them
    # (select_for_update is a no-op on SQLite). Tests use a file, not shared-cache memory,
    # whose table locks fail at once instead of waiting; one file per process, so that two
    # test runs on one machine do not share it.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    # Django's backend with SQLite's real limit of parameters a statement (see its module).
    DATABASES["default"]["ENGINE"] = "sungmen_plan.sqlite3"
    test_db = Path(tempfile.gettempdir()) / f"sungmen-plan-test-{os.getpid()}.sqlite3"
    DATABASES["default"]["TEST"] = {"NAME": str(test_db)}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's psycopg pool: each process keeps a connection open instead of opening one per
    # request, and opens more only for threads that need them at once (gunicorn --threads,
    # a task worker's heartbeat, the race tests' threads): a thread waits when all are taken.
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": env("DATABASE_POOL_MAX_SIZE"),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "projects:plan_list"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("ไทย")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env("DJANGO_STATIC_ROOT")
NODE_MODULES = BASE_DIR / "node_modules"
# Front-end packages come from npm (package.json); these folders are served as they are
# installed, never copied into the repository.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/sarabun", NODE_MODULES / "@expo-google-fonts" / "sarabun"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = env("DJANGO_MEDIA_ROOT")

# Shared by every process, web and task worker alike: a draft rendered by a worker is found
# by every web process, and the workers' heartbeats are seen by all. The database cache needs
# no extra server (`manage.py createcachetable`); several machines may use Redis or Memcached
# through Django's own backends (CACHE_URL=redis://host:6379/0, pymemcache://host:11211).
CACHES = {"default": env.cache_url("CACHE_URL")}

EMAIL_CONFIG = env.email_url("EMAIL_URL")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")
# The address people reach the site at, for links in e-mail and on printed notices.
SITE_URL = env("SITE_URL")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

if env("DJANGO_SECURE"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- Logs and error reports (issue 9) -----------------------------------------------------
# Every line has its time, level and the request's id (X-Request-ID from the proxy, or made
# up by RequestIdMiddleware; "-" outside a request). Errors go by e-mail to ADMINS.
ADMINS = [(address, address) for address in env("DJANGO_ADMINS")]
SERVER_EMAIL = DEFAULT_FROM_EMAIL
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "sungmen_plan.requestid.RequestIdFilter"}},
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "line",
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["request_id"],
        },
    },
    "root": {"handlers": ["console", "mail_admins"], "level": env("DJANGO_LOG_LEVEL")},
    # WeasyPrint reports every rendering step at INFO, and fontTools every subset.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # django-axes reports every login at INFO; lockouts are warnings.
        "axes": {"level": "WARNING"},
    },
}
if env("SENTRY_DSN"):
    # Optional (pip install .[sentry]): its Django integration reports errors and slow requests.
    import sentry_sdk

    sentry_sdk.init(dsn=env("SENTRY_DSN"), environment=env("SENTRY_ENVIRONMENT"))

# --- Background tasks (issue 9) -----------------------------------------------------------
# Django's Tasks API (the django-tasks backport; `django.tasks` in Django 6). "database"
# queues in the application's database for `manage.py task_worker`; "immediate" runs a task
# at once, after the caller's commit (the tests).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if env("TASKS_BACKEND") not in TASK_BACKENDS:
    raise environ.ImproperlyConfigured(
        f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}, not {env('TASKS_BACKEND')!r}."
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[env("TASKS_BACKEND")], "QUEUES": ["default"]}}
# A worker tells the shared cache it is alive this often; one silent for three beats is dead
# and its running task is given to another worker (projects.queue.tasks_recover).
TASK_WORKER_HEARTBEAT = env("TASK_WORKER_HEARTBEAT")

# --- E-mail and LINE (issue 9) ------------------------------------------------------------
# An SMTP server that never answers must not hold a task worker for ever.
EMAIL_TIMEOUT = env("EMAIL_TIMEOUT")
# The LINE Messaging API; tests point it at a stand-in on 127.0.0.1.
LINE_API_BASE_URL = env("LINE_API_BASE_URL")

# --- Uploaded files on object storage (issue 9) ---------------------------------------------
# Photos of postings stay on the local file system unless a bucket is named: then they go to
# S3-compatible storage (django-storages, pip install .[s3]) that every web machine shares.
if env("S3_BUCKET"):
    from sungmen_plan.storage import s3_storage

    STORAGES["default"] = s3_storage(
        bucket=env("S3_BUCKET"),
        endpoint_url=env("S3_ENDPOINT_URL"),
        region=env("S3_REGION"),
        access_key=env("S3_ACCESS_KEY_ID"),
        secret_key=env("S3_SECRET_ACCESS_KEY"),
    )
