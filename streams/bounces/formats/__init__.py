"""Bounce e-mails (RFC 5322 text) -> Bounce rows: one module per format, tried in FORMATS order. Pure.

Each module has `parse(msg) -> list[Bounce] | None` over a message read by
`streams.bounces.message` (a bounded MIME reader, faster than the stdlib `email` package and
tolerant of broken MIME); None means "not mine, try the next".
The order is a decision: complaint reports and auto-replies first (bounces can look like both);
SES notifications sent by e-mail (JSON bodies) before anything reads their text;
OpenSMTPD before the generic DSN reader (its DSN part carries a generic status, its text the
server's reply); the RFC 3464 reader; then the MTAs whose bounces are plain text; the heuristic
reader last. A digest (multipart/digest) is read entry by entry, each entry a bounce of its own.
"""
from __future__ import annotations

import re
from dataclasses import replace
from types import ModuleType

from streams.bounces.address import normalise
from streams.bounces.message import MAX_BYTES, Message, read
from streams.bounces.formats import (
    arf,
    autoreply,
    dragonfly,
    dsn,
    exchange2003,
    exim,
    ezweb,
    fml,
    gmail,
    googlegroups,
    heuristic,
    imailserver,
    interscanmss,
    listed,
    mailfoundry,
    mcafee,
    mfilter,
    notes,
    opensmtpd,
    reporters,
    postfix,
    qmail,
    recipientlist,
    sendmail,
    sesmail,
    verizon,
    x6,
)
from streams.model import Bounce, ParseError

FORMATS: tuple[ModuleType, ...] = (
    arf,
    autoreply,
    sesmail,
    opensmtpd,
    dsn,
    googlegroups,
    gmail,
    exim,
    qmail,
    postfix,
    dragonfly,
    sendmail,
    imailserver,
    ezweb,
    exchange2003,
    mfilter,
    notes,
    mcafee,
    interscanmss,
    mailfoundry,
    x6,
    verizon,
    fml,
    listed,
    recipientlist,
    heuristic,
)

# An mbox envelope line (asctime date): "From MAILER-DAEMON  Tue Nov  3 10:20:31 2026".
_ENVELOPE = re.compile(rb"From \S{1,320} +[A-Z][a-z]{2} [A-Z][a-z]{2} +\d{1,2} \d\d:\d\d")
MAX_MBOX_MESSAGES = 20


def messages(payload: bytes) -> list[bytes]:
    """The messages of an mbox (each after its "From " envelope line), or [payload] when it is one.

    Sisimai's corpus and mail spools hand over mboxes; in one, a body line opening with "From "
    is escaped (">From "), so an envelope-shaped "From " line starts the next message. Only the
    first MAX_BYTES are split, so the work stays bounded however many messages follow.
    """
    if not payload.startswith(b"From "):
        return [payload]
    payload = payload[:MAX_BYTES]
    out, start = [], 0
    at = payload.find(b"\nFrom ")
    while at >= 0 and len(out) < MAX_MBOX_MESSAGES - 1:
        if _ENVELOPE.match(payload, at + 1, at + 400):
            out.append(payload[start:at + 1])
            start = at + 1
        at = payload.find(b"\nFrom ", at + 1)
    out.append(payload[start:])
    return out


def parse_email(payload: str | bytes, recipient: str = "") -> list[Bounce]:
    """Every reported recipient of a bounce e-mail. ParseError when it reports none.

    `recipient` (the address the producer knows, if any) does not filter the rows: a bounce
    reports on each recipient of the original, and each row is its own contact. It fills only a
    row whose recipient the message withholds (a complaint report with the address redacted).
    """
    if not isinstance(payload, (str, bytes)) or not payload.strip():
        raise ParseError("the payload is not the text of an e-mail")
    if payload.startswith("From " if isinstance(payload, str) else b"From "):
        data = payload.encode("utf-8", "surrogateescape") if isinstance(payload, str) else payload
        parts = messages(data)
        if len(parts) > 1:
            rows: list[Bounce] = []
            for part in parts:
                try:
                    rows += _parse_one(part, recipient)
                except ParseError:
                    continue  # a message of the mbox that is no bounce: the others still count
            if not rows:
                raise ParseError("no failed recipient found in any message of the mbox")
            return rows
    return _parse_one(payload, recipient)


def _signed(msg: Message, rows: list[Bounce]) -> list[Bounce]:
    """Rows with the MTA that signed the message as their reporter, where the format named none."""
    name = reporters.signer(msg.headers)
    if not name:
        return rows
    return [row if row.reporter else replace(row, reporter=name) for row in rows]


def _parse_one(payload: str | bytes, recipient: str) -> list[Bounce]:
    msg = read(payload)
    if not msg.headers.items:
        raise ParseError("no e-mail headers")
    if msg.content_type == "multipart/digest":
        rows = _digest(msg, recipient)
        if rows:
            return rows
    return _parse_message(msg, recipient)


def _digest(msg: Message, recipient: str) -> list[Bounce]:
    """The rows of every bounce a digest (RFC 2046 §5.1.5) carries: a mailing list's digest of the
    bounces it received holds one message per entry, each reporting its own recipients."""
    rows: list[Bounce] = []
    for entry in msg.children:
        if entry.content_type == "message/rfc822" and entry.text.strip():
            try:
                rows += _parse_message(entry.as_message(), recipient)
            except ParseError:
                continue  # an entry that is no bounce: the others still count
    return rows


def _parse_message(msg: Message, recipient: str) -> list[Bounce]:
    if not msg.headers.items:
        raise ParseError("no e-mail headers")
    for module in FORMATS:
        try:
            rows = module.parse(msg)
        except (LookupError, ValueError, TypeError, AttributeError, UnicodeError) as exc:
            raise ParseError(f"{module.__name__.rsplit('.', 1)[-1]}: cannot read this message: {exc}") from None
        if rows:
            rows = _signed(msg, rows)
            if recipient and any(not row.recipient for row in rows):
                filled = normalise(recipient)
                rows = [row if row.recipient else replace(row, recipient=filled) for row in rows]
            return rows
    raise ParseError("no failed recipient found: not a bounce this parser knows")
