"""Sendmail's plain-text bounces (v5 and others without a DSN part): "----- Transcript of session follows -----".

Layout (sendmail's savemail.c; Sisimai lhost/via-v5sendmail.go):
       ----- Transcript of session follows -----
    While talking to mx.example.net:
    >>> RCPT To:<user@example.net>
    <<< 550 Requested User Mailbox not found.
    550 <user@example.net>... User unknown
       ----- Unsent message follows -----
A recipient line is "NNN <address>... text"; the remote reply ("<<<") and command (">>>") of the
conversation before it are its diagnostic and command. Sendmail with DSNs sends multipart/report,
which dsn.py reads.
"""
from __future__ import annotations

import re
from email.message import EmailMessage

from streams.bounces.formats import textual
from streams.model import Bounce

_START = "----- Transcript of session follows -----"
_ENDS = ("----- Unsent message follows -----", "----- Original message follows -----",
         "----- Message header follows -----", "----- Returned message follows -----")
_RECIPIENT = re.compile(r"^[245]\d\d <([^>\s]{3,320})>\.\.\. ?(.*)$")
_HOST_LINE = re.compile(r"^[245]\d\d [A-Za-z0-9][\w.-]{0,253} \(\w+\)\.\.\. ?(.*)$")


def parse(msg: EmailMessage) -> list[Bounce] | None:
    mail = textual.read(msg)
    if _START not in mail.text[:4000] or mail.headers.get("content-type", "").lower().startswith("multipart/report"):
        return None
    rows = textual.lines(mail.text)
    report = textual.between(rows, (_START,), _ENDS)
    if report is None:
        return None
    body, end = report
    original = mail.original or "\n".join(rows[end + 1:])
    original_id = textual.message_id(original)
    out: list[Bounce] = []
    host = command = ""
    replies: list[str] = []
    host_lines: list[str] = []
    for row in body:
        row = row.strip()
        if row.startswith("While talking to "):
            host, command, replies = row[len("While talking to "):].rstrip(":.").strip(), "", []
        elif row.startswith(">>> "):
            command = row[4:].split(":", 1)[0].split(" ", 1)[0].upper()
        elif row.startswith("<<< "):
            replies.append(row[4:])
        elif recipient := _RECIPIENT.match(row):
            # The server's reply in the transcript says more than sendmail's summary line.
            text = textual.diagnostic(replies) if replies else recipient.group(2)
            out.append(textual.bounce(recipient.group(1), text, host=host, command=command,
                                      original_id=original_id))
            host, command, replies = "", "", []
        elif found := _HOST_LINE.match(row):
            host_lines.append(f"{row[:3]} {found.group(1)}")
    if not out and host_lines:
        # Only a host line ("421 example.net (smtp)... Deferred: ..."): the recipient is the original's.
        to = next((r for r in original.split("\n", 100)[:100] if r[:3].lower() == "to:"), "")
        if textual.first_address(to):
            out.append(textual.bounce(textual.first_address(to), host_lines[0], original_id=original_id))
    return out or None
