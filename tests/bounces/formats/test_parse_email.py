"""parse_email over whole payloads: mailboxes of several messages."""
from streams.bounces.formats import messages, parse_email

from tests.bounces.formats.emailvectors import raw


def test_each_message_of_an_mbox_gives_its_rows():
    one = raw("dsn-postfix-usernotfound.eml")
    mbox = (b"From MAILER-DAEMON  Tue Nov  3 10:20:31 2026\n" + one +
            b"From double-bounce@mx.example  Thu Jul  2 12:05:06 2020\n" + one)
    rows = parse_email(mbox)
    assert [r.recipient for r in rows] == ["alice@example.org", "alice@example.org"]
    assert [r.recipient for r in parse_email(mbox.decode("latin-1"))] == ["alice@example.org"] * 2


def test_a_from_line_in_a_body_that_is_no_envelope_does_not_split():
    mbox = b"From a@b.example  Tue Nov  3 10:20:31 2026\nSubject: x\n\nFrom what I hear, fine.\n"
    assert messages(mbox) == [mbox]


def test_an_mbox_of_many_messages_is_split_a_bounded_number_of_times():
    mbox = b"".join(b"From a@b.example  Tue Nov  3 10:20:31 2026\nSubject: x\n\nhi\n" for _ in range(500))
    assert len(messages(mbox)) == 20


def _dsn_entry(recipient: str, status: str, reply: str) -> str:
    return ("From: MAILER-DAEMON@relay.example.net\nTo: owner-list@lists.example\nSubject: failure notice\n"
            "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=e\n\n"
            f"--e\nContent-Type: text/plain\n\nYour message to {recipient} could not be delivered.\n\n"
            "--e\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; relay.example.net\n\n"
            f"Final-Recipient: rfc822; {recipient}\nAction: failed\nStatus: {status}\n"
            f"Diagnostic-Code: smtp; {reply}\n\n--e--\n")


def test_each_bounce_of_a_digest_gives_its_rows():
    entries = [_dsn_entry("ann@example.org", "5.1.1", "550 5.1.1 no mailbox by that name"),
               "From: someone@example.org\nSubject: a question\n\nNot a bounce at all.\n",
               _dsn_entry("bob@example.net", "5.2.2", "552 5.2.2 mailbox over quota")]
    # RFC 2046 §5.1.5: an entry of a digest is message/rfc822 without saying so
    body = "".join(f"--d\n\n{entry}\n" for entry in entries)
    digest = ("From: list-bounces@lists.example\nTo: owner-list@lists.example\nSubject: Digest of bounces, 3 messages\n"
              f"MIME-Version: 1.0\nContent-Type: multipart/digest; boundary=d\n\n{body}--d--\n").encode()
    rows = parse_email(digest)
    assert [(row.recipient, row.status) for row in rows] == [("ann@example.org", "5.1.1"), ("bob@example.net", "5.2.2")]
