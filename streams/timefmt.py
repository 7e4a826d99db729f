"""RFC 3339 timestamps <-> integer milliseconds since the epoch (UTC). Pure."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MS = timedelta(milliseconds=1)


def parse_ms(text: str) -> int:
    """Milliseconds of an RFC 3339 time with an offset ("2026-11-28T10:00:00Z"). ValueError otherwise."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"time {text!r} has no UTC offset")
    return (moment - _EPOCH) // _MS


def format_ms(ms: int) -> str:
    """The canonical RFC 3339 form of a time: UTC, milliseconds, "Z"."""
    moment = _EPOCH + ms * _MS
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"
