"""Shared start-up for the benchmarks: a database (a fresh SQLite file unless DATABASE_URL is set), migrated."""

import os
import resource
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def start() -> Path:
    workdir = Path(tempfile.mkdtemp(prefix="assessflow-bench-"))
    os.environ.setdefault("ASSESSFLOW_VAR_DIR", str(workdir))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "assessflow.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("ASSESSFLOW_ENV", "test")  # immediate tasks, fast hashing: the figures are the work itself
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return workdir


def peak_mb() -> int:
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
