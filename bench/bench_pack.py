"""The whole pack for a three-scenario business, as a fresh process would make it.

Runs ``signdesk render`` in a new Python process (fonts parsed from scratch)
for a hotel with check-in, staff attendance and an extra entrance-gate
scenario, and prints wall time, the font-loading share and file sizes.
Goals: at most 1.0 s for the pack; every sign PDF at most 120 KB.

    python bench/bench_pack.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from signdesk.model import load, save
from signdesk.paths import EXAMPLES_DIR


def three_scenario_project(folder: Path) -> Path:
    project = load(EXAMPLES_DIR / "small_hotel.signdesk")
    gate = project.duplicate_scenario("s-checkin", "Lobby gate")
    gate.answers.update(scenario_kind="entrance_gate", location="大堂闸机 / Lobby gate",
                        purposes=["access"], match_mode="identify", legal_basis="consent",
                        consent_method="separate", consent_records=True, withdrawal_route=True,
                        delete_on_withdrawal=True, alternatives=["card", "staff_check"],
                        storage_location="local_server", transmission_basis="separate_consent")
    path = folder / "hotel3.signdesk"
    save(project, path)
    return path


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        project = three_scenario_project(folder)
        out = folder / "out"
        fonts = subprocess.run(
            [sys.executable, "-c",
             "import time; t=time.perf_counter(); from signdesk.documents.fonts import register_fonts; "
             "register_fonts(); print(time.perf_counter()-t)"],
            capture_output=True, text=True, check=True)
        runs = []
        for _ in range(3):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "signdesk.cli", "render", str(project), "-o", str(out),
                            "--today", "2026-11-22", "--lang", "en"], check=True, capture_output=True)
            runs.append(time.perf_counter() - t)
        files = sorted(out.iterdir())
        print(f"fresh process, whole pack ({len(files)} files): best {min(runs):.2f} s, "
              f"worst {max(runs):.2f} s   (goal <= 1.0 s)")
        print(f"  of which importing + registering the two fonts: {float(fonts.stdout):.2f} s")
        for f in files:
            print(f"  {f.name:45s} {f.stat().st_size / 1024:6.1f} KB")
        biggest_sign = max(f.stat().st_size for f in files if f.name.startswith("sign-"))
        print(f"largest sign: {biggest_sign / 1024:.0f} KB   (goal <= 120 KB)")


if __name__ == "__main__":
    main()
