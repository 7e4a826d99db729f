from streams.bounces.formats import interscanmss, parse_email
from streams.bounces.message import read
from streams.classify import classify
from streams.model import Reason
from tests.bounces.formats.textvectors import load


def _bounce(report: str):
    text = ("From: postmaster@relay.example (\"Postmaster\")\nTo: news@sender.example\n"
            "Subject: Mail could not be delivered\nMIME-Version: 1.0\n"
            "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-type: text/plain\n\n"
            "****** Message from InterScan Messaging Security Suite ******\n\n"
            f"{report}\n"
            "************************     End of message     **********************\n\n"
            "--b\nContent-type: message/rfc822\n\nTo: ann@example.jp\nMessage-ID: <n7@sender.example>\n\nhi\n--b--\n")
    return text.encode()


def test_the_transcript_gives_the_command_and_the_remote_reply():
    raw = _bounce("Sent <<< RCPT TO:<ann@example.jp>\nReceived >>> 550 5.1.1 <ann@example.jp>... user unknown\n\n"
                  "Unable to deliver message to <ann@example.jp>.\n")
    [row] = interscanmss.parse(read(raw))
    assert (row.recipient, row.smtp_command, row.status, row.reply_code) == ("ann@example.jp", "RCPT", "5.1.1", "550")
    assert row.diagnostic == "550 5.1.1 <ann@example.jp>... user unknown"
    assert row.message_id == "n7@sender.example"
    assert classify(row).reason is Reason.USERUNKNOWN


def test_a_notice_without_transcript_says_the_delivery_failed_and_not_why():
    [row] = parse_email(_bounce("Reason:  Unable to deliver message to <ann@example.jp> "
                                "(and other recipients in the same domain).\n"))
    assert row.recipient == "ann@example.jp"
    assert row.diagnostic.startswith("Unable to deliver message to <ann@example.jp>")
    assert classify(row).reason is Reason.ONHOLD


def test_other_messages_are_not_interscan():
    assert interscanmss.parse(load("text-not-a-bounce.eml")) is None
    assert interscanmss.parse(load("exim-01.eml")) is None
