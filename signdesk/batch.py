"""Chains: one project, many sites, a folder of signs and forms per site.

``run_batch(project, stores_csv_bytes, out_dir, today, progress=...)`` reads
the sites table (name, address, contact, optout_url, sizes), renders each
site on two worker processes and writes a per-site done marker once the
site's files are complete, so a rerun after an interruption skips finished
sites and redoes any site whose marker is missing. Rows with bad data are
reported by line number with the reason and skipped; the rest still run.
No Qt: the desktop app passes its own ``progress`` callback.
"""

from __future__ import annotations

import contextlib
import csv
import ctypes
import datetime as dt
import hashlib
import io
import json
import os
import shutil
import signal
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Protocol

from signdesk.documents.content import slugify
from signdesk.documents.fonts import DocumentInputError, missing_glyphs, register_fonts
from signdesk.documents.printmarks import SHEETS
from signdesk.documents.qr import validate_optout_url
from signdesk.documents.render import OutputFolderError
from signdesk.errors import UserInputError
from signdesk.i18n import N_, Bilingual, translate, translate_plural
from signdesk.model.files import read_input_file, write_atomically
from signdesk.model.project import Project
from signdesk.questions import QUESTION_BY_ID, AnswerError
from signdesk.rules import DocumentKind
from signdesk.rules.document_needs import MissingForPrint

COLUMNS = ("name", "address", "contact", "optout_url", "sizes")
#: Columns a table may add: the site's name and address on the English lines.
OPTIONAL_COLUMNS = ("name_en", "address_en")
REQUIRED_COLUMNS = ("name", "address", "contact", "optout_url")
MAX_SITE_NAME = 40
MAX_ADDRESS = 160
DONE_MARKER = ".done.json"
#: A stores table this large would be some 100,000 sites: more than any chain.
MAX_STORES_BYTES = 20 * 1024 * 1024
SUMMARY_NAME = "summary.csv"
WORKERS = 2
#: Sites handed to the pool at once; keeps memory flat however long the list.
IN_FLIGHT = 8


class StoresFileError(UserInputError):
    """The stores table as a whole cannot be used (no header, not a table)."""


class BatchOutputError(UserInputError):
    """The output folder cannot be used: not a folder, not writable, full, or busy with another run."""


#: Held (flock) for the whole run, so a second run into the same folder is told so at once.
LOCK_NAME = ".signdesk-batch.lock"


class SiteRowError(DocumentInputError):
    """One row of the stores table is unusable; the message says why."""


@dataclass(frozen=True)
class Site:
    """One row of the stores table, validated."""

    line: int
    name: str
    address: str
    contact: str
    optout_url: str
    sizes: tuple[str, ...] = ("A4",)
    #: The name and address on the English lines; empty prints the Chinese there.
    name_en: str = ""
    address_en: str = ""

    @property
    def folder_name(self) -> str:
        # Name-based, so inserting a row does not rename finished folders.
        digest = hashlib.sha1(self.name.encode("utf-8")).hexdigest()[:6]
        return f"{slugify(self.name, 'site')}-{digest}"

    def fingerprint(self) -> str:
        """Changes when anything printed for this site changes."""
        raw = json.dumps([self.name, self.address, self.contact, self.optout_url, self.sizes,
                          *((self.name_en, self.address_en) if self.name_en or self.address_en else ())])
        return hashlib.sha1(raw.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class RowProblem:
    line: int
    error: UserInputError
    #: The site name the row gives, if it gives one, so the summary can say whose row it was.
    name: str = ""


@dataclass(frozen=True)
class SiteResult:
    """What happened to one site."""

    site: Site
    status: str  # "done", "skipped" (finished earlier), "failed"
    files: tuple[str, ...] = ()
    error: UserInputError | None = None


@dataclass
class BatchReport:
    results: list[SiteResult] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)


class SiteRenderer(Protocol):
    """Writes one site's documents into ``folder`` and returns their file names."""

    def __call__(self, project: Project, sizes: Sequence[str], folder: Path, today: dt.date) -> list[str]: ...


Progress = Callable[[int, int, SiteResult], None]


# ------------------------------------------------------------ the table
def _cells_ok(cells: list[str]) -> bool:
    return not any("\udc80" <= ch <= "\udcff" for cell in cells for ch in cell)


def _check_text(value: str, maximum: int, what: Bilingual) -> str:
    value = value.strip()
    if not value:
        raise SiteRowError(N_("The {what} is empty."), what=what)
    if len(value) > maximum:
        raise SiteRowError(N_("The {what} has {length} characters; at most {maximum} fit on a sign."),
                           what=what, length=len(value), maximum=maximum)
    missing = missing_glyphs(value)
    if missing:
        raise SiteRowError(N_("The {what} contains characters the sign cannot print: {chars}"),
                           what=what, chars=" ".join(sorted(missing)))
    return value


def _site_from_row(line: int, row: dict[str, str]) -> Site:
    name = _check_text(row["name"], MAX_SITE_NAME, Bilingual.of(N_("site name")))
    address = _check_text(row["address"], MAX_ADDRESS, Bilingual.of(N_("site address")))
    try:
        contact = QUESTION_BY_ID["contact_phone"].check(row["contact"].strip())
    except AnswerError as err:
        raise SiteRowError(N_("The contact phone is not valid: {problem}"), problem=err) from None
    if not contact:
        raise SiteRowError(N_("The contact phone is empty."))
    url = validate_optout_url(row["optout_url"])
    raw_sizes = (row.get("sizes") or "").replace(",", ";")
    sizes = tuple(dict.fromkeys(s.strip().upper() for s in raw_sizes.split(";") if s.strip())) or ("A4",)
    unknown = [s for s in sizes if s not in SHEETS]
    if unknown:
        raise SiteRowError(N_("Unknown paper size {size}; use A5, A4, A3 or LETTER."), size=unknown[0])
    name_en, address_en = (_check_text(row[key], limit, Bilingual.of(what)) if (row.get(key) or "").strip() else ""
                           for key, limit, what in (("name_en", 2 * MAX_SITE_NAME, N_("English site name")),
                                                    ("address_en", 2 * MAX_ADDRESS, N_("English site address"))))
    return Site(line, name, address, contact, url, sizes, name_en, address_en)


#: Column names an owner may write in Chinese instead.
HEADER_ALIASES = {"门店": "name", "门店名称": "name", "名称": "name", "地址": "address", "门店地址": "address",
                  "电话": "contact", "联系电话": "contact", "拒绝与撤回页面": "optout_url",
                  "拒绝与撤回页面网址": "optout_url", "网址": "optout_url",
                  # The page's earlier Chinese name, still accepted in older tables.
                  "退出页面": "optout_url", "退出页面网址": "optout_url", "纸张": "sizes", "尺寸": "sizes",
                  "英文名称": "name_en", "门店英文名称": "name_en", "英文地址": "address_en"}


def decode_stores(raw: bytes) -> str:
    """The stores table as text.

    UTF-8 (with or without BOM) is read as UTF-8, and bytes that are not
    UTF-8 spoil only their own row. A table with no UTF-8 text in it at all
    that reads as GB18030 is read as GB18030: that is what Excel on a Chinese
    Windows saves as "CSV" by default.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if not any(_is_utf8_text(line) for line in raw.splitlines()):
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError:
            pass
    return raw.decode("utf-8", errors="surrogateescape")


def _row_name(header: list[str], cells: list[str]) -> str:
    """The name cell of a bad row, shortened for the summary; "" when there is none worth showing."""
    if "name" not in header or header.index("name") >= len(cells):
        return ""
    name = cells[header.index("name")].strip()
    if not _cells_ok([name]):
        return ""
    return name if len(name) <= MAX_SITE_NAME else name[:MAX_SITE_NAME - 1] + "…"


def _is_utf8_text(line: bytes) -> bool:
    """A line with non-ASCII characters that is valid UTF-8."""
    if line.isascii():
        return False
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def read_stores_file(path: Path) -> tuple[list[Site], list[RowProblem]]:
    """Read and parse a stores table file (see :func:`read_sites`)."""
    return read_sites(read_input_file(path, MAX_STORES_BYTES, StoresFileError))


def read_sites(raw: bytes) -> tuple[list[Site], list[RowProblem]]:
    """Parse the stores table: (good sites, bad rows by line number).

    See :func:`decode_stores` for the encodings read; headers may be English
    or Chinese (:data:`HEADER_ALIASES`).
    """
    reader = csv.reader(io.StringIO(decode_stores(raw), newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise StoresFileError(N_("The stores file is empty; it needs a header row: {columns}."),
                              columns=",".join(COLUMNS)) from None
    header = [HEADER_ALIASES.get(h.strip().lower(), h.strip().lower()) for h in header]
    absent = [c for c in REQUIRED_COLUMNS if c not in header]
    if absent:
        raise StoresFileError(N_("The stores file's first row must name the columns {columns}; missing: {absent}."),
                              columns=",".join(COLUMNS), absent=",".join(absent))
    sites: list[Site] = []
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            problems.append(RowProblem(reader.line_num, SiteRowError(N_("The row is not valid CSV: {problem}"),
                                                                     problem=str(err))))
            continue
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue  # blank lines are not sites
        try:
            if not _cells_ok(cells):
                raise SiteRowError(N_("The row contains bytes that are not UTF-8 text; save the file as UTF-8."))
            if len(cells) != len(header):
                raise SiteRowError(N_("The row has {found} columns; the header has {expected}."),
                                   found=len(cells), expected=len(header))
            site = _site_from_row(line, dict(zip(header, cells)))
            if site.name in seen:
                raise SiteRowError(N_("The site name is already used on line {other}."), other=seen[site.name])
            seen[site.name] = line
            sites.append(site)
        except UserInputError as err:
            problems.append(RowProblem(line, err, _row_name(header, cells)))
    return sites, problems


# ---------------------------------------------------------- one site
def site_project(project: Project, site: Site) -> Project:
    """The project as this site prints it: the company stays, site details change."""
    p = project.copy()
    # The head office's English address is not the site's: without the
    # site's own, the English lines print the Chinese address.
    p.business.update(address=site.address, address_en=site.address_en or None, contact_phone=site.contact,
                      optout_url=site.optout_url)
    for sc in p.scenarios:
        location, location_en = sc.answers.get("location"), sc.answers.get("location_en")
        # The site name goes where each sign says where capture happens. Never
        # cut short: if it is too long for a sheet, the sign says which field.
        sc.answers["location"] = f"{site.name} · {location}" if location else site.name
        if site.name_en or location_en:
            name_en, place_en = site.name_en or site.name, location_en or location
            sc.answers["location_en"] = f"{name_en} · {place_en}" if place_en else name_en
    return p


def render_site_documents(project: Project, sizes: Sequence[str], folder: Path, today: dt.date,
                          draft: bool = False) -> list[str]:
    """The default renderer: a site's signs (portrait, each size) and consent forms.

    ``draft`` prints signs and forms that lack answers, marked DRAFT.
    """
    from signdesk.documents.render import render_documents, write_documents

    files = render_documents(project, sizes, ("portrait",), today, kinds=SITE_DOCUMENTS, draft=draft)
    return [path.name for path in write_documents(files, folder)]


def render_site_drafts(project: Project, sizes: Sequence[str], folder: Path, today: dt.date) -> list[str]:
    """:func:`render_site_documents` for an owner who prints drafts on purpose."""
    return render_site_documents(project, sizes, folder, today, draft=True)


def site_renderer(draft: bool) -> SiteRenderer:
    """The site renderer for a chain run (a module-level function: it goes to worker processes)."""
    return render_site_drafts if draft else render_site_documents


def chain_missing(project: Project, sites: Sequence[Site]) -> list[MissingForPrint]:
    """What the sites' signs and forms lack before they can be printed.

    Sites differ only in the details their row gives (checked row by row),
    so the first site stands for all: one list of what to answer instead of
    the same failure for every site.
    """
    from signdesk.rules import evaluate
    from signdesk.rules.document_needs import missing_for_print

    if not sites:
        return []
    first = site_project(project, sites[0])
    return missing_for_print(first, [d for d in evaluate(first).documents if d.kind in SITE_DOCUMENTS])


def check_chain_printable(project: Project, sites: Sequence[Site], draft: bool) -> None:
    """Refuse a chain run whose signs or forms lack answers, before any site is drawn.

    With ``draft`` nothing is refused; the documents are marked DRAFT instead.
    """
    from signdesk.rules.document_needs import DocumentNotReadyError

    missing = [] if draft else chain_missing(project, sites)
    if missing:
        raise DocumentNotReadyError(project, missing)


#: What a chain prints per site; the business-wide papers come from the head office's project.
SITE_DOCUMENTS = frozenset({DocumentKind.SIGN, DocumentKind.CONSENT_FORM, DocumentKind.GUARDIAN_CONSENT_FORM})


def form_versions(project: Project, site: Site, today: dt.date) -> dict[str, str]:
    """The content version (digest) of each consent form the site prints: a
    rerun redoes a finished site whose forms would now say something else
    (an answer or a wording changed since), not only one whose row changed."""
    from signdesk.documents.render import consent_form_versions

    try:
        return {name: v.digest for name, v in consent_form_versions(site_project(project, site), today).items()}
    except UserInputError:
        return {}  # the site cannot be drawn; building it will say why


def finished_files(site: Site, out_dir: Path, versions: dict[str, str] | None = None) -> tuple[str, ...] | None:
    """The site's files if an earlier run with the same row (and, given
    ``versions``, the same consent-form texts) completed it, else None.

    The marker is believed only when every file it lists is still there,
    has the size the marker recorded and, for a PDF, reads as a whole one
    (header and end-of-file mark): a folder half deleted or overwritten
    since is redone.
    """
    folder = out_dir / site.folder_name
    try:
        data = json.loads((folder / DONE_MARKER).read_text("utf-8"))
        if data.get("fingerprint") != site.fingerprint():
            return None
        if versions is not None and data.get("versions") != versions:
            return None
        files = tuple(data.get("files") or ())
        sizes = data.get("sizes") or {}
        if any(not isinstance(n, str) or Path(n).name != n or n.startswith(".") for n in files):
            return None  # a marker naming something outside its folder is not ours
        if files and all(_is_whole_file(folder / name, sizes.get(name)) for name in files):
            return files
    except (OSError, ValueError, AttributeError, TypeError):
        pass
    return None


def _is_whole_file(path: Path, size: int | None) -> bool:
    """A regular file of ``size`` bytes (when known); a ``.pdf`` starts and ends as a PDF does."""
    try:
        with open(path, "rb") as fh:
            info = os.fstat(fh.fileno())
            if not stat.S_ISREG(info.st_mode) or (size is not None and info.st_size != size):
                return False
            head = fh.read(5)
            fh.seek(max(0, info.st_size - 1024))
            tail = fh.read()
    except OSError:
        return False
    return path.suffix.lower() != ".pdf" or (head == b"%PDF-" and b"%%EOF" in tail)


def build_site(project: Project, site: Site, out_dir: Path, today: dt.date,
               renderer: SiteRenderer = render_site_documents) -> SiteResult:
    """Render one site from scratch and mark it done. Runs in a worker process."""
    folder = out_dir / site.folder_name
    try:
        if folder.exists():
            shutil.rmtree(folder)  # a site without its marker is redone from scratch
        folder.mkdir(parents=True)
        try:
            files = sorted(renderer(site_project(project, site), site.sizes, folder, today))
        except UserInputError as err:
            shutil.rmtree(folder, ignore_errors=True)
            return SiteResult(site, "failed", error=err)
        marker = {"fingerprint": site.fingerprint(), "versions": form_versions(project, site, today), "files": files,
                  "sizes": {name: (folder / name).stat().st_size for name in files}}
        write_atomically(folder / DONE_MARKER, json.dumps(marker, ensure_ascii=False).encode("utf-8"))
    except OSError as err:
        # A full disk or a folder taken away: this site failed, said in one line.
        shutil.rmtree(folder, ignore_errors=True)
        return SiteResult(site, "failed", error=BatchOutputError(
            N_("The documents could not be written to {folder}: {problem}"), folder=str(folder),
            problem=err.strerror or str(err)))
    return SiteResult(site, "done", tuple(files))


def _init_worker(parent: int) -> None:
    _die_with(parent)
    register_fonts()  # once per worker, not once per site


def _die_with(parent: int) -> None:
    """End this worker when the process that started it ends, even by SIGKILL.

    Linux: the kernel sends SIGKILL to the worker (PR_SET_PDEATHSIG).
    Elsewhere a thread watches the parent. Either way no idle worker is left
    behind by a killed batch.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            pr_set_pdeathsig = 1
            if libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # the parent died before the line above
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


@contextlib.contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Hold the output folder's lock file for a run, or say that another run holds it.

    The lock is an advisory lock on ``.signdesk-batch.lock`` in the folder;
    the system releases it when the process ends, however it ends, so a
    killed run never leaves the folder locked.
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(out_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    except FileExistsError:
        raise BatchOutputError(N_("{folder} is a file, not a folder; choose a folder for the site folders."),
                               folder=str(out_dir)) from None
    except NotADirectoryError:
        raise BatchOutputError(N_("{folder} is a file, not a folder; choose a folder for the site folders."),
                               folder=str(out_dir)) from None
    except OSError as err:
        raise BatchOutputError(N_("The documents could not be written to {folder}: {problem}"), folder=str(out_dir),
                               problem=err.strerror or str(err)) from None
    try:
        if not _try_lock(fd):
            raise BatchOutputError(N_("Another batch is writing into {folder}; wait until it ends, or choose another folder."),
                                   folder=str(out_dir))
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


# ------------------------------------------------------------ the run
def run_batch(project: Project, sites: Sequence[Site], out_dir: Path, today: dt.date, *,
              progress: Progress | None = None, renderer: SiteRenderer = render_site_documents,
              workers: int = WORKERS, mp_context: BaseContext | None = None) -> list[SiteResult]:
    """Render every site not finished before; returns a result per site in table order.

    ``progress(done, total, result)`` is called after each site; if it
    raises (say, KeyboardInterrupt), pending sites are cancelled, sites
    being drawn finish with their markers, and the exception propagates.
    ``workers=0`` renders in this process (tests, tiny batches).
    ``mp_context`` chooses how workers start: a multi-threaded caller (the
    desktop app) passes the "spawn" context, since forking it is unsafe.
    """
    with output_lock(out_dir):
        return _run_locked(project, sites, out_dir, today, progress, renderer, workers, mp_context)


def _run_locked(project: Project, sites: Sequence[Site], out_dir: Path, today: dt.date, progress: Progress | None,
                renderer: SiteRenderer, workers: int, mp_context: BaseContext | None) -> list[SiteResult]:
    results: dict[int, SiteResult] = {}
    total = len(sites)

    def record(result: SiteResult) -> None:
        if isinstance(result.error, (BatchOutputError, OutputFolderError)):
            # The folder itself fails (full, taken away): every site after would
            # fail the same way. Stop; finished sites keep their markers.
            raise result.error
        results[result.site.line] = result
        if progress:
            progress(len(results), total, result)

    todo = []
    for site in sites:
        files = finished_files(site, out_dir, form_versions(project, site, today))
        if files is not None:
            record(SiteResult(site, "skipped", files))
        else:
            todo.append(site)
    if workers <= 0:
        for site in todo:
            record(build_site(project, site, out_dir, today, renderer))
    else:
        _run_pool(project, todo, out_dir, today, renderer, workers, record, mp_context)
    return [results[s.line] for s in sites]


def _run_pool(project: Project, todo: list[Site], out_dir: Path, today: dt.date, renderer: SiteRenderer,
              workers: int, record: Callable[[SiteResult], None], mp_context: BaseContext | None = None) -> None:
    pending: set[Future[SiteResult]] = set()
    queue: Iterator[Site] = iter(todo)
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(os.getpid(),),
                             mp_context=mp_context) as pool:
        try:
            while True:
                for site in queue:
                    pending.add(pool.submit(build_site, project, site, out_dir, today, renderer))
                    if len(pending) >= IN_FLIGHT:
                        break
                if not pending:
                    break
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    record(future.result())
        except BaseException:
            for future in pending:
                future.cancel()
            raise


#: How each outcome reads in the summary.
STATUS = {"done": N_("done"), "skipped": N_("already done, skipped"), "failed": N_("failed"),
          "bad_row": N_("bad row, skipped")}
SUMMARY_COLUMNS = (N_("line"), N_("site"), N_("status"), N_("folder"), N_("files"), N_("reason"))


def summary_rows(report: BatchReport, locale: str) -> list[list[str]]:
    """The summary table in ``locale``: a header, then a row per site or bad row, in line order."""
    rows: list[tuple[int, list[str]]] = []
    for r in report.results:
        reason = r.error.message(locale) if r.error else ""
        rows.append((r.site.line, [str(r.site.line), r.site.name, translate(locale, STATUS[r.status]),
                                   r.site.folder_name, str(len(r.files)), reason]))
    bad_row = STATUS["bad_row"]
    for p in report.problems:
        rows.append((p.line, [str(p.line), p.name, translate(locale, bad_row), "", "0", p.error.message(locale)]))
    header = [translate(locale, h) for h in SUMMARY_COLUMNS]
    return [header] + [row for _line, row in sorted(rows, key=lambda item: item[0])]


def summary_sentence(report: BatchReport, locale: str) -> str:
    """"3 sites done, 1 already done, 0 failed, 1 bad row." in ``locale`` (the CLI and the app say it)."""
    return translate(
        locale, N_("{done}, {skipped}, {failed}, {bad}."),
        done=translate_plural(locale, "{count} site done", "{count} sites done", report.count("done")),
        skipped=translate(locale, N_("{count} already done"), count=report.count("skipped")),
        failed=translate(locale, N_("{count} failed"), count=report.count("failed")),
        bad=translate_plural(locale, "{count} bad row", "{count} bad rows", len(report.problems)))


def write_summary(report: BatchReport, out_dir: Path, locale: str) -> Path:
    """``summary.csv`` for a spreadsheet: UTF-8 with BOM, formula-like cells made inert."""
    from signdesk.filing.pack import csv_safe

    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(
        [[csv_safe(c) for c in row] for row in summary_rows(report, locale)])
    path = out_dir / SUMMARY_NAME
    try:
        write_atomically(path, ("\ufeff" + out.getvalue()).encode("utf-8"))
    except OSError as err:
        raise BatchOutputError(N_("The documents could not be written to {folder}: {problem}"), folder=str(out_dir),
                               problem=err.strerror or str(err)) from None
    return path


__all__ = ["BatchOutputError", "BatchReport", "RowProblem", "Site", "SiteRenderer", "SiteResult", "StoresFileError",
           "build_site", "chain_missing", "check_chain_printable", "finished_files", "form_versions", "read_sites",
           "read_stores_file", "render_site_documents", "run_batch", "site_project", "site_renderer",
           "summary_rows", "summary_sentence", "write_summary"]
