"""Microsoft Exchange 2000/2003 (and Internet Mail Service 5.5) text NDRs: "did not reach the following recipient(s)".

Layout (Sisimai lhost/via-exchange2003.go):
    Your message
      To:      user@example.net
      Subject: ...
    did not reach the following recipient(s):
    user@example.net on Tue, 3 Nov 2026 10:20:31 -0000
        The recipient name is not recognized
        MSEXCH:IMS:ORG:SITE:SERVER 0 (000C05A6) Unknown Recipient
The recipient line may be indented; Exchange 5.5 may name the recipient by its X.400 O/R address,
the SMTP address inside (Sisimai reads both):
    c=US;a= ;p=Org;o=Site;dda:SMTP=user@example.net; on Tue, 3 Nov 2026 10:20:31 -0000
The hexadecimal code in parentheses is Exchange's own error; the rows name Exchange as their reporter,
and the codes that state a reason are read by streams/classify/reporters.py.
"""
from __future__ import annotations

from streams.bounces.formats import textual
from streams.bounces.message import Message
from streams.model import Bounce

_START = "did not reach the following recipient(s):"
_ENDS = ("Content-Type: message/", "-----Original Message-----")
_MARKERS = ("Internet Mail Service (", "Microsoft Exchange Server Internet Mail Connector")


def parse(msg: Message) -> list[Bounce] | None:
    mail = textual.read(msg)
    headers = mail.headers
    if not ("x-ms-embedded-report" in headers or headers.get("x-mailer", "").startswith(_MARKERS)
            or headers.get("x-mimeole", "").startswith("Produced By Microsoft Exchange")
            or _START in mail.text[:3000]):
        return None
    rows = textual.lines(mail.text)
    report = textual.between(rows, (_START,), _ENDS)
    if report is None:
        return None
    blocks: list[tuple[str, list[str]]] = []
    for row in report[0]:
        address = _recipient(row)
        if address:
            blocks.append((address, []))
        elif blocks and row.strip() and not any(line.startswith("MSEXCH:") for line in blocks[-1][1][:-1]):
            # Exchange's own code line ("MSEXCH:IMS:... (000C05A6) ...") and the line it wraps onto
            # close a recipient's text (Sisimai reads as far): a quoted original may follow.
            blocks[-1][1].append(row.strip())
    original_id = textual.message_id(mail.original)
    out = []
    for recipient, lines in blocks:
        # The MTS-ID lines (";l=..." continues one) identify the original, they say nothing of the error.
        text = textual.diagnostic(line for line in lines if not line.startswith((";", "The MTS-ID")))
        out.append(textual.bounce(recipient, text, original_id=original_id, reporter="exchange2003"))
    return out or None


def _recipient(row: str) -> str:
    """The address a recipient line opens with, indented or not ("a@x on <date>"), or the SMTP
    address inside Exchange 5.5's O/R address ("c=US;...;dda:SMTP=a@x; on <date>"); else ""."""
    head, on, _ = row.partition(" on ")
    if not on:
        return ""
    head = head.strip()
    if "SMTP=" in head or "smtp=" in head:
        head = head[head.lower().rindex("smtp=") + 5:]
    return textual.first_address(head) if "@" in head and " " not in head else ""
