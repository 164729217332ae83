"""Settings for the test suite: the same settings, in test mode (fast hashing, immediate tasks)."""

import os

os.environ["ASSESSFLOW_ENV"] = "test"

from assessflow.settings import *  # noqa: F403

# Documents written by tests stay in memory.
STORAGES["documents"] = {"BACKEND": "django.core.files.storage.InMemoryStorage"}  # noqa: F405
STORAGES["imports"] = {"BACKEND": "django.core.files.storage.InMemoryStorage"}  # noqa: F405
