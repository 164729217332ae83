"""Assessflow settings: one module, configured from environment variables.

ASSESSFLOW_ENV chooses the mode: "development" (the default, for `make run`),
"test" (for pytest) or "production" (secure cookies, HSTS, no debug; passes
`manage.py check --deploy`).
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("ASSESSFLOW_VAR_DIR", PROJECT_DIR / "var"))

ENV = os.environ.get("ASSESSFLOW_ENV", "development")
PRODUCTION = ENV == "production"
TESTING = ENV == "test"
DEBUG = ENV == "development" and os.environ.get("ASSESSFLOW_DEBUG", "1") == "1"

if PRODUCTION:
    SECRET_KEY = os.environ["SECRET_KEY"]
else:
    SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-development-key-never-used-in-production")

ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "axes",
    "csp",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "assessflow",
    "assessflow.tenancy",
    "assessflow.audit",
    "assessflow.pathway",
    "assessflow.people",
    "assessflow.casework",
    "assessflow.frontdoor",
    "assessflow.waiting",
    "assessflow.safeguarding",
    "assessflow.allocation",
    "assessflow.assessments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "assessflow.security_headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "assessflow.tenancy.middleware.TenantScopeMiddleware",
    "assessflow.audit.middleware.PersonViewMiddleware",
    "assessflow.people.middleware.RestrictedRecordMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "assessflow.urls"
WSGI_APPLICATION = "assessflow.wsgi.application"

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
                "assessflow.navigation.service",
            ],
            "builtins": ["assessflow.templatetags.govuk"],
        },
    }
]
FORM_RENDERER = "assessflow.core.forms.GovukFormRenderer"

# --- Database: embedded SQLite by default, PostgreSQL through DATABASE_URL ---
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'assessflow.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the writer; IMMEDIATE takes the write lock at
    # BEGIN so two writers queue on the busy timeout instead of failing mid-way.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Sign-in ---
AUTH_USER_MODEL = "tenancy.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Hashing is not what the tests check; a cheap hasher keeps them fast.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 3 * 24 * 60 * 60  # a new member's set-password link works for 3 days
LOGIN_URL = "sign-in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "sign-in"

# Throttling (assessflow.throttling): 5 failures for one email address from one client address,
# or SIGN_IN_ADDRESS_FAILURE_LIMIT from one client address across all email addresses, lock
# that pairing or that address for the cool-off. Nothing locks an account everywhere, so nobody
# can lock a worker out from elsewhere; a locked owner resets their password by email.
AXES_FAILURE_LIMIT = 5
SIGN_IN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("ASSESSFLOW_SIGN_IN_ADDRESS_FAILURE_LIMIT", "20"))
# Password reset links: at most this many an hour to one email address, and asked for from one client address.
PASSWORD_RESET_EMAIL_LIMIT = int(os.environ.get("ASSESSFLOW_PASSWORD_RESET_EMAIL_LIMIT", "3"))
PASSWORD_RESET_ADDRESS_LIMIT = int(os.environ.get("ASSESSFLOW_PASSWORD_RESET_ADDRESS_LIMIT", "10"))
AXES_COOLOFF_TIME = 0.25  # hours: 15 minutes
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "assessflow.throttling.SignInAttemptHandler"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "assessflow.throttling.sign_in_username"
AXES_CLIENT_IP_CALLABLE = "assessflow.core.client_address.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# Behind a reverse proxy, the header it writes the client's address into (e.g. X-Forwarded-For)
# and how many proxies append to it. Unset, the header is ignored: anyone could send it.
TRUSTED_PROXY_HEADER = os.environ.get("ASSESSFLOW_TRUSTED_PROXY_HEADER", "")
TRUSTED_PROXY_COUNT = int(os.environ.get("ASSESSFLOW_TRUSTED_PROXY_COUNT", "1"))

# --- Email (password reset links): printed in development, kept in memory in tests, SMTP in production ---
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
if TESTING:
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "1") == "1"
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Assessflow <no-reply@assessflow.invalid>")

# Idle sessions end after SESSION_COOKIE_AGE; every request renews it. The page
# warns SESSION_WARNING_SECONDS before the end and offers more time.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", "1800"))
SESSION_WARNING_SECONDS = int(os.environ.get("SESSION_WARNING_SECONDS", "120"))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A success banner names people: it is kept in the session, never in a readable cookie, and ends with the session,
# so it is never shown to the next person to sign in on the same browser.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# --- Security headers and content security policy ---
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Browser features no page uses are switched off, so injected content cannot ask for them either.
PERMISSIONS_POLICY = [
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "encrypted-media",
    "geolocation",
    "gyroscope",
    "hid",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 63072000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# --- Static files: built GOV.UK assets are committed and served by WhiteNoise ---
STATIC_URL = "/static/"
# Only production collects static files; elsewhere WhiteNoise serves them from the app folders.
STATIC_ROOT = PROJECT_DIR / "staticfiles" if PRODUCTION else None
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

# --- Background work: a task queue in the same database ---
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
if TESTING:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING" if TESTING else "INFO")},
    # WeasyPrint narrates every step of every PDF at INFO.
    "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "fontTools")},
}

DEMO_PASSWORD = os.environ.get("ASSESSFLOW_DEMO_PASSWORD", "demo-assessflow-2026")

# Uploaded documents: never under the static or public web root, served only by a scoped view.
# Local disk by default; an S3-compatible bucket when DOCUMENTS_S3_BUCKET is set (needs the
# "s3" extra: django-storages with boto3), so several app servers share one store.
if os.environ.get("DOCUMENTS_S3_BUCKET"):
    STORAGES["documents"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["DOCUMENTS_S3_BUCKET"],
            "endpoint_url": os.environ.get("DOCUMENTS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("DOCUMENTS_S3_REGION") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    STORAGES["documents"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(VAR_DIR / "documents"), "base_url": None},
    }
STORAGES["imports"] = {**STORAGES["documents"], "OPTIONS": {**STORAGES["documents"]["OPTIONS"]}}
if "location" in STORAGES["imports"]["OPTIONS"]:
    STORAGES["imports"]["OPTIONS"]["location"] = str(VAR_DIR / "imports")
