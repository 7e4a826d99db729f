from streams.bounces.formats import exchange2003
from streams.bounces.message import read
from streams.classify import classify
from streams.model import Reason
from tests.bounces.formats.textvectors import load


def test_exchange_error_code_states_unknown_recipient():
    [bounce] = exchange2003.parse(load("exchange2003-01.eml"))
    assert bounce.recipient == "ghost@example.org"
    assert bounce.reporter == "exchange2003"
    assert (classify(bounce).reason, classify(bounce).rule_id) == (Reason.USERUNKNOWN, "reporter:exchange2003:000c05a6")
    assert bounce.status == "5.0.0"
    assert bounce.diagnostic == ("The recipient name is not recognized "
                                 "MSEXCH:IMS:Example:Site:SERVER 0 (000C05A6) Unknown Recipient")


def test_other_messages_are_not_exchange():
    assert exchange2003.parse(load("text-not-a-bounce.eml")) is None
    assert exchange2003.parse(load("exim-01.eml")) is None


def test_a_recipient_line_whose_address_is_broken_gives_no_row():
    text = (b"From: System Administrator <postmaster@example.org>\nTo: sender@example.org\n"
            b"Subject: Undeliverable: Hello\nX-MimeOLE: Produced By Microsoft Exchange V6.5\n\n"
            b"Your message\n\ndid not reach the following recipient(s):\n\n"
            b"ghos\x00@example.org on Mon, 2 Mar 2026 10:00:01 +0000\n    The recipient name is not recognized\n")
    assert exchange2003.parse(read(text)) is None
