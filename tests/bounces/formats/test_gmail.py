from streams.bounces.formats import gmail
from tests.bounces.formats.textvectors import load


def test_the_quoted_server_reply_is_the_diagnostic():
    [bounce] = gmail.parse(load("gmail-01.eml"))
    assert bounce.recipient == "full@example.net"
    assert (bounce.status, bounce.reply_code, bounce.action) == ("5.2.2", "552", "failed")
    assert bounce.diagnostic == "552 5.2.2 <full@example.net>: mailbox is over its quota"
    assert bounce.remote_host == "mx.example.net"
    assert bounce.message_id == "news-46@mail.gmail.com"


def test_other_messages_are_not_gmail():
    assert gmail.parse(load("text-not-a-bounce.eml")) is None
    assert gmail.parse(load("googlegroups-01.eml")) is None
