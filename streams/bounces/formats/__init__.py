"""Bounce e-mails (RFC 5322 text) -> Bounce rows: one module per format, tried in FORMATS order. Pure.

Each module has `parse(msg) -> list[Bounce] | None` over a parsed message (stdlib `email`,
compat32 policy: the fastest, and tolerant of broken MIME); None means "not mine, try the next".
The order is a decision: complaint reports and auto-replies first (bounces can look like both);
OpenSMTPD before the generic DSN reader (its DSN part carries a generic status, its text the
server's reply); the RFC 3464 reader; then the MTAs whose bounces are plain text; the heuristic
reader last.
"""
from __future__ import annotations

import email
from email import policy as email_policy
from types import ModuleType

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
    verizon,
    x6,
)
from streams.model import Bounce, ParseError

FORMATS: tuple[ModuleType, ...] = (
    arf,
    autoreply,
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

# A bounce is a few kilobytes; the returned original may be large. What is past this is not read.
MAX_BYTES = 2 * 1024 * 1024


def read(payload: str | bytes) -> email.message.Message:
    """The parsed message of a payload, cut to MAX_BYTES.

    Bytes that are not UTF-8 are read as Latin-1, which maps each byte to one character: headers
    stay text, and compat32 gives a part's original bytes back when its body is decoded.
    """
    if isinstance(payload, str) and not payload.isascii():
        # 8-bit text carried as surrogate escapes (or any non-ASCII text): back to bytes, read as below.
        payload = payload[:MAX_BYTES].encode("utf-8", "surrogateescape")
    if isinstance(payload, bytes):
        data = payload[:MAX_BYTES]
        try:
            payload = data.decode("utf-8")
        except UnicodeDecodeError:
            payload = data.decode("latin-1")
    return email.message_from_string(payload[:MAX_BYTES], policy=email_policy.compat32)


def parse_email(payload: str | bytes, recipient: str = "") -> list[Bounce]:
    """Every reported recipient of a bounce e-mail. ParseError when it reports none.

    `recipient` (the address the producer knows, if any) does not filter the rows: a bounce
    reports on each recipient of the original, and each row is its own contact.
    """
    if not isinstance(payload, (str, bytes)) or not payload.strip():
        raise ParseError("the payload is not the text of an e-mail")
    try:
        msg = read(payload)
    except Exception as exc:  # the stdlib parser is tolerant; anything it raises is a broken message
        raise ParseError(f"unreadable e-mail: {exc}") from None
    if not msg.keys():
        raise ParseError("no e-mail headers")
    for module in FORMATS:
        try:
            rows = module.parse(msg)
        except (LookupError, ValueError, TypeError, AttributeError, UnicodeError) as exc:
            raise ParseError(f"{module.__name__.rsplit('.', 1)[-1]}: cannot read this message: {exc}") from None
        if rows:
            return rows
    raise ParseError("no failed recipient found: not a bounce this parser knows")
