"""Property: whatever a project file holds, the CLI answers like a tool, not a crash.

Generated files (tests/cli/hostile_projects.py: lone surrogates, integers of
thousands of digits, odd version-1 shapes, control characters, answers kept
from older files, duplicate and unknown keys) go through ``check`` and
``export --filing``, in process and as a real subprocess. Each ends with
exit 0 or 1 (stderr only warnings) or 2 with exactly one line on stderr;
never a traceback, never a control character on the terminal, never files
written by a refused export. bench/fuzz_cli.py runs the same with 10,000
generated files.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from tests.cli.hostile_projects import check_case, hostile_project

_SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@settings(max_examples=150, **_SETTINGS)
@given(hostile_project())
def test_check_in_process_ends_in_a_clear_status(raw):
    assert check_case(raw) == []


@settings(max_examples=25, **_SETTINGS)
@given(hostile_project())
def test_check_and_export_in_process_never_half_write(raw):
    assert check_case(raw, export=True) == []


@settings(max_examples=8, **_SETTINGS)
@given(hostile_project())
def test_check_as_a_real_process_ends_in_a_clear_status(raw):
    assert check_case(raw, as_process=True) == []
