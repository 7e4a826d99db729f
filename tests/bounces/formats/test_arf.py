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


def _report(rcpt_fields: str, to: str = "list-member@example.org") -> bytes:
    """A feedback report in the RFC 5965 shape: human part, machine part, returned original."""
    return ("From: complaints@fbl.example.net\nTo: fbl-desk@sender.example\nSubject: FW: complaint summary\n"
            "MIME-Version: 1.0\n"
            'Content-Type: multipart/report; report-type=feedback-report; boundary="part"\n\n'
            "--part\nContent-Type: text/plain; charset=us-ascii\n\n"
            "Subscribers of ours marked the attached message as spam.\n\n"
            "--part\nContent-Type: message/feedback-report\n\n"
            "Feedback-Type: abuse\nUser-Agent: ExampleLoop/2.3\nVersion: 1\n"
            "Original-Mail-From: <bounces@sender.example>\n"
            f"{rcpt_fields}Arrival-Date: Tue, 1 Dec 2026 08:00:00 +0000\nReported-Domain: sender.example\n\n"
            "--part\nContent-Type: text/rfc822-headers\n\n"
            f"From: Offers <offers@sender.example>\nTo: {to}\nMessage-ID: <offer-77@sender.example>\n"
            "Subject: This week's offers\n\n--part--\n").encode()


def test_each_listed_recipient_of_a_feedback_report_is_a_complaint():
    rows = parse_email(_report("Original-Rcpt-To: <Ann@Example.org>\nOriginal-Rcpt-To: bob@example.org\n"
                               "Original-Rcpt-To: ann@example.org\nOriginal-Rcpt-To: carol@example.net\n"))
    assert [row.recipient for row in rows] == ["ann@example.org", "bob@example.org", "carol@example.net"]
    assert {(row.reason_hint, row.feedback_type, row.message_id) for row in rows} == {
        (Reason.FEEDBACK, "abuse", "offer-77@sender.example")}


def test_listed_recipients_outrank_the_returned_to():
    [row] = parse_email(_report("Original-Rcpt-To: dan@example.org\n", to="a@example.org, b@example.org"))
    assert row.recipient == "dan@example.org"


def test_without_listed_recipients_the_first_to_address_stands_for_the_complaint():
    # a To with several addresses does not say who complained: one row, not one per addressee
    [row] = parse_email(_report("", to="Eve <eve@example.org>, fay@example.org"))
    assert row.recipient == "eve@example.org"


def test_hotmail_jmrp_rows_follow_each_original_recipient_header():
    text = ("From: staff@hotmail.example\nTo: fbl@sender.example\nSubject: complaint\nMIME-Version: 1.0\n"
            "Content-Type: multipart/mixed; boundary=j\n\n--j\nContent-Type: text/plain\n\nforwarded\n\n"
            "--j\nContent-Type: message/rfc822\n\nX-HmXmrOriginalRecipient: <gil@example.com>\n"
            "X-HmXmrOriginalRecipient: <hal@example.com>\nFrom: news@sender.example\nTo: gil@example.com\n"
            "Message-ID: <j-2@sender.example>\n\nHi\n--j--\n").encode()
    assert [row.recipient for row in parse_email(text)] == ["gil@example.com", "hal@example.com"]
