from streams.bounces.formats import mfilter
from tests.bounces.formats.textvectors import load


def test_server_message_and_command_sections():
    [bounce] = mfilter.parse(load("mfilter-01.eml"))
    assert bounce.recipient == "ghost@example.net"
    assert (bounce.status, bounce.reply_code, bounce.smtp_command) == ("5.1.1", "550", "RCPT")
    assert bounce.diagnostic == "550 5.1.1 <ghost@example.net>: Recipient address rejected: User unknown"
    assert bounce.message_id == "news-50@example.org"


def test_other_messages_are_not_mfilter():
    assert mfilter.parse(load("text-not-a-bounce.eml")) is None
    assert mfilter.parse(load("qmail-01.eml")) is None
