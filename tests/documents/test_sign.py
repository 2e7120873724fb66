"""The notice sign: print-ready, bilingual, fitted, and its QR leads to the opt-out page."""

from __future__ import annotations

import datetime as dt

import pytest

from signdesk.model import AnswerToFixError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pdf_checks import assert_fonts_embedded, qr_texts, reader, text_of, text_origins, trim_box
from signdesk.documents.content import scenario_notice
from signdesk.documents.fonts import MissingGlyphError
from signdesk.documents.qr import InvalidOptOutUrlError
from signdesk.documents.sign import READING_DISTANCES, layout_sign, render_sign
from signdesk.documents.textfit import CLOSING, TextDoesNotFitError
from signdesk.errors import UserInputError
from signdesk.model import Project, load

TODAY = dt.date(2026, 11, 22)
SIZES = ("A5", "A4", "A3", "LETTER")
MM = 72 / 25.4


@pytest.fixture(scope="module")
def tea(request) -> Project:
    from signdesk.paths import EXAMPLES_DIR as EXAMPLES
    return load(EXAMPLES / "bubble_tea_shop.signdesk")


def _inside_safe_area(pdf: bytes, layout) -> None:
    """Every text run starts inside trim minus the safe margin, and its em box ends inside it."""
    x0, y0, x1, y1 = trim_box(pdf)
    m = layout.geometry.safe_margin
    for x, y, size, text in text_origins(pdf)[0]:
        assert x0 + m - 0.01 <= x <= x1 - m, (text, x)
        assert y0 + m - 0.01 <= y <= y1 - m, (text, y)
    sx0, sy0, sx1, sy1 = layout.geometry.safe_rect
    for placed in layout.texts:
        bx0, by0, bx1, by1 = placed.box
        assert sx0 - 0.01 <= bx0 and bx1 <= sx1 + 0.01 and sy0 - 0.01 <= by0 and by1 <= sy1 + 0.01, \
            placed.layout.lines


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("landscape", [False, True], ids=["portrait", "landscape"])
def test_sign_is_print_ready_bilingual_and_its_qr_opens_the_optout_page(qapp, tea, size, landscape) -> None:
    sc = tea.scenarios[0]
    pdf = render_sign(tea, sc, size, landscape, TODAY)
    assert len(pdf) <= 120 * 1024
    assert_fonts_embedded(pdf)
    # The heading may take two lines, a phone number may start a line.
    text = " ".join(text_of(pdf).replace("此处使用\n人脸识别", "此处使用人脸识别").split())
    for expected in ("此处使用人脸识别", "Facial recognition in use", "上海柠檬茶饮有限公司",
                     "Shanghai Lemon Tea Co., Ltd.", "电话 021-5555 0123", "Phone 021-5555 0123",
                     "2026年11月22日", "22 November 2026", "门店收银台"):
        assert expected in text, expected
    layout = layout_sign(scenario_notice(tea, sc, TODAY), size, landscape)
    _inside_safe_area(pdf, layout)
    assert qr_texts(pdf) == ["https://lemontea.example.cn/face-optout"]


@pytest.mark.parametrize("example", ["bubble_tea_shop", "small_hotel", "training_centre", "residential_compound"])
def test_every_example_sign_reads_from_its_sheets_stated_distances(example) -> None:
    from signdesk.paths import EXAMPLES_DIR as EXAMPLES
    project = load(EXAMPLES / f"{example}.signdesk")
    for sc in project.scenarios:
        for size in SIZES:
            for landscape in (False, True):
                layout = layout_sign(scenario_notice(project, sc, TODAY), size, landscape)
                stated = READING_DISTANCES[size]
                reads = layout.reads_from()
                assert reads["heading"] == pytest.approx(stated.heading_m), (size, landscape)
                assert reads["first"] >= stated.first_m - 1e-6, (size, landscape)
                assert reads["second"] >= stated.second_m - 1e-6, (size, landscape)


def test_no_line_starts_with_closing_punctuation(tea) -> None:
    for size in SIZES:
        layout = layout_sign(scenario_notice(tea, tea.scenarios[0], TODAY), size)
        for placed in layout.texts:
            for line in placed.layout.lines:
                assert not line or line[0] not in CLOSING, line


def test_markup_characters_print_as_typed(tea) -> None:
    project = tea.copy()
    project.business["operator_name_en"] = "Tea & Co <Shanghai> \"Best\""
    text = text_of(render_sign(project, project.scenarios[0], "A4", False, TODAY))
    assert "Tea & Co <Shanghai>" in text


def test_name_longer_than_an_answer_may_be_is_refused_by_field_in_both_languages(tea) -> None:
    # 360 characters (the limit is 80): only a file from an older, looser
    # SignDesk keeps such a name, and printing refuses it.
    project = tea.copy()
    project.business["operator_name"] = "上海柠檬茶饮" * 60
    with pytest.raises(AnswerToFixError) as err:
        render_sign(project, project.scenarios[0], "A5", False, TODAY)
    assert "business.operator_name" in err.value.message("zh_CN") and "80" in err.value.message("zh_CN")
    assert "Correct it before printing" in err.value.message("en")


def test_several_long_fields_are_named_together_with_a_length_that_fits(tea) -> None:
    # Every field at its longest legal length and every purpose and
    # alternative: no one field is to blame (clearing one still overflows).
    project = tea.copy()
    project.business["address"] = ("上海市徐汇区漕溪北路八十八号圣爱大厦一层一零一室" * 7)[:160]
    project.business["operator_name_en"] = ("Shanghai Lemon Tea Beverage Management Co Ltd Xuhui Branch " * 2)[:100]
    sc = project.scenarios[0]
    sc.answers["purposes"] = ["public_security", "access", "payment", "attendance", "identity_check",
                              "marketing", "footfall", "research"]
    sc.answers["alternatives"] = ["card", "pin", "qr", "staff_check", "key", "cash_or_other_payment"]
    sc.answers["location"] = ("门店收银台旁边靠窗一侧的自助点单机与收银台后方墙面上的两台摄像头位置" * 3)[:80]
    # No English given: the English lines print the long Chinese texts too.
    project.business.pop("address_en", None)
    sc.answers.pop("location_en", None)
    with pytest.raises(TextDoesNotFitError) as err:
        render_sign(project, sc, "A5", True, TODAY)
    en, zh = err.value.message("en"), err.value.message("zh_CN")
    assert "an A5 sign" in en and "about 0 " not in en and "约0个" not in zh, en
    assert "address" in en and "地址" in zh
    assert err.value.max_chars > 0


def test_http_optout_link_is_refused(tea) -> None:
    project = tea.copy()
    project.business["optout_url"] = "http://lemontea.example.cn/face-optout"
    with pytest.raises(InvalidOptOutUrlError) as err:
        render_sign(project, project.scenarios[0], "A4", False, TODAY)
    assert "https://" in err.value.message("zh_CN")


def test_emoji_is_reported_not_printed_as_tofu(tea) -> None:
    project = tea.copy()
    project.business["address"] = "徐汇区 🧋 88 号"
    with pytest.raises(MissingGlyphError) as err:
        render_sign(project, project.scenarios[0], "A4", False, TODAY)
    assert "🧋" in err.value.message("en")


# Long, mixed-script names with markup characters: render inside the safe
# area or refuse with a user error; never overflow, never crash.
_text = st.text(alphabet=st.sampled_from(list("上海柠檬茶饮有限公司（）《》，。、ABCxyz 0123&<>\"'-·／ñé")),
                min_size=1, max_size=160)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_text.map(lambda s: s[:80]), name_en=_text.map(lambda s: s[:100]), address=_text,
       size=st.sampled_from(SIZES), landscape=st.booleans())
def test_generated_business_details_never_overflow(tea, name, name_en, address, size, landscape) -> None:
    project = tea.copy()
    project.business.update(operator_name=name, operator_name_en=name_en, address=address)
    sc = project.scenarios[0]
    try:
        notice = scenario_notice(project, sc, TODAY)
        layout = layout_sign(notice, size, landscape)
    except (TextDoesNotFitError, MissingGlyphError) as err:
        assert isinstance(err, UserInputError)
        assert err.message("zh_CN") and err.message("en")
        return
    sx0, sy0, sx1, sy1 = layout.geometry.safe_rect
    for placed in layout.texts:
        bx0, by0, bx1, by1 = placed.box
        assert sx0 - 0.01 <= bx0 and bx1 <= sx1 + 0.01 and sy0 - 0.01 <= by0 and by1 <= sy1 + 0.01
    joined = "".join("".join(p.layout.lines) for p in layout.texts).replace(" ", "")
    assert name.strip().replace(" ", "") in joined


@pytest.mark.parametrize("size", SIZES)
def test_a_name_without_english_is_printed_once(tea, size) -> None:
    project = tea.copy()
    project.business["operator_name"] = "A&B <Tea> \"Bar\" 'Shop' 茶&咖啡 Café"
    project.business["operator_name_en"] = ""
    text = text_of(render_sign(project, project.scenarios[0], size, False, TODAY))
    assert text.count("A&B <Tea> \"Bar\" 'Shop' 茶&咖啡 Café") == 1, text


def test_a_purpose_beyond_public_security_says_separate_consent_comes_first(tea) -> None:
    # Reference §H1.3: face payment on consent -> the sign says consent is asked first.
    sc = tea.scenarios[0]
    assert tea.answers_for(sc).get("legal_basis") == "consent"
    text = " ".join(text_of(render_sign(tea, sc, "A5", False, TODAY)).split())
    assert "separate consent before we use your face" in text
    assert "单独同意" in text.replace(" ", "")
    project = tea.copy()
    project.scenarios[0].answers["purposes"] = ["public_security"]
    text = text_of(render_sign(project, project.scenarios[0], "A5", False, TODAY))
    assert "separate consent" not in " ".join(text.split())


def test_the_privacy_contact_is_printed_in_both_languages_when_given() -> None:
    from signdesk.paths import EXAMPLES_DIR as EXAMPLES
    project = load(EXAMPLES / "bubble_tea_shop.signdesk")
    project.business["privacy_contact"] = "陈女士"
    project.business["privacy_contact_en"] = "Ms Chen"
    text = " ".join(text_of(render_sign(project, project.scenarios[0], "A4", False, TODAY)).split())
    assert "个人信息保护联系人 陈女士" in text and "Privacy contact Ms Chen" in text
    assert "Privacy contact 陈女士" not in text


def test_english_lines_fall_back_to_the_chinese_value_only_when_no_english_is_given() -> None:
    from signdesk.paths import EXAMPLES_DIR as EXAMPLES
    project = load(EXAMPLES / "bubble_tea_shop.signdesk")
    project.business["privacy_contact"] = "陈女士"
    del project.business["privacy_contact_en"]
    text = " ".join(text_of(render_sign(project, project.scenarios[0], "A4", False, TODAY)).split())
    assert "Privacy contact 陈女士" in text


# Exact paper sizes in mm; an office printer shrinks or clips anything larger.
PAPER_MM = {"A5": (148, 210), "A4": (210, 297), "A3": (297, 420), "LETTER": (215.9, 279.4)}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("landscape", [False, True], ids=["portrait", "landscape"])
def test_an_office_sign_is_exactly_the_paper(tea, size, landscape) -> None:
    page = reader(render_sign(tea, tea.scenarios[0], size, landscape, TODAY)).pages[0]
    w_mm, h_mm = PAPER_MM[size]
    if landscape:
        w_mm, h_mm = h_mm, w_mm
    box = page.mediabox
    assert (float(box.left), float(box.bottom)) == (0, 0)
    assert float(box.width) / MM == pytest.approx(w_mm, abs=0.05)
    assert float(box.height) / MM == pytest.approx(h_mm, abs=0.05)
    assert "/BleedBox" not in page and "/TrimBox" not in page


def test_every_document_is_dated_the_day_it_was_printed_for(tea) -> None:
    from signdesk.documents.render import render_documents

    day = dt.date(2027, 3, 9)
    files = render_documents(tea, ("A5", "A4"), ("portrait", "landscape"), day)
    pdfs = {name: data for name, data in files.items() if data[:5] == b"%PDF-"}
    assert len(pdfs) >= 6, sorted(files)
    for name, data in pdfs.items():
        info = reader(data).metadata
        assert info["/CreationDate"].startswith("D:20270309"), name
        assert info["/ModDate"].startswith("D:20270309"), name
    again = render_documents(tea, ("A5", "A4"), ("portrait", "landscape"), day)
    assert again == files


def test_the_sheets_get_bigger_and_read_from_further() -> None:
    a5, a4, a3 = (READING_DISTANCES[s] for s in ("A5", "A4", "A3"))
    assert a5.heading_m < a4.heading_m < a3.heading_m
    assert a5.pictogram_mm < a4.pictogram_mm < a3.pictogram_mm
    assert 45 <= a4.pictogram_mm <= 60 and a4.url_pt >= 9
    assert a5.second_m < a4.second_m < a3.second_m


def _ink_rows(image, x0: int, x1: int, y0: int, y1: int):
    import numpy as np
    dark = image[y0:y1, x0:x1].min(axis=2) < 100
    rows = np.flatnonzero(dark.any(axis=1))
    return rows + y0


@pytest.mark.parametrize("size", ["A5", "A4", "A3"])
def test_the_heading_characters_are_as_tall_as_its_reading_distance_asks(qapp, tea, size) -> None:
    # 25 mm of character height per 3 m: measure the printed ink of the
    # heading's first line of Han characters on the rendered page.
    from pdf_checks import rasterise

    dpi = 100
    pdf = render_sign(tea, tea.scenarios[0], size, False, TODAY)
    image = rasterise(pdf, dpi=dpi)
    layout = layout_sign(scenario_notice(tea, tea.scenarios[0], TODAY), size)
    zh = layout.texts[0]
    px = dpi / 72
    h = layout.geometry.sheet.height_pt
    x0, x1 = int(zh.x * px), int((zh.x + zh.layout.width) * px)
    y0 = int((h - zh.top) * px)
    rows = _ink_rows(image, x0, x1, y0, int((h - zh.top + zh.layout.leading) * px))
    # The first run of inked rows is the first line's characters.
    gaps = [i for i in range(1, len(rows)) if rows[i] - rows[i - 1] > 1]
    first_line = rows[: gaps[0]] if gaps else rows
    glyph_mm = (first_line[-1] - first_line[0] + 1) / dpi * 25.4
    needed_mm = READING_DISTANCES[size].heading_m * 25 / 3
    assert glyph_mm >= needed_mm * 0.97, (glyph_mm, needed_mm)


def _lines(pdf: bytes) -> list[str]:
    import subprocess
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return [line.strip() for line in out.stdout.decode("utf-8").splitlines() if line.strip()]


def _words_of_english(line: str) -> list[str]:
    """Latin words on a line, leaving out e-mail addresses, URLs and codes like S-2680B0."""
    import re
    line = re.sub(r"\S+@\S+|https?://\S+|\b[A-Z]-[0-9A-F]{6}\b|\(1:[1N]\)|1:[1N]", " ", line)
    return re.findall(r"[A-Za-z]{2,}", line)


@pytest.mark.parametrize("example", ["bubble_tea_shop", "small_hotel", "training_centre", "residential_compound"])
@pytest.mark.parametrize("landscape", [False, True], ids=["portrait", "landscape"])
def test_each_language_has_its_own_lines(example, landscape) -> None:
    import re
    from signdesk.paths import EXAMPLES_DIR as EXAMPLES
    project = load(EXAMPLES / f"{example}.signdesk")
    for sc in project.scenarios:
        pdf = render_sign(project, sc, "A4", landscape, TODAY)
        for line in _lines(pdf):
            # -layout keeps columns side by side: split where a wide gap separates them.
            for part in re.split(r"\s{3,}", line):
                han = re.search(r"[\u4e00-\u9fff]", part)
                words = _words_of_english(part)
                assert not (han and words), (example, sc.id, part)


@pytest.mark.parametrize("landscape", [False, True], ids=["portrait", "landscape"])
def test_every_h1_item_is_on_the_sign_in_two_layers(tea, landscape) -> None:
    sc = tea.scenarios[0]
    notice = scenario_notice(tea, sc, TODAY)
    text = "".join(text_of(render_sign(tea, sc, "A4", landscape, TODAY)).split())
    for item in (notice.heading, notice.operator, notice.purpose, notice.method, notice.retention,
                 notice.necessity, notice.rights, notice.contact, notice.capture_area, notice.alternative):
        for lang in (item.zh, item.en):
            assert "".join(lang.split()) in text, lang
    # §H1.7: where the full processing rules can be read.
    assert "完整的个人信息处理规则见" in text and "Thefullprocessingrulesareonthepage" in text
    assert "扫码查看完整规则、拒绝或撤回同意" in text
    layout = layout_sign(notice, "A4", landscape)
    # The first layer is larger than the second.
    assert layout.first_size > layout.second_size * 1.2


def test_the_url_under_the_qr_is_at_least_9_pt_on_a4(tea) -> None:
    for landscape in (False, True):
        pdf = render_sign(tea, tea.scenarios[0], "A4", landscape, TODAY)
        sizes = [size for _x, _y, size, t in text_origins(pdf)[0] if t.strip() == tea.business["optout_url"]]
        assert sizes and min(sizes) >= 9, sizes


def test_a_landscape_sign_has_its_own_layout(tea) -> None:
    portrait = layout_sign(scenario_notice(tea, tea.scenarios[0], TODAY), "A4")
    layout = layout_sign(scenario_notice(tea, tea.scenarios[0], TODAY), "A4", landscape=True)
    w = layout.geometry.sheet.width_pt
    heading = layout.texts[0]
    # The heading runs on one line across most of the sheet, not 41 % of it.
    assert len(heading.layout.lines) == 1 and len(portrait.texts[0].layout.lines) == 2
    assert max(heading.layout.line_widths) / w > 0.55
    # The QR code sits at the top of the right column, beside the scan prompt,
    # right under the band: no empty gap above it.
    qx, qy, q = layout.qr
    assert qx > w / 2 and layout.band_bottom - (qy + q) < 15 * MM
    prompt = [t for t in layout.texts if t.layout.lines and t.layout.lines[0].startswith("扫码")]
    assert prompt and prompt[0].top > qy and prompt[0].box[2] <= qx


def test_the_sign_carries_its_content_version_and_print_date(tea) -> None:
    sc = tea.scenarios[0]
    one = text_of(render_sign(tea, sc, "A4", False, TODAY))
    other = text_of(render_sign(tea, sc, "A4", False, dt.date(2027, 1, 5)))
    import re
    codes = re.findall(r"S-[0-9A-F]{6}", one)
    assert codes and codes == re.findall(r"S-[0-9A-F]{6}", other)
    assert "2026年11月22日印制" in one.replace(" ", "") and "printed 22 November 2026" in one
    changed = tea.copy()
    changed.business["contact_phone"] = "021-5555 0199"
    assert re.findall(r"S-[0-9A-F]{6}", text_of(render_sign(changed, sc, "A4", False, TODAY))) != codes


def test_the_readme_states_each_sheets_reading_distances() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(): line for line in readme.splitlines()
            if line.startswith("| A") and " m |" in line}
    for sheet, key in (("A5", "A5"), ("A4", "A4, Letter"), ("LETTER", "A4, Letter"), ("A3", "A3")):
        d = READING_DISTANCES[sheet]
        cells = [c.strip() for c in rows[key].split("|")[1:-1]]
        assert cells[2:6] == [f"{d.heading_m:g} m", f"{d.first_m:g} m", f"{d.second_m:g} m",
                              f"{d.pictogram_mm:g} mm"], cells


@pytest.mark.parametrize("example", ["bubble_tea_shop", "small_hotel", "training_centre", "residential_compound"])
def test_the_scan_prompt_breaks_only_between_its_phrases(example) -> None:
    # Reviewed: landscape signs printed "扫码查看完整规则、拒绝或撤" / "回同意 →"
    # and "同意 →" alone on a line.
    from signdesk.paths import EXAMPLES_DIR as EXAMPLES
    project = load(EXAMPLES / f"{example}.signdesk")
    notice = scenario_notice(project, project.scenarios[0], TODAY)
    for size in SIZES:
        for landscape in (False, True):
            layout = layout_sign(notice, size, landscape)
            prompt = [p.layout.lines for p in layout.texts if "".join(p.layout.lines) == "扫码查看完整规则、拒绝或撤回同意 →"]
            assert prompt in ([("扫码查看完整规则、拒绝或撤回同意 →",)],
                              [("扫码查看完整规则、", "拒绝或撤回同意 →")]), (size, landscape, prompt)
