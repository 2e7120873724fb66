"""Generated hostile project files, shared by the fuzz test and bench/fuzz_cli.py.

A generated case starts from a real example project and applies one to four
mutations an attacker or a clumsy tool would: lone surrogates, integers of
thousands of digits, control characters, answers kept from an older file
that fail today's checks, odd version-1 shapes, duplicate and unknown keys,
wrong types anywhere. :func:`check_outcome` runs the CLI on the bytes and
says what a user would see is wrong, if anything.
"""

from __future__ import annotations

import collections
import contextlib
import io
import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "examples").glob("*.signdesk"))
_BASES = [json.loads(p.read_text("utf-8")) for p in EXAMPLES]
_HUGE = "__HUGE_INT_{}__"

#: Typed answers a user can write and an older SignDesk may have kept.
TYPED_KEYS = ("operator_name", "address", "contact_phone", "contact_email", "optout_url", "uscc",
              "legal_representative", "privacy_contact", "pia_assessor", "vendor_names")
SCENARIO_KEYS = ("location", "scenario_kind", "purposes", "retention_days", "public_place", "enrolled")

lone_surrogates = st.sampled_from(["\ud800", "a\udfffb", "上海\udbff", "\udc80\ud800"])
control_text = st.text(st.characters(categories=["Cc", "Cf", "Zl", "Zp"]), min_size=1, max_size=8).map(
    lambda s: f"名{s}称")
kept_invalid = st.sampled_from([
    "http://localhost/optout", "https://optout", "http://192.168.1.2/x", "<script>alert(1)</script>",
    "9" * 2000, "王" * 1500, "x" * 1999, "not-an-email@", "=HYPERLINK(\"http://evil\")",
])
huge_int = st.integers(4301, 20000).map(lambda n: _HUGE.format(n))
any_text = st.text(max_size=40)
hostile_text = st.one_of(lone_surrogates, control_text, kept_invalid, any_text)
scalars = st.one_of(hostile_text, huge_int, st.integers(-10 ** 30, 10 ** 30), st.none(), st.booleans(),
                    st.floats(allow_nan=True, allow_infinity=True))
values = st.one_of(scalars, st.lists(scalars, max_size=3), st.dictionaries(any_text, scalars, max_size=2))
odd_scenarios = st.one_of(st.none(), st.integers(), st.text(max_size=5), st.booleans(),
                          st.dictionaries(any_text, scalars, max_size=2), st.lists(scalars, max_size=3))


@st.composite
def hostile_project(draw) -> bytes:
    """The bytes of one generated project file."""
    data = json.loads(json.dumps(draw(st.sampled_from(_BASES))))
    duplicate = False
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["business", "scenario_answer", "name", "id", "v1", "unknown", "duplicate",
                                     "version", "business_key", "kept", "kept", "kept", "control_name"]))
        scenarios = data.get("scenarios") if isinstance(data.get("scenarios"), list) else []
        first = scenarios[0] if scenarios and isinstance(scenarios[0], dict) else None
        if kind == "business" and isinstance(data.get("business"), dict):
            data["business"][draw(st.sampled_from(TYPED_KEYS))] = draw(st.one_of(hostile_text, values))
        elif kind == "kept" and isinstance(data.get("business"), dict):   # opens; printing must refuse it
            data["business"][draw(st.sampled_from(TYPED_KEYS))] = draw(kept_invalid)
        elif kind == "control_name" and first is not None:   # opens; the terminal must not see it raw
            first["name"] = draw(control_text)
        elif kind == "business_key" and isinstance(data.get("business"), dict):
            data["business"][draw(hostile_text)] = draw(values)
        elif kind == "scenario_answer" and first is not None and isinstance(first.get("answers"), dict):
            first["answers"][draw(st.sampled_from(SCENARIO_KEYS))] = draw(values)
        elif kind == "name" and first is not None:
            first["name"] = draw(st.one_of(hostile_text, values))
        elif kind == "id" and first is not None:
            first["id"] = draw(st.one_of(st.sampled_from(["s-1\n", "../x", "s 1", ""]), hostile_text))
        elif kind == "v1":
            data = {"version": 1, "business": data.get("business", {}), "scenarios": draw(odd_scenarios)}
        elif kind == "unknown":
            data[draw(st.sampled_from(["extra", "answers_v9", "\x1b[2J"]))] = draw(values)
        elif kind == "duplicate":
            duplicate = True
        elif kind == "version":
            data["schema_version"] = draw(st.one_of(st.sampled_from(["2", 2.0, True, None, -1, 0, 99]), huge_int))
    # ensure_ascii=False writes a lone surrogate as raw (invalid UTF-8) bytes, True as "\ud800".
    text = json.dumps(data, ensure_ascii=draw(st.booleans()))
    text = re.sub(r'"__HUGE_INT_(\d+)__"', lambda m: "7" * int(m.group(1)), text)
    if duplicate:
        text = text.replace('"business": {', '"business": {"operator_name": "甲", ', 1)
    return text.encode("utf-8", errors="surrogatepass")


@dataclass
class Outcome:
    status: int
    out: str
    err: str


def run_in_process(argv: list[str]) -> Outcome:
    from signdesk.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return Outcome(status, out.getvalue(), err.getvalue())


def run_as_process(argv: list[str]) -> Outcome:
    result = subprocess.run([sys.executable, "-m", "signdesk.cli", *argv], capture_output=True, timeout=120,
                            env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
    return Outcome(result.returncode, result.stdout.decode("utf-8", "replace"),
                   result.stderr.decode("utf-8", "replace"))


def problems(outcome: Outcome, command: str) -> list[str]:
    """What a user would call broken in this outcome (empty when all is well)."""
    found = []
    if "Traceback" in outcome.err or "Traceback" in outcome.out:
        found.append("a traceback")
    err_lines = outcome.err.splitlines()
    if outcome.status == 2:
        if len(err_lines) != 1 or not outcome.err.endswith("\n"):
            found.append(f"exit 2 with {len(err_lines)} lines on stderr")
    elif outcome.status in (0, 1):
        if command == "check" and any(not line.startswith("Warning:") for line in err_lines):
            found.append("stderr lines that are not warnings")
    else:
        found.append(f"exit status {outcome.status}")
    for stream in (outcome.out, outcome.err):
        if any(ch != "\n" and (ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0) for ch in stream):
            found.append("a control character reached the terminal")
            break
    return found


def check_case(raw: bytes, *, as_process: bool = False, export: bool = False,
               statuses: "collections.Counter[int] | None" = None) -> list[str]:
    """Run check (and optionally export --filing) on ``raw``; the problems a user would see.

    ``statuses`` counts check's exit status, for a report.
    """
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.signdesk"
        path.write_bytes(raw)
        run = run_as_process if as_process else run_in_process
        outcome = run(["check", str(path), "--lang", "en", "--today", "2026-11-22"])
        found = [f"check: {p}" for p in problems(outcome, "check")]
        if statuses is not None:
            statuses[outcome.status] += 1
        if export and outcome.status in (0, 1):
            out_dir = Path(folder) / "out"
            exported = run(["export", str(path), "--filing", "-o", str(out_dir), "--lang", "en",
                            "--today", "2026-11-22"])
            found += [f"export: {p}" for p in problems(exported, "export")]
            if exported.status == 2 and out_dir.exists() and any(out_dir.iterdir()):
                found.append("export: refused but wrote files")
        return found
