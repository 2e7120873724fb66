"""The filing pack's files: what filing/ says, drawn and packed here.

``filing_files(project, today)`` gives every file of the pack by name: the
JSON and CSV serialisations of :func:`signdesk.filing.pack.build_filing`, the
summary and impact-assessment PDFs drawn by this package, and one
deterministic zip holding all four. Content flows one way: filing/ knows
what a filing says and nothing of PDFs; documents/ draws it.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Mapping, Sequence

from signdesk.documents.filing_summary import render_filing_summary
from signdesk.documents.pia_report import render_pia_report
from signdesk.filing.pack import (
    CSV_NAME,
    JSON_NAME,
    PIA_NAME,
    SUMMARY_NAME,
    ZIP_NAME,
    build_filing,
    filing_csv_bytes,
    filing_json_bytes,
)
from signdesk.i18n import EN, ZH
from signdesk.model.project import Project

#: Fixed timestamp for zip entries, so the same pack gives the same bytes.
ZIP_TIME = (2025, 6, 1, 0, 0, 0)


def deterministic_zip(files: Mapping[str, bytes]) -> bytes:
    """A zip of ``files`` with sorted entries and fixed timestamps and modes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, files[name])
    return buffer.getvalue()


def filing_files(project: Project, today: dt.date, languages: Sequence[str] = (ZH, EN)) -> dict[str, bytes]:
    """Every file of the pack, by name, including the zip that holds the others."""
    pack = build_filing(project, today)
    files = {
        JSON_NAME: filing_json_bytes(pack),
        CSV_NAME: filing_csv_bytes(pack),
        SUMMARY_NAME: render_filing_summary(pack, languages),
        PIA_NAME: render_pia_report(project, today, languages),
    }
    files[ZIP_NAME] = deterministic_zip(files)
    return files
