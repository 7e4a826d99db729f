from streams.bounces.formats import mailfoundry
from tests.bounces.formats.textvectors import load


def test_reply_after_failed_with():
    [bounce] = mailfoundry.parse(load("mailfoundry-01.eml"))
    assert (bounce.recipient, bounce.status, bounce.reply_code) == ("ghost@example.org", "5.1.1", "550")
    assert bounce.diagnostic == "550 5.1.1 <ghost@example.org> No such user here"
    assert bounce.remote_host == "mx.example.org"


def test_other_messages_are_not_mailfoundry():
    assert mailfoundry.parse(load("text-not-a-bounce.eml")) is None
    assert mailfoundry.parse(load("exim-01.eml")) is None
