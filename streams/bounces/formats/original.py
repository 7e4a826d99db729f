"""The returned original message inside a bounce (RFC 6522): its Message-ID and contact hints. Pure.

Hints are what lets the platform tie a bounce to a contact without trusting the recipient text:
X- headers the sender put in the original (X-Contact-Id, X-Campaign-Id, ...) and a VERP-encoded
return path (bounces+alice=example.org@sender.example).
"""
from __future__ import annotations

from dataclasses import dataclass
from email.message import Message
from email.parser import HeaderParser

from streams.bounces.address import verp

# Header-name fragments of the original that identify a contact or a send (ESP conventions).
_HINT_NAMES = ("contact", "campaign", "customer", "tenant", "subscriber", "recipient", "list-id", "mailing",
               "user-id", "job", "feedback-id", "message-id")
MAX_HINTS = 12


@dataclass(frozen=True, slots=True)
class Original:
    message_id: str = ""
    hints: tuple[tuple[str, str], ...] = ()
    to: str = ""
    headers: Message | None = None


def _headers(msg: Message) -> Message | None:
    for part in msg.walk():
        ctype = part.get_content_type()
        if ctype in ("message/rfc822", "message/global"):
            payload = part.get_payload()
            if isinstance(payload, list) and payload and isinstance(payload[0], Message):
                return payload[0]
        elif ctype in ("text/rfc822-headers", "message/global-headers"):
            text = part.get_payload(decode=True) or b""
            return HeaderParser().parsestr(text.decode("utf-8", "replace").replace("\r\n", "\n"))
    return None


def read(msg: Message) -> Original:
    headers = _headers(msg)
    hints: list[tuple[str, str]] = []
    for name in ("Return-Path", "To", "Delivered-To"):
        for value in msg.get_all(name, []):
            decoded = verp(str(value))
            if decoded:
                hints.append(("verp", decoded))
    if headers is None:
        return Original(hints=tuple(hints[:MAX_HINTS]))
    message_id = str(headers.get("Message-ID", "") or "").strip().strip("<>").strip()
    for name, value in headers.items():
        lowered = name.lower()
        if lowered.startswith("x-") and any(part in lowered for part in _HINT_NAMES):
            hints.append((name, " ".join(str(value).split())[:200]))
    for value in headers.get_all("Return-Path", []):
        decoded = verp(str(value))
        if decoded:
            hints.append(("verp", decoded))
    to = " ".join(str(headers.get("To", "") or "").split())
    return Original(message_id, tuple(dict.fromkeys(hints))[:MAX_HINTS], to, headers)
