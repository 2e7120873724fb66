"""Register speed and memory: N people and 3N entries.

    python bench/bench_register.py              # 10,000 and 100,000 people
    python bench/bench_register.py 20000        # other sizes
    python bench/bench_register.py --against ../other-checkout 10000 100000
    python bench/bench_register.py --tracemalloc 100000

Builds a register of N people (a consent each at the till and at the gate,
half of them withdrawn and deleted: 3N entries) and a CSV file of N
consents, then times what the owner waits for: opening the register and the
first screen of the consents table, a search by serial and by name,
verifying the whole history, the register's findings, and importing the CSV
into a fresh register (read from the file as the command reads it).

Each phase runs in a fresh process of its own, so each peak is that phase's
alone (ru_maxrss only ever goes up): the process reports its peak RSS before
the phase (Python, SignDesk and the example project loaded, the register
open but for the first phase) and after it. The build runs in a process of its own
too. ``--against DIR`` runs every phase a second time, in turns, with the
code of another checkout (on the same registers and CSV), for a before and
after on one machine in one run. ``--tracemalloc`` also reports the peak of
Python's own allocations during each phase (the timings are then slower).
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GOALS = {"open_first_screen": 0.5, "search_serial": 0.05, "search_name": 0.05, "verify": 5.0,
         "findings": 0.5, "import": 15.0}
#: Phase -> the timings it reports.
PHASES = {"open": ("open_first_screen",), "search": ("search_serial", "search_name"), "verify": ("verify",),
          "findings": ("findings",), "import": ("import",)}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(path: Path, n: int) -> None:
    from signdesk.register import Person, Register

    day = dt.date(2026, 6, 1)
    with Register.create(path) as reg:
        rows = ((i, Person(f"客人{i:06d}", member_no=f"M{i:06d}", phone_last4=f"{i % 10000:04d}"),
                 {"day": day, "scenario_id": "s-till", "serial": f"{i:06d}", "version": "C-AAAAAA",
                  "ticks": ["purpose:payment"], "staff": "李"}) for i in range(n))
        reg.import_stream(rows)
        ids = [r[0] for r in reg.connection.execute("SELECT person_id FROM people ORDER BY rowid")]
        reg.import_stream((i, pid, {"day": day, "scenario_id": "s-gate", "version": "C-BBBBBB"})
                            for i, pid in enumerate(ids))
        with reg.batch():
            for pid in ids[: n // 2]:
                reg.withdraw(pid, day=day, channel="phone", deletion_days=15, scenario_id="s-till")
                reg.confirm_deletion(pid, day=day, by="李", devices=["till"], scenario_id="s-till")


def write_csv(path: Path, n: int) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("serial,name,member_no,phone_last4,date,ticks,version\n")
        for i in range(n):
            fh.write(f"{i:06d},导入{i:06d},X{i:06d},{i % 10000:04d},2026-06-01,purpose:payment,C-AAAAAA\n")


def phase(name: str, folder: Path, n: int, trace: bool) -> dict[str, float]:
    """One phase, in this (fresh) process."""
    import tracemalloc

    from signdesk.model import load
    from signdesk.register import Register, register_facts
    from signdesk.register.csvfiles import import_csv
    from signdesk.register.views import Filter, standing_rows
    from signdesk.rules import evaluate

    project = load(REPO / "examples" / "bubble_tea_shop.signdesk")
    path = folder / "r.register.sqlite"
    out: dict[str, float] = {}
    reg = None
    if name == "import":
        reg = Register.create(folder / f"import-{os.getpid()}.register.sqlite")
    elif name != "open":
        reg = Register.open(path)
    out["base_mb"] = _peak_mb()
    if trace:
        tracemalloc.start()
    t = time.perf_counter()
    if name == "open":
        reg = Register.open(path)
        first = standing_rows(reg, Filter(), limit=60)
        out["open_first_screen"] = time.perf_counter() - t
        assert len(first) == 60
    elif name == "search":
        hits = standing_rows(reg, Filter(search=f"{n // 3:06d}"))
        out["search_serial"] = time.perf_counter() - t
        assert hits, "serial not found"
        t = time.perf_counter()
        hits = standing_rows(reg, Filter(search=f"客人{n // 7:06d}"[:-1]), limit=60)
        out["search_name"] = time.perf_counter() - t
        assert hits, "name not found"
    elif name == "verify":
        result = reg.verify()
        out["verify"] = time.perf_counter() - t
        assert result.ok and result.entries == 3 * n, result
    elif name == "findings":
        found = evaluate(project, dt.date(2026, 11, 22), register_facts(reg, {"s-till": {"adult": "C-AAAAAA"}}))
        out["findings"] = time.perf_counter() - t
        assert found is not None
    elif name == "import":
        # As the command does: the file open for reading, or (code before
        # import_csv took a file) its bytes read whole.
        if "source" in inspect.signature(import_csv).parameters:
            with open(folder / "consents.csv", "rb") as fh:
                report = import_csv(reg, fh, project)
        else:
            report = import_csv(reg, (folder / "consents.csv").read_bytes(), project)
        out["import"] = time.perf_counter() - t
        assert report.written == n and not report.skipped
    if trace:
        out["python_peak_mb"] = tracemalloc.get_traced_memory()[1] / 1024 / 1024
        tracemalloc.stop()
    reg.close()
    out["peak_mb"] = _peak_mb()
    return out


def _run(code: Path, *args: str) -> dict[str, float]:
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, cwd=code,
                          env={**os.environ, "PYTHONPATH": str(code)})
    if proc.returncode:
        print(proc.stderr)
        raise SystemExit(proc.returncode)
    return json.loads(proc.stdout)


def _build(folder: Path, n: int) -> dict[str, float]:
    t = time.perf_counter()
    build(folder / "r.register.sqlite", n)
    return {"build": time.perf_counter() - t, "peak_mb": _peak_mb()}


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["--build"]:
        print(json.dumps(_build(Path(args[1]), int(args[2]))))
        return
    if args[:1] == ["--phase"]:
        print(json.dumps(phase(args[1], Path(args[2]), int(args[3]), args[4:] == ["trace"])))
        return
    trace = "--tracemalloc" in args
    args = [a for a in args if a != "--tracemalloc"]
    codes = [("this", REPO)]
    if args[:1] == ["--against"]:
        codes.append(("against", Path(args[1]).resolve()))
        args = args[2:]
    sizes = [int(a) for a in args] or [10_000, 100_000]
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            built = _run(REPO, "--build", str(folder), str(n))
            write_csv(folder / "consents.csv", n)
            size = (folder / "r.register.sqlite").stat().st_size / 1024 / 1024
            print(f"{n:,} people, {3 * n:,} entries (built in {built['build']:.1f} s, {size:.0f} MB;"
                  f" the build's own peak {built['peak_mb']:.0f} MB):")
            for name, keys in PHASES.items():
                for label, code in codes:
                    r = _run(code, "--phase", name, str(folder), str(n), *(["trace"] if trace else []))
                    times = "  ".join(f"{k} {r[k] * 1000:8.1f} ms (≤ {GOALS[k] * 1000:.0f}"
                                      f"{'' if r[k] <= GOALS[k] else ' OVER'})" for k in keys)
                    python = f", Python's own peak {r['python_peak_mb']:.1f} MB" if trace else ""
                    who = f"{'[' + label + ']':10s}" if len(codes) > 1 else ""
                    print(f"  {who}{name:9s} {times}\n  {'':{len(who)}}{'':9s} peak RSS {r['peak_mb']:6.1f} MB"
                          f" ({r['peak_mb'] - r['base_mb']:+.1f} MB over {r['base_mb']:.1f} before it{python})")


if __name__ == "__main__":
    main()
