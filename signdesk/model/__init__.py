"""Project data: answers, scenarios, load/save and schema versions."""

from signdesk.model.files import (  # noqa: F401
    SCHEMA_VERSION,
    SUFFIX,
    ProjectFileError,
    AnswerToFixError,
    answers_to_fix,
    refuse_answers_to_fix,
    dumps,
    load,
    loads,
    project_from_json,
    project_to_json,
    save,
    write_atomically,
)
from signdesk.model.project import (  # noqa: F401
    INCOMPLETE_NOTE,
    Project,
    Scenario,
    Unanswered,
    is_answered,
    is_visible,
    nothing_found_msgid,
    unanswered_questions,
    visibility,
    visible_answers,
)
