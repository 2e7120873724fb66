"""Chain batch speed and memory: N sites, one A4 sign each, two worker processes.

    python bench/bench_batch.py            # 250 and 1,000 sites
    python bench/bench_batch.py 100 400    # other sizes
    python bench/bench_batch.py --engine-only   # the batch engine with a trivial renderer

Prints the wall time per run and the peak RSS of the parent and of the
largest worker (ru_maxrss of RUSAGE_SELF and RUSAGE_CHILDREN), so a reader
can see whether memory grows with the number of sites. Each size runs in a
fresh process, because ru_maxrss only ever goes up.
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
TARGET_SECONDS_PER_1000 = 20.0


def empty_renderer(project, sizes, folder, today):
    """Writes a tiny file: measures the batch engine without the sign drawing."""
    (folder / "sign-A4.txt").write_text(project.business["address"], "utf-8")
    return ["sign-A4.txt"]


def one_run(count: int, engine_only: bool = False) -> dict[str, float]:
    from signdesk.batch import read_sites, render_site_documents, run_batch
    from signdesk.model import load

    project = load(REPO / "examples" / "bubble_tea_shop.signdesk")
    # one scenario with a sign: the bench measures "one A4 sign per site"
    project.scenarios = project.scenarios[:1]
    project.scenarios[0].answers["legal_basis"] = "legal_duty"  # no consent form, just the sign
    rows = ["name,address,contact,optout_url,sizes"] + [
        f"柠檬茶{i}号店,上海市徐汇区漕溪北路{i}号,021-5555 {i % 10000:04d},https://tea.example.cn/s{i},A4"
        for i in range(count)
    ]
    sites, problems = read_sites("\n".join(rows).encode("utf-8"))
    assert not problems and len(sites) == count
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        renderer = empty_renderer if engine_only else render_site_documents
        results = run_batch(project, sites, Path(tmp), dt.date(2026, 11, 22), renderer=renderer)
        seconds = time.perf_counter() - start
        assert all(r.status == "done" for r in results)
    kb = 1024  # ru_maxrss is in KiB on Linux
    return {
        "sites": count,
        "seconds": seconds,
        "parent_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / kb,
        "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / kb,
    }


def main(argv: list[str]) -> None:
    if argv[:1] == ["--one"]:
        print(json.dumps(one_run(int(argv[1]), "--engine-only" in argv)))
        return
    engine_only = "--engine-only" in argv
    sizes = [int(a) for a in argv if a.isdigit()] or [250, 1000]
    runs = []
    for n in sizes:
        cmd = [sys.executable, __file__, "--one", str(n)] + (["--engine-only"] if engine_only else [])
        out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=REPO).stdout
        runs.append(json.loads(out.strip().splitlines()[-1]))
    print(f"{'sites':>6} {'seconds':>8} {'s/1000':>7} {'parent MB':>10} {'worker MB':>10}")
    for r in runs:
        per_1000 = r["seconds"] * 1000 / r["sites"]
        print(f"{r['sites']:>6} {r['seconds']:>8.2f} {per_1000:>7.2f} {r['parent_peak_mb']:>10.1f} "
              f"{r['worker_peak_mb']:>10.1f}")
    first, last = runs[0], runs[-1]
    print(f"site count x{last['sites'] / first['sites']:.1f}: parent peak x{last['parent_peak_mb'] / first['parent_peak_mb']:.2f}, "
          f"worker peak x{last['worker_peak_mb'] / first['worker_peak_mb']:.2f}")
    per_1000 = last["seconds"] * 1000 / last["sites"]
    print(f"time per 1,000 sites: {per_1000:.1f} s (target ≤ {TARGET_SECONDS_PER_1000:.0f} s): "
          f"{'OK' if per_1000 <= TARGET_SECONDS_PER_1000 else 'TOO SLOW'}")


if __name__ == "__main__":
    main(sys.argv[1:])
