"""Settings for the test suite: the same settings, in test mode (fast hashing, immediate tasks)."""

import os

os.environ["ASSESSFLOW_ENV"] = "test"

from assessflow.settings import *  # noqa: F403
