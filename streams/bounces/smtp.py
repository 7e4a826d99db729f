"""SMTP rejection records as an MTA logs them (RFC 5321 §4.2 replies) -> one Bounce. Pure.

Reads "550 5.1.1 <a@b.org>: Recipient address rejected: User unknown", multi-line replies
("550-5.7.1 first\\n550 5.7.1 last"), replies without an enhanced code, and the prefixes MTAs put
before the remote text: Postfix "host mx.b.org[192.0.2.1] said: ... (in reply to RCPT TO command)",
Exim "SMTP error from remote mail server after RCPT TO:<a@b.org>: host mx.b.org [192.0.2.1]: ...".
"""
from __future__ import annotations

import re

from streams.bounces.address import normalise
from streams.bounces.smtpreply import enhanced_status, reply_code
from streams.model import Bounce, ParseError

__all__ = ["parse"]

MAX_PAYLOAD = 16384  # characters read: a reply is a few lines; the rest is noise

# A reply line "550-5.7.1 text" or "550 text": the code and its separator are dropped when joining.
_LINE_CODE = re.compile(r"^[245]\d\d[ -](?:[245]\.\d{1,3}\.\d{1,3} )?")
# Postfix "host mx.b.org[192.0.2.1] said:", Exim "host mx.b.org [192.0.2.1]:".
_HOST = re.compile(r"\bhost ([a-z0-9][a-z0-9.-]*\.[a-z]{2,63})\.? ?\[", re.IGNORECASE)
# Postfix "(in reply to RCPT TO command)", Exim "after RCPT TO:<a@b>" / "after end of data".
_COMMAND = re.compile(
    r"in reply to (?:the )?(mail from|rcpt to|data|end of data|helo|ehlo|starttls)\b"
    r"|after (mail from|rcpt to|data|end of data|helo|ehlo|initial connection|starttls)\b",
    re.IGNORECASE,
)
_COMMANDS = {
    "mail from": "MAIL", "rcpt to": "RCPT", "data": "DATA", "end of data": "DATA",
    "helo": "HELO", "ehlo": "EHLO", "starttls": "STARTTLS", "initial connection": "CONN",
}
# An address: bracketed first ("<a@b.org>"), else bare. Bounded repetition, no nesting.
_BRACKETED = re.compile(r"<([^<>\s@]{1,256}@[a-z0-9.-]{1,255}\.[a-z]{2,63})>", re.IGNORECASE)
_BARE = re.compile(r"(?<![\w.+-])([\w.+-]{1,256}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,8}\.[a-z]{2,63})\b",
                   re.IGNORECASE)
_LETTERS = re.compile(r"[a-z]{2,}", re.IGNORECASE)


def _join_lines(payload: str) -> str:
    """A multi-line reply as one line: continuation codes dropped, first code kept."""
    lines = [line.strip() for line in payload.splitlines() if line.strip()]
    if len(lines) < 2:
        return lines[0] if lines else ""
    first, rest = lines[0], lines[1:]
    return " ".join([first] + [_LINE_CODE.sub("", line, count=1) for line in rest])


def parse(payload: str, recipient: str = "") -> list[Bounce]:
    """One Bounce for one SMTP rejection record. Raises ParseError for empty or unreadable payloads."""
    if not isinstance(payload, str):
        raise ParseError(f"smtp payload must be text, not {type(payload).__name__}")
    text = payload[:MAX_PAYLOAD].replace("\x00", "")
    if not text.strip():
        raise ParseError("smtp payload is empty")
    diagnostic = _join_lines(text)
    reply = reply_code(diagnostic)
    status = enhanced_status(diagnostic)
    if not reply and not status and not _LETTERS.search(diagnostic):
        raise ParseError("smtp payload has no reply code, enhanced status code or reply text")

    address = normalise(recipient) if recipient and recipient.strip() else ""
    if not address:
        found = _BRACKETED.search(diagnostic) or _BARE.search(diagnostic)
        if found is None:
            raise ParseError("smtp payload names no recipient address and none was supplied")
        address = found.group(1).lower()

    host = _HOST.search(diagnostic)
    command = _COMMAND.search(diagnostic)
    return [Bounce(
        recipient=address,
        status=status,
        reply_code=reply,
        diagnostic=diagnostic,
        remote_host=host.group(1).lower() if host else "",
        smtp_command=_COMMANDS[(command.group(1) or command.group(2)).lower()] if command else "",
    )]
