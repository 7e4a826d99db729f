from streams.bounces import message
from streams.bounces.formats import heuristic, parse_email

from tests.bounces.formats.emailvectors import raw


def test_free_text_bounce_gives_the_failed_address_and_its_reply():
    [row] = parse_email(raw("heuristic-plain.eml"))
    assert (row.recipient, row.reply_code) == ("grace@example.org", "550")
    assert "mailbox unavailable" in row.diagnostic


def test_an_ordinary_message_is_not_a_bounce():
    text = b"From: a@example.com\nTo: b@example.org\nSubject: lunch?\n\nSee you at noon, c@example.net too.\n"
    assert heuristic.parse(message.read(text)) is None
