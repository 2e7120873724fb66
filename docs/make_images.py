"""Re-make the pictures under docs/img from the bundled examples.

    python docs/make_images.py

Documents are rendered by SignDesk itself and turned into 100 dpi PNGs with
pdftoppm (Debian's poppler-utils); the opt-out page is photographed by
headless Chromium at a phone's size; the window (with a project, and its
welcome page without one) and the user guide's window are grabbed offscreen
in both languages, Help > About in English. Look at every picture after running
this: the tests cannot see tofu boxes or ugly breaks.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from signdesk.documents.consent import render_consent  # noqa: E402
from signdesk.documents.filing_summary import render_filing_summary  # noqa: E402
from signdesk.documents.optout import render_optout_page  # noqa: E402
from signdesk.documents.pia_report import render_pia_report  # noqa: E402
from signdesk.documents.report import render_report  # noqa: E402
from signdesk.documents.sign import render_sign  # noqa: E402
from signdesk.filing.pack import build_filing  # noqa: E402
from signdesk.model import load  # noqa: E402
from signdesk.paths import EXAMPLES_DIR, FONTS_DIR  # noqa: E402

TODAY = dt.date(2026, 11, 22)
OUT = Path(__file__).resolve().parent / "img"


def pdf_to_png(pdf: bytes, stem: str, pages: int = 1) -> None:
    """``stem.png`` (one page) or ``stem-1.png`` ... (several pages)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "100", "-png", "-l", str(pages), str(path), str(Path(tmp) / "p")],
                       check=True)
        shots = sorted(Path(tmp).glob("p-*.png"))
        for i, shot in enumerate(shots, start=1):
            name = f"{stem}.png" if pages == 1 else f"{stem}-{i}.png"
            shot.replace(OUT / name)


def documents() -> None:
    centre = load(EXAMPLES_DIR / "training_centre.signdesk")
    kids = centre.scenarios[0]
    for sheet, landscape, label in (("A4", False, "A4-portrait"), ("A4", True, "A4-landscape"),
                                    ("A5", False, "A5-portrait"), ("A3", False, "A3-portrait"),
                                    ("A3", True, "A3-landscape"), ("LETTER", False, "Letter-portrait")):
        pdf_to_png(render_sign(centre, kids, sheet, landscape, TODAY), f"sign-training-centre-{label}")
    pdf_to_png(render_consent(centre, kids, TODAY, False), "consent-training-centre", pages=2)
    pdf_to_png(render_consent(centre, kids, TODAY, True), "guardian-consent-training-centre", pages=2)
    pdf_to_png(render_consent(centre, kids, TODAY, True, large_print=True),
               "guardian-consent-training-centre-large-print", pages=4)
    compound = load(EXAMPLES_DIR / "residential_compound.signdesk")
    pdf_to_png(render_report(compound, TODAY), "compliance-report")
    pdf_to_png(render_pia_report(compound, TODAY), "pia-report", pages=1)
    os.replace(OUT / "pia-report.png", OUT / "pia-report-1.png")
    pdf_to_png(render_filing_summary(build_filing(compound, TODAY)), "filing-summary", pages=1)
    os.replace(OUT / "filing-summary.png", OUT / "filing-summary-1.png")
    optout_on_a_phone(centre)


def optout_on_a_phone(project) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "optout.html"
        page.write_bytes(render_optout_page(project, TODAY))
        conf = Path(tmp) / "fonts.conf"
        # The page loads no fonts of its own; give Chromium ours through fontconfig.
        conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
                        f'<dir>{FONTS_DIR}</dir><cachedir>{tmp}/fc</cachedir></fontconfig>')
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={tmp}/profile", "--hide-scrollbars", "--window-size=390,844",
                        f"--screenshot={OUT / 'optout-phone.png'}", page.as_uri()],
                       check=True, capture_output=True, env={**os.environ, "FONTCONFIG_FILE": str(conf)})


def windows() -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from signdesk.ui.app import application, build_window

    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        application([])
        for locale in ("en", "zh_CN"):
            window = build_window(EXAMPLES_DIR / "small_hotel.signdesk", data_folder=Path(tmp) / "data",
                                  today=TODAY)
            window.language.set_locale(locale)
            window.resize(1360, 820)
            window.show()
            for _ in range(20):
                QApplication.processEvents()
            window.grab().save(str(OUT / f"window-{locale}.png"))
            guide = window.show_guide()  # Help > User guide
            for _ in range(20):
                QApplication.processEvents()
            guide.grab().save(str(OUT / f"guide-{locale}.png"))
            if locale == "en":
                guide.browser.scrollToAnchor("optout")
                for _ in range(20):
                    QApplication.processEvents()
                guide.grab().save(str(OUT / "guide-en-optout.png"))
            guide.close()
            if locale == "en":
                preview_of_the_sign(window)
                window.grab().save(str(OUT / "window-preview-en.png"))
            window.setWindowModified(False)
            window.close()
        consent_form_at_full_width(Path(tmp))
        register_tab(Path(tmp))
        welcome_and_about(Path(tmp))


#: Where an owner's files would be, for the pictures (nothing is written there).
OWNER_HOME = Path("/home/li")


def grab(widget, size: tuple[int, int] | None, name: str) -> None:
    """Show ``widget`` (at ``size``), let it draw, and save its picture as ``name``."""
    from PySide6.QtWidgets import QApplication

    if size is not None:
        widget.resize(*size)
    widget.show()
    for _ in range(20):
        QApplication.processEvents()
    widget.grab().save(str(OUT / name))


def welcome_and_about(tmp: Path) -> None:
    """The first start's welcome page in both languages (at the default window size), and Help > About."""
    from signdesk.ui import about as about_module
    from signdesk.ui.about import AboutDialog
    from signdesk.ui.app import app_settings, build_window
    from signdesk.ui.files import RECENT_KEY, RecentFiles

    settings = app_settings()
    settings.remove(RECENT_KEY)  # not the examples the other pictures opened from this checkout
    RecentFiles(settings).add(OWNER_HOME / "Documents" / "SignDesk" / "柠檬茶饮徐汇店.signdesk")
    for locale in ("en", "zh_CN"):
        window = build_window(None, data_folder=tmp / "data", today=TODAY, documents=tmp / "Documents")
        window.language.set_locale(locale)
        grab(window, (1280, 800), f"window-welcome-{locale}.png")  # the default window size
        if locale == "en":
            # As installed from the wheel, not this checkout's own path.
            about_module.FONT_LICENCE = (OWNER_HOME / ".local" / "lib" / "python3.11" / "site-packages"
                                         / "signdesk" / "_data" / "fonts" / "OFL.txt")
            about = AboutDialog(window.tr_, OWNER_HOME / ".local" / "share" / "SignDesk" / "SignDesk",
                                OWNER_HOME / "Documents" / "SignDesk", lambda _url: None, window)
            grab(about, None, "about-en.png")
            about.close()
        window.close()


def register_tab(tmp: Path) -> None:
    """The Register tab of the small hotel, with a few days at the counter recorded."""
    import shutil

    from PySide6.QtWidgets import QApplication

    from signdesk.documents.register_report import today_versions
    from signdesk.register import Person, open_project_register
    from signdesk.register.store import sign_id
    from signdesk.model import save
    from signdesk.ui.app import build_window

    path = tmp / "small_hotel.signdesk"
    shutil.copy(EXAMPLES_DIR / "small_hotel.signdesk", path)
    project = load(path)
    sid = project.scenarios[0].id
    versions = today_versions(project, TODAY).get(sid, {})
    with open_project_register(path, project, create=True) as reg:
        save(project, path)
        day = dt.date(2026, 11, 2)
        guests = (("王芳", "1234"), ("李娜", "5678"), ("张伟", "9012"), ("刘洋", "3456"), ("陈静", "7890"))
        for i, (name, phone) in enumerate(guests):
            reg.record_consent(Person(name, phone_last4=phone), scenario_id=sid, serial=f"{101 + i:06d}",
                               version=versions.get("adult") if i else "C-1A2B3C", ticks=["purpose:identity_check"],
                               day=day + dt.timedelta(days=i), staff="前台 赵")
        # Withdrawn and deleted; withdrawn and overdue; withdrawn, still in time; erased on request.
        who = {serial: reg.person_by_serial(serial)[0] for serial in ("000102", "000103", "000104", "000105")}
        reg.withdraw(who["000102"], day=dt.date(2026, 11, 3), channel="phone", deletion_days=15, staff="前台 赵")
        reg.confirm_deletion(who["000102"], day=dt.date(2026, 11, 6), by="店长 孙", devices=["前台核验终端"])
        reg.withdraw(who["000104"], day=dt.date(2026, 11, 5), channel="web_page", deletion_days=15)
        reg.withdraw(who["000105"], day=dt.date(2026, 11, 20), channel="in_person", deletion_days=15)
        reg.access_request(who["000103"], day=dt.date(2026, 11, 10), answered_on=dt.date(2026, 11, 12))
        reg.withdraw(who["000103"], day=dt.date(2026, 11, 12), channel="email", deletion_days=15)
        reg.confirm_deletion(who["000103"], day=dt.date(2026, 11, 13), by="店长 孙", devices=["前台核验终端"])
        reg.erase_person(who["000103"], day=dt.date(2026, 11, 13))
        reg.post_sign(sign_id(versions["sign"], 1), scenario_id=sid, location="大堂前台", version=versions.get("sign"),
                      day=day)
    window = build_window(path, data_folder=tmp / "data", today=TODAY)
    window.language.set_locale("en")
    window.resize(1360, 820)
    window.show()
    window.side.setCurrentWidget(window.register_tab)
    window.splitter.setSizes([220, 370, 770])  # room for the register's columns
    for _ in range(50):
        QApplication.processEvents()
    window.grab().save(str(OUT / "window-register-en.png"))
    window.close()


def preview_of_the_sign(window) -> None:
    """Show the Documents tab with the sign, and wait until it is drawn."""
    from signdesk.rules import DocumentKind

    preview_of(window, DocumentKind.SIGN)


def consent_form_at_full_width(tmp: Path) -> None:
    """The bubble-tea shop's consent form in the Documents tab, zoomed with "Fit width" as the owner would."""
    from signdesk.rules import DocumentKind
    from signdesk.ui.app import build_window

    window = build_window(EXAMPLES_DIR / "bubble_tea_shop.signdesk", data_folder=tmp / "data", today=TODAY)
    window.language.set_locale("en")
    window.resize(1360, 820)
    window.show()
    preview_of(window, DocumentKind.CONSENT_FORM)
    window.preview.zoom_buttons["fit_width"].click()
    settle()
    window.grab().save(str(OUT / "window-preview-zoom-en.png"))
    window.close()


def preview_of(window, kind) -> None:
    """Show the Documents tab with the normal edition of ``kind``, and wait until it is drawn."""
    import time

    from PySide6.QtWidgets import QApplication

    window.side.setCurrentWidget(window.preview)
    combo = window.preview.documents
    combo.setCurrentIndex(next(i for i in range(combo.count())
                               if combo.itemData(i)[0] == kind.value and not combo.itemData(i)[2]))
    preview = window.preview
    start = time.monotonic()
    while not (preview.shown == preview.request() and preview.page_count()) and time.monotonic() - start < 30:
        QApplication.processEvents()
        time.sleep(0.01)
    settle()


def settle() -> None:
    import time

    from PySide6.QtWidgets import QApplication

    # QPdfView draws its page in the background: give it a moment.
    start = time.monotonic()
    while time.monotonic() - start < 2:
        QApplication.processEvents()
        time.sleep(0.01)


if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    documents()
    if "--no-window" not in sys.argv:
        windows()
    print(f"pictures written to {OUT}")
