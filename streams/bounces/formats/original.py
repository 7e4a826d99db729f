"""The returned original message inside a bounce (RFC 6522): its Message-ID, To and contact hints. Pure.

Hints are what lets the platform tie a bounce to a contact without trusting the recipient text:
X- headers the sender put in the original (X-Contact-Id, X-Campaign-Id, ...) and a VERP-encoded
return path (bounces+alice=example.org@sender.example).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from streams.bounces.address import extract, normalise, verp
from streams.bounces.message import Headers, Message, read_headers

# Header-name fragments of the original that identify a contact or a send (ESP conventions).
_HINT_NAMES = ("contact", "campaign", "customer", "tenant", "subscriber", "recipient", "list-id", "mailing",
               "user-id", "job", "feedback-id", "message-id")
_HINT_NAME = re.compile("|".join(map(re.escape, _HINT_NAMES)))
MAX_HINTS = 12


@dataclass(frozen=True, slots=True)
class Original:
    message_id: str = ""
    hints: tuple[tuple[str, str], ...] = ()
    to: str = ""
    headers: Headers | None = None


def headers_in_text(text: str) -> Headers | None:
    """The original's header block when a plain-text bounce quotes it after a marker line.

    MTAs that send no MIME structure copy the original below a line such as "--- Below this line
    is a copy of the message." or "------ This is a copy of the message, including all the
    headers. ------": the first block there that reads as headers with a From/To/Subject is it.
    """
    lowered = text.lower()
    for marker in ("message-id:", "\nreturn-path:", "\nreceived:", "\nfrom:", "\nto:"):
        at = lowered.find(marker)
        if at >= 0:
            start = lowered.rfind("\n\n", 0, at)
            headers, _ = read_headers(text[start + 2 if start >= 0 else 0:].lstrip("\n"))
            if any(name in headers for name in ("message-id", "to", "subject")):
                return headers
    return None


def read(msg: Message) -> Original:
    """Facts of the returned original: from its MIME part, or from the headers quoted in the text."""
    headers = msg.original()
    hints: list[tuple[str, str]] = []
    for name in ("Return-Path", "To", "Delivered-To", "X-Original-To"):
        for value in msg.headers.get_all(name):
            decoded = verp(value)
            if decoded:
                hints.append(("verp", decoded))
    if headers is None:
        return Original(hints=tuple(dict.fromkeys(hints))[:MAX_HINTS])
    message_id = headers.get("message-id").strip().strip("<>").strip()
    for name, value in headers.items:
        lowered = name.lower()
        if lowered.startswith("x-") and _HINT_NAME.search(lowered):
            hints.append((name, " ".join(value.split())[:200]))
    for value in headers.get_all("return-path"):
        decoded = verp(value)
        if decoded:
            hints.append(("verp", decoded))
    to = " ".join(headers.get("to").split())
    return Original(message_id, tuple(dict.fromkeys(hints))[:MAX_HINTS], to, headers)


def not_recipients(msg: Message, original: Original, text: str) -> set[str]:
    """Addresses that are never the failed recipient: the bounce's own (From, To, ...) and the
    returned original's sender side (From, Sender, Reply-To, Return-Path), read from its MIME part
    or, when the bounce quotes it as text, from the quoted header block; and a mailing list's own
    addresses (RFC 2369 List-Post, List-Help, ... and Mailman's X-BeenThere): a list post's To is
    the list, which the report may quote, not the subscriber it failed for."""
    own = {normalise(a) for name in ("from", "to", "return-path", "reply-to", "sender")
           for a in extract(msg.headers.get(name))}
    headers = original.headers if original.headers is not None else headers_in_text(text)
    if headers is not None:
        own |= {normalise(a) for name in _SENDER_SIDE for a in extract(headers.get(name))}
    return own


_SENDER_SIDE = ("from", "sender", "reply-to", "return-path", "errors-to", "list-post", "list-help", "list-subscribe",
                "list-unsubscribe", "list-owner", "x-beenthere")


def addressee(msg: Message, quoted: str) -> str:
    """The first To address of the returned original's header text `quoted` (a bounce that says only
    that the message failed names no recipient of its own), or "" when there is none or it is one
    of not_recipients: a list post's To is the list, not the subscriber it failed for."""
    to = next((row[3:] for row in quoted.split("\n", 100)[:100] if row[:3].lower() == "to:"), "")
    found = extract(to)
    if not found:
        return ""
    address = normalise(found[0])
    return "" if address in not_recipients(msg, read(msg), quoted) else address
