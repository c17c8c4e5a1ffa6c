"""Test configuration: the environment the one settings file reads, set before it is imported."""

import os
import tempfile

os.environ.setdefault("LINLI_DATA_DIR", tempfile.mkdtemp(prefix="linli-test-"))
os.environ.setdefault("LINLI_TASKS", "immediate")
os.environ.setdefault("LINLI_FAST_HASHER", "1")
os.environ.setdefault("LINLI_TESTING", "1")
os.environ.setdefault("SITE_URL", "http://testserver")
os.environ.pop("EMAIL_URL", None)

from linli.settings import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
ALLOWED_HOSTS = ["*"]
# Live-server (browser) tests serve the real CSS and JS straight from the apps, as the demo does.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
