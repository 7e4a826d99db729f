"""The pipeline step: input bytes -> contact events, and the records it writes."""
from __future__ import annotations

import base64

import orjson
import pytest

from streams import pipeline
from streams.policyfile import parse

POLICIES = parse()


def raw(**fields) -> bytes:
    doc = {"id": "r1", "tenant": "acme", "received_at": "2026-11-28T10:00:00Z", "format": "smtp",
           "payload": "550 5.1.1 <Ann@Example.org>: Recipient address rejected: User unknown",
           "recipient": " <Ann@Example.ORG> "} | fields
    return orjson.dumps({k: v for k, v in doc.items() if v is not None})


def test_an_smtp_rejection_becomes_one_event_of_the_normalised_contact():
    [event] = pipeline.ingest("bounces", raw(message_id="<m1@x>", contact_id="c-9"), POLICIES)
    assert (event.tenant, event.recipient, event.contact_id) == ("acme", "ann@example.org", "c-9")
    assert (event.status, event.reply_code, str(event.reason)) == ("5.1.1", "550", "userunknown")
    assert event.message_id == "<m1@x>"
    assert event.at == 1_795_860_000_000
    assert pipeline.contact_key(event) == b'["acme","ann@example.org"]'
    assert pipeline.decode_forward(pipeline.encode_forward(event, "bounces/2", 7, 0)) == (event, "bounces/2", (7, 0))


def test_a_contact_event_forwarded_by_the_previous_release_is_read():
    [event] = pipeline.ingest("bounces", raw(message_id="<m1@x>"), POLICIES)
    fields = {name: getattr(event, name) for name in event.__slots__}
    previous = orjson.dumps({"src": "bounces/2", "pos": [7, 0], **fields})  # its fields beside src and pos
    assert pipeline.decode_forward(previous) == (event, "bounces/2", (7, 0))


def test_a_block_is_not_forwarded_since_it_neither_counts_nor_resets():
    value = raw(payload="554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org")
    assert pipeline.ingest("bounces", value, POLICIES) == []


def test_an_engagement_event_becomes_one_event():
    value = orjson.dumps({"id": "e1", "tenant": "acme", "recipient": "ANN@example.org", "type": "click",
                          "occurred_at": "2026-11-28T11:00:00+01:00"})
    [event] = pipeline.ingest("engagement", value, POLICIES)
    assert (event.recipient, event.type, event.at) == ("ann@example.org", "click", 1_795_860_000_000)


@pytest.mark.parametrize(("value", "message"), [
    (b"{not json", "not JSON"),
    (None, "empty message"),
    (b"[1, 2]", "does not match the contract"),
    (raw(tenant=None), '"tenant" is a required property'),
    (raw(format="pigeon"), "$.format"),
    (raw(recipient=None), '"recipient" is a required property'),
    (raw(received_at="yesterday"), '$.received_at: "yesterday" is not a "date-time"'),
    (raw(received_at="2026-11-28T10:00:00"), 'is not a "date-time"'),  # no offset
    (raw(received_at="20261101T090000Z"), 'is not a "date-time"'),  # ISO 8601 basic format
    (raw(received_at="2026-W44-7T09:00:00Z"), 'is not a "date-time"'),  # ISO 8601 week date
    (raw(payload="   "), "cannot parse the smtp payload"),
    (raw(format="ses", payload={"foo": 1}), "cannot parse the ses payload"),
])
def test_bad_input_is_refused_with_a_clear_reason(value, message):
    with pytest.raises(pipeline.Invalid, match=None) as caught:
        pipeline.ingest("bounces", value, POLICIES)
    assert message in str(caught.value)


def test_a_dead_letter_keeps_the_original_bytes_where_they_came_from_and_why():
    original = b"\xff\xfe not utf-8"
    record = orjson.loads(pipeline.dead_letter(original, {"topic": "t", "partition": 2, "offset": 7}, "boom",
                                               at_ms=1_795_860_000_000))
    assert base64.b64decode(record["value_base64"]) == original
    assert "value" not in record
    assert record["source"] == {"topic": "t", "partition": 2, "offset": 7}
    assert record["error"] == "boom"
    assert record["dead_lettered_at"] == "2026-11-28T10:00:00.000Z"


def test_a_complaint_whose_recipient_is_redacted_needs_the_producers_recipient():
    from tests.bounces.formats.test_arf import REDACTED

    report = raw(format="arf", payload=REDACTED.decode(), recipient=None)
    with pytest.raises(pipeline.Invalid) as caught:
        pipeline.ingest("bounces", report, POLICIES)
    assert "names no recipient for its feedback row" in str(caught.value)
    [event] = pipeline.ingest("bounces", raw(format="arf", payload=REDACTED.decode(), recipient="pat@example.net"),
                              POLICIES)
    assert (event.recipient, str(event.reason)) == ("pat@example.net", "feedback")


def test_an_auto_reply_is_not_forwarded_even_without_a_recipient():
    reply = ("From: pat@example.net\nTo: news@sender.example\nSubject: Out of office\nAuto-Submitted: auto-replied\n\n"
             "I am away until Monday.\n")
    assert pipeline.ingest("bounces", raw(format="dsn", payload=reply, recipient=None), POLICIES) == []


@pytest.mark.parametrize(("value", "cause"), [
    (None, "empty"),
    (b"{not json", "not_json"),
    (raw(tenant=None), "contract"),
    (raw(received_at="2026-11-28 10:00:00Z"), "contract"),
    (raw(payload="   "), "payload"),
    (raw(recipient="nobody"), "recipient"),
])
def test_a_refusal_names_its_cause_in_a_word(value, cause):
    with pytest.raises(pipeline.Invalid) as caught:
        pipeline.ingest("bounces", value, POLICIES)
    assert caught.value.cause == cause


def test_the_rows_that_are_not_forwarded_are_told_for_counting():
    ignored: list[tuple[str, str, str]] = []
    value = raw(payload="554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org")
    assert pipeline.ingest("bounces", value, POLICIES, ignored) == []
    assert ignored == [("smtp", "block", "blocked")]
