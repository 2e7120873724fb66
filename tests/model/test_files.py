"""Project files: round trips, versions, and every way a file can be wrong."""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from signdesk.model import Project, ProjectFileError, Scenario, answers_to_fix, dumps, load, loads, save
from signdesk.model.files import MAX_FILE_BYTES, SCHEMA_VERSION
from signdesk.questions import QUESTIONS, Kind, Scope, scope_of

REPO = Path(__file__).resolve().parents[2]


# --------------------------------------------------------------- round trip
def _answer(q) -> st.SearchStrategy:
    if q.kind is Kind.YES_NO:
        return st.booleans()
    if q.kind is Kind.CHOICE:
        return st.sampled_from(q.option_keys())
    if q.kind is Kind.MULTI:
        keys = q.option_keys()
        return st.sets(st.sampled_from(keys), min_size=1).map(lambda s: [k for k in keys if k in s])
    if q.kind is Kind.NUMBER:
        return st.integers(math.ceil(q.minimum or 0), int(min(q.maximum or 10**9, 10**9)))
    if q.kind is Kind.DATE:
        return st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))
    if q.kind is Kind.URL:
        return st.from_regex(r"https://[a-z]{1,12}\.cn/[a-z0-9\-]{0,20}", fullmatch=True)
    if q.kind is Kind.PHONE:
        return st.from_regex(r"0[0-9]{2}-[0-9]{4} [0-9]{4}", fullmatch=True)
    if q.kind is Kind.EMAIL:
        return st.from_regex(r"[a-z]{1,10}@[a-z]{1,10}\.cn", fullmatch=True)
    # Text: Chinese, English, quotes and emoji survive; answers are stored stripped.
    alphabet = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"))
    return st.text(alphabet, max_size=min(q.max_length, 40)).map(str.strip)


def _answers(scope: Scope) -> st.SearchStrategy[dict]:
    qs = [q for q in QUESTIONS if scope_of(q) is scope]
    return st.fixed_dictionaries({}, optional={q.id: _answer(q) for q in qs}).map(
        lambda d: {k: v for k, v in d.items() if v != ""})


_scenario_names = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")),
                          min_size=1, max_size=60).map(str.strip).filter(bool)

projects = st.builds(
    lambda business, scenarios: Project(
        business, [Scenario(f"s-{i}", name, answers) for i, (name, answers) in enumerate(scenarios)]),
    _answers(Scope.BUSINESS),
    st.lists(st.tuples(_scenario_names, _answers(Scope.SCENARIO)), max_size=4),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects)
def test_save_then_load_gives_the_same_project(project):
    assert loads(dumps(project)) == project
    # And saving again changes no byte: files diff cleanly in version control.
    assert dumps(loads(dumps(project))) == dumps(project)


def test_round_trip_through_a_real_file(tmp_path):
    project = load(REPO / "examples" / "residential_compound.signdesk")
    save(project, tmp_path / "p.signdesk")
    assert load(tmp_path / "p.signdesk") == project


@pytest.mark.parametrize("name", ["bubble_tea_shop", "residential_compound", "small_hotel", "training_centre"])
def test_examples_load(name):
    project = load(REPO / "examples" / f"{name}.signdesk")
    assert project.scenarios and project.business["operator_name"]


# ----------------------------------------------------------------- versions
def _file(business=None, scenarios=None, **top) -> bytes:
    data = {"format": "signdesk-project", "schema_version": SCHEMA_VERSION,
            "business": business or {}, "scenarios": scenarios or []}
    data.update(top)
    return json.dumps(data, ensure_ascii=False).encode()


def _error(raw: bytes) -> ProjectFileError:
    with pytest.raises(ProjectFileError) as info:
        loads(raw)
    return info.value


def test_newer_file_names_both_versions():
    err = _error(_file(schema_version=SCHEMA_VERSION + 5))
    for locale in ("en", "zh_CN"):
        text = err.message(locale)
        assert str(SCHEMA_VERSION + 5) in text and str(SCHEMA_VERSION) in text
    assert "update SignDesk" in err.message("en")
    assert "升级" in err.message("zh_CN")


def test_version_1_file_migrates_forward():
    v1 = {"version": 1, "business": {"operator_name": "老店"},
          "scenarios": [{"name": "正门", "answers": {"scenario_kind": "entrance_gate"}},
                        {"name": "收银台", "answers": {"scenario_kind": "payment"}}]}
    project = loads(json.dumps(v1).encode())
    assert project.business == {"operator_name": "老店"}
    assert [sc.name for sc in project.scenarios] == ["正门", "收银台"]
    assert len({sc.id for sc in project.scenarios}) == 2
    saved = json.loads(dumps(project))
    assert saved["schema_version"] == SCHEMA_VERSION and saved["format"] == "signdesk-project"
    assert loads(dumps(project)) == project


# ------------------------------------------------------------- broken files
def _assert_names_field(err: ProjectFileError, field: str, zh_words: str = "") -> None:
    assert field in err.message("en"), err.message("en")
    zh = err.message("zh_CN")
    assert field in zh, zh
    assert "In " not in zh and "有误" in zh, zh  # really Chinese, not English with a field name
    if zh_words:
        assert zh_words in zh, zh


@pytest.mark.parametrize("business, scenarios, field, zh_words", [
    ({}, [{"id": "a", "name": "门", "answers": {"device_count": "lots"}}],
     "scenarios[1].answers.device_count", "请输入数字"),
    ({"people_stored": "lots"}, [], "business.people_stored", "请输入数字"),
    ({}, [{"id": "a", "name": "门", "answers": {"public_place": "yes"}}],
     "scenarios[1].answers.public_place", "是"),
    ({"venue_type": "casino"}, [], "business.venue_type", "casino"),
    ({}, [{"id": "a", "name": "门", "answers": {"purposes": ["payment", "spying"]}}],
     "scenarios[1].answers.purposes", "spying"),
    ({"favourite_colour": "red"}, [], "business.favourite_colour", "favourite_colour"),
    ({}, [{"id": "a", "name": "门", "answers": {}}, {"id": "b", "name": "收银", "answers": {"people_stored": 5}}],
     "scenarios[2].answers.people_stored", "另一部分"),
    ({"scenario_kind": "payment"}, [], "business.scenario_kind", "另一部分"),
    ({"people_stored": -1}, [], "business.people_stored", "不小于 0"),
    ({"pia_retention_years": 101}, [], "business.pia_retention_years", "不大于 100"),
    ({"threshold_date": "22/11/2026"}, [], "business.threshold_date", "YYYY-MM-DD"),
    ({"threshold_date": "1999-12-31"}, [], "business.threshold_date", "2000"),
    ({}, [{"id": "a", "name": "", "answers": {}}], "scenarios[1].name", "场景名称"),
    ({}, [{"id": "a", "name": "门"}, {"id": "a", "name": "门2"}], "scenarios[2].id", "重复"),
    ({}, [{"id": "../../etc", "name": "门"}], "scenarios[1].id", "编号"),
    ({}, ["not a scenario"], "scenarios[1]", "场景"),
])
def test_wrong_answers_name_the_exact_field_in_both_languages(business, scenarios, field, zh_words):
    _assert_names_field(_error(_file(business, scenarios)), field, zh_words)


@pytest.mark.parametrize("business, scenarios, field, zh_words", [
    ({"optout_url": "http://example.cn/optout"}, [], "business.optout_url", "https://"),
    ({"optout_url": "https://optout"}, [], "business.optout_url", "公开"),
    ({"contact_phone": "call me"}, [], "business.contact_phone", "电话号码"),
    ({"contact_email": "privacy at shop"}, [], "business.contact_email", "电子邮箱"),
    ({"operator_name": "x" * 81}, [], "business.operator_name", "81"),
    ({}, [{"id": "a", "name": "门", "answers": {"location": "y" * 500}}], "scenarios[1].answers.location", "500"),
])
def test_typed_text_that_fails_todays_check_opens_kept_and_named(business, scenarios, field, zh_words, tmp_path):
    """A file saved under an older, looser rule still opens with nothing lost;
    the answer is named, in both languages, for the owner to correct."""
    project = loads(_file(business, scenarios))
    kept = {**project.business, **{k: v for sc in project.scenarios for k, v in sc.answers.items()}}
    typed = {**business, **{k: v for sc in scenarios for k, v in sc.get("answers", {}).items()}}
    assert kept == typed
    ((named, problem),) = answers_to_fix(project)
    assert named == field
    assert zh_words in problem.message("zh_CN") and problem.message("en")
    # Saved again unchanged.
    save(project, tmp_path / "again.signdesk")
    again = load(tmp_path / "again.signdesk")
    assert again.business == project.business and [f for f, _ in answers_to_fix(again)] == [field]


def test_damaged_typed_answers_are_still_refused() -> None:
    """Keeping old typed text is for text: a number where text belongs, or a
    text longer than anyone types, means the file is damaged."""
    _assert_names_field(_error(_file({"optout_url": 12}, [])), "business.optout_url", "")
    _assert_names_field(_error(_file({"operator_name": "x" * 5000}, [])), "business.operator_name", "")


@pytest.mark.parametrize("raw_value, field", [
    ('{"people_stored": NaN}', "business.people_stored"),
    ('{"people_stored": Infinity}', "business.people_stored"),
    ('{"people_stored": -Infinity}', "business.people_stored"),
    ('{"operator_name": NaN}', "business.operator_name"),
])
def test_nan_and_infinity_are_rejected_at_their_field(raw_value, field):
    raw = ('{"format": "signdesk-project", "schema_version": 2, "business": ' + raw_value + "}").encode()
    _assert_names_field(_error(raw), field)


def test_malformed_json_says_where():
    err = _error(b'{"format": "signdesk-project", "schema_version": 2,\n "business": {"operator_name": "A" "x"}}')
    assert "line 2" in err.message("en")
    assert "第 2 行" in err.message("zh_CN")


def test_truncated_file_is_reported_as_damaged():
    raw = (REPO / "examples" / "small_hotel.signdesk").read_bytes()
    err = _error(raw[: len(raw) // 2])
    assert "damaged or incomplete" in err.message("en")
    assert "损坏或不完整" in err.message("zh_CN")


def test_non_utf8_bytes_are_reported():
    raw = _file({"operator_name": "店"}).replace("店".encode(), "店".encode("gbk"))
    err = _error(raw)
    assert "UTF-8" in err.message("en") and "UTF-8" in err.message("zh_CN")


def test_oversized_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.signdesk"
    with path.open("wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(ProjectFileError) as info:
        load(path)
    assert "too large" in info.value.message("en") and "太大" in info.value.message("zh_CN")


@pytest.mark.parametrize("raw", [b"", b"   \n", b"[]", b'"text"', b"42", b"null",
                                 b'{"format": "something-else", "schema_version": 2}',
                                 b'{"business": {}}', b'{"schema_version": "2"}',
                                 b'{"schema_version": 0}', b"[" * 100_000 + b"]" * 100_000])
def test_files_that_are_not_projects_are_refused(raw):
    err = _error(raw)
    assert err.message("en") != err.message("zh_CN")


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ProjectFileError) as info:
        load(tmp_path / "nope.signdesk")
    assert "nope.signdesk" in info.value.message("zh_CN") and "不存在" in info.value.message("zh_CN")
    with pytest.raises(ProjectFileError) as info:
        load(tmp_path)
    assert "文件夹" in info.value.message("zh_CN")


def test_nothing_in_a_file_is_executed(tmp_path):
    marker = tmp_path / "pwned"
    payloads = [
        {"__class__": "os.system", "business": {}},
        {"business": {"operator_name": f"__import__('os').system('touch {marker}')"}},
        {"business": {"operator_name": "{0.__class__.__init__.__globals__}"}},
        {"business": {"operator_name": "!!python/object/apply:os.system ['touch x']"}},
    ]
    for data in payloads:
        data.setdefault("schema_version", 2)
        try:
            project = loads(json.dumps(data).encode())
        except ProjectFileError:
            continue
        # Stored as plain text, exactly as written.
        assert project.business.get("operator_name") == data["business"].get("operator_name")
    assert not marker.exists()
    # A placeholder-looking answer does not get formatted into a message either.
    err = _error(_file({"venue_type": "{field.__class__}"}))
    assert "{field.__class__}" in err.message("en")


# ------------------------------------------------------------ atomic saves
_CHILD = textwrap.dedent("""
    import os, sys, time
    from signdesk.model import Project, save
    def slow_fsync(fd):
        print("writing", flush=True)
        time.sleep(60)
    os.fsync = slow_fsync
    project = Project({"operator_name": "新名字 " * 10, "address": "地址" * 70},
                      [])
    for i in range(150):
        project.add_scenario(f"场景 {i}", "entrance_gate")
    save(project, sys.argv[1])
""")


def test_kill_in_the_middle_of_a_save_keeps_the_old_file(tmp_path):
    path = tmp_path / "shop.signdesk"
    old = load(REPO / "examples" / "bubble_tea_shop.signdesk")
    save(old, path)
    old_bytes = path.read_bytes()

    child = subprocess.Popen([sys.executable, "-c", _CHILD, str(path)], stdout=subprocess.PIPE,
                             cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        # The child reports when the new bytes are written but not yet synced
        # and renamed; kill it right there.
        assert child.stdout.readline() == b"writing\n"
        strays = list(tmp_path.glob(".shop.signdesk.*.tmp"))
        assert strays and strays[0].stat().st_size > 10_000  # the half-done save really exists
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL

    assert path.read_bytes() == old_bytes
    assert load(path) == old
    # The stray temp file does not get in the way of the next save.
    newer = old.copy()
    newer.business["operator_name"] = "上海柠檬茶饮（新）有限公司"
    save(newer, path)
    assert load(path) == newer


def test_save_keeps_the_files_permissions(tmp_path):
    path = tmp_path / "p.signdesk"
    save(Project(), path)
    os.chmod(path, 0o640)
    save(Project({"operator_name": "店"}), path)
    assert path.stat().st_mode & 0o777 == 0o640


def test_save_into_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ProjectFileError) as info:
        save(Project(), tmp_path / "no" / "such" / "p.signdesk")
    assert "无法将项目保存到" in info.value.message("zh_CN")
