"""What the printed documents say: one term, one wording across sign, form and opt-out page, nothing untrue."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from signdesk.documents.content import scenario_notice
from signdesk.documents.optout import render_optout_page
from signdesk.documents.render import render_documents
from signdesk.model import load
from signdesk.paths import EXAMPLES_DIR
from tests.documents.pdf_checks import text_of
from tests.documents.test_optout import visible_text

EXAMPLES = sorted(p.stem for p in EXAMPLES_DIR.glob("*.signdesk"))
TODAY = dt.date(2026, 12, 1)
#: The consent form's sentence for PIPL art. 15, in both languages.
PIPL_15 = ("Withdrawing does not affect processing already carried out on the basis of your consent before you "
           "withdrew it.", "撤回同意，不影响撤回前基于您的同意已进行的个人信息处理活动的效力。")
NO_COST = ("Saying no will not affect the service you receive.", "不影响您享受服务")


def _example(name: str):
    return load(EXAMPLES_DIR / f"{name}.signdesk")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def printed() -> dict[str, dict[str, str]]:
    """Per example, the text of each sign, consent form and opt-out page it renders."""
    out: dict[str, dict[str, str]] = {}
    for name in EXAMPLES:
        files = render_documents(_example(name), today=TODAY, draft=True)  # the compound is not finished
        texts = {file: _flat(text_of(data)) for file, data in files.items()
                 if file.startswith(("sign-", "consent-", "guardian-consent-"))}
        texts["optout.html"] = _flat(visible_text(files["optout.html"]))
        out[name] = texts
    return out


def test_documents_say_facial_information_never_face_data(printed) -> None:
    for name, texts in printed.items():
        assert any(k.startswith("sign-") for k in texts), name
        for document, text in texts.items():
            assert "face data" not in text.lower(), (name, document)
            assert "does not cost you" not in text and "stays lawful" not in text, (name, document)


def test_reports_and_filing_say_facial_information_never_face_data() -> None:
    """The impact assessment, the compliance report and the filing pack use the sign's term."""
    from signdesk.rules.engine import DocumentKind
    kinds = {DocumentKind.PIA_REPORT, DocumentKind.COMPLIANCE_REPORT, DocumentKind.FILING_PACK}
    speaks_of_it: set[str] = set()
    for name in EXAMPLES:
        files = render_documents(_example(name), today=TODAY, kinds=kinds, draft=True)
        for file, data in files.items():
            if file.endswith(".zip"):
                continue  # the pack's archive holds the files checked one by one here
            text = _flat(text_of(data) if file.endswith(".pdf") else data.decode("utf-8"))
            assert "face data" not in text.lower(), (name, file)
            if "facial information" in text.lower():
                speaks_of_it.add(file)
    # Each kind of document does speak of it, so the check above reads real passages.
    assert {"pia-report.pdf", "compliance-report.pdf", "filing-summary.pdf", "filing.csv"} <= speaks_of_it


def test_opt_out_page_and_form_word_withdrawal_alike(printed) -> None:
    for name, texts in printed.items():
        forms = [t for k, t in texts.items() if k.startswith("consent-")]
        for form in forms:
            assert PIPL_15[0] in form and PIPL_15[1] in form.replace(" ", ""), name
        if forms:  # a scenario relying on consent: the page words withdrawal as the form does
            assert PIPL_15[0] in texts["optout.html"] and PIPL_15[1] in texts["optout.html"], name


def test_no_alternative_no_promise(printed) -> None:
    """The compound offers no other way in and turns away who says no: nothing may say otherwise."""
    page = printed["residential_compound"]["optout.html"]
    assert "不影响您享受服务" not in page and "will not affect the service" not in page
    assert "ask us for another way" in page and "要求提供其他方式" in page
    sign = next(t for k, t in printed["residential_compound"].items() if k.startswith("sign-"))
    assert "will not affect the service" not in sign


def test_signs_promise_what_the_form_promises(printed) -> None:
    bubble = printed["bubble_tea_shop"]
    for document, text in bubble.items():
        assert NO_COST[0] in text or "Refusing facial recognition will not affect the service you receive." in text, \
            document
        assert NO_COST[1] in text.replace(" ", ""), document


def test_no_consent_no_withdrawal(printed) -> None:
    """The hotel's check-in is a legal-duty identity check: the page speaks of rights, not of withdrawing."""
    page = printed["small_hotel"]["optout.html"]
    for untrue in ("撤回本同意", "withdraw this consent", "Your rights and withdrawing consent", "撤回同意"):
        assert untrue not in page, untrue
    for right in ("copy your facial information", "corrected or deleted", "explain our rules", "object to",
                  "查阅、复制", "解释处理规则"):
        assert right in page, right


def test_opt_out_page_does_not_send_its_reader_to_the_qr_code(printed) -> None:
    for name, texts in printed.items():
        page = texts["optout.html"]
        assert "scan the QR code" not in page.lower() and "扫描二维码" not in page, name
        if "withdraw" in page:
            assert "tell our staff on site" in page, name


def test_retention_is_said_once() -> None:
    page = _flat(visible_text(render_optout_page(_example("bubble_tea_shop"), TODAY)))
    assert page.count("membership ends") <= 1, page
    compound = _example("residential_compound")
    notice = scenario_notice(compound, compound.scenarios[0], TODAY)
    page = visible_text(render_optout_page(compound, TODAY))
    assert "保存期限尚未确定" in page and "删除时间请向我们咨询" not in page
    assert notice.deletion.en == "" or "ask us" not in notice.deletion.en.lower()


def test_hotel_guests_are_not_members(printed) -> None:
    for document, text in printed["small_hotel"].items():
        assert "membership check" not in text and "会员身份" not in text, document
        assert "a check of your ID" not in text, document


def test_sign_for_a_legal_duty_check_offers_nothing_to_withdraw(printed) -> None:
    sign = next(t for k, t in printed["small_hotel"].items() if k.startswith("sign-"))
    assert "withdraw consent" not in sign and "撤回同意：" not in sign.replace(" ", "")
    assert "or to object" in sign
    compound = next(t for k, t in printed["residential_compound"].items() if k.startswith("sign-"))
    assert "withdraw consent or object" in compound
