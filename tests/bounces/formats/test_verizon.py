from streams.bounces.formats import verizon
from tests.bounces.formats.textvectors import load


def test_recipient_from_message_details():
    [bounce] = verizon.parse(load("verizon-01.eml"))
    assert (bounce.recipient, bounce.reply_code, bounce.smtp_command) == ("5550100@vtext.com", "550", "RCPT")
    assert bounce.diagnostic == "550 Requested action not taken: no such user here"


def test_other_messages_are_not_verizon():
    assert verizon.parse(load("text-not-a-bounce.eml")) is None
    assert verizon.parse(load("exim-01.eml")) is None
