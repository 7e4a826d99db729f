"""Bounces of an unnamed MTA Sisimai calls X6: "We had trouble delivering your message. Full details follow:".

Layout (Sisimai lhost/via-x6.go):
    The following recipients returned permanent errors: user@example.net. Reason: SMTP Server
    <192.0.2.1> refused to accept your message (DATA), with the following error message:
    [554 5.4.6 Hop count exceeded - possible mail loop]
"""
from __future__ import annotations

import re

from streams.bounces.address import extract
from streams.bounces.formats import textual
from streams.bounces.message import Message
from streams.model import Bounce

_MARK = "We had trouble delivering your message. Full details follow:"
_LINE = re.compile(r"^The following recipients returned (permanent|temporary) errors: (.{3,2000}?)\. Reason: (.*)$")
_QUOTED = re.compile(r"with the following error message: \[(.*)\]\s*$")
_SERVER = re.compile(r"SMTP Server <([^>]{1,255})>")


def parse(msg: Message) -> list[Bounce] | None:
    mail = textual.read(msg)
    if _MARK not in mail.text[:2000]:
        return None
    out = []
    for row in textual.lines(mail.text):
        found = _LINE.match(row.strip())
        if not found:
            continue
        reason = found.group(3)
        quoted, server = _QUOTED.search(reason), _SERVER.search(reason)
        action = "failed" if found.group(1) == "permanent" else "delayed"
        for recipient in extract(found.group(2)):
            out.append(textual.bounce(recipient, quoted.group(1) if quoted else reason, action=action,
                                      host=server.group(1) if server else "",
                                      command=textual.smtp_command(reason), original_id=textual.message_id(mail.original)))
    return out or None
