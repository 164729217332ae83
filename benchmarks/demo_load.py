"""Times loading the demo council's people and reports peak memory, in one line.

    python benchmarks/demo_load.py --people 1000000

Uses a fresh SQLite file unless DATABASE_URL names another database. Prints
`demo_load people=N seconds=S rows_per_s=R peak_mb=M`.
"""

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="assessflow-bench-")
    os.environ.setdefault("ASSESSFLOW_VAR_DIR", workdir)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "assessflow.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")

    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from assessflow.people.demo.loader import load_demo_council

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    added = load_demo_council(people=args.people, today=timezone.localdate())
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"demo_load people={added} seconds={seconds:.1f} rows_per_s={added / seconds:.0f} peak_mb={peak_mb:.0f}")


if __name__ == "__main__":
    main()
