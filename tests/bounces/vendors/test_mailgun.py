"""Mailgun webhook bodies -> Bounce rows."""
from __future__ import annotations

import pytest

from streams.bounces.vendors import mailgun
from streams.model import ParseError, Reason
from tests.bounces.vendors.vectors import fields, load, stated

COLUMNS = ("recipient", "status", "reply_code", "action", "stated", "remote_host")

TABLE = [
    ("mailgun-failed-permanent.json",
     ("gone@recipient.example.org", "5.1.1", "550", "failed", None, "mx.recipient.example.org")),
    ("mailgun-failed-suppress-bounce.json",
     ("old@recipient.example.org", "", "", "failed", Reason.USERUNKNOWN, "")),
    ("mailgun-failed-temporary.json",
     ("full@recipient.example.org", "4.2.2", "452", "delayed", None, "mx.recipient.example.org")),
    ("mailgun-complained.json",
     ("annoyed@recipient.example.org", "", "", "", Reason.FEEDBACK, "")),
]


@pytest.mark.parametrize(("vector", "row"), TABLE, ids=[t[0] for t in TABLE])
def test_vectors(vector, row):
    assert [fields(b, *COLUMNS) for b in mailgun.parse(load(vector))] == [row]


def test_the_event_data_alone_reads_the_same_as_the_signed_body():
    body = load("mailgun-failed-permanent.json")
    assert mailgun.parse(body["event-data"]) == mailgun.parse(body)


def test_permanent_failure_keeps_server_text_message_id_and_user_variables():
    (row,) = mailgun.parse(load("mailgun-failed-permanent.json"))
    assert row.diagnostic.startswith("5.1.1 The email account that you tried to reach does not exist")
    assert row.message_id == "20260302091500.1.ABCDEF@sender.example.com"
    assert row.contact_hints == (("user-variables.campaign", "march"), ("user-variables.contact_id", "c-7"))


def test_mailguns_own_code_for_a_suppressed_address_is_not_an_smtp_reply():
    (row,) = mailgun.parse(load("mailgun-failed-suppress-bounce.json"))
    assert row.reply_code == "" and row.diagnostic == "Not delivering to previously bounced address"


@pytest.mark.parametrize(("reason", "hint"), [
    ("suppress-bounce", Reason.USERUNKNOWN),
    ("suppress-complaint", Reason.FEEDBACK),
    ("old", Reason.EXPIRED),
    ("bounce", None),
    ("generic", None),
    ("suppress-unsubscribe", None),
])
def test_failed_reasons(reason, hint):
    body = {"event": "failed", "severity": "permanent", "reason": reason, "recipient": "a@recipient.example.org"}
    assert stated(mailgun.parse(body)[0]) is hint


@pytest.mark.parametrize("body", [
    {"event-data": None},
    {"event-data": {"event": "opened", "recipient": "a@recipient.example.org"}},
    {"event-data": {"event": "failed"}},
    {"event-data": {"event": "failed", "recipient": "a@x.org", "delivery-status": "550"}},
    {"signature": {}},
])
def test_unreadable_shapes_are_parse_errors(body):
    with pytest.raises(ParseError):
        mailgun.parse(body)
