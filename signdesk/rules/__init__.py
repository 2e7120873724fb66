"""The compliance engine: rule catalogue + evaluate(project) -> findings."""

from signdesk.rules.catalogue import RULE_BY_ID, RULES  # noqa: F401
from signdesk.rules.engine import (  # noqa: F401
    Assessment,
    DocumentKind,
    RequiredDocument,
    describe_value,
    evaluate,
    is_research_only,
    required_documents,
)
from signdesk.rules.model import Citation, Finding, Law, Rule, Severity, Trigger  # noqa: F401
