"""Trend Micro InterScan Messaging Security Suite bounces: "Message from InterScan Messaging Security Suite".

Layout (Sisimai lhost/via-interscanmss.go):
    ****** Message from InterScan Messaging Security Suite ******
    Sent <<< RCPT TO:<user@example.net>
    Received >>> 550 5.1.1 <user@example.net>... user unknown
    Unable to deliver message to <user@example.net>.
    Unable to deliver message to <other@example.net> (and other recipients in the same domain).
    ************************     End of message     **********************
The transcript lines ("Sent <<<" the command, "Received >>>" the remote's reply) are the diagnostic
of the address they name; a recipient with only an "Unable to deliver" line has that line, which
says the delivery failed and not why (so it is read as such, where Sisimai assumes an unknown user).
"""
from __future__ import annotations


from streams.bounces.formats import textual
from streams.bounces.message import Message
from streams.model import Bounce

_MARK = "Message from InterScan Messaging Security Suite"
_ENDS = ("*****",)
_SENT = "Sent <<< "
_RECEIVED = "Received >>> "
_UNABLE = "Unable to deliver message to "


def parse(msg: Message) -> list[Bounce] | None:
    report = textual.report(msg, (_MARK,), (_MARK,), _ENDS)
    if report is None:
        return None
    # address -> [command, reply, summary line], in the order the report names them
    found: dict[str, list[str]] = {}
    command = reply = ""
    for row in report.body:
        row = row.strip()
        if row.startswith(_SENT):
            command = row[len(_SENT):].split(":", 1)[0].split(" ", 1)[0].upper()
            address = textual.first_address(row)
            if address:
                found.setdefault(address.lower(), ["", "", ""])[0] = command
        elif row.startswith(_RECEIVED):
            reply = row[len(_RECEIVED):].strip()
            address = textual.first_address(reply)
            target = address.lower() if address else next(reversed(found), "")
            if target:
                entry = found.setdefault(target, [command, "", ""])
                entry[1] = entry[1] or reply
        elif row.removeprefix("Reason:").strip().startswith(_UNABLE):
            address = textual.first_address(row)
            if address:
                found.setdefault(address.lower(), ["", "", ""])[2] = row.removeprefix("Reason:").strip()
    original_id = report.original_id
    return [textual.bounce(address, reply or summary, command=sent if reply else "", original_id=original_id)
            for address, (sent, reply, summary) in found.items()] or None
