from streams.bounces.formats import ezweb
from tests.bounces.formats.textvectors import load


def test_remote_rejection_reply_and_command():
    [bounce] = ezweb.parse(load("ezweb-01.eml"))
    assert (bounce.recipient, bounce.reply_code, bounce.smtp_command) == ("ghost@example.net", "550", "RCPT")
    assert bounce.diagnostic == "550 <ghost@example.net>: User unknown"


def test_other_messages_are_not_ezweb():
    assert ezweb.parse(load("text-not-a-bounce.eml")) is None
    assert ezweb.parse(load("qmail-01.eml")) is None
