"""`python -m benchmarks [MODULE…]`: set up a throw-away SQLite database (or BENCH_DATABASE_URL), run every
benchmark module or those named (`python -m benchmarks places`), print a table."""

import importlib
import os
import sys
import tempfile
from pathlib import Path

from benchmarks import MODULES, machine_description


def main():
    workdir = Path(tempfile.mkdtemp(prefix="teletravail-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "teletravail.settings.dev")
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)

    print(f"Machine: {machine_description()}")
    print(f"{'measure':<48} {'value':>12} {'unit':<6} {'baseline (same run)':<40} {'ratio':>8}  target")
    for name in [f"benchmarks.{name}" for name in sys.argv[1:]] or MODULES:
        for measure in importlib.import_module(name).run():
            print(
                f"{measure.name:<48} {measure.value:>12.4g} {measure.unit:<6} "
                f"{measure.baseline_name + ' = ' + format(measure.baseline_value, '.4g'):<40} "
                f"{measure.ratio:>8.2f}  {measure.target}"
            )


if __name__ == "__main__":
    main()
