"""One language per printed line: Chinese answers on Chinese lines, English values on English lines."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from pdf_checks import text_of
from signdesk.batch import read_sites, site_project
from signdesk.documents.consent import render_consent
from signdesk.documents.optout import render_optout_page
from signdesk.documents.sign import render_sign
from signdesk.model import load, loads
from signdesk.model.files import SCHEMA_VERSION, split_languages
from signdesk.paths import EXAMPLES_DIR
from signdesk.questions import ENGLISH_VALUE, QUESTION_BY_ID, QUESTIONS

TODAY = dt.date(2026, 12, 1)
CJK = re.compile(r"[\u3400-\u9fff]")


def _lines(pdf: bytes) -> list[str]:
    return [" ".join(line.split()) for line in text_of(pdf).splitlines() if line.strip()]


def _hotel():
    return load(EXAMPLES_DIR / "small_hotel.signdesk")


@pytest.mark.parametrize("size,landscape", [("A5", False), ("A4", False), ("A4", True), ("A3", False)])
def test_the_sign_prints_each_language_of_the_capture_area_and_address_on_its_own_lines(size, landscape):
    project = _hotel()
    sc = project.scenarios[0]
    lines = _lines(render_sign(project, sc, size, landscape, TODAY))
    text = " ".join(lines)
    assert "一楼前台" in text and "Front desk, ground floor" in text
    assert "成都市武侯区武侯祠大街 231 号" in text and "231 Wuhouci Street" in text
    for line in lines:
        if "Front desk" in line or "Wuhouci Street" in line:
            assert not CJK.search(line), line
        if "一楼前台" in line or "武侯祠大街" in line:
            assert "Front desk" not in line and "Wuhouci" not in line, line


@pytest.mark.parametrize("guardian", [False, True])
def test_the_consent_form_names_the_place_once_per_language(guardian):
    project = load(EXAMPLES_DIR / "training_centre.signdesk")
    sc = project.scenarios[0]
    lines = _lines(render_consent(project, sc, TODAY, guardian=guardian))
    assert any("学员签到" in line and "前台签到机" in line for line in lines)
    english = [line for line in lines if "Reception check-in kiosk" in line]
    assert english and all("Student check-in" in line and not CJK.search(line) for line in english)


def test_the_opt_out_page_gives_the_scenario_and_place_in_both_languages():
    html = render_optout_page(_hotel(), TODAY).decode("utf-8")
    html = re.sub(r'<span class="[kc]">|</span>|<wbr>', "", html)  # without the line-breaking markup
    assert "前台入住核验" in html and "Identity check at check-in" in html
    assert re.search(r'<p lang="en">Front desk, ground floor</p>', html)


def test_without_english_values_the_english_lines_print_the_chinese_answer():
    project = _hotel()
    del project.business["address_en"]
    sc = project.scenarios[0]
    del sc.answers["location_en"]
    text = " ".join(_lines(render_sign(project, sc, "A4", False, TODAY)))
    assert "Address 成都市武侯区武侯祠大街 231 号" in text  # the fallback, on the English line
    assert "Front desk" not in text


def test_a_version_2_file_with_both_languages_in_one_answer_is_split_and_nothing_is_lost():
    data = json.loads((EXAMPLES_DIR / "small_hotel.signdesk").read_text("utf-8"))
    data["schema_version"] = 2
    for key in [k for k in data["business"] if k.endswith("_en") and k != "operator_name_en"]:
        del data["business"][key]
    data["business"]["address"] = "成都市武侯区武侯祠大街 231 号 / 231 Wuhouci Street, Chengdu"
    sc = data["scenarios"][0]["answers"]
    del sc["location_en"]
    sc["location"] = "一楼前台 / Front desk, ground floor"
    del data["scenarios"][1]["answers"]["location_en"]
    data["scenarios"][1]["answers"]["location"] = "员工通道 / 后门"  # no English half: left as typed
    project = loads(json.dumps(data, ensure_ascii=False).encode("utf-8"))
    assert project.business["address"] == "成都市武侯区武侯祠大街 231 号"
    assert project.business["address_en"] == "231 Wuhouci Street, Chengdu"
    assert project.scenarios[0].answers["location"] == "一楼前台"
    assert project.scenarios[0].answers["location_en"] == "Front desk, ground floor"
    assert project.scenarios[1].answers["location"] == "员工通道 / 后门"
    assert "location_en" not in project.scenarios[1].answers
    assert SCHEMA_VERSION == 3


@pytest.mark.parametrize("value,expected", [
    ("门店收银台 / Counter, ground floor", ("门店收银台", "Counter, ground floor")),
    ("教师办公室 / Teachers' office", ("教师办公室", "Teachers' office")),
    ("Counter / 收银台", None),
    ("门店收银台", None),
    ("A / B", None),
    ("南门 / 北门", None),
    ("1 号门 / 2", None),
])
def test_only_a_chinese_half_and_an_english_half_are_split(value, expected):
    assert split_languages(value) == expected


def test_every_english_value_follows_its_chinese_answer_and_shows_when_it_does():
    ids = [q.id for q in QUESTIONS]
    for zh_id, en_id in ENGLISH_VALUE.items():
        en = QUESTION_BY_ID[en_id]
        assert en.english_of == zh_id
        if zh_id in QUESTION_BY_ID:
            assert ids.index(en_id) == ids.index(zh_id) + 1
            assert en.visible_if == QUESTION_BY_ID[zh_id].visible_if
            assert en.section == QUESTION_BY_ID[zh_id].section


def test_a_chain_site_with_its_english_name_and_address_prints_them_on_the_english_lines():
    project = load(EXAMPLES_DIR / "bubble_tea_shop.signdesk")
    raw = ("name,name_en,address,address_en,contact,optout_url\n"
           "南京西路店,Nanjing Road West,上海市静安区南京西路 1 号,\"1 Nanjing Road West, Shanghai\","
           "021-5555 0199,https://tea.example.cn/s1\n"
           "徐家汇店,,上海市徐汇区 2 号,,021-5555 0198,https://tea.example.cn/s2\n").encode("utf-8")
    sites, problems = read_sites(raw)
    assert not problems
    first = site_project(project, sites[0])
    text = " ".join(_lines(render_sign(first, first.scenarios[0], "A4", False, TODAY)))
    assert "南京西路店 · 门店收银台" in text and "Nanjing Road West · Counter, ground floor" in text
    assert "1 Nanjing Road West, Shanghai" in text
    # No English for the second site: its English lines must not show the head office's English address.
    second = site_project(project, sites[1])
    text = " ".join(_lines(render_sign(second, second.scenarios[0], "A4", False, TODAY)))
    assert project.business["address_en"] not in text
    assert "徐家汇店 · Counter, ground floor" in text
