from streams.bounces.formats import x6
from tests.bounces.formats.textvectors import load


def test_bracketed_error_message_is_the_diagnostic():
    [bounce] = x6.parse(load("x6-01.eml"))
    assert (bounce.recipient, bounce.status, bounce.reply_code) == ("ghost@example.org", "5.1.1", "550")
    assert bounce.diagnostic == "550 5.1.1 No such user"
    assert (bounce.remote_host, bounce.smtp_command) == ("192.0.2.70", "RCPT")


def test_other_messages_are_not_x6():
    assert x6.parse(load("text-not-a-bounce.eml")) is None
    assert x6.parse(load("exim-01.eml")) is None
