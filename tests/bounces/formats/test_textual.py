import pytest

from streams.bounces.formats import (
    dragonfly, exchange2003, exim, ezweb, gmail, googlegroups, imailserver, mailfoundry, mcafee, mfilter, notes,
    opensmtpd, postfix, qmail, sendmail, textual, verizon, x6,
)
from streams.bounces.message import read

TEXT_FORMATS = (dragonfly, exchange2003, exim, ezweb, gmail, googlegroups, imailserver, mailfoundry, mcafee,
                mfilter, notes, opensmtpd, postfix, qmail, sendmail, verizon, x6)


def test_the_first_address_of_a_line():
    assert textual.first_address("550 <a.b+c@example.net>... and x@y.example") == "a.b+c@example.net"
    assert textual.first_address("no address here, just @ signs @@") == ""


def test_a_multiline_reply_keeps_its_code_once():
    assert textual.diagnostic(["Remote host said: 550-5.7.1 Refused", "550-5.7.1 by policy", "550 5.7.1 here"]) == \
        "Remote host said: 550 5.7.1 Refused by policy here"


def test_a_failure_without_codes_still_says_permanent_or_not():
    assert textual.bounce("a@example.net", "account is locked").status == "5.0.0"
    assert textual.bounce("a@example.net", "still trying", action="delayed").status == "4.0.0"


@pytest.mark.parametrize("module", TEXT_FORMATS, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
@pytest.mark.parametrize("data", [b"", b"\x00\xff" * 5000, b"Subject: x\n\n" + b"@" * 200_000,
                                  b"Content-Type: multipart/mixed; boundary=x\n\n--x\n\n--x--\n"])
def test_empty_or_garbage_input_is_not_any_format(module, data):
    assert module.parse(read(data)) is None


def test_the_last_reply_of_a_transcript():
    rows = ["... while talking to mx.example.net:", "<<< 550 5.1.1 <a@example.net>... User unknown",
            "554 5.0.0 Service unavailable", "--"]
    assert textual.last_reply(rows) == "554 5.0.0 Service unavailable"
    assert textual.last_reply(["<<< 421 4.7.0 too many errors"]) == "421 4.7.0 too many errors"
    assert textual.last_reply(["550 without status", "no reply"]) == ""


def test_read_of_a_bounce_keeps_the_report_text_and_only_the_originals_headers():
    from streams.bounces.message import read as read_message
    msg = read_message(b"From: MAILER-DAEMON@mx.example\nSubject: failed\n"
                       b"Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nreport text\n"
                       b"--b\nContent-Type: message/rfc822\n\nTo: ann@example.net\nMessage-ID: <m1@sender.example>\n"
                       b"Content-Type: multipart/alternative; boundary=c\n\n--c\nContent-Type: text/plain\n\nhello\n--c--\n"
                       b"--b--\n")
    mail = textual.read(msg)
    assert mail.text.strip() == "report text"
    assert mail.original == "To: ann@example.net\nMessage-ID: <m1@sender.example>\nContent-Type: multipart/alternative; boundary=c"
    assert mail.headers["subject"] == "failed"


@pytest.mark.parametrize("text", [
    "a\nb Ann@Example.NET c\nd\n\ne\n",
    "\u0130x\nann@example.net\n",  # lower() changes the length: rows are scanned
    "x" * 2500 + " ann@example.net\nnext\n",  # beyond the part of a row lines() keeps
    "\n" * 700 + "ann@example.net\n",  # beyond the rows lines() keeps
    "no address here\n",
])
def test_rows_from_answers_as_a_row_by_row_scan(text):
    rows = textual.lines(text)
    expected = next((rows[i:i + 3] for i, row in enumerate(rows) if "ann@example.net" in row.lower()), None)
    assert textual.rows_from(text, ("ann@example.net",), 3) == expected
