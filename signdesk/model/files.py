"""Reading and writing ``.signdesk`` project files.

A project file is UTF-8 JSON::

    {"format": "signdesk-project", "schema_version": 3,
     "business": {"operator_name": "...", ...},
     "scenarios": [{"id": "s-1a2b3c4d", "name": "Front gate",
                    "answers": {"scenario_kind": "entrance_gate", ...}}]}

Answers are keyed by question id; dates are "YYYY-MM-DD" strings; multiple
choices are lists of option keys. Loading validates every field against the
questionnaire and names the exact field of any problem; nothing in a file is
ever executed. Saving is atomic.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
import tempfile
import time
from pathlib import Path
from typing import Any, BinaryIO, Callable

from signdesk.errors import UserInputError
from signdesk.i18n import N_
from signdesk.model.project import MAX_SCENARIO_NAME, Project, Scenario
from signdesk.questions import ENGLISH_VALUE, QUESTION_BY_ID, AnswerError, Kind, Question, Scope, scope_of

FORMAT_MARK = "signdesk-project"
SCHEMA_VERSION = 3
SUFFIX = ".signdesk"
#: Real projects are a few KB; anything this big is not one of ours.
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_SCENARIOS = 200
#: Longest typed answer kept from a file although it fails today's check.
MAX_KEPT_TEXT = 2000
_TYPED_KINDS = frozenset({Kind.TEXT, Kind.URL, Kind.PHONE, Kind.EMAIL})
_SCENARIO_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,39}")
_REGISTER_ID = re.compile(r"[0-9a-f]{32}")


class ProjectFileError(UserInputError):
    """A project file that cannot be opened, with the reason for the user."""


# ---------------------------------------------------------------- migrations
def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 had no format mark and no scenario ids; ids came with v2."""
    out = {k: v for k, v in data.items() if k != "version"}
    out["format"] = FORMAT_MARK
    scenarios = []
    raw_scenarios = data.get("scenarios", [])
    # Anything but a list is left as it is, for project_from_json to name.
    for i, sc in enumerate(raw_scenarios if isinstance(raw_scenarios, list) else ()):
        if isinstance(sc, dict):
            sc = dict(sc)
            sc.setdefault("id", f"s-v1-{i + 1}")
        scenarios.append(sc)
    out["scenarios"] = scenarios if isinstance(raw_scenarios, list) else raw_scenarios
    out["schema_version"] = 2
    return out


_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


def split_languages(value: str) -> tuple[str, str] | None:
    """``"门店收银台 / Counter, ground floor"`` -> ``("门店收银台", "Counter, ground floor")``.

    Only a Chinese part, a slash and a part with no Chinese in it are split;
    anything else is left as typed (None).
    """
    for sep in (" / ", " ／ ", "／"):
        zh, found, en = value.rpartition(sep)
        if found and _CJK.search(zh) and not _CJK.search(en) and re.search(r"[A-Za-z]", en):
            return zh.strip(), en.strip()
    return None


def _split_english(answers: Any) -> None:
    """Move the English half of a "中文 / English" answer into its English value."""
    if not isinstance(answers, dict):
        return
    for key, en_key in ENGLISH_VALUE.items():
        value = answers.get(key)
        if isinstance(value, str) and not answers.get(en_key):
            halves = split_languages(value)
            if halves:
                answers[key], answers[en_key] = halves


def _v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    """Version 3 gives free-text answers an optional English value (``address_en``, ...).

    Version 2 files often carried both languages in one answer, which then
    printed twice: on the Chinese line and on the English one. The halves go
    to their own answers; nothing typed is dropped.
    """
    out = dict(data)
    _split_english(out.get("business"))
    scenarios = out.get("scenarios")
    for sc in scenarios if isinstance(scenarios, list) else ():
        if isinstance(sc, dict):
            _split_english(sc.get("answers"))
    out["schema_version"] = 3
    return out


#: from-version -> function returning the data at from-version + 1
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2, 2: _v2_to_v3}


def _schema_version(data: dict[str, Any]) -> int:
    version = data.get("schema_version", data.get("version"))
    if isinstance(version, bool) or not isinstance(version, int):
        raise ProjectFileError(N_("The file has no valid format version (field “schema_version”)."))
    return version


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a decoded file forward to ``SCHEMA_VERSION``."""
    version = _schema_version(data)
    if version > SCHEMA_VERSION:
        raise ProjectFileError(
            N_("This file was saved by a newer SignDesk (format {found}); this version reads up to format {supported}. Please update SignDesk."),
            found=version,
            supported=SCHEMA_VERSION,
        )
    if version < 1:
        raise ProjectFileError(N_("The file has no valid format version (field “schema_version”)."))
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    return data


# -------------------------------------------------------------------- decode
def _answers_from_json(raw: Any, where: str, scope: Scope) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise ProjectFileError(N_("In {field}: expected a set of answers."), field=where)
    answers: dict[str, Any] = {}
    for qid, value in raw.items():
        field = f"{where}.{qid}"
        question = QUESTION_BY_ID.get(qid)
        if question is None:
            raise ProjectFileError(N_("In {field}: unknown question “{qid}”."), field=field, qid=str(qid))
        if scope_of(question) is not scope:
            raise ProjectFileError(N_("In {field}: this question belongs to another part of the project."), field=field)
        try:
            answers[qid] = question.check(value)
        except AnswerError as err:
            kept = _kept_as_typed(question, value)
            if kept is None:
                raise ProjectFileError(N_("In {field}: {problem}"), field=field, problem=err) from None
            answers[qid] = kept
        if answers[qid] is None:
            del answers[qid]
    return answers


def _kept_as_typed(question: Question, value: Any) -> str | None:
    """A typed text that no longer passes its question's check, kept as it is.

    Checks get stricter over the versions (a web address that only works
    inside the shop, say); a file saved before must still open with nothing
    lost, and :func:`answers_to_fix` names the answer so the owner can
    correct it. Anything else that fails (a wrong type, a text far longer
    than anyone types) means the file is damaged, and it is refused.
    """
    if question.kind in _TYPED_KINDS and isinstance(value, str) and len(value) <= MAX_KEPT_TEXT:
        return value.strip() or None
    return None


def answers_to_fix(project: Project) -> list[tuple[str, AnswerError]]:
    """(field, problem) for every answer that fails its question's check today.

    Only answers kept from an older file can be in this list; the field is
    named as in load errors (``business.optout_url``,
    ``scenarios[2].answers.location``).
    """
    groups = [("business", project.business)]
    groups += [(f"scenarios[{i}].answers", sc.answers) for i, sc in enumerate(project.scenarios, 1)]
    found = []
    for where, answers in groups:
        for qid, value in answers.items():
            try:
                QUESTION_BY_ID[qid].check(value)
            except AnswerError as err:
                found.append((f"{where}.{qid}", err))
    return found


class AnswerToFixError(UserInputError):
    """An answer kept from an older file fails today's check: it is not printed until corrected."""


def refuse_answers_to_fix(project: Project, scenario_ids: Any = None) -> None:
    """Raise :class:`AnswerToFixError` for the first answer :func:`answers_to_fix` names.

    Every printed document and export calls this before it uses an answer
    (docs/file-format.md: kept answers are refused when printing).
    ``scenario_ids`` limits the scenarios looked at (a sign needs only its
    own and the business answers).
    """
    wanted = None if scenario_ids is None else set(scenario_ids)
    for field, problem in answers_to_fix(project):
        if field.startswith("scenarios[") and wanted is not None:
            index = int(field[len("scenarios["):field.index("]")])
            if project.scenarios[index - 1].id not in wanted:
                continue
        raise AnswerToFixError(N_("{field}: {problem} Correct it before printing."), field=field, problem=problem)


def project_from_json(data: Any) -> Project:
    """Validate decoded JSON (any version) and build a Project."""
    if not isinstance(data, dict):
        raise ProjectFileError(N_("The file is not a SignDesk project."))
    if data.get("format", FORMAT_MARK) != FORMAT_MARK:
        raise ProjectFileError(N_("The file is not a SignDesk project."))
    data = migrate(data)
    _refuse_unknown_keys(data, "", _known_keys()[0])
    business = _answers_from_json(data.get("business", {}), "business", Scope.BUSINESS)
    raw_scenarios = data.get("scenarios", [])
    if not isinstance(raw_scenarios, list):
        raise ProjectFileError(N_("In {field}: expected a list of scenarios."), field="scenarios")
    if len(raw_scenarios) > MAX_SCENARIOS:
        raise ProjectFileError(N_("The file has {count} scenarios; SignDesk handles at most {maximum}."),
                               count=len(raw_scenarios), maximum=MAX_SCENARIOS)
    scenarios: list[Scenario] = []
    seen_ids: set[str] = set()
    for i, raw in enumerate(raw_scenarios):
        where = f"scenarios[{i + 1}]"
        if not isinstance(raw, dict):
            raise ProjectFileError(N_("In {field}: expected a scenario."), field=where)
        _refuse_unknown_keys(raw, where, _known_keys()[1])
        sid, name = raw.get("id"), raw.get("name")
        # Ids end up in file names of printed documents: keep them plain.
        if not isinstance(sid, str) or not _SCENARIO_ID.fullmatch(sid) or sid in seen_ids:
            raise ProjectFileError(N_("In {field}: missing, duplicate or malformed id."), field=f"{where}.id")
        if not isinstance(name, str) or not name.strip() or len(name) > MAX_SCENARIO_NAME:
            raise ProjectFileError(
                N_("In {field}: a scenario needs a name of 1 to {maximum} characters."),
                field=f"{where}.name", maximum=MAX_SCENARIO_NAME)
        seen_ids.add(sid)
        answers = _answers_from_json(raw.get("answers", {}), f"{where}.answers", Scope.SCENARIO)
        scenarios.append(Scenario(sid, name.strip(), answers))
    register_id = data.get("register_id")
    if register_id is not None and not (isinstance(register_id, str) and _REGISTER_ID.fullmatch(register_id)):
        raise ProjectFileError(N_("In {field}: malformed register id."), field="register_id")
    return Project(business, scenarios, register_id)


def _known_keys() -> tuple[frozenset[str], frozenset[str]]:
    """(top-level keys, scenario keys) this version writes, and so reads."""
    written = project_to_json(Project({}, [Scenario("s", "s", {})], "0" * 32))
    return frozenset(written), frozenset(written["scenarios"][0])


def _refuse_unknown_keys(obj: dict[str, Any], where: str, known: frozenset[str]) -> None:
    """One rule for every level: a key this version does not know is refused, by name.

    Dropping it would lose, on the next save, whatever a newer SignDesk
    wrote there; keeping it blindly would print answers nobody checked.
    """
    for key in obj:
        if key not in known:
            raise ProjectFileError(
                N_("In {field}: unknown key “{key}”. The file may come from a newer SignDesk; please update SignDesk."),
                field=where or "(file)", key=key)


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def project_to_json(project: Project) -> dict[str, Any]:
    """The current-version JSON form of a project (answers in catalogue order)."""
    def ordered(answers: dict[str, Any]) -> dict[str, Any]:
        keys = [qid for qid in QUESTION_BY_ID if qid in answers]
        return {k: _json_value(answers[k]) for k in keys if answers[k] is not None}

    out = {
        "format": FORMAT_MARK,
        "schema_version": SCHEMA_VERSION,
        "business": ordered(project.business),
        "scenarios": [
            {"id": sc.id, "name": sc.name, "answers": ordered(sc.answers)} for sc in project.scenarios
        ],
    }
    if project.register_id:
        out["register_id"] = project.register_id
    return out


def dumps(project: Project) -> bytes:
    return (json.dumps(project_to_json(project), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def loads(raw: bytes, name: str = "") -> Project:
    """Parse the bytes of a project file."""
    if len(raw) > MAX_FILE_BYTES:
        raise ProjectFileError(N_("The file is too large to be a SignDesk project ({size} MB)."),
                               size=f"{len(raw) / 1024 / 1024:.1f}")
    return project_from_json(decode_json(raw, ProjectFileError))


def decode_json(raw: bytes, error: type[UserInputError]) -> Any:
    """Decoded JSON of a SignDesk file, or ``error`` naming what is wrong.

    Beyond JSON's own rules: a key given twice in one object, a text with a
    lone surrogate (``"\\ud800"``, which no file can store) and a number
    of more digits than any answer has are refused, each naming its field.
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise error(N_("The file is not valid UTF-8 text (byte {position})."), position=err.start) from None
    if not text.strip():
        raise error(N_("The file is empty."))
    try:
        data = json.loads(text, parse_constant=_reject_constant, parse_int=_parse_int,
                          object_pairs_hook=_JsonObject)
    except json.JSONDecodeError as err:
        # json's own wording (err.msg) is English only; line and column are enough.
        raise error(N_("The file is damaged or incomplete near line {line}, column {column}."),
                    line=err.lineno, column=err.colno) from None
    except RecursionError:
        raise error(N_("The file is not a SignDesk project.")) from None
    _check_decoded(data, error)
    return data


class _JsonObject(dict):
    """A decoded JSON object that remembers the keys given more than once."""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__(pairs)
        seen: set[str] = set()
        self.repeated = [k for k, _ in pairs if k in seen or seen.add(k)] if len(self) < len(pairs) else []


def _field_name(where: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{where}[{key + 1}]"
    return f"{where}.{key}" if where else key


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def _check_decoded(data: Any, error: type[UserInputError]) -> None:
    """Refuse repeated keys and lone surrogates anywhere in ``data``, naming the field."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:  # a loop, not recursion: JSON may nest as deep as its parser allows
        where, value = stack.pop()
        if isinstance(value, str):
            if _has_surrogate(value):
                raise error(N_("In {field}: the text contains a broken character (a lone UTF-16 surrogate)."),
                            field=where or "(file)")
        elif isinstance(value, dict):
            for key in getattr(value, "repeated", ()):
                        raise error(N_("In {field}: the key “{key}” is given more than once."), field=where or "(file)",
                            key=key)
            for key, item in value.items():
                field = _field_name(where, key)
                if _has_surrogate(key):
                    raise error(N_("In {field}: the text contains a broken character (a lone UTF-16 surrogate)."),
                                field=field)
                stack.append((field, item))
        elif isinstance(value, list):
            stack.extend((_field_name(where, i), item) for i, item in enumerate(value))


#: More digits than any answer (a headcount, a number of days) can have;
#: Python would refuse past 4,300 digits anyway, with a traceback.
MAX_INT_DIGITS = 30


class _NotANumber:
    """What NaN / Infinity and absurdly long integers decode to: no answer
    kind accepts it, so the validation rejects it with the name of the
    exact field."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __str__(self) -> str:
        return self.name


def _parse_int(text: str) -> Any:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        return _NotANumber(f"{text[:12]}… ({len(text)} digits)")
    return int(text)


def _reject_constant(name: str) -> Any:
    return _NotANumber(name)


def read_input_file(path: Path, limit: int, error: type[UserInputError] | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or ``error`` saying why not.

    Size and kind are checked before anything is read, and the read itself
    stops after ``limit`` bytes, so a huge (or sparse) file, ``/dev/zero``
    or a FIFO is refused at once and in little memory; opening does not
    wait for a FIFO's writer.
    """
    error = error or ProjectFileError
    path = Path(path)
    name = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise error(N_("The file {name} does not exist."), name=name) from None
    except IsADirectoryError:
        raise error(N_("{name} is a folder, not a project file."), name=name) from None
    except PermissionError:
        raise error(N_("SignDesk may not read {name}."), name=name) from None
    except OSError as err:
        raise error(N_("The file {name} cannot be read: {problem}"), name=name,
                    problem=err.strerror or str(err)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise error(N_("{name} is a folder, not a project file."), name=name)
        if not stat.S_ISREG(info.st_mode):
            raise error(N_("{name} is not a regular file (a device, a pipe or a socket); SignDesk reads only files."),
                        name=name)
        if info.st_size > limit:
            raise error(N_("The file is too large to be a SignDesk file ({size} MB; at most {limit} MB)."),
                        size=f"{info.st_size / 1024 / 1024:.1f}", limit=f"{limit / 1024 / 1024:.0f}")
        chunks = []
        left = limit + 1  # one byte more tells a file that grew since fstat
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        if left <= 0:
            raise error(N_("The file is too large to be a SignDesk file ({size} MB; at most {limit} MB)."),
                        size=f"{(limit + 1) / 1024 / 1024:.1f}", limit=f"{limit / 1024 / 1024:.0f}")
        return b"".join(chunks)
    except OSError as err:
        raise error(N_("The file {name} cannot be read: {problem}"), name=name,
                    problem=err.strerror or str(err)) from None
    finally:
        os.close(fd)


def load(path: Path) -> Project:
    """Open a project file, or raise ProjectFileError saying why not."""
    path = Path(path)
    return loads(read_input_file(path, MAX_FILE_BYTES), path.name)


def write_atomically(path: Path, data: bytes | Callable[[BinaryIO], None]) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves old or new, never half.

    ``data`` is the bytes, or a function that writes them into the file it
    is given (a long export, written as it is read, never whole in memory).

    Temp file in the same folder, flush, fsync, rename over the target, fsync
    the folder.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    _remove_stale_temp_files(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        # mkstemp makes the file private (0600); keep the permissions the
        # user's file had, or the usual ones for a new file.
        os.chmod(tmp_name, _mode_for(path))
        with os.fdopen(fd, "wb") as fh:
            if callable(data):
                data(fh)
            else:
                fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # e.g. Windows: folders cannot be opened; the rename is still atomic
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


#: A temp file of ours this old is left from a save that never finished (a
#: kill, a power cut); a save in progress is younger by far.
STALE_TEMP_SECONDS = 600


def _remove_stale_temp_files(path: Path) -> None:
    """Delete what killed saves of ``path`` left behind (``.NAME.XXXXXXXX.tmp``)."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[a-z0-9_]{{8}}\.tmp")
    folder = path.parent if str(path.parent) else Path(".")
    now = time.time()
    try:
        candidates = [entry for entry in os.scandir(folder) if pattern.fullmatch(entry.name)]
    except OSError:
        return
    for entry in candidates:
        try:
            info = entry.stat(follow_symlinks=False)
            if (stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_TEMP_SECONDS
                    and getattr(os, "getuid", lambda: info.st_uid)() == info.st_uid):
                os.unlink(entry.path)
        except OSError:
            pass  # gone already, or not ours to delete


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def save(project: Project, path: Path) -> None:
    """Save a project atomically."""
    try:
        write_atomically(Path(path), dumps(project))
    except OSError as err:
        raise ProjectFileError(N_("The project could not be saved to {name}: {problem}"),
                               name=str(path), problem=err.strerror or str(err)) from None
