"""Test settings: fast hashing, in-memory e-mail, eager Celery, isolated media."""

import os
import tempfile

os.environ.setdefault("DEBUG", "0")

from .base import *  # noqa: E402,F403

SECRET_KEY = "test-only-key"  # noqa: S105  (tests only)  # nosec B105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = ""
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="asn-test-media-"))  # noqa: F405
STORAGES = {  # noqa: F405
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
LANGUAGE_CODE = "id"
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
