from streams.bounces.formats import imailserver
from streams.classify import classify
from streams.model import Reason
from tests.bounces.formats.textvectors import load


def test_imail_label_states_the_reason():
    [bounce] = imailserver.parse(load("imailserver-01.eml"))
    assert bounce.recipient == "full@example.org"
    assert bounce.reporter == "imailserver"  # its label is IMail's own word: the classifier reads it
    assert classify(bounce).reason is Reason.MAILBOXFULL
    assert bounce.status == "5.0.0"
    assert bounce.diagnostic == "User mailbox exceeds allowed size: full@example.org"
    assert bounce.message_id == "news-49@example.org"


def test_other_messages_are_not_imail():
    assert imailserver.parse(load("text-not-a-bounce.eml")) is None
    assert imailserver.parse(load("exim-01.eml")) is None
