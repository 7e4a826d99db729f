from streams.bounces.formats import dsn, parse_email
from streams.bounces.message import read
from streams.model import Reason

from tests.bounces.formats.emailvectors import load, raw


def test_postfix_dsn_gives_recipient_status_server_text_and_original():
    [row] = parse_email(raw("dsn-postfix-usernotfound.eml"))
    assert (row.recipient, row.status, row.reply_code, row.action) == ("alice@example.org", "5.1.1", "550", "failed")
    assert row.diagnostic == ("550 5.1.1 <alice@example.org>: Recipient address rejected: "
                              "User unknown in virtual mailbox table")
    assert row.remote_host == "mx1.example.org"
    assert row.smtp_command == "RCPT"
    assert row.message_id == "campaign-42.alice@sender.example"
    assert ("X-Contact-Id", "c-1001") in row.contact_hints
    assert ("verp", "alice@example.org") in row.contact_hints


def test_recipients_written_as_one_group_are_separate_rows():
    rows = dsn.parse(load("dsn-two-recipients-one-group.eml"))
    assert [r.recipient for r in rows] == ["full@example.jp", "gone@example.jp"]
    assert all(r.message_id == "two@sender.example" for r in rows)


def test_a_generic_status_gives_way_to_the_servers_code():
    full, _ = dsn.parse(load("dsn-two-recipients-one-group.eml"))
    assert (full.status, full.reply_code) == ("5.2.2", "552")


def test_a_folded_multiline_reply_keeps_its_code_once():
    _, gone = dsn.parse(load("dsn-two-recipients-one-group.eml"))
    assert gone.diagnostic == "550 5.1.1 The email account that you tried to reach does not exist. Please check the address."


def test_a_report_whose_boundary_is_missing_is_still_read():
    [row] = parse_email(raw("dsn-missing-boundary.eml"))
    assert (row.recipient, row.action, row.status, row.reply_code) == ("bob@example.fr", "delayed", "4.7.1", "421")
    assert row.reason_hint is None


def test_report_fields_in_a_plain_body_are_read():
    [row] = parse_email(raw("dsn-fields-in-plain-body.eml"))
    assert (row.recipient, row.status, row.action) == ("carol@example.edu", "5.5.0", "failed")


def test_a_delivered_action_is_a_delivery_report():
    text = raw("dsn-postfix-usernotfound.eml").replace(b"Action: failed", b"Action: delivered")
    [row] = parse_email(text)
    assert row.reason_hint is Reason.DELIVERED and row.hint_rule == "dsn:action-delivered"


def test_best_status_rules():
    assert dsn.best_status("5.1.0", "5.1.0 - Unknown address error 550-'5.7.1 Access denied'", "failed") == "5.7.1"
    assert dsn.best_status("4.5.0", "550 5.5.0 Service refused", "failed") == "5.5.0"
    assert dsn.best_status("4.4.7", "no code here", "delayed") == "4.4.7"
    assert dsn.best_status("", "mailbox 5.2.2 full", "failed") == "5.2.2"


def test_not_a_report_is_not_mine():
    assert dsn.parse(load("autoreply-outofoffice.eml")) is None
    assert dsn.parse(load("arf-abuse.eml")) is None


def _report(human: str, fields: str, to: str = "Ann <ann@example.net>") -> bytes:
    return (f"From: MAILER-DAEMON@mx.sender.example\nTo: news@sender.example\nSubject: Returned mail\n"
            f"MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\n\n"
            f"--b\nContent-Type: text/plain\n\n{human}\n"
            f"--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.sender.example\n\n{fields}\n"
            f"--b\nContent-Type: text/rfc822-headers\n\nTo: {to}\nMessage-ID: <m@sender.example>\n\n--b--\n").encode()


def test_an_exit_status_is_no_reply_code_and_the_transcript_reply_refines_the_status():
    human = ("   ----- Transcript of session follows -----\nprogram failed\n"
             "554 5.3.0 unknown mailer error 255\n")
    [row] = parse_email(_report(human, "Final-Recipient: rfc822; ann@example.net\nAction: failed\n"
                                       "Status: 5.0.0\nDiagnostic-Code: X-Unix; 255\n"))
    assert (row.status, row.reply_code) == ("5.3.0", "554")
    [row] = parse_email(_report("no transcript\n", "Final-Recipient: rfc822; ann@example.net\n"
                                                   "Action: failed\nStatus: 5.0.0\nDiagnostic-Code: X-Unix; 255\n"))
    assert (row.status, row.reply_code) == ("5.0.0", "")


def test_a_generic_transcript_reply_does_not_override_a_specific_status():
    human = "   ----- Transcript of session follows -----\n550 5.0.0 <ann@example.net>... Insufficient permission\n"
    [row] = parse_email(_report(human, "Final-Recipient: rfc822; ann@example.net\nAction: failed\n"
                                       "Status: 5.3.0\nDiagnostic-Code: X-Unix; 77\n"))
    assert row.status == "5.3.0"


def test_a_final_recipient_without_local_part_falls_back_to_the_originals_sole_to():
    [row] = parse_email(_report("failed\n", "Final-Recipient: RFC822; @mx.example.net\nAction: failed\n"
                                            "Status: 5.1.2\n"))
    assert (row.recipient, row.status) == ("ann@example.net", "5.1.2")
    two = _report("failed\n", "Final-Recipient: RFC822; @mx.example.net\nAction: failed\nStatus: 5.1.2\n",
                  to="ann@example.net, bob@example.net")
    assert dsn.parse(read(two)) is None  # which of the two is unknown: no row rather than a guess


def test_a_record_that_names_no_address_takes_the_one_the_report_names_not_a_list_posts_to():
    # Netscape Messaging Server sends no recipient fields; others write "LOCAL;name" or an X.400 name.
    human = ("This Message was undeliverable due to the following reason:\n\nUser unknown.\n\n"
             "The following recipients did not receive this message:\n\n     <eve@corp.example>\n\n"
             "Please reply to Postmaster@mx.sender.example\n")
    for fields in ("Final-Recipient: LOCAL;eve\nAction: failed\nStatus: 5.1.1\n",
                   "Final-Recipient: X400; c=US;p=Corp;s=Eve\nAction: failed\nStatus: 5.1.1\n"):
        [row] = parse_email(_report(human, fields, to="talk@lists.sender.example"))
        assert (row.recipient, row.status) == ("eve@corp.example", "5.1.1")
    [row] = parse_email(_report(human, "Action: failed\nStatus: 5.1.1\n", to="talk@lists.sender.example"))
    assert row.recipient == "eve@corp.example"  # no recipient field at all: the text's list is read
    # The original's To stays the recipient when the report names it too, or names nobody.
    [row] = parse_email(_report("Mail to ann@example.net failed.\n", "Action: failed\nStatus: 5.1.1\n"))
    assert row.recipient == "ann@example.net"


def test_the_reporting_mta_is_the_remote_host_when_nothing_else_names_one():
    fields = ("Final-Recipient: rfc822; ann@example.net\nAction: failed\nStatus: 5.4.4\n"
              "Diagnostic-Code: X-Outbound-Mail-Relay; Name service error for name=example.net type=MX\n")
    [row] = parse_email(_report("failed\n", fields))
    assert row.remote_host == "mx.sender.example"
    [row] = parse_email(_report("failed\n", fields + "Remote-MTA: dns; mx.example.net\n"))
    assert row.remote_host == "mx.example.net"


_FIELDS_IN_BODY = (
    "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.edu>\nTo: <news@sender.example>\n"
    "Subject: Returned mail: Service unavailable\nMIME-Version: 1.0\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"lost\"\n\n"
    "   ----- The following addresses had permanent fatal errors -----\n<ann@example.edu>\n\n"
    "   ----- Transcript of session follows -----\nmail.local: unknown user: ann\n"
    "554 <ann@example.edu>... Service unavailable\n\n"
    "Reporting-MTA: dns; mx.example.edu\n\n"
    "Final-Recipient: RFC822; ann@example.edu\nAction: failed\nStatus: 5.5.0\n\n"
    "Original-Recipient: rfc822;bob@example.net\nFinal-Recipient: rfc822;bob@example.net\nAction: delayed\n"
    "Status: 4.0.0 (example.net: host name lookup failure)\n"
)


def test_a_paragraph_that_only_lists_the_address_gives_way_to_the_transcript():
    ann, _ = parse_email(_FIELDS_IN_BODY.encode())
    assert ann.diagnostic == "mail.local: unknown user: ann 554 <ann@example.edu>... Service unavailable"
    assert (ann.status, ann.reply_code) == ("5.5.0", "554")


def test_fields_in_the_body_are_never_a_recipients_diagnostic_and_a_status_comment_is_one():
    _, bob = parse_email(_FIELDS_IN_BODY.encode())
    assert bob.diagnostic == "example.net: host name lookup failure"
    assert (bob.action, bob.status) == ("delayed", "4.0.0")
