"""Postmark Bounce, SpamComplaint and Delivery webhook records -> Bounce rows."""
from __future__ import annotations

import pytest

from streams.bounces.vendors import postmark
from streams.model import ParseError, Reason
from tests.bounces.vendors.vectors import fields, load, stated

COLUMNS = ("recipient", "status", "reply_code", "action", "stated", "feedback_type")

TABLE = [
    ("postmark-bounce-hard.json", ("gone@recipient.example.org", "5.1.1", "550", "failed", None, "")),
    ("postmark-bounce-softbounce.json", ("full@recipient.example.org", "4.2.2", "452", "failed", None, "")),
    ("postmark-bounce-autoresponder.json", ("away@recipient.example.org", "", "", "", Reason.VACATION, "")),
    ("postmark-bounce-dnserror.json",
     ("someone@unresolvable.example.org", "", "", "failed", Reason.NETWORKERROR, "")),
    ("postmark-spam-complaint.json", ("annoyed@recipient.example.org", "", "", "", Reason.FEEDBACK, "abuse")),
    ("postmark-delivery.json", ("happy@recipient.example.org", "2.0.0", "250", "delivered", Reason.DELIVERED, "")),
]


@pytest.mark.parametrize(("vector", "row"), TABLE, ids=[t[0] for t in TABLE])
def test_vectors(vector, row):
    assert [fields(b, *COLUMNS) for b in postmark.parse(load(vector))] == [row]


def test_details_are_the_diagnostic_and_metadata_the_contact_hints():
    (row,) = postmark.parse(load("postmark-bounce-hard.json"))
    assert row.diagnostic == "smtp;550 5.1.1 The email account that you tried to reach does not exist."
    assert row.message_id == "883953f4-6105-42a2-a16a-77a8eac79483"
    assert row.contact_hints == (("Metadata.contact_id", "c-7"),)


def test_empty_details_fall_back_to_postmarks_description():
    (row,) = postmark.parse(load("postmark-bounce-dnserror.json"))
    assert row.diagnostic == "A temporary DNS error."


@pytest.mark.parametrize(("bounce_type", "code", "hint"), [
    ("BadEmailAddress", 100000, Reason.USERUNKNOWN),
    ("AddressChange", 128, Reason.HASMOVED),
    ("Blocked", 100006, Reason.BLOCKED),
    ("DMARCPolicy", 100009, Reason.AUTHFAILURE),
    ("ChallengeVerification", 16384, Reason.FILTERED),
    ("VirusNotification", 8192, Reason.VIRUSDETECTED),
    ("SpamNotification", 512, Reason.SPAMDETECTED),
    ("Transient", 2, None),
    ("ManuallyDeactivated", 100002, None),
])
def test_bounce_types(bounce_type, code, hint):
    record = {"RecordType": "Bounce", "Type": bounce_type, "TypeCode": code, "Email": "a@recipient.example.org"}
    assert stated(postmark.parse(record)[0]) is hint
    # the bounce API's records may carry the code alone
    del record["Type"]
    assert stated(postmark.parse(record)[0]) is hint


@pytest.mark.parametrize("body", [
    {"RecordType": "Open", "Recipient": "a@recipient.example.org"},
    {"RecordType": "Bounce", "Type": "Unsubscribe", "TypeCode": 16, "Email": "a@recipient.example.org"},
    {"RecordType": "Bounce", "Type": "HardBounce", "TypeCode": 1},
    {"RecordType": "Bounce", "Email": "a@recipient.example.org"},
    {"RecordType": "Bounce", "Type": "HardBounce", "Email": "a@recipient.example.org", "Metadata": [1]},
])
def test_unreadable_shapes_are_parse_errors(body):
    with pytest.raises(ParseError):
        postmark.parse(body)
