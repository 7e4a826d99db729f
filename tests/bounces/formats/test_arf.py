from streams.bounces.formats import arf, parse_email
from streams.model import Reason

from tests.bounces.formats.emailvectors import load, raw


def test_feedback_report_names_the_complaining_recipient():
    [row] = parse_email(raw("arf-abuse.eml"))
    assert row.recipient == "dave@example.com"  # Original-Rcpt-To wins over the redacted To
    assert (row.reason_hint, row.feedback_type, row.hint_rule) == (Reason.FEEDBACK, "abuse", "arf:abuse")
    assert row.message_id == "fbl-1@sender.example"
    assert ("X-Campaign-Id", "weekly-7") in row.contact_hints


def test_hotmail_jmrp_without_report_part_is_a_complaint():
    [row] = parse_email(raw("arf-jmrp.eml"))
    assert (row.recipient, row.reason_hint) == ("erin@example.com", Reason.FEEDBACK)


def test_apple_unsubscribe_is_an_opt_out_by_the_sender():
    text = b"From: Kim <kim@example.com>\nTo: list@sender.example\nX-Apple-Unsubscribe: true\n\nunsubscribe\n"
    [row] = parse_email(text)
    assert (row.recipient, row.feedback_type) == ("kim@example.com", "opt-out")


def test_a_bounce_is_not_a_complaint():
    assert arf.parse(load("dsn-postfix-usernotfound.eml")) is None


REDACTED = (b"From: fbl@isp.example\nTo: fbl@sender.example\nSubject: Abuse Report\nMIME-Version: 1.0\n"
            b"Content-Type: multipart/report; report-type=feedback-report; boundary=r\n\n"
            b"--r\nContent-Type: text/plain\n\nA complaint.\n\n"
            b"--r\nContent-Type: message/feedback-report\n\nFeedback-Type: abuse\nVersion: 1\n\n"
            b"--r\nContent-Type: message/rfc822\n\nFrom: news@sender.example\nTo: \"undisclosed\"\n"
            b"Message-ID: <n-9@sender.example>\n\nHi\n--r--\n")


def test_a_complaint_with_the_recipient_redacted_is_still_reported():
    [row] = parse_email(REDACTED)
    assert (row.recipient, row.reason_hint, row.message_id) == ("", Reason.FEEDBACK, "n-9@sender.example")


def test_the_producers_recipient_fills_a_redacted_one():
    [row] = parse_email(REDACTED, recipient="<Pat@Example.net>")
    assert row.recipient == "pat@example.net"
