"""Older and smaller MTAs' bounces that announce a list of failed recipients: one row per recipient,
each with the text the classifier reads (fixtures: tests/bounces/formats/olderlayouts.py)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.bounces import message
from streams.bounces.formats import parse_email, recipientlist
from streams.classify import classify
from streams.model import Reason

from tests.bounces.formats.olderlayouts import LAYOUTS, bounce


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_each_listed_recipient_is_a_row_with_the_servers_text(name):
    text, recipients, said, action = LAYOUTS[name]
    rows = parse_email(text)
    assert sorted(row.recipient for row in rows) == sorted(recipients)
    for row in rows:
        assert said in row.diagnostic
        assert row.action == action
        assert row.status.startswith("4." if action == "delayed" else "5.") or row.reply_code


def test_the_reason_is_read_from_each_recipients_own_line():
    rows = parse_email(LAYOUTS["postfix-under-another-name"][0])
    reasons = {row.recipient: classify(row).reason for row in rows}
    assert reasons == {"tom@gw.example": Reason.FILTERED, "uma@gw.example": Reason.MAILBOXFULL}
    # "unknown user" with no SMTP command is read as Sisimai reads it (filtered); the mailbox one is its own


def test_a_reason_stated_once_above_the_list_reaches_every_recipient():
    rows = parse_email(LAYOUTS["netscape-reason-above-list"][0])
    assert [classify(row).reason for row in rows] == [Reason.MAILBOXFULL]


def test_a_reply_quoted_in_the_transcript_is_the_recipients_diagnostic():
    [row] = parse_email(LAYOUTS["sendmail-list-reply-in-transcript"][0])
    assert (row.reply_code, classify(row).reason) == ("550", Reason.SUSPEND)


def test_the_returned_originals_sender_and_the_list_address_are_never_recipients():
    for text, _, _, _ in LAYOUTS.values():
        named = {row.recipient for row in parse_email(text)}
        assert not named & {"poster@sender.example", "talk@lists.example.org", "list-bounces@lists.example.org"}


def test_bare_names_are_qualified_only_by_a_daemon_that_signed_the_bounce_with_its_mail_domain():
    body = "Message not delivered to the following:\n\n        lena    No such mailbox\n"
    signed = bounce("Mail Delivery Subsystem <MAILER-DAEMON@univ.example>", "Returned mail", body, quoted=False)
    assert [r.recipient for r in recipientlist.parse(message.read(signed))] == ["lena@univ.example"]
    by_host = bounce("MAILER-DAEMON@mx2.univ.example", "Returned mail", body, quoted=False)
    assert [r.recipient for r in recipientlist.parse(message.read(by_host))] == ["lena@univ.example"]
    by_host = bounce("MAILER-DAEMON@mx2.example.ac.jp", "Returned mail", body, quoted=False)
    assert [r.recipient for r in recipientlist.parse(message.read(by_host))] == ["lena@example.ac.jp"]
    personal = bounce("Lena <lena@univ.example>", "Returned mail", body, quoted=False)
    assert recipientlist.parse(message.read(personal)) is None


def test_a_person_writing_the_sentence_is_not_a_bounce():
    text = ("From: Ann <ann@example.com>\nTo: Bob <bob@example.org>\nSubject: lunch\n\n"
            "The following recipients did not receive this message:\n  <carol@example.net>\nCan you forward it?\n")
    assert recipientlist.parse(message.read(text)) is None


def test_an_intro_without_a_listed_address_gives_nothing():
    text = bounce("MAILER-DAEMON@relay.example", "Returned mail",
                  "The following addresses had permanent fatal errors\n\nplease check them\n", quoted=False)
    assert recipientlist.parse(message.read(text)) is None


def test_a_recipient_whose_name_is_a_word_of_the_reply_sentence_is_still_a_recipient():
    text = bounce("postmaster@mail.example.net", "Delivery failure",
                  "The following recipients did not receive this message:\n\n     <contact@mail.example.net>\n\n"
                  "Please reply to postmaster@mail.example.net\nif you feel this message to be in error.\n")
    assert [row.recipient for row in parse_email(text)] == ["contact@mail.example.net"]


def test_a_bare_name_is_the_returned_originals_addressee_of_that_name():
    text = ("From: MAILER-DAEMON@mx.univ.example\nTo: news@sender.example\nSubject: Returned mail\nMIME-Version: 1.0\n"
            "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\n"
            "Message not delivered to the following:\n\n        lena    No such mailbox\n\n"
            "--b\nContent-Type: message/rfc822\n\nFrom: news@sender.example\nTo: Lena <lena@dept.univ.example>\n"
            "Subject: news\n\nhello\n--b--\n")
    assert [r.recipient for r in parse_email(text)] == ["lena@dept.univ.example"]


_LINE = st.text(st.sampled_from(list("abc xyz@.<>:-*\t()\"'550")), max_size=40)


@settings(deadline=None, max_examples=200)
@given(st.lists(_LINE, max_size=12), st.sampled_from(recipientlist.INTROS))
def test_whatever_follows_an_intro_rows_are_addresses_and_never_the_senders(lines, intro):
    text = bounce("MAILER-DAEMON@mx.example", "Returned mail", "\n".join([intro, *lines]) + "\n")
    rows = recipientlist.parse(message.read(text)) or []
    assert len({row.recipient for row in rows}) == len(rows)
    for row in rows:
        local, at, domain = row.recipient.rpartition("@")
        assert at and local and domain
        assert row.recipient not in {"mailer-daemon@mx.example", "list-bounces@lists.example.org",
                                      "poster@sender.example"}
