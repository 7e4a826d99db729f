from streams.bounces.formats import opensmtpd
from tests.bounces.formats.textvectors import load


def test_recipient_line_carries_the_server_reply():
    [bounce] = opensmtpd.parse(load("opensmtpd-01.eml"))
    assert bounce.recipient == "ghost@example.net"
    assert (bounce.status, bounce.reply_code, bounce.action) == ("5.1.1", "550", "failed")
    assert bounce.diagnostic == "550 5.1.1 <ghost@example.net>: Recipient address rejected: User unknown"
    assert bounce.message_id == "news-48@example.org"


def test_other_messages_are_not_opensmtpd():
    assert opensmtpd.parse(load("text-not-a-bounce.eml")) is None
    assert opensmtpd.parse(load("exim-01.eml")) is None
