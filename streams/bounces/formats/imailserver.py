"""Ipswitch/Progress IMail Server bounces: X-Mailer "<SMTP32 v...>", "Original message follows."

Layout (Sisimai lhost/via-imailserver.go):
    Unknown user: user@example.net                 (IMail's own label, then the address)
    Original message follows.
or, when the remote server answered:
    undeliverable to user@example.net
    Body of message generated response:
    550 5.1.1 User unknown
IMail's labels name the reason themselves (rows reported by "imailserver", read by
streams/classify/reporters.py); the remote server's reply, when quoted, is left to the classifier. SurfControl's filter, which shares the "Undeliverable Mail" subject, writes
    Addressed To: user@example.net
    user@example.net: [192.0.2.1], 550 user@example.net... No such user
(its transcript: the address, the host that answered and its reply): that line is the reply of the
recipient named above, not a second recipient.
"""
from __future__ import annotations

from dataclasses import replace

from streams.bounces.formats import textual
from streams.bounces.message import Message
from streams.model import Bounce

_ENDS = ("Original message follows.",)
_RESPONSE = "Body of message generated response:"
# IMail's labels ("<label>: <address>"); the reasons they state are read by streams/classify/reporters.py.
_LABELS = ("Unknown user", "Invalid final delivery userid", "User mailbox exceeds allowed size", "Unknown host",
           "Delivery failed ")  # "Delivery failed 20 attempts: user@example.net"


def parse(msg: Message) -> list[Bounce] | None:
    mail = textual.read(msg)
    mailer = mail.headers.get("x-mailer", "")
    if not (mailer.startswith(("<SMTP32 v", "<IMail v")) or mail.headers.get("subject", "").strip() == "Undeliverable Mail"):
        return None
    rows = textual.lines(mail.text)
    body, end = textual.between(rows, (), _ENDS)
    original_id = textual.message_id(mail.original or "\n".join(rows[end + 1:]))
    response = textual.between(body, (_RESPONSE,), ())
    reply = textual.diagnostic(response[0]) if response else ""
    out: list[Bounce] = []
    for row in body:
        label, colon, rest = row.partition(": ")
        if colon and "@" in label and rest.startswith("["):
            _transcript_reply(out, label, rest)
        elif row.startswith("undeliverable to ") or (colon and "@" in rest and len(label) > 8):
            recipient = textual.first_address(row)
            if not recipient:
                continue
            # The label row is IMail's own word on the failure; a quoted reply is the remote server's.
            own = not reply and row.startswith(_LABELS)
            out.append(textual.bounce(recipient, reply or row.strip(), original_id=original_id,
                                      reporter="imailserver" if own else ""))
    return out or None


def _transcript_reply(out: list[Bounce], address: str, rest: str) -> None:
    """SurfControl's "user@example.net: [192.0.2.1], 550 ... No such user": the reply of the row of
    that address (its host and text replace the bare "Addressed To" line); a row of its own if none."""
    recipient = textual.first_address(address)
    host, _, text = rest[1:].partition("],")
    if not recipient or not text.strip():
        return
    reply = textual.bounce(recipient, textual.diagnostic([text]), host=host.strip())
    for index, row in enumerate(out):
        if row.recipient == reply.recipient:
            out[index] = replace(reply, message_id=row.message_id)
            return
    out.append(reply)
