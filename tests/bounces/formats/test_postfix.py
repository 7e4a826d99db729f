from streams.bounces.formats import postfix
from tests.bounces.formats.textvectors import load


def test_each_paragraph_gives_the_reply_host_and_command():
    ghost, busy = postfix.parse(load("postfix-01.eml"))
    assert ghost.recipient == "ghost@example.net"
    assert (ghost.status, ghost.reply_code, ghost.smtp_command) == ("5.1.1", "550", "RCPT")
    assert ghost.diagnostic == ("550 5.1.1 <ghost@example.net>: Recipient address rejected: "
                                "User unknown in local recipient table")
    assert ghost.remote_host == "mx.example.net"
    assert (busy.recipient, busy.status, busy.smtp_command) == ("busy@example.com", "4.2.2", "DATA")
    assert busy.diagnostic == "452 4.2.2 Mailbox full"


def test_other_messages_are_not_postfix():
    assert postfix.parse(load("text-not-a-bounce.eml")) is None
    assert postfix.parse(load("exim-01.eml")) is None


def test_a_notice_whose_delivery_report_is_unavailable_names_the_originals_recipient_and_no_cause():
    from streams.bounces.formats import parse_email
    text = (b"From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\nTo: news@sender.example\n"
            b"Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n"
            b"Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n"
            b"--b\nContent-Type: text/plain\n\nThis is the mail system at host mx.example.net.\n\n"
            b"I'm sorry to have to inform you that your message could not\nbe delivered.\n\n"
            b"                   The mail system\n\n\t--- Delivery report unavailable ---\n\n"
            b"--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n"
            b"--b\nContent-Type: message/rfc822\n\nFrom: news@sender.example\nTo: ann@example.fr\n"
            b"Message-Id: <n1@sender.example>\n\nhello\n--b--\n")
    [row] = parse_email(text)
    assert (row.recipient, row.diagnostic, row.status, row.message_id) == ("ann@example.fr", "", "5.0.0", "n1@sender.example")


def test_a_notice_without_a_report_for_a_list_post_names_no_recipient():
    # The original's To is the list itself (RFC 2369 List-Post): no subscriber can be named.
    from streams.bounces import message
    from streams.bounces.formats import postfix
    text = (b"From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\nTo: talk-bounces@lists.example\n"
            b"Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n"
            b"Content-Type: multipart/mixed; boundary=\"b\"\n\n"
            b"--b\nContent-Type: text/plain\n\nThis is the mail system at host mx.example.net.\n\n"
            b"I'm sorry to have to inform you that your message could not\nbe delivered.\n\n"
            b"                   The mail system\n\n\t--- Delivery report unavailable ---\n\n"
            b"--b\nContent-Type: message/rfc822\n\nFrom: poster@example.com\nTo: talk@lists.example\n"
            b"List-Post: <mailto:talk@lists.example>\nMessage-Id: <n2@example.com>\n\nhello\n--b--\n")
    assert postfix.parse(message.read(text)) is None
