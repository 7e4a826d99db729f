"""Amazon SES notifications (bare, via SNS, and from event publishing) -> Bounce rows."""
from __future__ import annotations

import orjson
import pytest

from streams.bounces.vendors import ses
from streams.classify import classify
from streams.model import ParseError, Reason
from tests.bounces.vendors.vectors import fields, load, stated

COLUMNS = ("recipient", "status", "reply_code", "action", "stated", "remote_host")

# (vector, rows as COLUMNS)
TABLE = [
    ("ses-sns-bounce-permanent-general.json", [
        ("gone@recipient.example.org", "5.1.1", "550", "failed", None, "192.0.2.25"),
        ("nobody@recipient.example.org", "5.1.1", "550", "failed", None, "192.0.2.25"),
    ]),
    ("ses-bounce-suppressed.json", [
        ("suppressed@recipient.example.org", "5.1.1", "", "failed", Reason.USERUNKNOWN, ""),
    ]),
    ("ses-event-bounce-transient-mailboxfull.json", [
        ("full@recipient.example.org", "4.2.2", "452", "failed", Reason.MAILBOXFULL, "198.51.100.7"),
    ]),
    ("ses-event-bounce-undetermined.json", [
        ("who@recipient.example.org", "", "", "failed", None, ""),
    ]),
    ("ses-sns-complaint.json", [
        ("annoyed@recipient.example.org", "", "", "", Reason.FEEDBACK, ""),
    ]),
    ("ses-delivery.json", [
        ("happy@recipient.example.org", "2.6.0", "250", "delivered", Reason.DELIVERED, "203.0.113.9"),
    ]),
    ("ses-event-delivery-delay.json", [
        ("later@recipient.example.org", "4.2.2", "452", "delayed", Reason.MAILBOXFULL, ""),
    ]),
]


@pytest.mark.parametrize(("vector", "rows"), TABLE, ids=[t[0] for t in TABLE])
def test_vectors(vector, rows):
    assert [fields(b, *COLUMNS) for b in ses.parse(load(vector))] == rows


def test_general_bounce_keeps_the_server_text_and_the_original_message_id():
    first = ses.parse(load("ses-sns-bounce-permanent-general.json"))[0]
    assert "User unknown in virtual mailbox table" in first.diagnostic
    assert first.message_id == "campaign-42.contact-7@sender.example.com"
    assert first.contact_hints == (("X-Contact-Id", "c-7"),)


def test_complaint_carries_its_feedback_type():
    (row,) = ses.parse(load("ses-sns-complaint.json"))
    assert (row.feedback_type, row.hint_rule) == ("abuse", "ses:complaint")


def test_sns_envelope_and_bare_notification_read_the_same():
    envelope = load("ses-sns-bounce-permanent-general.json")
    assert ses.parse(envelope) == ses.parse(orjson.loads(envelope["Message"]))


def test_every_suppression_list_is_a_dead_address():
    body = load("ses-bounce-suppressed.json")
    body["bounce"]["bounceSubType"] = "OnAccountSuppressionList"
    (row,) = ses.parse(body)
    assert (stated(row), classify(row).rule_id) == (
        Reason.USERUNKNOWN, "reporter:ses:bounce:Permanent/OnAccountSuppressionList")


def test_the_producers_recipient_fills_an_empty_recipient_list():
    body = load("ses-event-bounce-undetermined.json")
    body["bounce"]["bouncedRecipients"] = []
    assert [b.recipient for b in ses.parse(body, "given@recipient.example.org")] == ["given@recipient.example.org"]


@pytest.mark.parametrize("body", [
    {"Type": "SubscriptionConfirmation", "TopicArn": "arn:aws:sns:x", "Message": "You have chosen to subscribe"},
    {"Type": "Notification", "TopicArn": "arn:aws:sns:x", "Message": "{not json"},
    {"notificationType": "Bounce"},
    {"notificationType": "Bounce", "bounce": {"bounceType": "Permanent", "bouncedRecipients": [{"emailAddress": 7}]}},
    {"notificationType": "Bounce", "bounce": {"bouncedRecipients": "gone@example.org"}},
    {"eventType": "Open", "open": {}},
    {"mail": {}},
])
def test_unreadable_shapes_are_parse_errors(body):
    with pytest.raises(ParseError):
        ses.parse(body)
