from streams.bounces.formats import qmail
from tests.bounces.formats.textvectors import load


def test_each_recipient_paragraph_is_a_bounce():
    ghost, nohost = qmail.parse(load("qmail-01.eml"))
    assert ghost.recipient == "ghost@example.net"
    assert (ghost.status, ghost.reply_code, ghost.smtp_command) == ("5.1.1", "550", "RCPT")
    assert ghost.diagnostic == "550 5.1.1 <ghost@example.net>: no mailbox here by that name"
    assert ghost.remote_host == "192.0.2.10"
    assert ghost.message_id == "news-44@example.org"
    # qmail's own "(#5.1.2)" is the status when no server answered.
    assert (nohost.recipient, nohost.status) == ("nowhere@unknown.example", "5.1.2")
    assert "couldn't find any host named unknown.example" in nohost.diagnostic


def test_yahoo_colon_reply_code():
    [bounce] = qmail.parse(load("yahoo-01.eml"))
    assert (bounce.recipient, bounce.status, bounce.reply_code) == ("ghost@example.net", "5.1.1", "550")
    assert bounce.diagnostic == "550 5.1.1 Recipient address rejected: no such user"


def test_other_messages_are_not_qmail():
    assert qmail.parse(load("text-not-a-bounce.eml")) is None
    assert qmail.parse(load("exim-01.eml")) is None
