"""Large bounces: the recipient is still found, and the work done does not grow with what is not read.

Work is measured by counting what the reader decodes (the characters its part decoder produces),
never by timing: a returned original's attachment is never decoded, a part is decoded only as far
as it is kept, and a CRLF message reads as its LF twin.
"""
from __future__ import annotations

import base64
import random
from collections.abc import Iterator
from contextlib import contextmanager

from hypothesis import given, settings
from hypothesis import strategies as st

from streams.bounces import message
from streams.bounces.formats import parse_email, textual
from streams.bounces.message import read

RCPT = "lost.reader@example.net"


def _dsn(attachment: bytes, *, crlf: bool = False) -> bytes:
    """A DSN (RFC 3464) for RCPT whose returned original carries `attachment` in base64."""
    text = (
        "From: Mail Delivery System <MAILER-DAEMON@relay.example.com>\nTo: <shop@example.com>\n"
        "Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="r"\n\n'
        "--r\nContent-Type: text/plain\n\nYour message could not be delivered.\n"
        "--r\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; relay.example.com\n\n"
        f"Final-Recipient: rfc822; {RCPT}\nAction: failed\nStatus: 5.1.1\n"
        f"Diagnostic-Code: smtp; 550 5.1.1 <{RCPT}>: no mailbox by that name\n\n"
        "--r\nContent-Type: message/rfc822\n\n"
        f"From: shop@example.com\nTo: {RCPT}\nSubject: catalogue\nMessage-ID: <cat-1@example.com>\n"
        'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="o"\n\n'
        "--o\nContent-Type: text/plain\n\nThe catalogue is attached.\n"
        "--o\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n"
        + "\n".join(base64.encodebytes(attachment).decode("ascii").splitlines())
        + "\n--o--\n\n--r--\n"
    )
    return (text.replace("\n", "\r\n") if crlf else text).encode("ascii")


def _plain(quoted: str) -> bytes:
    """A non-MIME bounce from a mailer-daemon naming RCPT, then a quoted original of any size."""
    return (
        "From: MAILER-DAEMON@relay.example.com\nTo: shop@example.com\nSubject: Returned mail: delivery failed\n\n"
        f"Delivery to the following recipient failed:\n\n<{RCPT}>: 550 5.1.1 mailbox unknown\n\n"
        "------ This is a copy of the message, including all the headers. ------\n\n"
        f"From: shop@example.com\nTo: {RCPT}\nSubject: catalogue\n\n{quoted}\n"
    ).encode("ascii")


@contextmanager
def counting_decodes() -> Iterator[list[int]]:
    """The length of every text the reader decodes while the block runs, in order."""
    seen: list[int] = []
    real = message._decode_body

    def counting(headers, params, body):
        text = real(headers, params, body)
        seen.append(len(text))
        return text

    message._decode_body = counting
    try:
        yield seen
    finally:
        message._decode_body = real


def test_a_recipient_is_found_when_a_5mb_attachment_follows():
    rows = parse_email(_dsn(random.Random(1).randbytes(5 * 2**20)))
    assert [(row.recipient, row.status, row.message_id) for row in rows] == [(RCPT, "5.1.1", "cat-1@example.com")]


def test_a_plain_text_bounce_quoting_one_5mb_line_still_names_its_recipient():
    rows = parse_email(_plain("x" * (5 * 2**20)))
    assert [(row.recipient, row.status) for row in rows] == [(RCPT, "5.1.1")]


def test_the_returned_originals_attachment_is_never_decoded():
    work = []
    for size in (10_000, 200_000, 2_000_000):
        with counting_decodes() as decoded:
            parse_email(_dsn(random.Random(size).randbytes(size)))
        work.append(decoded)
    # The same parts, of the same sizes, whatever the attachment weighs: it is not among them.
    assert work[0] == work[1] == work[2]
    assert sum(work[0]) < 2_000


def test_crlf_line_ends_do_not_change_what_is_decoded():
    with counting_decodes() as decoded:
        parse_email(_dsn(b"%PDF" * 50_000, crlf=True))
    assert sum(decoded) < 2_000


@settings(max_examples=25, deadline=None)
@given(size=st.integers(min_value=0, max_value=3 * message.MAX_PART_CHARS))
def test_decoding_work_grows_with_the_text_up_to_its_cap(size: int):
    with counting_decodes() as seen:
        msg = read(_plain("y" * size))
        text = msg.body_text
        msg.original()
    # One decode of the body, linear in it and never more than the cap, however long the input.
    assert len(seen) == 1
    assert seen[0] <= min(size + 400, message.MAX_PART_CHARS)
    assert text.startswith("Delivery to the following recipient failed:")


_LINE = st.text(alphabet="ab =:-\t@.", max_size=30)


@settings(max_examples=60, deadline=None)
@given(report=st.lists(_LINE, max_size=6), original=st.lists(_LINE, max_size=6), subject=_LINE)
def test_a_crlf_message_reads_as_its_lf_twin(report: list[str], original: list[str], subject: str):
    text = (f"Subject: {subject}\nContent-Type: multipart/report; boundary=b\n\n--b\nContent-Type: text/plain\n\n"
            + "\n".join(report) + "\n--b\nContent-Type: message/rfc822\n\nTo: a@example.org\nX-Note: "
            + subject + "\n\n" + "\n".join(original) + "\n--b--\n")
    lf, crlf = read(text.encode()), read(text.replace("\n", "\r\n").encode())
    assert crlf.headers.items == lf.headers.items
    assert [(p.content_type, p.text) for p in crlf.parts] == [(p.content_type, p.text) for p in lf.parts]
    assert crlf.original().items == lf.original().items
    assert crlf.part("message/rfc822").as_message().body_text == lf.part("message/rfc822").as_message().body_text


def test_a_header_block_longer_than_the_cap_still_ends_where_the_body_begins():
    hops = "".join(f"Received: from hop{n}.example.org\n\tby hop{n + 1}.example.org; Tue, 3 Nov 2026\n"
                   for n in range(3000))
    msg = read(("Subject: hops\n" + hops + "\nthe body\n").encode())
    assert len(msg.headers) == message.MAX_HEADERS
    assert msg.headers.get("subject") == "hops"
    assert msg.body_text == "the body\n"


def test_mixed_line_ends_read_as_their_lf_twin():
    lf = "From MAILER-DAEMON Tue Nov  3 10:20:31 2026\nSubject: failed\nTo: a@example.org\n\nbody\n\nmore\n"
    mixed = lf.replace("\n", "\r\n").replace("\r\n", "\n", 1)  # the mbox line ends in LF, the rest in CRLF
    for text in (mixed, mixed.replace("\r\n\r\n", "\r\n\n", 1)):
        msg, twin = read(text.encode()), read(lf.encode())
        assert msg.headers.items == twin.headers.items == (("Subject", "failed"), ("To", "a@example.org"))
        assert msg.body_text == twin.body_text == "body\n\nmore\n"


@settings(max_examples=100, deadline=None)
@given(rows=st.lists(st.text(alphabet="ab -:", max_size=12), max_size=20),
       marks=st.lists(st.text(alphabet="ab -:", min_size=1, max_size=3), max_size=4))
def test_rows_with_marks_are_the_rows_a_row_by_row_test_finds(rows: list[str], marks: list[str]):
    # textual.rows_with finds them on the joined text (one str.find pass per mark, not a test per row).
    assert textual.rows_with(rows, marks) == {i for i, row in enumerate(rows) if any(m in row for m in marks)}
