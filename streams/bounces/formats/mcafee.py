"""McAfee Email (and Web) Security Appliance bounces: X-NAI-Header, "had delivery problems".

Layout (Sisimai lhost/via-mcafee.go):
        --- The following addresses had delivery problems ---
    <user@example.net>   (Unknown user user@example.net)
followed by a delivery-status-like part whose Diagnostic-Code repeats the remote server's reply.
"""
from __future__ import annotations


from streams.bounces.formats import textual
from streams.bounces.message import Message
from streams.model import Bounce

_START = "--- The following addresses had delivery problems ---"


def parse(msg: Message) -> list[Bounce] | None:
    mail = textual.read(msg)
    if "McAfee" not in mail.headers.get("x-nai-header", "") or _START not in mail.text:
        return None
    rows = textual.lines(mail.text)
    report = textual.between(rows, (_START,), ("Content-Type: message/",))
    out = []
    for row in report[0] if report else []:
        address, _, rest = row.strip().partition(" ")
        if address.startswith("<") and textual.first_address(address):
            text = rest.strip().removeprefix("(").removesuffix(")")
            out.append(textual.bounce(textual.first_address(address), text, original_id=textual.message_id(mail.original)))
    return out or None
