"""``signdesk-cli check`` and ``new``: what a shop owner or a script sees."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from signdesk.cli import main
from signdesk.model import load

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "examples").glob("*.signdesk"))
TODAY = "2026-11-22"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_check_json_has_the_documented_shape(capsys, example, lang):
    code, out, err = run(capsys, "check", str(example), "--format", "json", "--lang", lang, "--today", TODAY)
    report = json.loads(out)
    assert set(report) == {"format_version", "language", "summary", "scenarios", "findings", "documents",
                           "deadlines", "answers_to_fix", "unanswered"}
    dated = {"date", "due", "what", "rule", "scenario", "estimated", "done_on", "yearly"}
    for d in report["deadlines"]:
        assert set(d) == dated and dt.date.fromisoformat(d["date"])
    assert report["format_version"] == 1
    assert report["language"] == {"zh": "zh_CN", "en": "en"}[lang]
    assert set(report["summary"]) == {"violation", "obligation", "advisory"}
    assert sum(report["summary"].values()) == len(report["findings"])
    project = load(example)
    assert [s["id"] for s in report["scenarios"]] == [sc.id for sc in project.scenarios]
    scenario_ids = {sc.id for sc in project.scenarios} | {None}
    for f in report["findings"]:
        assert set(f) == {"rule", "severity", "scenario", "citations", "triggers", "title", "why", "fix", "deadline"}
        assert f["deadline"] is None or f["deadline"] in report["deadlines"] or f["deadline"]["done_on"]
        assert f["severity"] in report["summary"] and f["scenario"] in scenario_ids
        assert f["citations"], f["rule"]
        for c in f["citations"]:
            assert set(c) == {"law", "article", "text"}
        for t in f["triggers"]:
            assert set(t) == {"question", "value", "answer"}
        assert f["title"] and f["why"] and f["fix"]
    for d in report["documents"]:
        assert set(d) == {"kind", "scenario", "title", "dates"} and d["scenario"] in scenario_ids
        assert all(date in report["deadlines"] for date in d["dates"])
    assert code == (1 if report["summary"]["violation"] else 0)
    assert err == ""


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_check_text_in_both_languages(capsys, example):
    _, en, _ = run(capsys, "check", str(example), "--lang", "en", "--today", TODAY)
    _, zh, _ = run(capsys, "check", str(example), "--lang", "zh", "--today", TODAY)
    project = load(example)
    for sc in project.scenarios:
        assert f"== {sc.name} ==" in en and f"== {sc.name} ==" in zh
    assert "== Whole business ==" in en and "== 整个企业 ==" in zh
    assert "Documents you need:" in en and "您需要准备的文件：" in zh
    if "Law: " in en:
        assert en.count("Law: ") == zh.count("依据：") == en.count("Fix: ") == zh.count("整改：")
        assert "Law: " not in zh and "Fix: " not in zh and "Because: " not in zh


def test_residential_compound_reports_violations_with_article_and_answer(capsys):
    code, out, _ = run(capsys, "check", str(REPO / "examples" / "residential_compound.signdesk"),
                       "--lang", "zh", "--today", TODAY)
    assert code == 1
    assert re.fullmatch(r"违规 [1-9]\d* 项 · 待办 \d+ 项 · 建议 \d+ 项", out.splitlines()[1])
    # The answer behind a finding is shown in the owner's words, in Chinese.
    assert "您的相关回答：您是否已就人脸识别做过个人信息保护影响评估？ → " in out
    assert "（FR-23）" in out


def test_json_is_the_same_whatever_the_environment_language(capsys, monkeypatch):
    example = str(REPO / "examples" / "small_hotel.signdesk")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    _, out_env, _ = run(capsys, "check", example, "--format", "json", "--today", TODAY)
    _, out_flag, _ = run(capsys, "check", example, "--format", "json", "--lang", "zh", "--today", TODAY)
    assert out_env == out_flag and json.loads(out_env)["language"] == "zh_CN"


def test_broken_file_is_one_line_in_the_users_language(capsys, tmp_path):
    bad = tmp_path / "bad.signdesk"
    bad.write_text('{"schema_version": 2, "business": {"public_place": true}}', "utf-8")
    code, out, err = run(capsys, "check", str(bad), "--lang", "zh")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "business.public_place" in err and "有误" in err


def _with_link(tmp_path, link: str) -> Path:
    project = json.loads((REPO / "examples" / "bubble_tea_shop.signdesk").read_text("utf-8"))
    project["business"]["optout_url"] = link
    bad = tmp_path / "bad.signdesk"
    bad.write_text(json.dumps(project, ensure_ascii=False), "utf-8")
    return bad


def test_check_warns_of_a_link_that_only_works_inside_the_shop_and_still_checks(capsys, tmp_path):
    """A file saved before the link rule got stricter: the findings still
    come (the shop is compliant), with one warning naming the field and
    what to type."""
    code, out, err = run(capsys, "check", str(_with_link(tmp_path, "https://optout")), "--lang", "zh")
    assert code == 0 and out
    assert err.count("\n") == 1, err
    assert "business.optout_url" in err and "公开域名" in err and "https://example.cn/optout" in err


def test_check_json_lists_the_answers_to_fix(capsys, tmp_path):
    code, out, err = run(capsys, "check", str(_with_link(tmp_path, "https://optout")), "--format", "json",
                         "--lang", "en")
    assert code == 0
    fixes = json.loads(out)["answers_to_fix"]
    assert [f["field"] for f in fixes] == ["business.optout_url"]
    assert "https://example.cn/optout" in fixes[0]["problem"]
    code, out, _err = run(capsys, "check", str(REPO / "examples" / "bubble_tea_shop.signdesk"), "--format", "json")
    assert json.loads(out)["answers_to_fix"] == []


def test_render_refuses_a_link_that_only_works_inside_the_shop_in_one_line(capsys, tmp_path):
    bad = _with_link(tmp_path, "https://optout")
    code, out, err = run(capsys, "render", str(bad), "--lang", "zh", "-o", str(tmp_path / "out"))
    assert code == 2 and err.count("\n") == 1, err
    assert "公开域名" in err and "https://example.cn/optout" in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


# --------------------------------------------------------------------- new
def test_new_writes_a_loadable_starter_and_refuses_to_overwrite(capsys, tmp_path):
    target = tmp_path / "shop"
    code, out, _ = run(capsys, "new", str(target), "--name", "小店", "--lang", "zh")
    created = tmp_path / "shop.signdesk"
    assert code == 0 and "已创建" in out and str(created) in out
    project = load(created)
    assert project.business["operator_name"] == "小店"
    assert [sc.name for sc in project.scenarios] == ["正门"]
    assert project.scenarios[0].kind() == "entrance_gate"

    created.write_text("my own edits", "utf-8")
    code, out, err = run(capsys, "new", str(created), "--lang", "en")
    assert code == 2 and "--force" in err and created.read_text("utf-8") == "my own edits"

    code, _, _ = run(capsys, "new", str(created), "--force", "--lang", "en")
    assert code == 0 and load(created).scenarios[0].name == "Front entrance"


def test_new_starter_passes_check_without_errors(capsys, tmp_path):
    run(capsys, "new", str(tmp_path / "p.signdesk"), "--lang", "en")
    code, out, err = run(capsys, "check", str(tmp_path / "p.signdesk"), "--lang", "en", "--today", TODAY)
    assert code in (0, 1) and err == "" and "SignDesk check: (unnamed business)" in out


# ------------------------------------------------------- real process, exit codes
def test_exit_codes_of_the_real_command(tmp_path):
    broken = tmp_path / "broken.signdesk"
    broken.write_bytes(b'{"format": "signdesk-project", "schema_version": 2, "busin')
    cases = [
        (["check", str(REPO / "examples" / "bubble_tea_shop.signdesk")], 0),
        (["check", str(REPO / "examples" / "residential_compound.signdesk")], 1),
        (["check", str(tmp_path / "missing.signdesk")], 2),
        (["check", str(broken)], 2),
        (["check", str(REPO / "examples" / "bubble_tea_shop.signdesk"), "--format", "xml"], 2),
        (["check", str(REPO / "examples" / "bubble_tea_shop.signdesk"), "--today", "2026-13-01"], 2),
        (["frobnicate"], 2),
    ]
    env = {**os.environ, "LANG": "en_US.UTF-8", "PYTHONPATH": str(REPO)}
    env.pop("LC_ALL", None)
    env.pop("LC_MESSAGES", None)
    for argv, expected in cases:
        if argv[0] == "check" and "--today" not in argv:
            argv = [*argv, "--today", TODAY]
        proc = subprocess.run([sys.executable, "-m", "signdesk.cli", *argv],
                              capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
        assert proc.returncode == expected, (argv, proc.stderr)
        assert "Traceback" not in proc.stderr, proc.stderr
        if expected == 2:
            assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("signdesk"), proc.stderr
        else:
            assert proc.stdout.startswith("SignDesk check: ") and proc.stderr == ""


@pytest.mark.parametrize("argv", [
    ["check", str(REPO / "examples" / "bubble_tea_shop.signdesk")],
    ["check", str(REPO / "examples" / "residential_compound.signdesk"), "--format", "json"],
], ids=["short-text", "long-json"])
def test_a_reader_that_stops_early_gets_no_traceback(tmp_path, argv):
    # ``signdesk-cli check … | head -1``: the reader closes the pipe first.
    read_end, write_end = os.pipe()
    os.close(read_end)
    env = {**os.environ, "LANG": "en_US.UTF-8", "PYTHONPATH": str(REPO)}
    try:
        proc = subprocess.run([sys.executable, "-m", "signdesk.cli", *argv, "--today", TODAY],
                              stdout=write_end, stderr=subprocess.PIPE, text=True, env=env,
                              cwd=tmp_path, timeout=120)
    finally:
        os.close(write_end)
    assert proc.stderr == "" and proc.returncode == 141, proc.stderr


@pytest.mark.parametrize("command", [
    ["check"], ["render", "-o"], ["export", "--filing", "-o"],
])
def test_a_bad_today_is_one_usage_line_naming_the_format(capsys, tmp_path, command):
    example = str(REPO / "examples" / "bubble_tea_shop.signdesk")
    folder = [str(tmp_path / "out")] if command[-1] == "-o" else []
    code, out, err = run(capsys, command[0], example, *command[1:], *folder, "--today", "2026-13-01")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "'2026-13-01' is not a date; use YYYY-MM-DD" in err, err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("argv, zh, en", [
    (["render"], "缺少：project, -o/--output", "missing: project, -o/--output"),
    (["check", "x.signdesk", "--format", "xml"], "--format：'xml' 不是可选值之一（'text', 'json'）",
     "--format: 'xml' is not one of the choices ('text', 'json')"),
    (["check", "x.signdesk", "--today", "2026-13-01"], "--today：'2026-13-01' 不是日期；请使用 YYYY-MM-DD 格式",
     "--today: '2026-13-01' is not a date; use YYYY-MM-DD"),
    (["check", "a", "b"], "无法识别：b", "not understood: b"),
    (["batch", "x", "y", "--workers", "two"], "--workers：'two' 不是整数", "--workers: 'two' is not a whole number"),
    (["render", "x", "-o"], "-o/--output：需要一个值", "-o/--output: needs a value"),
])
def test_usage_errors_speak_the_language_asked_for(capsys, argv, zh, en):
    """argparse's own sentences are English; a Chinese user gets them in Chinese."""
    for lang, expected in (("zh", zh), ("en", en)):
        code, out, err = run(capsys, *argv, "--lang", lang)
        assert code == 2 and out == "" and err.count("\n") == 1, err
        assert expected in err and "(--help)" in err, err


def test_help_speaks_the_language_asked_for(capsys):
    from signdesk.cli import main

    assert main(["check", "--lang", "zh", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：") and "输出语言" in out and "显示本帮助信息并退出" in out
    assert main(["check", "--lang", "en", "--help"]) == 0
    assert "language of the output" in capsys.readouterr().out


def test_an_empty_project_says_how_much_is_unanswered_and_never_no_problems_found(capsys, tmp_path):
    from signdesk.model import Project, save, unanswered_questions

    path = tmp_path / "empty.signdesk"
    save(Project(), path)
    count = len(unanswered_questions(Project()))
    assert count > 10
    code, out, _ = run(capsys, "check", str(path), "--lang", "en", "--today", TODAY)
    assert f"Unanswered questions: {count}." in out and "may be incomplete" in out
    assert "No problems found" not in out
    _, zh, _ = run(capsys, "check", str(path), "--lang", "zh", "--today", TODAY)
    assert f"未回答的问题：{count} 个" in zh
    _, js, _ = run(capsys, "check", str(path), "--format", "json", "--today", TODAY)
    assert len(json.loads(js)["unanswered"]) == count


def test_the_compliant_example_is_complete(capsys):
    code, out, _ = run(capsys, "check", str(REPO / "examples" / "bubble_tea_shop.signdesk"), "--lang", "en",
                       "--today", TODAY)
    assert "Unanswered" not in out and "No problems found." in out
    _, js, _ = run(capsys, "check", str(REPO / "examples" / "bubble_tea_shop.signdesk"), "--format", "json")
    assert json.loads(js)["unanswered"] == []
