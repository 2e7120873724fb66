"""Separate and guardian consent forms: one empty box per choice, nothing bundled."""

from __future__ import annotations

import datetime as dt

import pytest

from consent_checks import assert_form_holds_together
from pdf_checks import assert_fonts_embedded, qr_texts, rasterise, reader, text_of, text_origins
from signdesk.documents.consent import consent_form, form_version, layout_consent, render_consent
from signdesk.documents.content import scenario_notice
from signdesk.model import load

TODAY = dt.date(2026, 11, 22)


def _project(name: str):
    from signdesk.paths import EXAMPLES_DIR as EXAMPLES
    return load(EXAMPLES / f"{name}.signdesk")


def _flow(project, guardian=False, large_print=False, scenario=None):
    form = consent_form(project, scenario or project.scenarios[0], guardian, TODAY)
    return layout_consent(form, TODAY, large_print)


def _boxes(project, guardian=False):
    return [b for p in _flow(project, guardian).pages for b in p.tick_boxes]


def test_consent_form_states_h2_items_in_both_languages(qapp) -> None:
    project = _project("bubble_tea_shop")
    pdf = render_consent(project, project.scenarios[0], TODAY)
    assert_fonts_embedded(pdf)
    assert len(reader(pdf).pages) <= 2
    raw = text_of(pdf)
    words, packed = " ".join(raw.split()), "".join(raw.split())  # Chinese lines join without a space
    for expected in ("人脸信息处理单独同意书", "个人信息处理者：上海柠檬茶饮有限公司", "您可随时撤回本同意",
                     "不影响您享受服务", "签名", "日期", "记录编号", "2026年11月22日印制",
                     # reference §H2.6, 10, 11, 16: how data is deleted, the right to an explanation
                     # (PIPL art. 48), the withdrawal effect in PIPL art. 15's words, how long the form is kept
                     "删除是指将其从设备中清除，使其无法恢复", "要求我们对人脸信息处理规则进行解释说明",
                     "撤回同意，不影响撤回前基于您的同意已进行的个人信息处理活动的效力", "删除后三年内予以保存"):
        assert expected in packed, expected
    for expected in ("Separate consent to the processing of facial information",
                     "Personal information handler: Shanghai Lemon Tea Co., Ltd.", "Phone 021-5555 0123",
                     "withdraw this consent at any time", "will not affect the service you receive", "Signature",
                     "Record number", "printed 22 November 2026", "so that it cannot be restored",
                     "ask us to explain our rules for processing it",
                     "does not affect processing already carried out on the basis of your consent before you "
                     "withdrew it", "for three years after it is deleted"):
        assert expected in words, expected
    # The form has its own words, not the sign's, and one English term throughout.
    for unwanted in ("本处使用人脸识别", "We use facial recognition here", "does not cost you", "face data",
                     "离开设备"):
        assert unwanted not in words and unwanted not in packed, unwanted
    assert qr_texts(pdf) == ["https://lemontea.example.cn/face-optout"]


def test_text_stays_inside_the_safe_margin() -> None:
    project = _project("residential_compound")
    pdf = render_consent(project, project.scenarios[0], TODAY)
    m = 10 * 72 / 25.4
    w, h = 595.2756, 841.8898
    for page in text_origins(pdf):
        for x, y, _size, text in page:
            assert m - 0.01 <= x <= w - m and m - 0.01 <= y <= h - m, text


def test_one_box_per_purpose_and_separate_boxes_for_leaving_the_device() -> None:
    # Bubble tea: one purpose, data stays on the device -> one box.
    assert len(_boxes(_project("bubble_tea_shop"))) == 1
    # Residential compound: vendor cloud over the Internet -> purpose + transmission.
    project = _project("residential_compound")
    assert len(_boxes(project)) == 2
    project.business.update(shares_with_others=True, sharing_recipients="总部 & <Brand>", cross_border=True)
    assert len(_boxes(project)) == 4
    text = text_of(render_consent(project, project.scenarios[0], TODAY))
    assert "总部 & <Brand>" in text
    assert "transferred outside mainland China" in text


def test_no_box_is_pre_ticked(qapp) -> None:
    project = _project("residential_compound")
    pdf = render_consent(project, project.scenarios[0], TODAY)
    flow = _flow(project)
    dpi = 150
    k = dpi / 72
    for page_no, page in enumerate(flow.pages):
        if not page.tick_boxes:
            continue
        img = rasterise(pdf, page_no, dpi)
        height = img.shape[0]
        for x, y, size in page.tick_boxes:
            # The inside of the box (away from its border) must be blank paper.
            inner = img[round(height - (y + size) * k) + 4: round(height - y * k) - 4,
                        round(x * k) + 4: round((x + size) * k) - 4]
            assert inner.size and inner.min() > 200, "a tick box is not empty"
        # ... and a drawn box is really there: its border is dark.
        x, y, size = page.tick_boxes[0]
        assert img[round(height - (y + size / 2) * k), round(x * k)].max() < 128 or \
            img[round(height - (y + size / 2) * k), round(x * k) + 1].max() < 128


def test_guardian_form_asks_for_child_and_guardian(qapp) -> None:
    project = _project("training_centre")
    pdf = render_consent(project, project.scenarios[0], TODAY, guardian=True)
    text = text_of(pdf)
    for expected in ("处理儿童人脸信息监护人同意书", "儿童姓名", "Child's name", "监护人姓名", "Guardian's name",
                     "与儿童的关系", "Relationship to the child", "监护人签名", "Guardian's signature",
                     "北京启明星课外培训中心", "Beijing Morning Star After-School Centre",
                     "010-6266 1234"):
        assert expected in text, expected
    assert len(reader(pdf).pages) <= 2
    assert qr_texts(pdf) == ["https://qimingxing.example.cn/face-optout"]


@pytest.mark.parametrize("guardian", [False, True])
def test_long_business_details_take_another_sheet_not_smaller_type(guardian) -> None:
    project = _project("training_centre")
    project.business.update(operator_name="北京启明星" * 16, operator_name_en="Morning Star " * 7,
                            address="北京市海淀区中关村大街 27 号 & <3> 层" * 5)
    pdf = render_consent(project, project.scenarios[0], TODAY, guardian=guardian)
    assert len(reader(pdf).pages) <= 4
    assert "<3>" in text_of(pdf)
    flow = _flow(project, guardian)
    assert flow.s >= 10.0
    assert_form_holds_together(flow, pdf, consent_form(project, project.scenarios[0], guardian, TODAY))


def test_guardian_form_claims_dedicated_childrens_rules_only_when_the_owner_has_them() -> None:
    from signdesk.paths import EXAMPLES_DIR as EXAMPLES
    project = load(EXAMPLES / "training_centre.signdesk")  # answered: no dedicated rules for children
    kids = project.scenarios[0]
    # PIPL art. 31: where the dedicated rules for under-14s can be read.
    claim_zh, claim_en = "专门的不满十四周岁儿童个人信息处理规则", "dedicated rules for processing the personal information"
    raw = text_of(render_consent(project, kids, TODAY, True))
    assert claim_en not in " ".join(raw.split()) and claim_zh not in "".join(raw.split())
    kids.answers["child_rules"] = True
    raw = text_of(render_consent(project, kids, TODAY, True))
    assert claim_en in " ".join(raw.split()) and claim_zh in "".join(raw.split())
    assert "you can read them here before you sign" in " ".join(raw.split())


def test_retention_names_only_the_relationships_of_the_people_enrolled() -> None:
    from signdesk.paths import EXAMPLES_DIR as EXAMPLES
    project = load(EXAMPLES / "small_hotel.signdesk")
    staff = project.scenario("s-staff")  # staff attendance: employment, not membership or tenancy
    text = text_of(render_consent(project, staff, TODAY, False))
    assert "until your employment ends" in " ".join(text.split())
    assert "tenancy" not in text and "会员" not in text


def _everything(project):
    """Every purpose, every alternative, and every separate tick the law asks for."""
    project.business.update(vendor_processes=True, vendor_names="旷视科技有限公司 & Megvii <cloud>",
                            shares_with_others=True, sharing_recipients="北京市海淀区教育委员会",
                            cross_border=True)
    sc = project.scenarios[0]
    sc.answers.update(purposes=["public_security", "access", "payment", "attendance", "identity_check",
                                "marketing", "footfall", "research"],
                      alternatives=["card", "pin", "qr", "staff_check", "key", "cash_or_other_payment"],
                      storage_location="vendor_cloud", internet_transmission=True)
    return project


@pytest.mark.parametrize("guardian", [False, True])
def test_every_page_names_the_form_its_version_and_page_number(guardian) -> None:
    # A loose page 2 (the one with the signature) must say which form it belongs to.
    project = _everything(_project("training_centre"))
    pdf = render_consent(project, project.scenarios[0], TODAY, guardian=guardian)
    pages = reader(pdf).pages
    count = len(pages)
    assert count >= 2
    title_zh, title_en = ("监护人同意书", "Guardian consent form") if guardian else \
        ("单独同意书", "Separate consent form")
    code = form_version(project, project.scenarios[0], guardian).code
    for n, page in enumerate(pages, start=1):
        text = page.extract_text()
        for expected in (title_zh, title_en, f"版本 {code}", f"version {code}", f"第{n}页，共{count}页",
                         f"page {n} of {count}"):
            assert expected in text, (n, expected)
    m = 10 * 72 / 25.4
    for page in text_origins(pdf):
        assert all(y >= m - 0.01 for _x, y, _s, _t in page)


def test_who_else_gets_the_data_names_processors_recipients_and_the_transfer_abroad() -> None:
    # Reference §H2.8-9: the form says who receives the data before asking for the separate ticks.
    project = _everything(_project("training_centre"))
    raw = text_of(render_consent(project, project.scenarios[0], TODAY))
    text, packed = " ".join(raw.split()), "".join(raw.split())  # Chinese lines join without a space
    for expected in ("其他个人信息处理者提供人脸信息：北京市海淀区教育委员会", "传输至中国境外", "日期和时间"):
        assert expected in packed, expected
    for expected in ("旷视科技有限公司 & Megvii <cloud>", "another personal information handler: 北京市海淀区教育委员会",
                     "transferred outside mainland China. Ask us for the foreign recipient", "Date and time"):
        assert expected in text, expected


def test_a_name_without_english_is_printed_once_at_the_top() -> None:
    project = _project("bubble_tea_shop")
    project.business["operator_name_en"] = ""
    text = text_of(render_consent(project, project.scenarios[0], TODAY))
    assert text.count("上海柠檬茶饮有限公司") == 1, text


def test_a_short_chinese_english_pair_is_not_split_between_pages() -> None:
    from signdesk.documents.flow import Flow
    from signdesk.i18n import Bilingual
    flow = Flow(10.0)
    flow.y = flow.bottom + 10.0 * 1.3 * 2  # room for about two lines
    flow.bilingual(Bilingual("您可随时撤回本同意：扫描二维码或告知工作人员。撤回后我们将删除您的人脸信息。",
                             "You can withdraw this consent at any time: scan the QR code or tell our staff. "
                             "We then delete your face data; what was done before you withdrew stays lawful."))
    assert len(flow.pages) == 2 and not any(t.layout.lines for t in flow.pages[0].texts)


def test_large_print_help_is_offered_only_when_the_owner_offers_it() -> None:
    # Reference §H2.17, never claimed on the owner's behalf.
    project = _project("small_hotel")
    sc = project.scenarios[0]
    sc.answers["enrolled"] = ["customers", "elderly"]
    sc.answers["accessibility"] = False
    assert "large print" not in " ".join(text_of(render_consent(project, sc, TODAY)).split())
    sc.answers["accessibility"] = True
    text = text_of(render_consent(project, sc, TODAY))
    assert "in large print, and our staff can read it aloud" in " ".join(text.split()) and "大字版" in text


def test_recipient_contact_use_and_the_foreign_recipient_are_printed_when_answered() -> None:
    project = _everything(_project("training_centre"))
    project.business.update(sharing_contact="010-8888 0000 & edu@example.cn", sharing_use="学生安全平台核验到校记录",
                            cross_border_recipient="Morning Star Holdings Ltd, Singapore <dpo@ms.example.sg>")
    raw = text_of(render_consent(project, project.scenarios[0], TODAY))
    text, packed = " ".join(raw.split()), "".join(raw.split())
    for expected in ("How to contact them: 010-8888 0000 & edu@example.cn", "What they use it for, and how:",
                     "outside mainland China, to: Morning Star Holdings Ltd, Singapore <dpo@ms.example.sg>"):
        assert expected in text, expected
    assert "其处理目的和处理方式：学生安全平台核验到校记录" in packed
    assert "Ask us for the foreign recipient" not in text


def test_hotel_guests_are_told_their_face_is_deleted_when_their_stay_ends() -> None:
    from signdesk.paths import EXAMPLES_DIR as EXAMPLES
    project = load(EXAMPLES / "small_hotel.signdesk")
    notice = scenario_notice(project, project.scenario("s-checkin"), TODAY)
    assert "when your stay ends" in notice.deletion.en and "住宿结束" in notice.deletion.zh
    assert "membership" not in notice.deletion.en


def test_the_form_says_what_the_camera_keeps_and_whether_it_checks_for_a_live_person() -> None:
    """Reference §H2.4: what is captured (template, pictures) and liveness detection."""
    project = _project("bubble_tea_shop")   # template only, liveness check on
    words = " ".join(text_of(render_consent(project, project.scenarios[0], TODAY)).split())
    for expected in ("人脸特征模板", "原始图像本身不予保存", "检测面前是真人",
                     "face template (a set of numbers)", "the picture itself is not kept",
                     "a live person, not a photo or a video"):
        assert expected in words, expected

    sc = project.scenarios[0]
    sc.answers.update(liveness_check=False, raw_images_kept=True)
    words = " ".join(text_of(render_consent(project, sc, TODAY)).split())
    assert "the picture is also kept" in words and "原始图像也会保存" in words
    assert "a live person" not in words and "真人" not in words

    # Not answered: the form claims nothing either way.
    for key in ("liveness_check", "raw_images_kept"):
        sc.answers.pop(key, None)
        project.business.pop(key, None)
    notice = scenario_notice(project, sc, TODAY)
    assert notice.captured is None


#: Phrases of the person's own form that would be wrong on a guardian's.
ADULT_VOICE_ZH = ("您的人脸信息", "我的人脸信息", "您孩子", "您的面部", "您的会员", "年满十四周岁")
ADULT_VOICE_EN = ("your facial information", "my facial information", "your face", "your membership",
                  "I am 14 or older", "face data")


@pytest.mark.parametrize("name", ["bubble_tea_shop", "residential_compound", "small_hotel", "training_centre"])
def test_the_guardian_form_speaks_about_the_child_throughout(name) -> None:
    project = _everything(_project(name))
    for sc in project.scenarios:
        sc.answers.update(raw_images_kept=True, retention="until_relationship_ends", child_rules=True,
                          deletion_triggers=["relationship_ends", "consent_withdrawn"])
        raw = text_of(render_consent(project, sc, TODAY, guardian=True))
        packed, words = "".join(raw.split()), " ".join(raw.split()).lower()
        assert "您所监护的儿童的人脸信息" in packed and "the facial information of the child in my care" in words
        assert "该儿童的人脸信息" in packed and "the child's facial information" in words
        for phrase in ADULT_VOICE_ZH:
            assert phrase not in packed, phrase
        for phrase in ADULT_VOICE_EN:
            assert phrase.lower() not in words, phrase
        # ... while the person's own form says exactly those things.
        adult = text_of(render_consent(project, sc, TODAY, guardian=False))
        assert "您的人脸信息" in "".join(adult.split()) and "your facial information" in " ".join(adult.split()).lower()
