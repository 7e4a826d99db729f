from streams.bounces.formats import parse_email, sesmail
from streams.bounces.message import read
from streams.model import Reason

HEAD = b"From: AWS Notifications <no-reply@sns.amazonaws.com>\nTo: ops@sender.example\nSubject: AWS Notification\n\n"
BOUNCE = (b'{"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bounceSubType":"General",'
          b'"bouncedRecipients":[{"emailAddress":"gone@example.org","status":"5.1.1",'
          b'"diagnosticCode":"smtp; 550 5.1.1 no such user"}]},"mail":{"messageId":"m-1"}}')


def test_a_bounce_notification_sent_by_email_is_read_as_ses():
    [row] = parse_email(HEAD + BOUNCE + b"\n\n--\nIf you wish to stop receiving notifications...\n")
    assert (row.recipient, row.status, row.reply_code) == ("gone@example.org", "5.1.1", "550")


def test_a_line_cut_by_a_relay_is_joined_again():
    cut = BOUNCE.index(b"example.org")
    body = BOUNCE[:cut] + b"!\n " + BOUNCE[cut:]
    complaint = body.replace(b'"Bounce","bounce"', b'"Complaint","complaint"').replace(
        b"bouncedRecipients", b"complainedRecipients")
    [row] = parse_email(HEAD + complaint + b"\n")
    assert (row.recipient, row.reason_hint) == ("gone@example.org", Reason.FEEDBACK)


def test_broken_json_or_other_json_is_not_mine():
    assert sesmail.parse(read(HEAD + BOUNCE[:-10] + b"\n")) is None
    assert sesmail.parse(read(HEAD + b'{"greeting": "hello"}\n')) is None
