"""Format detection of raw bounce files: provider JSON by its documented shape, else e-mail."""
from __future__ import annotations

import orjson
import pytest

from streams.bounces.detect import detect, payload_as, vendor_format
from streams.model import Format, ParseError
from tests.bounces.vendors.vectors import FOLDER

VECTORS = sorted(p.name for p in FOLDER.glob("*.json"))
EXPECTED = {"ses": Format.SES, "sendgrid": Format.SENDGRID, "mailgun": Format.MAILGUN, "postmark": Format.POSTMARK}


@pytest.mark.parametrize("name", VECTORS)
def test_every_vendor_vector_is_detected_as_its_provider(name):
    fmt, payload = detect((FOLDER / name).read_bytes())
    assert fmt is EXPECTED[name.split("-")[0]]
    assert payload == orjson.loads((FOLDER / name).read_bytes())


@pytest.mark.parametrize(("event", "fmt"), [
    ({"notificationType": "Bounce"}, Format.SES),
    ({"eventType": "Complaint"}, Format.SES),
    ({"Type": "Notification", "Message": "{}"}, Format.SES),
    ([{"event": "bounce", "email": "a@x.org"}], Format.SENDGRID),
    ({"event": "dropped", "email": "a@x.org"}, Format.SENDGRID),
    ({"event-data": {}}, Format.MAILGUN),
    ({"event": "failed", "severity": "permanent", "recipient": "a@x.org"}, Format.MAILGUN),
    ({"RecordType": "SpamComplaint"}, Format.POSTMARK),
    ({"Type": "HardBounce", "TypeCode": 1}, Format.POSTMARK),
])
def test_shapes(event, fmt):
    assert vendor_format(event) is fmt


@pytest.mark.parametrize("event", [{}, {"hello": 1}, [], [1], [{"no": "event"}], 3, "text"])
def test_unknown_json_is_a_parse_error(event):
    with pytest.raises(ParseError):
        vendor_format(event)


def test_an_email_is_dsn_text_with_its_8bit_bytes_kept():
    raw = b"From: MAILER-DAEMON@example.org\r\nSubject: failure\r\n\r\n\xe9chec\r\n"
    fmt, payload = detect(raw)
    assert fmt is Format.DSN and isinstance(payload, str)
    assert payload.encode("utf-8", "surrogateescape") == raw


def test_broken_json_is_a_parse_error_not_an_email():
    with pytest.raises(ParseError):
        detect(b'  {"notificationType": "Bounce",')


def test_an_explicit_format_reads_text_or_json():
    assert payload_as(Format.SMTP, b"550 5.1.1 unknown") == "550 5.1.1 unknown"
    assert payload_as(Format.POSTMARK, b'{"RecordType": "Bounce"}') == {"RecordType": "Bounce"}
    with pytest.raises(ParseError):
        payload_as(Format.SES, b"From: someone\r\n")


def test_the_8bit_text_of_a_detected_email_is_decoded_with_its_parts_charset():
    from streams.bounces.message import read
    raw = b"Content-Type: text/plain; charset=iso-8859-1\r\n\r\nB\xfcro voll\r\n"
    _, payload = detect(raw)
    assert read(payload).parts[0].text == "B\u00fcro voll\n"
    assert read("Subject: x\n\nlone \ud800 surrogate\n").parts[0].text == "lone ? surrogate\n"
