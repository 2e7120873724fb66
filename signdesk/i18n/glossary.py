"""The legal terms SignDesk uses, one translation each, with a plain explanation.

Every text that uses one of these terms must use the same words in both
languages; ``tests/i18n/test_catalogues.py`` holds the catalogues to that.
"""

from __future__ import annotations

from dataclasses import dataclass

from signdesk.i18n import N_


@dataclass(frozen=True)
class Term:
    key: str
    zh: str
    en: str
    #: English msgid of a one-sentence explanation for tooltips.
    explanation: str


TERMS: tuple[Term, ...] = (
    Term("separate_consent", "单独同意", "separate consent",
         N_("Separate consent: a consent given just for face recognition, on its own form or screen, never bundled with other terms or pre-ticked.")),
    Term("pia", "个人信息保护影响评估", "personal information protection impact assessment",
         N_("Personal information protection impact assessment: a written check, done before you start, of whether face recognition is necessary, what it risks and how you protect people. Keep it at least three years.")),
    Term("notice_sign", "显著提示标识", "prominent notice sign",
         N_("Prominent notice sign: a sign at or before the capture area that tells people face recognition is in use, by whom and why.")),
    Term("guardian_consent", "监护人同意", "guardian's consent",
         N_("Guardian's consent: for a child under 14, a parent or other guardian must agree before the child's face is processed.")),
    Term("filing", "备案", "filing",
         N_("Filing: once you store the faces of 100,000 people, you must register with the provincial cyberspace office within 30 working days.")),
    Term("sensitive_pi", "敏感个人信息", "sensitive personal information",
         N_("Sensitive personal information: information, such as facial information, whose leak could seriously harm a person; it needs a specific purpose, real necessity and strict protection.")),
    Term("optout_page", "拒绝与撤回页面", "opt-out page",
         N_("Opt-out page: the web page, printed by SignDesk and hosted by you, where people read how to withdraw consent, ask for deletion or use the other way in.")),
    Term("facial_information", "人脸信息", "facial information",
         N_("Facial information: a picture of a person's face, or the numbers (face template) made from it, that can identify them; it is sensitive personal information.")),
    Term("handler", "个人信息处理者", "personal information handler",
         N_("Personal information handler: the business that decides why and how faces are processed; here, you.")),
)

TERM_BY_KEY = {t.key: t for t in TERMS}
