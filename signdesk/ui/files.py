"""Recent files and crash recovery.

Autosave writes the open project into the user's application-data folder
while it has unsaved changes. A clean exit removes the copy and leaves a
"clean exit" marker; a start that finds a copy and no marker knows the last
session ended badly and offers to recover.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from signdesk.i18n import N_
from signdesk.model import Project, dumps, load, write_atomically

RECENT_KEY = "files/recent"
MAX_RECENT = 8

#: The bundled example projects (file name in ``EXAMPLES_DIR``, what it shows).
#: The first is the one Help > "Open the example project" opens.
EXAMPLE_PROJECTS = (
    ("bubble_tea_shop.signdesk", N_("Bubble-tea shop: face payment at the till")),
    ("small_hotel.signdesk", N_("Small hotel: guest check-in and staff attendance")),
    ("residential_compound.signdesk", N_("Residential compound: face-scan gate")),
    ("training_centre.signdesk", N_("After-school centre: pupil check-in and staff attendance")),
)


def documents_folder() -> Path:
    """The owner's own SignDesk folder in their documents (where example copies go)."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / "SignDesk"


class RecentFiles:
    """The last projects opened or saved, newest first (kept in QSettings)."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def paths(self) -> list[Path]:
        raw = self._settings.value(RECENT_KEY, [], type=list) or []
        return [Path(p) for p in raw if isinstance(p, str) and p]

    def add(self, path: Path) -> None:
        path = Path(path).resolve()
        paths = [path] + [p for p in self.paths() if p != path]
        self._settings.setValue(RECENT_KEY, [str(p) for p in paths[:MAX_RECENT]])

    def remove(self, path: Path) -> None:
        path = Path(path).resolve()
        self._settings.setValue(RECENT_KEY, [str(p) for p in self.paths() if p != path])


@dataclass(frozen=True)
class TypedText:
    """Text in one field of one page (section, scenario or None for the business) that failed its check."""

    section: str
    scenario_id: str | None
    question_id: str
    text: str


class Autosave:
    """The crash-recovery copy of the open project."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.copy_path = self.folder / "autosave.signdesk"
        self.origin_path = self.folder / "autosave-origin.txt"
        self.marker_path = self.folder / "clean-exit"
        #: Text typed in fields that failed its check: not in the project, but not to be lost either.
        self.typed_path = self.folder / "autosave-typed.json"

    def recovery_pending(self) -> bool:
        """A copy is there and the last session did not end cleanly."""
        return self.copy_path.exists() and not self.marker_path.exists()

    def begin_session(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.marker_path.unlink(missing_ok=True)

    def write(self, project: Project, origin: Path | None, typed: list[TypedText] | None = None) -> None:
        """Keep ``project``, the file it belongs to and the ``typed`` texts that are not in it."""
        self.folder.mkdir(parents=True, exist_ok=True)
        write_atomically(self.copy_path, dumps(project))
        write_atomically(self.origin_path, str(origin or "").encode("utf-8"))
        write_atomically(self.typed_path, json.dumps(
            [{"section": t.section, "scenario": t.scenario_id, "question": t.question_id, "text": t.text}
             for t in typed or []], ensure_ascii=False, indent=1).encode("utf-8"))

    def typed_texts(self) -> list[TypedText]:
        """The typed texts kept with the copy (none if the list is missing or damaged)."""
        try:
            entries = json.loads(self.typed_path.read_text("utf-8"))
        except (OSError, ValueError):
            return []
        if not isinstance(entries, list):
            return []
        kept = []
        for e in entries:
            if (isinstance(e, dict) and all(isinstance(e.get(k), str) for k in ("section", "question", "text"))
                    and isinstance(e.get("scenario"), (str, type(None)))):
                kept.append(TypedText(e["section"], e["scenario"], e["question"], e["text"]))
        return kept

    def discard(self) -> None:
        self.copy_path.unlink(missing_ok=True)
        self.origin_path.unlink(missing_ok=True)
        self.typed_path.unlink(missing_ok=True)

    def recover(self) -> tuple[Project, Path | None]:
        """The saved copy and the file it belonged to (None if never saved)."""
        project = load(self.copy_path)
        try:
            origin = self.origin_path.read_text("utf-8").strip()
        except OSError:
            origin = ""
        return project, (Path(origin) if origin else None)

    def end_session(self) -> None:
        """A clean exit: nothing to recover next time."""
        self.discard()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.marker_path.write_bytes(b"")


def copy_of_example(example: Path, folder: Path) -> Path:
    """A copy of the bundled ``example`` in ``folder``, for the owner to edit and save.

    The bundled file is never opened itself (saving would overwrite it). An
    untouched earlier copy is reused; an edited one is never overwritten: the
    new copy gets the next free numbered name ("name 2.signdesk", ...).
    Raises ``OSError`` if the folder cannot be made or written.
    """
    data = example.read_bytes()
    folder.mkdir(parents=True, exist_ok=True)
    number = 1
    while True:
        name = example.name if number == 1 else f"{example.stem} {number}{example.suffix}"
        target = folder / name
        if not target.exists():
            write_atomically(target, data)
            return target
        if target.is_file() and target.read_bytes() == data:
            return target
        number += 1
