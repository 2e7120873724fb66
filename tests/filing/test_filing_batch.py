"""Chains: bad rows are named and skipped, the rest is produced, reruns resume."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from signdesk.batch import DONE_MARKER, StoresFileError, read_sites, run_batch
from signdesk.cli import main
from signdesk.documents.qr import InvalidOptOutUrlError, validate_optout_url
from signdesk.model import load
from signdesk.questions import QUESTION_BY_ID, AnswerError

HEADER = "name,address,contact,optout_url,sizes\n"
TODAY = dt.date(2026, 11, 22)


def good_row(i: int) -> str:
    return f"柠檬茶{i}号店,上海市徐汇区{i}号,021-5555 01{i:02d},https://tea.example.cn/s{i},A4\n"


def stores(rows: list[str], bom: bool = False) -> bytes:
    return (b"\xef\xbb\xbf" if bom else b"") + (HEADER + "".join(rows)).encode("utf-8")


BAD_ROWS = [
    "无网址店,上海市,021-5555 0123,,A4\n",                                  # missing URL
    "明文店,上海市,021-5555 0123,http://tea.example.cn/x,A4\n",             # http URL
    "长" * 2000 + ",上海市,021-5555 0123,https://tea.example.cn/y,A4\n",     # 2,000-character name
    "只有两列,上海市\n",                                                      # wrong column count
]


def counting_renderer(project, sizes, folder: Path, today):
    """Writes one small file per size and logs the render next to the site folders."""
    with (folder.parent / "renders.log").open("a", encoding="utf-8") as log:
        log.write(folder.name + "\n")
    names = []
    for size in sizes:
        (folder / f"sign-{size}.txt").write_text(project.business["address"], "utf-8")
        names.append(f"sign-{size}.txt")
    return names


def renders(out: Path) -> list[str]:
    log = out / "renders.log"
    return log.read_text("utf-8").split() if log.exists() else []


@pytest.mark.parametrize("bom", [False, True])
def test_bad_rows_are_named_by_line_and_the_good_ones_still_read(bom):
    raw = stores([good_row(1), *BAD_ROWS, good_row(2)], bom) + b"\xff\xfe,bad bytes,021-5555 0123,https://a.example.cn,A4\n"
    sites, problems = read_sites(raw)
    assert [s.name for s in sites] == ["柠檬茶1号店", "柠檬茶2号店"]
    by_line = {p.line: p.error for p in problems}
    assert sorted(by_line) == [3, 4, 5, 6, 8]
    assert "opt-out" in by_line[3].message("en")
    assert "https://" in by_line[4].message("en")
    assert "2000" in by_line[5].message("en") and "门店名称" in by_line[5].message("zh_CN")
    assert "columns" in by_line[6].message("en") and "列" in by_line[6].message("zh_CN")
    assert "UTF-8" in by_line[8].message("en")


def link_row(url: str) -> bytes:
    """A stores table with one otherwise good site whose opt-out link is ``url``."""
    cells = io.StringIO()
    csv.writer(cells, lineterminator="\n").writerow(["柠檬茶1号店", "上海市徐汇区1号", "021-5555 0101", url, "A4"])
    return stores([cells.getvalue()])


@pytest.mark.parametrize("bad", [
    "https://optout",                     # passes a loose check, but only opens inside the shop's network
    "https://localhost/optout",
    "https://192.168.1.10/optout",
    "http://tea.example.cn/optout",
    "tea.example.cn/optout",
    "https://tea.example.cn/opt out",
    "https://例子。中国/退出",
    "https://tea.example.cn:99999/optout",
    "https://tea.example.cn/" + "a" * 300,
])
def test_a_bad_link_gets_the_same_words_in_a_batch_row_on_a_sign_and_in_the_questionnaire(bad):
    sites, problems = read_sites(link_row(bad))
    assert not sites and [p.line for p in problems] == [2]
    with pytest.raises(AnswerError) as typed:
        QUESTION_BY_ID["optout_url"].check(bad)
    with pytest.raises(InvalidOptOutUrlError) as printed:
        validate_optout_url(bad)
    for locale in ("en", "zh_CN"):
        said = {problems[0].error.message(locale), typed.value.message(locale), printed.value.message(locale)}
        assert len(said) == 1, said
    assert "opt-out link" in problems[0].error.message("en") and "拒绝与撤回页面网址" in problems[0].error.message("zh_CN")


@pytest.mark.parametrize("good, stored", [
    ("https://tea.example.cn/s1", "https://tea.example.cn/s1"),
    ("https://tea.example.cn:8443/optout?shop=1&lang=zh#top", "https://tea.example.cn:8443/optout?shop=1&lang=zh#top"),
    ("https://例子.中国/退出", "https://例子.中国/退出"),
    (" HTTPS://Tea.example.cn/s1 ", "https://Tea.example.cn/s1"),
])
def test_a_good_link_is_accepted_alike_in_a_batch_row_on_a_sign_and_in_the_questionnaire(good, stored):
    sites, problems = read_sites(link_row(good))
    assert not problems
    assert sites[0].optout_url == stored
    assert QUESTION_BY_ID["optout_url"].check(good) == stored
    assert validate_optout_url(good) == stored


def test_a_file_without_the_header_is_refused():
    with pytest.raises(StoresFileError):
        read_sites(good_row(1).encode("utf-8"))


def test_cli_batch_produces_the_good_sites_and_names_the_bad_lines(tmp_path, examples_dir, capsys):
    csv_path = tmp_path / "stores.csv"
    csv_path.write_bytes(stores([good_row(1), BAD_ROWS[1], good_row(2)], bom=True))
    out = tmp_path / "out"
    status = main(["batch", str(examples_dir / "bubble_tea_shop.signdesk"), str(csv_path), "-o", str(out),
                   "--today", "2026-11-22", "--lang", "en"])
    captured = capsys.readouterr()
    assert status == 1  # some rows were bad
    assert "Line 3:" in captured.err and "https://" in captured.err
    folders = sorted(p for p in out.iterdir() if p.is_dir())
    assert len(folders) == 2
    for folder in folders:
        assert any(f.name.startswith("sign-") and f.suffix == ".pdf" for f in folder.iterdir())
        assert (folder / DONE_MARKER).exists()
    summary = (out / "summary.csv").read_text("utf-8-sig")
    assert "柠檬茶1号店" in summary and "bad row" in summary
    bad = next(line for line in summary.splitlines() if "bad row" in line)
    assert bad.split(",")[1] == "明文店"  # whose row it was


def test_site_details_replace_the_projects_but_the_company_stays(tmp_path, examples_dir):
    project = load(examples_dir / "bubble_tea_shop.signdesk")
    sites, _ = read_sites(stores([good_row(7)]))
    run_batch(project, sites, tmp_path, TODAY, renderer=counting_renderer, workers=0)
    folder = tmp_path / sites[0].folder_name
    assert (folder / "sign-A4.txt").read_text("utf-8") == "上海市徐汇区7号"
    assert project.business["address"] != "上海市徐汇区7号"  # the project itself is untouched


def test_interrupted_batch_resumes_with_only_the_remaining_sites(tmp_path, examples_dir):
    project = load(examples_dir / "bubble_tea_shop.signdesk")
    sites, _ = read_sites(stores([good_row(i) for i in range(6)]))

    def stop_after_three(done, total, result):
        if done == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(project, sites, tmp_path, TODAY, renderer=counting_renderer, workers=0,
                  progress=stop_after_three)
    first = renders(tmp_path)
    assert len(first) == 3
    # a site whose marker is missing (killed mid-site) is redone from scratch
    (tmp_path / first[0] / DONE_MARKER).unlink()
    (tmp_path / first[0] / "half-written.pdf").write_bytes(b"%PDF-")
    results = run_batch(project, sites, tmp_path, TODAY, renderer=counting_renderer, workers=0)
    second = renders(tmp_path)[3:]
    assert sorted(second) == sorted([first[0]] + [s.folder_name for s in sites[3:]])
    assert [r.status for r in results].count("skipped") == 2
    assert not (tmp_path / first[0] / "half-written.pdf").exists()
    marker = json.loads((tmp_path / first[0] / DONE_MARKER).read_text("utf-8"))
    assert marker["files"] == ["sign-A4.txt"]


def test_two_worker_processes_render_real_signs(tmp_path, examples_dir):
    project = load(examples_dir / "bubble_tea_shop.signdesk")
    sites, _ = read_sites(stores([good_row(i) for i in range(3)]))
    seen = []
    results = run_batch(project, sites, tmp_path, TODAY, workers=2,
                        progress=lambda done, total, r: seen.append((done, total)))
    assert [r.status for r in results] == ["done"] * 3
    assert seen[-1] == (3, 3)
    for r in results:
        assert any(name.startswith("sign-") for name in r.files)
        pdf = (tmp_path / r.site.folder_name / r.files[-1]).read_bytes()
        assert pdf.startswith(b"%PDF")


def test_a_site_name_that_looks_like_a_formula_stays_inert_in_the_summary(tmp_path, examples_dir, capsys):
    csv_path = tmp_path / "stores.csv"
    csv_path.write_bytes(stores(['=HYPERLINK("http://x"),上海市徐汇区1号,021-5555 0123,https://tea.example.cn/f,A4']))
    out = tmp_path / "out"
    assert main(["batch", str(examples_dir / "bubble_tea_shop.signdesk"), str(csv_path), "-o", str(out),
                 "--today", "2026-11-22", "--lang", "en"]) == 0
    capsys.readouterr()
    cells = [row.split(",")[1] for row in (out / "summary.csv").read_text("utf-8-sig").splitlines()[1:]]
    assert cells and all(not c.lstrip('"').startswith("=") for c in cells)


def test_a_batch_killed_midway_resumes_without_redoing_finished_sites(tmp_path, examples_dir):
    """A real kill (SIGKILL of the whole batch), not a polite exception."""
    import os
    import signal
    import subprocess
    import sys
    import time

    csv_path = tmp_path / "stores.csv"
    csv_path.write_bytes(stores([good_row(i) for i in range(1, 121)]))
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "signdesk.cli", "batch", str(examples_dir / "bubble_tea_shop.signdesk"),
           str(csv_path), "-o", str(out), "--today", "2026-11-22", "--lang", "en"]
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and child.poll() is None:
        if len(list(out.glob(f"*/{DONE_MARKER}"))) >= 5:
            break
        time.sleep(0.02)
    os.killpg(child.pid, signal.SIGKILL)  # the parent and its worker processes
    child.wait()
    finished = {m.parent.name: m.stat().st_mtime_ns for m in out.glob(f"*/{DONE_MARKER}")}
    assert 5 <= len(finished) < 120, "the kill came too late to test anything"

    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    markers = {m.parent.name: m.stat().st_mtime_ns for m in out.glob(f"*/{DONE_MARKER}")}
    assert len(markers) == 120
    assert all(markers[name] == mtime for name, mtime in finished.items())  # finished sites untouched
    for folder in (out / name for name in markers):
        pdfs = list(folder.glob("sign-*.pdf"))
        assert pdfs and all(p.read_bytes().startswith(b"%PDF-") and p.read_bytes().rstrip().endswith(b"%%EOF")
                            for p in pdfs)


def test_a_table_saved_by_chinese_excel_in_gb18030_with_chinese_headers_is_read():
    table = ("门店名称,地址,联系电话,拒绝与撤回页面网址,纸张\n"
             "柠檬茶1号店,上海市徐汇区1号,021-5555 0101,https://tea.example.cn/s1,A4\n"
             "柠檬茶2号店,上海市徐汇区2号,021-5555 0102,https://tea.example.cn/s2,A5\n")
    sites, problems = read_sites(table.encode("gb18030"))
    assert not problems
    assert [s.name for s in sites] == ["柠檬茶1号店", "柠檬茶2号店"]
    assert sites[1].address == "上海市徐汇区2号" and sites[1].sizes == ("A5",)


def test_one_bad_row_in_a_utf8_table_does_not_turn_the_table_into_gb18030():
    raw = stores([good_row(1), good_row(2)]) + b"\xd6\xd0\xce\xc4\xb5\xea,x,021-5555 0123,https://t.example.cn/z,A4\n"
    sites, problems = read_sites(raw)
    assert [s.name for s in sites] == ["柠檬茶1号店", "柠檬茶2号店"]  # not mojibake
    assert [p.line for p in problems] == [4] and "UTF-8" in problems[0].error.message("en")


def test_a_rerun_redoes_the_sites_whose_consent_forms_now_say_something_else(tmp_path, examples_dir):
    # The rows are unchanged, but the owner changed an answer the forms print: the forms
    # printed earlier carry the old version, so every site is drawn again.
    project = load(examples_dir / "training_centre.signdesk")
    sites, _ = read_sites(stores([good_row(i) for i in range(2)]))
    run_batch(project, sites, tmp_path, TODAY, renderer=counting_renderer, workers=0)
    again = run_batch(project, sites, tmp_path, TODAY, renderer=counting_renderer, workers=0)
    assert [r.status for r in again] == ["skipped", "skipped"]
    # Another day prints the same text: still nothing to redo.
    later = run_batch(project, sites, tmp_path, dt.date(2027, 1, 4), renderer=counting_renderer, workers=0)
    assert [r.status for r in later] == ["skipped", "skipped"]
    project.scenarios[0].answers["alternatives"] = ["card"]
    changed = run_batch(project, sites, tmp_path, TODAY, renderer=counting_renderer, workers=0)
    assert [r.status for r in changed] == ["done", "done"]
    marker = json.loads((tmp_path / sites[0].folder_name / DONE_MARKER).read_text("utf-8"))
    assert set(marker["versions"]) == {"consent-学员签到.pdf", "guardian-consent-学员签到.pdf"}
