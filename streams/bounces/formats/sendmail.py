"""Sendmail's plain-text bounces (v5 and others without a DSN part): "----- Transcript of session follows -----".

Layout (sendmail's savemail.c; Sisimai lhost/via-v5sendmail.go):
       ----- Transcript of session follows -----
    While talking to mx.example.net:
    >>> RCPT To:<user@example.net>
    <<< 550 Requested User Mailbox not found.
    550 <user@example.net>... User unknown
       ----- Unsent message follows -----
A recipient line is "NNN <address>... text" (Sendmail 8 puts a status after the code: "550 5.1.1
<address>... User Unknown"); the remote reply ("<<<") and command (">>>") of the conversation
before it are its diagnostic and command, the reply after ">>> RCPT To:<address>" that address's.
Sendmail 8 lists the failed addresses first, each with its reason, and the transcript may name
only one of them:
       ----- The following addresses had permanent fatal errors -----
    <user@example.net>
        (reason: 550 5.1.1 <user@example.net>... User Unknown)
Sendmail with DSNs sends multipart/report, which dsn.py reads.
"""
from __future__ import annotations

import re

from streams.bounces.formats import original as returned
from streams.bounces.formats import textual
from streams.bounces.message import Message
from streams.model import Bounce

_START = "----- Transcript of session follows -----"
_ENDS = ("----- Unsent message follows -----", "----- Original message follows -----",
         "----- Message header follows -----", "----- Returned message follows -----")
_RECIPIENT = re.compile(r"^[245]\d\d (?:[245]\.\d{1,3}\.\d{1,3} )?<([^>\s]{3,320})>\.\.\. ?(.*)$")
_FATAL = "----- The following addresses had permanent fatal errors -----"
_WHILE = "while talking to "
_RCPT_TO = re.compile(r"^>>> RCPT To: ?<([^>\s]{3,320})>", re.I)
_HOST_LINE = re.compile(r"^[245]\d\d [A-Za-z0-9][\w.-]{0,253} \(\w+\)\.\.\. ?(.*)$")


MAX_RECIPIENTS = 100
MAX_TRANSCRIPT = 12  # lines of a transcript that stand for a sole recipient's diagnostic


def _listed(rows: list[str]) -> list[tuple[str, str]]:
    """Sendmail 8's list of failed addresses before the transcript: (address, its "(reason: ...)")."""
    found = textual.between(rows, (_FATAL,), ("-----",))
    out: list[tuple[str, str]] = []
    for row in found[0] if found else []:
        row = row.strip()
        if row.startswith("<") and row.endswith(">") and len(out) < MAX_RECIPIENTS:
            out.append((textual.first_address(row), ""))
        elif out and row.startswith("(reason:") and not out[-1][1]:
            out[-1] = (out[-1][0], row[len("(reason:"):].rstrip(")").strip())
    return [(address, reason) for address, reason in out if address]


def parse(msg: Message) -> list[Bounce] | None:
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
    listed = _listed(rows)
    out: list[Bounce] = []
    host = command = rcpt = ""
    replies: list[str] = []
    host_lines: list[str] = []
    said: dict[str, tuple[str, str, list[str]]] = {}  # address -> (host, command, replies) of its RCPT TO
    last: tuple[str, str, list[str]] = ("", "", [])  # the transcript's last exchange
    for row in body:
        row = row.strip()
        if row.lower().lstrip(". ").startswith(_WHILE):
            host = row.lower().lstrip(". ")[len(_WHILE):].rstrip(":.").strip()
            command, rcpt, replies = "", "", []
        elif row.startswith(">>> "):
            command = row[4:].split(":", 1)[0].split(" ", 1)[0].upper()
            to = _RCPT_TO.match(row)
            rcpt, replies = (to.group(1).lower(), []) if to else ("", replies)
        elif row.startswith("<<< "):
            replies.append(row[4:])
            last = (host, command, list(replies))
            if rcpt and len(said) < MAX_RECIPIENTS:
                said[rcpt] = (host, command, list(replies))
        elif recipient := _RECIPIENT.match(row):
            address = recipient.group(1).lower()
            # The server's reply in the transcript says more than sendmail's summary line.
            at_host, at_command, at_replies = said.get(address, (host, command, replies))
            text = textual.diagnostic(at_replies) if at_replies else recipient.group(2)
            out.append(textual.bounce(address, text, host=at_host, command=at_command, original_id=original_id))
            host, command, rcpt, replies = "", "", "", []
        elif found := _HOST_LINE.match(row):
            host_lines.append(f"{row[:3]} {found.group(1)}")
    named = {row.recipient for row in out}
    for address, reason in listed:
        if address.lower() in named:
            continue
        # A sole address with no RCPT TO of its own failed at the exchange the transcript shows (MAIL, DATA).
        at_host, at_command, at_replies = said.get(address.lower(), last if len(listed) == 1 else ("", "", []))
        text = textual.diagnostic(at_replies) if at_replies else reason
        if not text and len(listed) == 1:
            # No reply and no "(reason: ...)": the transcript's own lines say what happened ("421 ...
            # Host is down" / "Message could not be delivered for 5 days").
            text = textual.diagnostic(row for row in body[:MAX_TRANSCRIPT] if row.strip())
        out.append(textual.bounce(address, text, host=at_host, command=at_command, original_id=original_id))
    if not out and host_lines:
        # Only a host line ("421 example.net (smtp)... Deferred: ..."): the recipient is the original's.
        to = returned.addressee(msg, original)
        if to:
            out.append(textual.bounce(to, host_lines[0], original_id=original_id))
    return out or None
