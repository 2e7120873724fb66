"""A project and its register: found beside it, and known to belong to it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from signdesk.i18n import N_
from signdesk.model.project import Project
from signdesk.register.errors import RegisterError, RegisterMismatchError
from signdesk.register.store import Register, register_path


def open_project_register(project_path: Path, project: Project, *, create: bool = False, **kwargs: Any) -> Register:
    """The register beside ``project_path``, checked to belong to ``project``.

    With ``create``, a project without a register gets a new one and
    ``project.register_id`` is set: the caller saves the project so the
    two stay paired. A register that belongs to another project (or a
    project whose register is missing) is refused.
    """
    path = register_path(project_path)
    if not path.exists():
        if project.register_id:
            raise RegisterError(
                N_("The register of this project ({name}) is missing. Copy it back beside the project file."),
                name=str(path))
        if not create:
            raise RegisterError(N_("This project has no register yet ({name})."), name=str(path))
        reg = Register.create(path, **kwargs)
        project.register_id = reg.register_id
        return reg
    reg = Register.open(path, **kwargs)
    if reg.register_id != project.register_id:
        reg.close()
        raise RegisterMismatchError(
            N_("The register {name} belongs to another project. Keep each project with its own register (copy them together)."),
            name=str(path))
    return reg


def save_with_register(project: Project, path: Path, *, source: Path | None = None,
                       register: Register | None = None) -> None:
    """Save ``project`` to ``path`` and bring its register along (File > Save As).

    A project that names a register keeps it beside itself: saving under a
    new name copies the register (sqlite3's backup API, a consistent copy
    even while it is open) and the scans of signed forms next to the new
    file first, then saves the project. The old pair stays as it was. A
    register already beside ``path`` is never overwritten; if anything
    fails, what this call wrote is removed again and the error raised, so
    no project ends up naming a register that is not beside it.
    """
    from signdesk.model import save

    path = Path(path)
    if not project.register_id or source is None:
        save(project, path)
        return
    old, new = register_path(source), register_path(path)
    if _same_file(old, new):
        save(project, path)
        return
    if new.exists():
        raise RegisterError(
            N_("There is already a register beside {name} ({register}). Save the project under another name, or move that register away first."),
            name=str(path), register=new.name)
    opened = None
    if register is None:
        if not old.exists():
            save(project, path)  # nothing to carry: the project still says its register is missing
            return
        register = opened = open_project_register(source, project, read_only=True, lock=False)
    written: list[Path] = []
    try:
        _copy_register(register, new, written)
        save(project, path)
    except BaseException:
        for p in reversed(written):
            try:
                p.rmdir() if p.is_dir() else p.unlink()
            except OSError:
                pass
        raise
    finally:
        if opened is not None:
            opened.close()


def _copy_register(register: Register, target: Path, written: list[Path]) -> None:
    """The register and its scans beside ``target``; every path made is added to ``written``."""
    import os

    from signdesk.model.files import write_atomically
    from signdesk.register.store import _write_error, attachments_folder

    tmp = target.with_name(f".{target.name}.copy")
    tmp.unlink(missing_ok=True)
    try:
        register.backup_to(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise _write_error(target, err) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    written.append(target)
    scans, copies = attachments_folder(register.path), attachments_folder(target)
    if not scans.is_dir():
        return
    try:
        if not copies.exists():
            copies.mkdir()
            written.append(copies)
        for scan in sorted(scans.iterdir()):
            if scan.is_file() and not (copies / scan.name).exists():
                write_atomically(copies / scan.name, scan.read_bytes())
                written.append(copies / scan.name)
    except OSError as err:
        raise _write_error(copies, err) from None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b
