"""Microsoft Exchange 2000/2003 (and Internet Mail Service 5.5) text NDRs: "did not reach the following recipient(s)".

Layout (Sisimai lhost/via-exchange2003.go):
    Your message
      To:      user@example.net
      Subject: ...
    did not reach the following recipient(s):
    user@example.net on Tue, 3 Nov 2026 10:20:31 -0000
        The recipient name is not recognized
        MSEXCH:IMS:ORG:SITE:SERVER 0 (000C05A6) Unknown Recipient
The hexadecimal code in parentheses is Exchange's own error, and a few of them state the reason.
"""
from __future__ import annotations

import re

from streams.bounces.formats import textual
from streams.bounces.message import Message
from streams.model import Bounce, Reason

_START = "did not reach the following recipient(s):"
_ENDS = ("Content-Type: message/",)
_CODE = re.compile(r"\(([0-9A-F]{8})\)")
# Exchange's error codes that state a reason (Sisimai's table, from Exchange's NDR documentation).
_CODES = {
    "000C05A6": Reason.USERUNKNOWN,  # Unknown Recipient
    "000C0595": Reason.FILTERED,  # Ambiguous Recipient
    "00010256": Reason.SYSTEMERROR,  # Too many recipients
    "000D06B5": Reason.SYSTEMERROR,  # No proxy for recipient
    "00120270": Reason.NETWORKERROR,  # Too many hops
    "00050311": Reason.CONTENTERROR,  # Conversion to Internet format failed
    "000502CC": Reason.CONTENTERROR,  # Conversion to Internet format failed
    "000B0981": Reason.SECURITYERROR,  # 502 Server does not support AUTH
}
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
        address = textual.first_address(row.partition(" on ")[0]) if not row.startswith(" ") and " on " in row else ""
        if address:
            blocks.append((address, []))
        elif blocks and row.strip():
            blocks[-1][1].append(row.strip())
    original_id = textual.message_id(mail.original)
    out = []
    for recipient, lines in blocks:
        # The MTS-ID lines (";l=..." continues one) identify the original, they say nothing of the error.
        text = textual.diagnostic(line for line in lines if not line.startswith((";", "The MTS-ID")))
        code = _CODE.search(text)
        reason = _CODES.get(code.group(1)) if code else None
        out.append(textual.bounce(recipient, text, original_id=original_id, reason_hint=reason,
                                  hint_rule=f"exchange:{code.group(1)}" if reason else ""))
    return out or None
