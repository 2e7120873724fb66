"""Start-up of the frozen app against the pip-installed app and a bare PySide6 window, in one run.

    packaging/build_frozen.sh build/frozen        # the frozen app
    packaging/wheel_smoke.sh                      # or any venv with the wheel installed
    python bench/bench_frozen.py --frozen build/frozen/signdesk --venv VENV [-n 9]

All three run as fresh processes, interleaved, offscreen, with a throwaway
home, from process start until the window is shown and the event loop
runs (the app's SIGNDESK_QUIT_WHEN_READY hook; the bare window prints the
same "ready"). The frozen app should start within 1.5x the pip-installed
app, and the pip-installed app within 2.5x the bare window. Also prints the
frozen folder's size, unpacked and as a .tar.gz.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tarfile
import tempfile
from pathlib import Path

from bench_startup import BARE, command_time_to_ready as time_to_ready

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "bubble_tea_shop.signdesk"


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def archive_size(folder: Path) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "app.tar.gz"
        with tarfile.open(target, "w:gz") as tar:
            tar.add(folder, arcname=folder.name)
        return target.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frozen", type=Path, default=REPO / "build" / "frozen" / "signdesk",
                        help="the frozen app's folder (default build/frozen/signdesk)")
    parser.add_argument("--venv", type=Path, required=True, help="a venv with the signdesk wheel installed")
    parser.add_argument("-n", type=int, default=9, help="runs of each (default 9)")
    args = parser.parse_args()
    runs = {
        "bare PySide6 window": [str(args.venv / "bin" / "python"), "-c", BARE],
        "pip-installed signdesk": [str(args.venv / "bin" / "signdesk"), str(EXAMPLE)],
        "frozen signdesk": [str(args.frozen / "signdesk"), str(EXAMPLE)],
    }
    times: dict[str, list[float]] = {name: [] for name in runs}
    with tempfile.TemporaryDirectory() as home:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        env.update(QT_QPA_PLATFORM="offscreen", HOME=home, XDG_CONFIG_HOME=f"{home}/config",
                   XDG_DATA_HOME=f"{home}/data", XDG_CACHE_HOME=f"{home}/cache",
                   SIGNDESK_QUIT_WHEN_READY="1", LANG="en_GB.UTF-8")
        for command in runs.values():  # warm the OS file cache (and the catalogue cache)
            time_to_ready(command, env)
        for _ in range(args.n):
            for name, command in runs.items():
                times[name].append(time_to_ready(command, env))
    median = {name: statistics.median(t) for name, t in times.items()}
    for name, value in median.items():
        print(f"{name:24}: median {value * 1000:7.1f} ms over {args.n} runs")
    frozen, pip, bare = median["frozen signdesk"], median["pip-installed signdesk"], median["bare PySide6 window"]
    print(f"frozen / pip-installed  : {frozen / pip:.2f}x (target <= 1.5x)")
    print(f"pip-installed / bare    : {pip / bare:.2f}x (target <= 2.5x)")
    print(f"frozen folder           : {folder_size(args.frozen) / 1e6:.0f} MB unpacked, "
          f"{archive_size(args.frozen) / 1e6:.0f} MB as .tar.gz")


if __name__ == "__main__":
    main()
