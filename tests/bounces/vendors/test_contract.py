"""Every provider parser, on empty and garbage input, raises ParseError and nothing else."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.bounces.vendors import mailgun, postmark, sendgrid, ses
from streams.model import Bounce, ParseError, Reason

PARSERS = {"ses": ses.parse, "sendgrid": sendgrid.parse, "mailgun": mailgun.parse, "postmark": postmark.parse}

EMPTY_AND_GARBAGE = [None, "", b"", 0, 1.5, True, [], {}, "garbage", b"\x00\xff", [None], [[]], {"": ""},
                     {"event": None}, {"Message": 3, "Type": "Notification"}, {"event-data": []},
                     {"RecordType": 7}, {"notificationType": ["Bounce"]}]

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
    | st.sampled_from(["Bounce", "Complaint", "failed", "bounce", "Notification", "a@b.example", "HardBounce"]),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(
        ["event", "email", "recipient", "event-data", "delivery-status", "notificationType", "eventType", "bounce",
         "complaint", "bouncedRecipients", "emailAddress", "Message", "Type", "TopicArn", "RecordType", "TypeCode",
         "Email", "Details", "Metadata", "user-variables", "message", "headers", "mail", "reason", "status"]),
        inner, max_size=6),
    max_leaves=20,
)


@pytest.mark.parametrize("name", PARSERS)
@pytest.mark.parametrize("payload", EMPTY_AND_GARBAGE, ids=repr)
def test_empty_and_garbage_raise_parse_error(name, payload):
    with pytest.raises(ParseError):
        PARSERS[name](payload, "")


@pytest.mark.parametrize("name", PARSERS)
@settings(max_examples=150, deadline=None)
@given(payload=JSON)
def test_any_json_gives_bounces_or_parse_error(name, payload):
    try:
        rows = PARSERS[name](payload, "")
    except ParseError:
        return
    assert rows and all(isinstance(b, Bounce) and "@" in b.recipient for b in rows)
    assert all(b.reason_hint is None or isinstance(b.reason_hint, Reason) for b in rows)
