"""SendGrid Event Webhook bodies -> Bounce rows."""
from __future__ import annotations

import pytest

from streams.bounces.vendors import sendgrid
from streams.model import ParseError, Reason
from tests.bounces.vendors.vectors import fields, load, stated

COLUMNS = ("recipient", "status", "reply_code", "action", "stated", "message_id")


def test_a_batch_yields_its_delivery_events_in_order_and_skips_engagement():
    rows = [fields(b, *COLUMNS) for b in sendgrid.parse(load("sendgrid-batch.json"))]
    assert rows == [
        ("gone@recipient.example.org", "5.1.1", "550", "failed", None, "m2@sender.example.com"),
        ("blocked@recipient.example.org", "5.7.1", "554", "failed", None, "m3@sender.example.com"),
        ("old@recipient.example.org", "5.0.0", "", "failed", Reason.USERUNKNOWN, "m4@sender.example.com"),
        ("slow@recipient.example.org", "4.3.2", "451", "delayed", None, "m5@sender.example.com"),
        ("annoyed@recipient.example.org", "", "", "", Reason.FEEDBACK, "m6@sender.example.com"),
    ]


def test_a_single_event_object_is_read_too():
    (row,) = sendgrid.parse(load("sendgrid-bounce.json"))
    assert row.diagnostic == "550 5.1.1 <gone@recipient.example.org>: Recipient address rejected: User unknown"
    assert stated(row) is None and row.status == "5.1.1"


def test_blocked_bounces_leave_the_reason_to_the_server_text():
    blocked = sendgrid.parse(load("sendgrid-batch.json"))[1]
    assert "blocked using zen.spamhaus.org" in blocked.diagnostic and stated(blocked) is None


@pytest.mark.parametrize(("dropped", "hint"), [
    ("Bounced Address", Reason.USERUNKNOWN),
    ("Invalid", Reason.USERUNKNOWN),
    ("Spam Reporting Address", Reason.FEEDBACK),
    ("Spam Content (if spam checker app enabled)", None),
    ("Unsubscribed Address", None),
])
def test_dropped_reasons(dropped, hint):
    (row,) = sendgrid.parse({"event": "dropped", "email": "a@recipient.example.org", "reason": dropped})
    assert stated(row) is hint and row.diagnostic == dropped


def test_spamreport_is_abuse_feedback():
    (row,) = sendgrid.parse({"event": "spamreport", "email": "a@recipient.example.org"})
    assert (row.reason_hint, row.feedback_type) == (Reason.FEEDBACK, "abuse")


@pytest.mark.parametrize("body", [
    [],
    [{"event": "open", "email": "a@recipient.example.org"}],
    {"event": "click", "email": "a@recipient.example.org"},
    {"email": "a@recipient.example.org"},
    {"event": "bounce"},
    {"event": "bounce", "email": ["a@recipient.example.org"]},
    ["bounce"],
])
def test_unreadable_shapes_are_parse_errors(body):
    with pytest.raises(ParseError):
        sendgrid.parse(body)
