"""smtp.parse: SMTP rejection records as MTAs log them -> one Bounce."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.bounces import smtp
from streams.classify import classify
from streams.model import ParseError, Reason


def test_postfix_style_reply_with_supplied_recipient():
    [row] = smtp.parse("550 5.1.1 <a@b.org>: Recipient address rejected: User unknown", " <A@B.org> ")
    assert (row.recipient, row.reply_code, row.status) == ("a@b.org", "550", "5.1.1")
    assert classify(row).reason is Reason.USERUNKNOWN


def test_recipient_found_in_text_when_not_supplied():
    [row] = smtp.parse("550 5.1.1 <Someone@Example.ORG>: Recipient address rejected: User unknown")
    assert row.recipient == "someone@example.org"


def test_multi_line_reply_is_joined_without_continuation_codes():
    payload = ("550-5.7.1 [192.0.2.1] Our system has detected an unusual rate of\n"
               "550-5.7.1 unsolicited mail originating from your IP address.\n"
               "550 5.7.1 https://support.google.com/mail/?p=UnsolicitedIPError x1si - gsmtp")
    [row] = smtp.parse(payload, "a@gmail.com")
    assert row.diagnostic.startswith("550-5.7.1 [192.0.2.1] Our system")
    assert "550-5.7.1 unsolicited" not in row.diagnostic and "rate of unsolicited mail" in row.diagnostic
    assert (row.reply_code, row.status) == ("550", "5.7.1")
    assert classify(row).reason is Reason.BLOCKED


def test_reply_without_enhanced_code():
    [row] = smtp.parse("552 Requested mail action aborted: exceeded storage allocation", "a@b.org")
    assert (row.reply_code, row.status) == ("552", "")
    assert classify(row).reason is Reason.MAILBOXFULL


def test_postfix_host_said_prefix_gives_remote_host_and_command():
    payload = ("host mx1.example.org[192.0.2.10] said: 550 5.7.1 Service unavailable; Client host "
               "[192.0.2.1] blocked using zen.spamhaus.org (in reply to RCPT TO command)")
    [row] = smtp.parse(payload, "a@example.org")
    assert (row.remote_host, row.smtp_command, row.reply_code) == ("mx1.example.org", "RCPT", "550")
    assert classify(row).reason is Reason.BLOCKED


def test_exim_style_prefix():
    payload = ("SMTP error from remote mail server after RCPT TO:<a@example.org>:\n"
               "host mx.example.org [192.0.2.10]: 550 5.1.1 <a@example.org>: User unknown")
    [row] = smtp.parse(payload)
    assert (row.recipient, row.remote_host, row.smtp_command) == ("a@example.org", "mx.example.org", "RCPT")


@pytest.mark.parametrize("payload", ["", "   \n\t ", "\x00\x00"])
def test_empty_payload_is_a_parse_error(payload):
    with pytest.raises(ParseError, match="empty"):
        smtp.parse(payload, "a@b.org")


def test_garbage_payload_is_a_parse_error():
    with pytest.raises(ParseError, match="no reply code"):
        smtp.parse("%%%% ---- 12 ++++", "a@b.org")


def test_no_recipient_anywhere_is_a_parse_error():
    with pytest.raises(ParseError, match="recipient"):
        smtp.parse("550 5.1.1 User unknown")


def test_non_text_payload_is_a_parse_error():
    with pytest.raises(ParseError, match="text"):
        smtp.parse({"reply": "550"}, "a@b.org")  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=2000), st.text(max_size=60))
def test_any_text_gives_bounces_or_a_parse_error(payload, recipient):
    try:
        rows = smtp.parse(payload, recipient)
    except ParseError:
        return
    assert len(rows) == 1 and rows[0].recipient
