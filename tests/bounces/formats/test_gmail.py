from streams.bounces.formats import gmail
from streams.bounces.message import read
from tests.bounces.formats.textvectors import load


def test_the_quoted_server_reply_is_the_diagnostic():
    [bounce] = gmail.parse(load("gmail-01.eml"))
    assert bounce.recipient == "full@example.net"
    assert (bounce.status, bounce.reply_code, bounce.action) == ("5.2.2", "552", "failed")
    assert bounce.diagnostic == "552 5.2.2 <full@example.net>: mailbox is over its quota"
    assert bounce.remote_host == "mx.example.net"
    assert bounce.message_id == "news-46@mail.gmail.com"


def test_other_messages_are_not_gmail():
    assert gmail.parse(load("text-not-a-bounce.eml")) is None
    assert gmail.parse(load("googlegroups-01.eml")) is None


def _bounce(reply: str):
    text = ("From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\nTo: ann@gmail.com\n"
            "Subject: Delivery Status Notification (Failure)\n\n"
            "Delivery to the following recipient failed permanently:\n\n     bob@example.jp\n\n"
            "Technical details of permanent failure:\nGoogle tried to deliver your message, but it was "
            "rejected by the recipient domain. The error that the other server returned was: "
            f"{reply}\n\n----- Original message -----\n")
    return read(text)


def test_the_state_gmail_names_gives_the_failed_command():
    [bounce] = gmail.parse(_bounce("550 550 Unknown user bob@example.jp (state 18)."))
    assert bounce.smtp_command == "DATA"
    [bounce] = gmail.parse(_bounce("550 550 5.1.1 <bob@example.jp>... User Unknown (state 14)."))
    assert bounce.smtp_command == "RCPT"
    [bounce] = gmail.parse(_bounce("550 550 Unknown user bob@example.jp"))
    assert bounce.smtp_command == ""
