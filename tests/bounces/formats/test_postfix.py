from streams.bounces.formats import postfix
from tests.bounces.formats.textvectors import load


def test_each_paragraph_gives_the_reply_host_and_command():
    ghost, busy = postfix.parse(load("postfix-01.eml"))
    assert ghost.recipient == "ghost@example.net"
    assert (ghost.status, ghost.reply_code, ghost.smtp_command) == ("5.1.1", "550", "RCPT")
    assert ghost.diagnostic == ("550 5.1.1 <ghost@example.net>: Recipient address rejected: "
                                "User unknown in local recipient table")
    assert ghost.remote_host == "mx.example.net"
    assert (busy.recipient, busy.status, busy.smtp_command) == ("busy@example.com", "4.2.2", "DATA")
    assert busy.diagnostic == "452 4.2.2 Mailbox full"


def test_other_messages_are_not_postfix():
    assert postfix.parse(load("text-not-a-bounce.eml")) is None
    assert postfix.parse(load("exim-01.eml")) is None
