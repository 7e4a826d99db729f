from streams.bounces.formats import exim
from streams.bounces.message import read
from tests.bounces.formats.textvectors import load


def test_every_failed_address_gets_its_own_reply():
    ghost, full = exim.parse(load("exim-01.eml"))
    assert ghost.recipient == "ghost@example.net"
    assert (ghost.status, ghost.reply_code, ghost.smtp_command) == ("5.1.1", "550", "RCPT")
    assert ghost.diagnostic == ("550 5.1.1 <ghost@example.net>: Recipient address rejected: "
                                "User unknown in virtual mailbox table")
    assert ghost.remote_host == "mx.example.net"
    assert ghost.message_id == "news-43@example.org"
    assert full.recipient == "full@example.com"
    assert (full.status, full.smtp_command, full.remote_host) == ("5.2.2", "DATA", "mx.example.com")
    assert full.diagnostic == "552 5.2.2 Mailbox quota exceeded"


def test_a_delay_warning_is_delayed():
    [bounce] = exim.parse(load("exim-02.eml"))
    assert (bounce.recipient, bounce.action, bounce.status) == ("slow@example.net", "delayed", "4.7.1")
    assert bounce.diagnostic == "451 4.7.1 Greylisted, please try again later"
    assert bounce.smtp_command == "MAIL"


def test_other_messages_are_not_exim():
    assert exim.parse(load("text-not-a-bounce.eml")) is None
    assert exim.parse(load("qmail-01.eml")) is None


def test_a_retry_timeout_without_a_reply_is_an_expired_delivery_time():
    text = (b"From: Mail Delivery System <Mailer-Daemon@mx.example.org>\nTo: news@sender.example\n"
            b"Subject: Mail delivery failed: returning message to sender\n\n"
            b"This message was created automatically by mail delivery software.\n\n"
            b"A message that you sent could not be delivered to one or more of its\n"
            b"recipients. This is a permanent error. The following address(es) failed:\n\n"
            b"  ann@example.com\n    retry timeout exceeded\n\n"
            b"------ This is a copy of the message, including all the headers. ------\n\n"
            b"To: ann@example.com\n\nhello\n")
    [row] = exim.parse(read(text))
    assert (row.recipient, row.status, row.diagnostic) == ("ann@example.com", "4.4.7", "retry timeout exceeded")
