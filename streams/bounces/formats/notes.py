"""Lotus Notes / Domino bounces: "------- Failure Reasons --------", and Domino's "was not delivered to:".

Layouts (Sisimai lhost/via-notes.go, via-domino.go):
    ------- Failure Reasons  --------
    User  not listed in public Name & Address Book
    user@example.net
    ------- Returned Message --------
and
    Your message
      Subject: ...
    was not delivered to:
      user@example.net
    because:
      User some.name (user@example.net) not listed in Domino Directory
"""
from __future__ import annotations


from streams.bounces.address import extract
from streams.bounces.formats import textual
from streams.bounces.message import Message
from streams.model import Bounce

_FAILURE = "------- Failure Reasons"
_RETURNED = ("------- Returned Message --------",)
_NOT_DELIVERED = "was not delivered to:"
_BECAUSE = "because:"


def parse(msg: Message) -> list[Bounce] | None:
    mail = textual.read(msg)
    head = mail.text[:3000]
    if _FAILURE in head:
        return _failure_reasons(mail)
    if _NOT_DELIVERED in head and _BECAUSE in head:
        return _domino(mail)
    return None


def _failure_reasons(mail: textual.Mail) -> list[Bounce] | None:
    rows = textual.lines(mail.text)
    report = textual.between(rows, (_FAILURE,), _RETURNED)
    if report is None:
        return None
    body, end = report
    original_id = textual.message_id(mail.original or "\n".join(rows[end + 1:]))
    out, reasons = [], []
    for row in body:
        address = textual.first_address(row)
        if address and row.strip().strip("<>") == address:
            out.append(textual.bounce(address, textual.diagnostic(reasons), original_id=original_id))
            reasons = []
        elif row.strip():
            reasons.append(row)
    return out or None


def _domino(mail: textual.Mail) -> list[Bounce] | None:
    rows = textual.lines(mail.text)
    listed = textual.between(rows, (_NOT_DELIVERED,), (_BECAUSE,))
    because = textual.between(rows, (_BECAUSE,), ("Content-Type: message/",))
    if listed is None or because is None:
        return None
    # The reason runs to the first blank line after it.
    reason: list[str] = []
    for row in because[0]:
        if not row.strip() and reason:
            break
        reason.append(row)
    text = textual.diagnostic(reason)
    original_id = textual.message_id(mail.original)
    return [textual.bounce(a, text, original_id=original_id)
            for row in listed[0] for a in extract(row)[:1]] or None
