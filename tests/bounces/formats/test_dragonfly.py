from streams.bounces.formats import dragonfly
from tests.bounces.formats.textvectors import load


def test_reads_recipient_and_folds_the_multiline_reply():
    [bounce] = dragonfly.parse(load("dragonfly-01.eml"))
    assert bounce.recipient == "ghost@example.net"
    assert (bounce.status, bounce.reply_code, bounce.smtp_command) == ("5.1.1", "550", "RCPT")
    assert bounce.diagnostic == ("550 5.1.1 The email account that you tried to reach does not exist. "
                                 "Please check the address and try again.")
    assert bounce.remote_host == "mx.example.net"
    assert bounce.message_id == "news-42@example.org"


def test_other_messages_are_not_dragonfly():
    assert dragonfly.parse(load("text-not-a-bounce.eml")) is None
    assert dragonfly.parse(load("exim-01.eml")) is None
