"""What the commands say about numbers of things, filings and the wrong file."""

from __future__ import annotations

import re

import pytest

from signdesk.cli import COMMANDS, main
from signdesk.filing.pack import CSV_NAME, JSON_NAME, ZIP_NAME
from signdesk.i18n import EN, ZH, Bilingual, Catalogue, translate_plural

STORES_HEADER = "name,address,contact,optout_url,sizes\n"
GOOD = "柠檬茶1号店,上海市徐汇区1号,021-5555 0101,https://tea.example.cn/s1,A4\n"
BAD = "明文店,上海市,021-5555 0123,http://tea.example.cn/x,A4\n"


def test_one_and_many_in_english_and_chinese():
    assert translate_plural(EN, "{count} bad row", "{count} bad rows", 1) == "1 bad row"
    assert translate_plural(EN, "{count} bad row", "{count} bad rows", 0) == "0 bad rows"
    assert translate_plural(EN, "{count} bad row", "{count} bad rows", 3) == "3 bad rows"
    assert translate_plural(ZH, "{count} bad row", "{count} bad rows", 1) == "1 行数据有误"
    assert translate_plural(ZH, "{count} bad row", "{count} bad rows", 3) == "3 行数据有误"
    one = Bilingual.of_count(
        "{count} item is not answered yet; it is marked in the report. Answer it in SignDesk and print again.",
        "{count} items are not answered yet; they are marked in the report. Answer them in SignDesk and print again.",
        1)
    assert one.en.startswith("1 item is not answered yet; it is marked")
    assert one.zh.startswith("还有 1 项未回答")


def test_the_catalogues_plural_rule_chooses_the_form():
    # A language with three forms, as gettext writes its rule: the form is
    # the catalogue's choice, not English's "1 or not".
    three = Catalogue("xx", {}, {}, {"{count} file": ["{count} one", "{count} few", "{count} many"]},
                      "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)")
    assert [three.ngettext("{count} file", n) for n in (1, 3, 5, 21)] == [
        "{count} one", "{count} few", "{count} many", "{count} one"]
    assert three.ngettext("not there", 1) is None


def test_the_batch_summary_counts_one_site_and_one_bad_row(tmp_path, examples_dir, capsys):
    stores = tmp_path / "stores.csv"
    stores.write_text(STORES_HEADER + GOOD + BAD, "utf-8")
    argv = ["batch", str(examples_dir / "bubble_tea_shop.signdesk"), str(stores), "-o", str(tmp_path / "out"),
            "--today", "2026-11-22"]
    assert main([*argv, "--lang", "en"]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "1 site done, 0 already done, 0 failed, 1 bad row."
    assert main([*argv, "--lang", "zh"]) == 1  # the rerun skips the finished site
    assert capsys.readouterr().out.splitlines()[-1] == "完成 0 个门店，1 个此前已完成，0 个失败，1 行数据有误。"


def test_export_filing_says_no_filing_is_due_and_lists_what_it_wrote(tmp_path, examples_dir, capsys):
    out = tmp_path / "pack"
    # The bubble-tea shop stores 4,200 people's faces: below the filing threshold.
    assert main(["export", str(examples_dir / "bubble_tea_shop.signdesk"), "--filing", "-o", str(out),
                 "--today", "2026-11-22", "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("You store fewer than 100,000 people's faces: no filing is required")
    written = sorted(p.name for p in out.iterdir())
    assert lines[1] == f"{len(written)} files written to {out}:"
    assert sorted(line.strip().rsplit("/", 1)[-1] for line in lines[2:]) == written
    assert {JSON_NAME, CSV_NAME, ZIP_NAME} <= set(written)


def test_export_filing_of_a_business_that_must_file_does_not_say_it_need_not(tmp_path, examples_dir, capsys):
    assert main(["export", str(examples_dir / "residential_compound.signdesk"), "--filing", "-o",
                 str(tmp_path / "pack"), "--today", "2026-11-22", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "无需备案" not in out and "no filing" not in out
    assert out.startswith(f"已向 {tmp_path / 'pack'} 写入 5 个文件：")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_csv_given_to_import_filing_is_sent_to_the_json_or_the_zip(tmp_path, examples_dir, capsys, lang):
    pack = tmp_path / "pack"
    assert main(["export", str(examples_dir / "residential_compound.signdesk"), "--filing", "-o", str(pack),
                 "--today", "2026-11-22"]) == 0
    capsys.readouterr()
    assert main(["import-filing", str(pack / CSV_NAME), "-o", str(tmp_path / "back.signdesk"), "--lang", lang]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and JSON_NAME in err and ZIP_NAME in err and "JSON" not in err.replace(JSON_NAME, "")
    assert not (tmp_path / "back.signdesk").exists()


FULL_WIDTH = re.compile(r"[\u3000-\u303f\uff00-\uffef]")


def test_english_cli_text_has_no_full_width_punctuation(capsys):
    # English output takes English typography: no full-width quotes, colons or spaces.
    texts = []
    main(["--help", "--lang", "en"])
    texts.append(capsys.readouterr().out)
    for name in COMMANDS:
        main([name, "--help", "--lang", "en"])
        texts.append(capsys.readouterr().out)
    bad = [m.group() for text in texts for m in FULL_WIDTH.finditer(text)]
    assert not bad, bad
