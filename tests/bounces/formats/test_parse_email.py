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
