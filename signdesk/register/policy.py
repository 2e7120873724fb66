"""What the project's answers say the register must do (deletion times)."""

from __future__ import annotations

from signdesk.model.project import Project

#: Days from a withdrawal to the deletion due date when the business has not
#: stated its own. PIPL 47 sets no number: the handler must delete on its own
#: initiative once consent is withdrawn, so the delay may only be what the
#: work takes. Removing one person from a device and its backups takes
#: minutes; 15 days covers a deletion run every week or two and a public
#: holiday week, and no longer. docs/register.md gives the reasoning.
DEFAULT_DELETION_DAYS = 15


def deletion_days(project: Project, scenario_id: str) -> int:
    """Days from a withdrawal to deletion in a scenario: the business's stated time, else the default."""
    try:
        scenario = project.scenario(scenario_id)
    except KeyError:
        return DEFAULT_DELETION_DAYS
    stated = project.answers_for(scenario).get("withdrawal_deletion_days")
    return stated if isinstance(stated, int) and not isinstance(stated, bool) else DEFAULT_DELETION_DAYS


def deletion_days_by_scenario(project: Project) -> dict[str, int]:
    """``deletion_days`` for every scenario, and the default for any other id."""
    from collections import defaultdict

    out: dict[str, int] = defaultdict(lambda: DEFAULT_DELETION_DAYS)
    out.update({sc.id: deletion_days(project, sc.id) for sc in project.scenarios})
    return out
