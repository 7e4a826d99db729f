"""Row builder shared by the provider modules."""
from __future__ import annotations

from streams.classify.match import Pattern, Row
from streams.model import Reason


def rows(provider: str, *items: tuple[Reason, str, Pattern]) -> list[Row]:
    """Rows named "rhost:<provider>:<name>"."""
    return [Row(reason, f"rhost:{provider}:{name}", pattern) for reason, name, pattern in items]
