"""Settings shared by every environment: secure by default, configured from the environment."""

import os
from pathlib import Path

import dj_database_url

from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    """Parse a boolean environment variable explicitly ("1", "true", "yes", "on")."""
    value = os.environ.get(name)
    if value is None:
        return default
    value = value.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), not {value!r}")


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Proxies of ours in front of the application that add to X-Forwarded-For (production: nginx, 1):
# the visitor's address is taken from there (network_site.middleware.ClientAddressMiddleware).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

INSTALLED_APPS = [
    "network_site",
    "home",
    "members",
    "commitments",
    "supplychain",
    "meetings",
    # The regional layer: the regional site (its pages first, so the others can add theirs below),
    # the good-practices library, the cooperation board, and the read API.
    "regional",
    "practices",
    "cooperation",
    "api",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "import_export",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "csp",
]

MIDDLEWARE = [
    "network_site.middleware.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Permissions-Policy, no caching of portal pages and downloads; the Content-Security-Policy
    # (enforced outside the admin, report-only in it): network_site/security.py.
    "network_site.security.SecurityHeadersMiddleware",
    "network_site.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # No NUL character in the query string or a posted form (PostgreSQL refuses them): network_site.input.
    "network_site.input.StripNulMiddleware",
    "network_site.page_cache.AnonymousPageCacheMiddleware",
    "network_site.routing.SiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "network_site.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Opens the request's network scope (network_site.networks): every query on network-owned data
    # below it names the network of the host (public site, portal) or of the staff (admin).
    "network_site.networks.NetworkMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff without an authenticator app (TOTP) are sent to activate one before the admin.
    "network_site.security.StaffMFAMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# The read API answers a NUL in a parameter with a 422 problem itself (network_site.input).
NUL_KEPT_PATH_PREFIXES = ("/api/",)

ROOT_URLCONF = "network_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "network_site.wsgi.application"

# Database: SQLite by default, anything dj-database-url understands through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({"timeout": 20, "transaction_mode": "IMMEDIATE"})

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "network_site.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Internationalisation: Spanish first, English second; ready for Portuguese and French.
LANGUAGE_CODE = "es"
LANGUAGES = [("es", "Español"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "America/Costa_Rica")
USE_I18N = True
USE_TZ = True

# Static and media files.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # S3-compatible storage for uploads (MinIO, Ceph, AWS...), configured by django-storages'
    # own AWS_* variables (AWS_S3_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY...).
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_STORAGE_BUCKET_NAME = os.environ["AWS_STORAGE_BUCKET_NAME"]
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True

# Private files (evidence, attachments, minutes, imported spreadsheets, Wagtail documents):
# one storage outside MEDIA_ROOT, served only through views that check who asks
# (network_site/storage.py). With S3, set AWS_PRIVATE_BUCKET_NAME for a private bucket.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))
STORAGES["private"] = {"BACKEND": "network_site.storage.PrivateFileSystemStorage"}
if os.environ.get("AWS_PRIVATE_BUCKET_NAME"):
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": os.environ["AWS_PRIVATE_BUCKET_NAME"], "default_acl": "private"},
    }

# Behind nginx (deploy/nginx/): X_ACCEL_REDIRECT=true lets nginx send private files and Wagtail
# documents once a view has checked who asks (network_site/accel.py: the response names the file
# under PRIVATE_FILES_ACCEL_PREFIX, nginx's internal location for PRIVATE_MEDIA_ROOT). Off, Django
# streams them itself (runserver, tests, a server without nginx).
PRIVATE_FILES_ACCEL_PREFIX = (
    os.environ.get("PRIVATE_FILES_ACCEL_PREFIX", "/_private/") if env_bool("X_ACCEL_REDIRECT", False) else ""
)
if PRIVATE_FILES_ACCEL_PREFIX:
    SENDFILE_BACKEND = "network_site.accel"  # Wagtail's document view (wagtail.utils.sendfile)

# Progress reports: days after a period's end before its report is late; evidence size.
COMMITMENTS_REPORT_DEADLINE_DAYS = int(os.environ.get("COMMITMENTS_REPORT_DEADLINE_DAYS", "30"))
COMMITMENTS_EVIDENCE_MAX_BYTES = 10 * 1024 * 1024

FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Caches. "default" (rate limits, login throttling, the cache generation when shared): local
# memory, or Redis when REDIS_URL is set (shared by every process and server). "local": each
# process's own memory, for rendered pages and the data built per cache generation (see
# network_site/page_cache.py); only the generation number is shared between processes.
LOCAL_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "red-local",
    "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("LOCAL_CACHE_MAX_ENTRIES", "2000"))},
}
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "red",
        },
        "local": LOCAL_CACHE,
    }
    # The generation lives in Redis: every server sees a change at once.
    CACHE_GENERATION_FILE = ""
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "red"},
        "local": LOCAL_CACHE,
    }
    # Without Redis the generation is a file's modification time, shared by the web server's
    # processes, the task worker and the commands of this machine (one stat() per request).
    CACHE_GENERATION_FILE = os.environ.get("CACHE_GENERATION_FILE", str(BASE_DIR / "var" / "cache-generation"))
# Seconds an anonymous public page is kept in the full-page cache (0 turns it off).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))

# Background work: Django's task framework (django-tasks backport). The database backend
# needs a worker (`manage.py db_worker`); dev and tests run tasks immediately.
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
# Big PDFs are rendered by the worker (network_site/background.py): seconds a render may take
# before it is stopped, and hours a result is kept (`clean_rendered_documents` deletes it then).
PDF_RENDER_TIME_LIMIT = float(os.environ.get("PDF_RENDER_TIME_LIMIT", "120"))
PDF_RESULT_HOURS = float(os.environ.get("PDF_RESULT_HOURS", "24"))

# E-mail.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Red de Empresas <no-responder@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where notices for the secretariat go (new applications, overdue organisations...).
SECRETARIAT_EMAILS = env_list("SECRETARIAT_EMAILS", "secretaria@example.org")
# The secretariat as invitees see it: the ORGANIZER of calendar invitations and the Reply-To of
# meeting e-mails (DEFAULT_FROM_EMAIL is a no-reply sender); replies reach a person.
SECRETARIAT_NAME = os.environ.get("SECRETARIAT_NAME", "Secretaría técnica de la Red")
SECRETARIAT_REPLY_TO = os.environ.get("SECRETARIAT_REPLY_TO", "") or (SECRETARIAT_EMAILS or [""])[0]
# The apps whose every permission a network's secretariat has (network_site.staff: group "Secretaría").
SECRETARIAT_PERMISSION_APPS = ["members", "commitments", "supplychain", "meetings", "home", "practices", "cooperation"]
# Days attendees have, by default, to comment on circulated minutes.
MINUTES_COMMENT_DAYS = int(os.environ.get("MINUTES_COMMENT_DAYS", "10"))

# Wagtail.
WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "Red de Empresas contra el Trabajo Infantil")
# The public origin every absolute link is built from (network_site.links.absolute_url):
# e-mails, PDFs, certificates, calendar files, feeds, the sitemap. `make run PORT=…` sets it.
BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = BASE_URL
WAGTAILIMAGES_IMAGE_MODEL = "network_site.CustomImage"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Every frame of an animated image counts against the pixel budget (network_site.image_forms).
WAGTAILIMAGES_IMAGE_FORM_BASE = "network_site.image_forms.ImageForm"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Documents are our own model on the private storage, always served by Wagtail's view (which
# checks a private collection's restrictions), never by their storage path.
WAGTAILDOCS_DOCUMENT_MODEL = "network_site.CustomDocument"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Every document upload (the admin's form, its multiple upload, the choosers) is refused above this
# size, with Wagtail's message naming the limit.
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("WAGTAILDOCS_MAX_UPLOAD_SIZE", str(20 * 1024 * 1024)))
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "csv", "txt", "jpg", "jpeg", "png"]
# Wagtail's database backend, a double quote in a search escaped on SQLite (network_site.search).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "network_site.search"}}
WAGTAILEMBEDS_FINDERS = []
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The admin loads nothing from other sites: no Gravatar avatars (they would tell Gravatar who
# works in the admin and when); users see Wagtail's default avatar or the one they upload.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_LOGIN_URL = "/portal/account/login/"
# Pages and documents of a collection restricted to logged-in users send visitors to the one
# login (throttled, with MFA), not to Wagtail's own front-end login form.
WAGTAIL_FRONTEND_LOGIN_URL = "/portal/account/login/"
WAGTAIL_PASSWORD_RESET_ENABLED = True

# Accounts (django-allauth) for the member portal: e-mail login, no self-registration
# (accounts come from approved applications and invitations), rate-limited logins.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/portal/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = {"login_failed": "5/5m/ip,5/5m/key"}
ACCOUNT_ADAPTER = "members.adapters.AccountAdapter"
# The login form keeps a staff member's session STAFF_SESSION_AGE seconds (members.adapters.LoginForm).
ACCOUNT_FORMS = {"login": "members.adapters.LoginForm"}
# Account e-mails name the network in their subject and text (members.adapters.network_name).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]

# Spreadsheets (django-import-export and our import machinery).
IMPORT_EXPORT_SKIP_ADMIN_LOG = True
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
IMPORT_EXPORT_FORMATS = [
    "import_export.formats.base_formats.CSV",
    "import_export.formats.base_formats.XLSX",
]
SPREADSHEET_MAX_UPLOAD_BYTES = int(os.environ.get("SPREADSHEET_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
SPREADSHEET_MAX_ROWS = int(os.environ.get("SPREADSHEET_MAX_ROWS", "50000"))

# Security headers that hold in every environment.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True
# Members stay logged in for two weeks; staff sessions last STAFF_SESSION_AGE seconds (8 hours)
# from their login (members.adapters.AccountAdapter.login).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(14 * 24 * 60 * 60)))
STAFF_SESSION_AGE = int(os.environ.get("STAFF_SESSION_AGE", str(8 * 60 * 60)))
# Staff enrol an authenticator app (TOTP) before the admin opens (network_site.security).
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", True)

# Content-Security-Policy (django-csp; network_site/security.py): scripts, styles, fonts and
# frames from our own origin only, no inline script or style; images also as data: URIs (the
# TOTP QR code). Enforced on the public site, the portal and the API; the Wagtail admin (inline
# code of its own) gets the same policy as report-only. CSP_EXTRA_SOURCES adds origins (e.g. an
# S3 bucket serving images); CSP_REPORT_URI where browsers send violation reports.
_CSP_EXTRA = env_list("CSP_EXTRA_SOURCES")
_CSP_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", *_CSP_EXTRA],
    "media-src": ["'self'", *_CSP_EXTRA],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
}
if os.environ.get("CSP_REPORT_URI"):
    _CSP_DIRECTIVES["report-uri"] = [os.environ["CSP_REPORT_URI"]]
CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_DIRECTIVES}
CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": _CSP_DIRECTIVES}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
