"""One settings module for every environment, driven by typed environment variables.

django-environ parses each variable to its declared type and raises ImproperlyConfigured on a
value it cannot parse, so a typo in production fails at start-up, not at the first request.
Every variable is listed in .env.example.
"""

import os
import tempfile
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
    NOTICES_RENDER_IN_BACKGROUND=(bool, True),
    CACHE_URL=(str, "locmemcache://"),
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
    "csp",
    "projects",
    "workflow",
    "notices",
    # Last: the demonstration data (seed_demo) composes every app below it.
    "sungmen_plan",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sungmen_plan.middleware.ThaiFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs a login unless its view opts out with @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "sungmen_plan.middleware.ContentSecurityPolicyMiddleware",
    "sungmen_plan.middleware.StaffResponseMiddleware",
]

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
    test_db = Path(tempfile.gettempdir()) / f"sungmen-plan-test-{os.getpid()}.sqlite3"
    DATABASES["default"]["TEST"] = {"NAME": str(test_db)}
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

# One process (runserver) can keep its cache in memory; several (gunicorn workers) need a
# shared one, e.g. filecache:///srv/plan/cache, so a draft rendered by one is found by all.
CACHES = {"default": env.cache_url("CACHE_URL")}

EMAIL_CONFIG = env.email_url("EMAIL_URL")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")
# The address people reach the site at, for links in e-mail and on printed notices.
SITE_URL = env("SITE_URL")
# PDFs (the announced document after its commit, drafts on request) are rendered in a
# background thread; false renders them within the request (tests, a single-threaded host).
NOTICES_RENDER_IN_BACKGROUND = env("NOTICES_RENDER_IN_BACKGROUND")

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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL")},
    # WeasyPrint reports every rendering step at INFO, and fontTools every subset.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
