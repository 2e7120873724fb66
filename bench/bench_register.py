"""Register speed and memory: N people and 3N entries.

    python bench/bench_register.py              # 10,000 and 100,000 people
    python bench/bench_register.py 20000        # other sizes

Builds a register of N people (a consent each at the till and at the gate,
half of them withdrawn and deleted: 3N entries), then times what the owner
waits for: opening it and the first screen of the consents table, a search
by serial and by name, verifying the whole history, the register's findings,
and importing N consents from CSV into a fresh register. Each size runs in
its own process, which reports its peak RSS (ru_maxrss only ever goes up):
once after the reads on the built register, once after the import.
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GOALS = {"open_first_screen": 0.5, "search_serial": 0.05, "search_name": 0.05, "verify": 5.0,
         "findings": 0.5, "import": 15.0}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(path: Path, n: int) -> None:
    from signdesk.register import Person, Register

    day = dt.date(2026, 6, 1)
    with Register.create(path) as reg:
        rows = ((i, Person(f"客人{i:06d}", member_no=f"M{i:06d}", phone_last4=f"{i % 10000:04d}"),
                 {"day": day, "scenario_id": "s-till", "serial": f"{i:06d}", "version": "C-AAAAAA",
                  "ticks": ["purpose:payment"], "staff": "李"}) for i in range(n))
        reg.import_consents(rows)
        ids = [r[0] for r in reg.connection.execute("SELECT person_id FROM people ORDER BY rowid")]
        reg.import_consents((i, pid, {"day": day, "scenario_id": "s-gate", "version": "C-BBBBBB"})
                            for i, pid in enumerate(ids))
        with reg.batch():
            for pid in ids[: n // 2]:
                reg.withdraw(pid, day=day, channel="phone", deletion_days=15, scenario_id="s-till")
                reg.confirm_deletion(pid, day=day, by="李", devices=["till"], scenario_id="s-till")


def measure(path: Path, n: int) -> dict[str, float]:
    from signdesk.model import load
    from signdesk.register import Register, register_facts
    from signdesk.register.views import Filter, standing_rows
    from signdesk.rules import evaluate

    out: dict[str, float] = {}
    t = time.perf_counter()
    reg = Register.open(path)
    first = standing_rows(reg, Filter(), limit=60)
    out["open_first_screen"] = time.perf_counter() - t
    assert len(first) == 60
    t = time.perf_counter()
    hits = standing_rows(reg, Filter(search=f"{n // 3:06d}"))
    out["search_serial"] = time.perf_counter() - t
    assert hits, "serial not found"
    t = time.perf_counter()
    hits = standing_rows(reg, Filter(search=f"客人{n // 7:06d}"[:-1]), limit=60)
    out["search_name"] = time.perf_counter() - t
    assert hits, "name not found"
    t = time.perf_counter()
    result = reg.verify()
    out["verify"] = time.perf_counter() - t
    assert result.ok and result.entries == 3 * n, result
    project = load(REPO / "examples" / "bubble_tea_shop.signdesk")
    t = time.perf_counter()
    found = evaluate(project, dt.date(2026, 11, 22), register_facts(reg, {"s-till": {"adult": "C-AAAAAA"}}))
    out["findings"] = time.perf_counter() - t
    assert found is not None
    reg.close()
    out["peak_mb_reads"] = _peak_mb()
    return out


def measure_import(folder: Path, n: int) -> dict[str, float]:
    from signdesk.model import load
    from signdesk.register import Register
    from signdesk.register.csvfiles import import_csv

    lines = ["serial,name,member_no,phone_last4,date,ticks,version"]
    lines += [f"{i:06d},导入{i:06d},X{i:06d},{i % 10000:04d},2026-06-01,purpose:payment,C-AAAAAA" for i in range(n)]
    raw = ("\n".join(lines) + "\n").encode("utf-8")
    project = load(REPO / "examples" / "bubble_tea_shop.signdesk")
    with Register.create(folder / "import.register.sqlite") as reg:
        t = time.perf_counter()
        report = import_csv(reg, raw, project)
        elapsed = time.perf_counter() - t
        assert report.written == n and not report.skipped
    return {"import": elapsed, "peak_mb_import": _peak_mb()}


def one_size(n: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        build(folder / "r.register.sqlite", n)
        built = time.perf_counter() - t
        out = measure(folder / "r.register.sqlite", n)
        out["build"] = built
        out["file_mb"] = (folder / "r.register.sqlite").stat().st_size / 1024 / 1024
        out.update(measure_import(folder, n))
    return out


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(one_size(int(sys.argv[2]))))
        return
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000]
    for n in sizes:
        proc = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True, text=True,
                              cwd=REPO, env={**__import__("os").environ, "PYTHONPATH": str(REPO)})
        if proc.returncode:
            print(proc.stderr)
            raise SystemExit(proc.returncode)
        r = json.loads(proc.stdout)
        print(f"{n:,} people, {3 * n:,} entries (built in {r['build']:.1f} s, {r['file_mb']:.0f} MB):")
        for key, goal in GOALS.items():
            ms = r[key] * 1000
            flag = "ok" if r[key] <= goal else "OVER"
            print(f"  {key:18s} {ms:9.1f} ms   goal ≤ {goal * 1000:.0f} ms   {flag}")
        print(f"  peak RSS: {r['peak_mb_reads']:.0f} MB after the reads, {r['peak_mb_import']:.0f} MB after the import")


if __name__ == "__main__":
    main()
