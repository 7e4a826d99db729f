"""RFC 3339 times: exactly what RFC 3339 section 5.6 allows, in agreement with the schemas' format checker."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jsonschema_rs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from streams.timefmt import format_ms, parse_ms

DATE_TIME = jsonschema_rs.Draft202012Validator({"type": "string", "format": "date-time"}, validate_formats=True)


@pytest.mark.parametrize(("text", "ms"), [
    ("2026-11-28T10:00:00Z", 1_795_860_000_000),
    ("2026-11-28t10:00:00z", 1_795_860_000_000),  # RFC 3339 5.6: "T" and "Z" may be lower case
    ("2026-11-28T11:00:00+01:00", 1_795_860_000_000),
    ("2026-11-28T04:30:00-05:30", 1_795_860_000_000),
    ("2026-11-28T10:00:00-00:00", 1_795_860_000_000),  # "unknown local offset", still UTC
    ("2026-11-28T10:00:00.25Z", 1_795_860_000_250),
    ("2026-11-28T10:00:00.123456789Z", 1_795_860_000_123),  # any number of fraction digits
    ("2026-12-31T23:59:60Z", 1_798_761_600_000),  # a leap second: the next day's first instant
    ("2027-01-01T00:59:60+01:00", 1_798_761_600_000),
    ("1969-12-31T23:59:59.5Z", -500),
])
def test_every_rfc_3339_form_is_read(text, ms):
    assert parse_ms(text) == ms
    assert DATE_TIME.is_valid(text)


@pytest.mark.parametrize("text", [
    "20261101T090000Z",  # ISO 8601 basic format
    "2026-W44-7T09:00:00Z",  # ISO 8601 week date
    "2026-332T10:00:00Z",  # ISO 8601 ordinal date
    "2026-11-28 10:00:00Z",  # a space is readable, not RFC 3339's grammar
    "2026-11-28T10:00:00",  # no offset
    "2026-11-28",
    "2026-11-28T10:00Z",  # no seconds
    "2026-11-28T10:00:00+0100",
    "2026-11-28T10:00:00+01",
    "2026-11-28T10:00:00,5Z",
    "2026-11-28T10:00:00.Z",
    "2026-11-28T24:00:00Z",
    "2026-02-30T10:00:00Z",
    "2026-11-28T10:00:00+24:00",
    "2026-11-28T10:00:00+01:60",
    "2026-11-28T10:00:60Z",  # a leap second only at 23:59:60 UTC
    "2026-11-28T23:59:60+01:00",
    " 2026-11-28T10:00:00Z",
    "2026-11-28T10:00:00Z\n",
    "２０２６-11-28T10:00:00Z",  # digits other than ASCII
    "",
])
def test_anything_else_is_refused(text):
    with pytest.raises(ValueError, match="RFC 3339|not a valid time|leap second"):
        parse_ms(text)
    assert not DATE_TIME.is_valid(text)


@given(st.integers(min_value=-(10**11), max_value=10**13))
def test_the_canonical_form_reads_back(ms):
    assert parse_ms(format_ms(ms)) == ms


@given(st.datetimes(min_value=datetime(1000, 1, 1), max_value=datetime(9000, 1, 1)),
       st.integers(min_value=-23 * 60 - 59, max_value=23 * 60 + 59), st.booleans(), st.booleans(),
       st.integers(min_value=0, max_value=9))
def test_any_offset_case_and_fraction_is_the_same_instant(moment, offset_minutes, lower, zulu, digits):
    instant = moment.replace(tzinfo=UTC)
    offset = timedelta(minutes=0 if zulu else offset_minutes)
    local = instant + offset
    hours, minutes = divmod(abs(offset_minutes), 60)
    zone = "Z" if zulu else f"{'-' if offset_minutes < 0 else '+'}{hours:02d}:{minutes:02d}"
    fraction = f"{local.microsecond:06d}{'0' * 3}"[:digits]
    text = local.strftime("%Y-%m-%dT%H:%M:%S") + (f".{fraction}" if digits else "") + zone
    if lower:
        text = text.lower()
    truncated = int(fraction[:3].ljust(3, "0")) if digits else 0
    expected = int((instant.replace(microsecond=0) - datetime(1970, 1, 1, tzinfo=UTC)).total_seconds()) * 1000
    assert parse_ms(text) == expected + truncated
    assert DATE_TIME.is_valid(text)


@given(st.text(alphabet="0123456789-:TtZz+.,W ", max_size=32))
def test_the_parser_and_the_schemas_format_checker_agree(text):
    try:
        parse_ms(text)
        accepted = True
    except ValueError:
        accepted = False
    # year 0000 is RFC 3339's, not Python's datetime's: refused by the parser alone
    assert accepted == DATE_TIME.is_valid(text) or text.startswith("0000")
