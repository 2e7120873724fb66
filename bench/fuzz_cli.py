"""The long run of the CLI fuzz test: N generated hostile project files (default 10,000).

    python bench/fuzz_cli.py            # 10,000 files
    python bench/fuzz_cli.py 2000       # another count

Every file goes through ``check`` in process; every 25th also through
``export --filing``, every 250th through ``check`` as a real subprocess
(tests/cli/hostile_projects.py makes the files and judges the outcome:
exit 0/1 with only warnings, or 2 with one line; no traceback; no control
character on the terminal; nothing written by a refused export). Prints
the counts per exit status and every failing case, and exits 1 if any.
The test suite runs the same property with a small count
(tests/cli/test_fuzz_cli.py).
"""

from __future__ import annotations

import collections
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402

from tests.cli.hostile_projects import check_case, hostile_project  # noqa: E402


def main(count: int) -> int:
    seen = 0
    failures: list[tuple[bytes, list[str]]] = []
    statuses: collections.Counter[int] = collections.Counter()

    @settings(max_examples=count, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(hostile_project())
    def one(raw: bytes) -> None:
        nonlocal seen
        seen += 1
        found = check_case(raw, export=seen % 25 == 0, statuses=statuses)
        if seen % 250 == 0:
            found += [f"(process) {p}" for p in check_case(raw, as_process=True)]
        if found:
            failures.append((raw, found))
        if seen % 1000 == 0:
            print(f"  {seen} files, {len(failures)} failing", flush=True)

    started = time.perf_counter()
    one()
    seconds = time.perf_counter() - started
    print(f"{seen} generated project files in {seconds:.0f} s; check exit statuses: "
          + ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items())))
    print(f"{len(failures)} failing")
    for raw, found in failures[:20]:
        print(" ", found, raw[:300])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000))
