"""RFC 3339 timestamps <-> integer milliseconds since the epoch (UTC). Pure.

`parse_ms` takes exactly the `date-time` of RFC 3339 section 5.6 (as the JSON Schema format
checker of schemas/ does): "T" or "t" between date and time, seconds required, any number of
fraction digits, "Z", "z" or a "+hh:mm"/"-hh:mm" offset. Nothing of ISO 8601's other forms (basic
"20261101T090000Z", week dates, a space, no offset, "+0100") and no non-ASCII digits.
"""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MS = timedelta(milliseconds=1)
# The shape of RFC 3339's date-time; the ranges (month, day of month, hour, offset) are datetime's checks.
_RFC3339 = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:([0-9]{2})(?:\.[0-9]+)?"
                      r"(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])")


def parse_ms(text: str) -> int:
    """Milliseconds of an RFC 3339 time ("2026-11-28T10:00:00Z"), fractions below a millisecond dropped.

    ValueError for anything else. A leap second (23:59:60 UTC) is the next day's first instant (POSIX
    time has none).
    """
    match = _RFC3339.fullmatch(text)
    if match is None:
        raise ValueError(f"{text[:60]!r} is not an RFC 3339 time (like 2026-11-28T10:00:00Z or"
                         " 2026-11-28T11:00:00.250+01:00)")
    leap = match.group(1) == "60"
    try:
        # fromisoformat reads every RFC 3339 form but lower-case "t" and "z", and has no second 60
        moment = datetime.fromisoformat((text[:17] + "59" + text[19:] if leap else text).upper())
    except ValueError as exc:
        raise ValueError(f"{text[:60]!r} is not a valid time: {exc}") from None
    ms = (moment - _EPOCH) // _MS
    if not leap:
        return ms
    if ms // 1000 % 86400 != 86399:
        raise ValueError(f"{text[:60]!r}: a leap second is 23:59:60 in UTC only")
    return ms // 1000 * 1000 + 1000


def format_ms(ms: int) -> str:
    """The canonical RFC 3339 form of a time: UTC, milliseconds, "Z"."""
    moment = _EPOCH + ms * _MS
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"
