from streams.bounces.formats import notes
from tests.bounces.formats.textvectors import load


def test_failure_reasons_precede_the_address():
    [bounce] = notes.parse(load("notes-01.eml"))
    assert (bounce.recipient, bounce.status) == ("ghost@example.org", "5.0.0")
    assert bounce.diagnostic == "User not listed in public Name & Address Book"
    assert bounce.message_id == "news-51@example.org"


def test_domino_because_paragraph():
    [bounce] = notes.parse(load("domino-01.eml"))
    assert bounce.recipient == "ghost@example.org"
    assert bounce.diagnostic == "User Ghost (ghost@example.org) not listed in Domino Directory"


def test_other_messages_are_not_notes():
    assert notes.parse(load("text-not-a-bounce.eml")) is None
    assert notes.parse(load("exim-01.eml")) is None
