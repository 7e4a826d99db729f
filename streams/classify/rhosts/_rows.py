"""Row builders shared by the provider modules."""
from __future__ import annotations

import re
from collections.abc import Mapping

from streams.classify.match import Pattern, Row
from streams.model import Reason


def rows(provider: str, *items: tuple[Reason, str, Pattern]) -> list[Row]:
    """Rows named "rhost:<provider>:<name>"."""
    return [Row(reason, f"rhost:{provider}:{name}", pattern) for reason, name, pattern in items]


def by_code(provider: str, label: re.Pattern[str], codes: Mapping[str, tuple[Reason, str]], text: str,
            prefix: str = "") -> Row | None:
    """The row of a provider's own error code: `label`'s first group, looked up in `codes`
    (code -> (reason, the provider's meaning)); named "rhost:<provider>:<prefix><code>"."""
    found = label.search(text)
    if found is None or found.group(1) not in codes:
        return None
    return Row(codes[found.group(1)][0], f"rhost:{provider}:{prefix}{found.group(1)}", found.group(0))
