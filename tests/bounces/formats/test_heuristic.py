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


def test_the_paragraph_with_the_servers_reply_wins_over_a_summary_mention():
    text = (b"From: postmaster@relay.example\nTo: news@sender.example\nSubject: Undeliverable: news\n\n"
            b"Delivery has failed to these recipients or groups:\n\nann@example.net\nThe address was not found.\n\n"
            b"Diagnostic information for administrators:\n\nann@example.net\n"
            b"Remote Server returned '550 5.1.10 RecipientNotFound'\n")
    [row] = parse_email(text)
    assert (row.recipient, row.status) == ("ann@example.net", "5.1.10")


def test_a_sole_recipient_takes_the_reply_line_written_apart():
    text = (b"From: gateway@relay.example\nTo: news@sender.example\nSubject: Undeliverable\n\n"
            b"Could not be delivered because of\n\n550 5.1.1 User unknown\n\n"
            b"The following recipients were affected:\n    ann@example.net\n")
    [row] = parse_email(text)
    assert (row.recipient, row.status, row.reply_code) == ("ann@example.net", "5.1.1", "550")
    assert "User unknown" in row.diagnostic


def test_a_paragraph_that_only_lists_the_address_takes_the_next_one_as_the_reason():
    text = (b"From: postmaster@isp.example\nTo: news@sender.example\nSubject: Returned mail: Service unavailable\n\n"
            b"   ----- The following addresses had delivery problems -----\nann@mx.isp.example\n\n"
            b"   ----- Non-delivered information -----\n"
            b"The number of messages in recipient's mailbox exceeded the local limit.\n")
    [row] = parse_email(text)
    assert row.recipient == "ann@mx.isp.example"
    assert row.diagnostic.endswith("recipient's mailbox exceeded the local limit.")


def test_a_warning_is_a_delay_not_a_failure():
    text = (b"From: gateway@relay.example\nTo: news@sender.example\nSubject: Delivery Status Notification (Delay)\n\n"
            b"Your message to ann@example.net could not be delivered yet: the remote server did not answer.\n\n"
            b"This is just a warning, you do not need to take any action. Delivery attempts will continue "
            b"to be made for 4 days.\n")
    [row] = parse_email(text)
    assert (row.recipient, row.action, row.status) == ("ann@example.net", "delayed", "4.0.0")


def test_a_list_posts_addressee_is_not_the_recipient_of_a_report_that_lists_others():
    text = (b"From: MAILER-DAEMON@mx.example\nTo: list-bounces@lists.example\nSubject: failure notice\n\n"
            b"Could not deliver to these mailboxes:\n\nann@example.net\nbob@example.net\n\n"
            b"--- original message ---\nFrom: poster@example.com\nTo: talk@lists.example\n"
            b"Message-ID: <p-7@example.com>\nSubject: hello\n\nhello all\n")
    rows = parse_email(text)
    assert sorted(row.recipient for row in rows) == ["ann@example.net", "bob@example.net"]


def test_a_mailing_lists_own_address_is_never_the_recipient():
    # RFC 2369: the list's List-Post names its address; a report may quote it beside the subscriber.
    text = (b"From: MAILER-DAEMON@mx.example\nTo: talk-bounces@lists.example\nSubject: Returned mail\nMIME-Version: 1.0\n"
            b"Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\n"
            b"Your message to talk@lists.example, ann@mx.example, was not delivered: no such user.\n"
            b"--b\nContent-Type: message/rfc822\n\nFrom: poster@example.com\nTo: talk@lists.example\n"
            b"List-Post: <mailto:talk@lists.example>\nList-Unsubscribe: <mailto:talk-request@lists.example?subject=unsubscribe>\n"
            b"Subject: hello\n\nhello\n--b--\n")
    assert [row.recipient for row in parse_email(text)] == ["ann@mx.example"]


def test_an_older_mta_s_subject_marks_a_bounce():
    text = (b"From: Gateway <gateway@relay.example>\nTo: news@sender.example\nSubject: Nondeliverable mail\n\n"
            b"Your message could not reach ann@example.net: the mailbox is unavailable.\n")
    [row] = parse_email(text)
    assert row.recipient == "ann@example.net"
