"""``signdesk-cli export PROJECT --optout-text -o DIR``: the opt-out page's text, and what it wrote."""

from __future__ import annotations

import datetime as dt

from signdesk.cli import main
from signdesk.documents.optout import optout_text_files
from signdesk.model import load
from signdesk.paths import EXAMPLES_DIR

HOTEL = EXAMPLES_DIR / "small_hotel.signdesk"


def test_export_writes_the_text_and_the_fragment_and_lists_them(tmp_path, capsys):
    out = tmp_path / "article"
    code = main(["export", str(HOTEL), "--optout-text", "-o", str(out), "--today", "2026-11-22", "--lang", "en"])
    stdout, stderr = capsys.readouterr()
    assert code == 0 and stderr == ""
    assert sorted(p.name for p in out.iterdir()) == ["optout-text.html", "optout-text.txt"]
    assert stdout.splitlines() == [f"2 files written to {out}:", f"  {out / 'optout-text.txt'}",
                                   f"  {out / 'optout-text.html'}"]
    expected = optout_text_files(load(HOTEL), dt.date(2026, 11, 22))
    assert {p.name: p.read_bytes() for p in out.iterdir()} == expected
    text = (out / "optout-text.txt").read_text("utf-8")
    assert "028-8555 7788" in text and "How to opt out or ask for deletion" in text
    # Not a filing: nothing said about one.
    assert "filing" not in stdout.lower()


def test_export_says_what_it_wrote_in_chinese(tmp_path, capsys):
    code = main(["export", str(HOTEL), "--optout-text", "-o", str(tmp_path), "--lang", "zh"])
    stdout, _ = capsys.readouterr()
    assert code == 0 and stdout.startswith(f"已向 {tmp_path} 写入 2 个文件：")


def test_the_option_is_one_of_export_s_choices(capsys):
    assert main(["export", str(HOTEL), "--optout-text", "--pia", "-o", "x", "--lang", "en"]) == 2
    assert "--optout-text" in capsys.readouterr().err
    assert main(["export", "--help", "--lang", "zh"]) == 0
    assert "粘贴到文章编辑器" in capsys.readouterr().out
