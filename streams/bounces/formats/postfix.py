"""Postfix bounces without a delivery-status part: "This is the mail system at host ...".

Postfix's bounce(8) template (postfix.org/bounce.5.html; Sisimai lhost/via-postfix.go) writes its
notice, then one paragraph per recipient:
    <user@example.net>: host mx.example.net[192.0.2.1] said: 550 5.1.1
        <user@example.net>: Recipient address rejected: User unknown (in reply to RCPT TO command)
Postfix's multipart/report DSNs are dsn.py's; this module reads the text when no DSN part is there
to read (older releases, or sites that send the notice alone).
"""
from __future__ import annotations

import re

from streams.bounces.formats import original as returned
from streams.bounces.formats import textual
from streams.bounces.message import Message
from streams.model import Bounce

_MARKS = ("This is the mail system at host", "This is the Postfix program at host")
_UNAVAILABLE = "--- Delivery report unavailable ---"
_ENDS = ("Reporting-MTA:", "Content-Type: message/", _UNAVAILABLE)
_OPENER = re.compile(r"^<([^<>\s]{3,320}@[^<>\s]{1,255})>(?: \(expanded from <[^<>]{0,320}>\))?: ?(.*)$")
_IN_REPLY = re.compile(r"\s*\(in reply to (.{1,40}?) command\)")


def parse(msg: Message) -> list[Bounce] | None:
    report = textual.report(msg, _MARKS, _MARKS, _ENDS)
    if report is None:
        return None
    head, body = report.mail.text[:3000], report.body
    action = "delayed" if "THIS IS A WARNING ONLY" in head else "failed"
    blocks: list[tuple[str, list[str]]] = []
    for row in body:
        opener = _OPENER.match(row)
        if opener:
            blocks.append((opener.group(1), [opener.group(2)]))
        elif blocks and row[:1] in (" ", "\t") and row.strip():
            blocks[-1][1].append(row)
        elif blocks and not row.strip():
            blocks.append(("", []))  # a blank line closes the paragraph
    original_id = report.original_id
    if not any(recipient for recipient, _ in blocks) and report.end < len(report.rows) and \
            _UNAVAILABLE in report.rows[report.end]:
        # bounce(8) lost the queue file's log ("Delivery report unavailable"): the notice says that
        # the message failed and nothing about why; the recipient is the returned original's.
        original = report.mail.original or "\n".join(report.rows[report.end + 1:])
        recipient = returned.addressee(msg, original)
        return [textual.bounce(recipient, "", action=action, original_id=original_id)] if recipient else None
    out = []
    for recipient, lines in blocks:
        if not recipient:
            continue
        text = textual.diagnostic(lines)
        host = textual.remote_host(text)
        command = _IN_REPLY.search(text)
        # "host mx[192.0.2.1] said: 550 ..." : the server's reply follows "said:".
        reply = text.split(" said: ", 1)[1] if " said: " in text else text
        reply = _IN_REPLY.sub("", reply).strip()
        out.append(textual.bounce(recipient, reply, action=action, host=host,
                                  command=textual.smtp_command(command.group(1)) if command else "",
                                  original_id=original_id))
    return out or None
