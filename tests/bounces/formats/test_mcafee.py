from streams.bounces.formats import mcafee
from tests.bounces.formats.textvectors import load


def test_parenthesised_reply_after_the_address():
    [bounce] = mcafee.parse(load("mcafee-01.eml"))
    assert (bounce.recipient, bounce.reply_code) == ("ghost@example.org", "550")
    assert bounce.diagnostic == "550 Unknown user ghost@example.org"


def test_other_messages_are_not_mcafee():
    assert mcafee.parse(load("text-not-a-bounce.eml")) is None
    assert mcafee.parse(load("exim-01.eml")) is None
