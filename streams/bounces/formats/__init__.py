"""Bounce e-mails (RFC 5322 text) -> Bounce rows: one module per format, tried in FORMATS order. Pure.

Each module has `parse(msg) -> list[Bounce] | None` over a message read by
`streams.bounces.message` (a bounded MIME reader, faster than the stdlib `email` package and
tolerant of broken MIME); None means "not mine, try the next".
The order is a decision: complaint reports and auto-replies first (bounces can look like both);
SES notifications sent by e-mail (JSON bodies) before anything reads their text;
OpenSMTPD before the generic DSN reader (its DSN part carries a generic status, its text the
server's reply); the RFC 3464 reader; then the MTAs whose bounces are plain text; the heuristic
reader last.
"""
from __future__ import annotations

from dataclasses import replace
from types import ModuleType

from streams.bounces.message import read
from streams.bounces.formats import (
    arf,
    autoreply,
    dragonfly,
    dsn,
    exchange2003,
    exim,
    ezweb,
    gmail,
    googlegroups,
    heuristic,
    imailserver,
    mailfoundry,
    mcafee,
    mfilter,
    notes,
    opensmtpd,
    postfix,
    qmail,
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
    mailfoundry,
    x6,
    verizon,
    heuristic,
)

def parse_email(payload: str | bytes, recipient: str = "") -> list[Bounce]:
    """Every reported recipient of a bounce e-mail. ParseError when it reports none.

    `recipient` (the address the producer knows, if any) does not filter the rows: a bounce
    reports on each recipient of the original, and each row is its own contact. It fills only a
    row whose recipient the message withholds (a complaint report with the address redacted).
    """
    if not isinstance(payload, (str, bytes)) or not payload.strip():
        raise ParseError("the payload is not the text of an e-mail")
    msg = read(payload)
    if not msg.headers.items:
        raise ParseError("no e-mail headers")
    for module in FORMATS:
        try:
            rows = module.parse(msg)
        except (LookupError, ValueError, TypeError, AttributeError, UnicodeError) as exc:
            raise ParseError(f"{module.__name__.rsplit('.', 1)[-1]}: cannot read this message: {exc}") from None
        if rows:
            if recipient and any(not row.recipient for row in rows):
                filled = recipient.strip().strip("<>").strip().lower()
                rows = [row if row.recipient else replace(row, recipient=filled) for row in rows]
            return rows
    raise ParseError("no failed recipient found: not a bounce this parser knows")
