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
