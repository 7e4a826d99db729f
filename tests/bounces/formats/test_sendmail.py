from streams.bounces.formats import sendmail
from tests.bounces.formats.textvectors import load


def test_the_transcript_reply_belongs_to_the_next_recipient_line():
    ghost, nohost = sendmail.parse(load("sendmail-01.eml"))
    assert (ghost.recipient, ghost.reply_code, ghost.smtp_command) == ("ghost@example.net", "550", "RCPT")
    assert ghost.diagnostic == "550 No such user here"
    assert ghost.remote_host == "mail.example.net"
    assert ghost.message_id == "news-47@example.org"
    assert (nohost.recipient, nohost.reply_code, nohost.remote_host) == ("nohost@gone.example", "550", "")
    assert nohost.diagnostic == "550 Host unknown (Authoritative answer from name server)"


def test_other_messages_are_not_sendmail():
    assert sendmail.parse(load("text-not-a-bounce.eml")) is None
    assert sendmail.parse(load("qmail-01.eml")) is None
