"""Plain-text bounces that list their recipients one per line or block, each with its error (or one
error for all): layouts the heuristic reader would cut to one recipient. Pure.

Each layout is recognised by its sender's Subject/From or a fixed sentence before anything is cut:
- KDDI / au (Sisimai lhost/via-kddi.go):
      Could not be delivered to: <user@ezweb.ne.jp>
      As their mailbox is full.
- "Mail Deliver System" (Sisimai lhost/via-x1.go), Subject "Returned Mail: ...":
      user@example.jp    [User unknown]
- MailMarshal (Sisimai lhost/via-mailmarshal.go), Subject 'Undeliverable Mail: "...':
      Could not be delivered because of
      550 5.1.1 User unknown
      The following recipients were affected:
          user@example.jp
- Biglobe (Sisimai lhost/via-biglobe.go): the addresses, then one error for all of them:
         ----- The following addresses had delivery problems -----
      user@biglobe.ne.jp
         ----- Non-delivered information -----
      The number of messages in recipient's mailbox exceeded the local limit.
- "Mail Delivery System", Subject "Delivery status notification" (Sisimai lhost/via-x3.go):
         * user@example.com
      SMTP:RCPT 550 5.1.1 <user@example.com>... User Unknown    (or "Routing: ...", "Diagnostic-Code: smtp; ...")
"""
from __future__ import annotations

from collections.abc import Callable

from streams.bounces.formats import textual
from streams.bounces.message import Message
from streams.model import Bounce

MAX_RECIPIENTS = 100
_KDDI = "Could not be delivered to: <"
_MARSHAL_ERROR = "Could not be delivered because of"
_MARSHAL_RCPTS = "The following recipients were affected:"
_BIGLOBE_RCPTS = "----- The following addresses had delivery problems -----"
_BIGLOBE_ERROR = "----- Non-delivered information -----"
_X3_START = "This is an automatically generated Delivery Status Notification."


def _kddi(mail: textual.Mail, rows: list[str]) -> list[tuple[str, list[str], str]]:
    out: list[tuple[str, list[str], str]] = []
    for row in rows:
        stripped = row.strip()
        if stripped.startswith(_KDDI):
            out.append((textual.first_address(stripped), [], ""))
        elif out and row[:1] in (" ", "\t") and stripped:
            out[-1][1].append(stripped)
    return out


def _x1(mail: textual.Mail, rows: list[str]) -> list[tuple[str, list[str], str]]:
    out: list[tuple[str, list[str], str]] = []
    for row in rows:
        address, _, rest = row.strip().partition(" ")
        rest = rest.strip()
        if "@" in address and rest.startswith("[") and rest.endswith("]"):
            out.append((textual.first_address(address), [rest[1:-1]], ""))
    return out


def _paragraph(rows: list[str]) -> list[str]:
    """The first paragraph of `rows`: its lines up to the blank line after it (blank lines before skipped)."""
    out: list[str] = []
    for row in rows:
        if row.strip():
            out.append(row)
        elif out:
            break
    return out


def _marshal(mail: textual.Mail, rows: list[str]) -> list[tuple[str, list[str], str]]:
    error = textual.between(rows, (_MARSHAL_ERROR,), (_MARSHAL_RCPTS,))
    listed = textual.between(rows, (_MARSHAL_RCPTS,), ())
    if error is None or listed is None:
        return []
    text = [row for row in error[0] if row.strip()]
    return [(textual.first_address(row), text, "") for row in _paragraph(listed[0]) if row.startswith("    ")]


def _biglobe(mail: textual.Mail, rows: list[str]) -> list[tuple[str, list[str], str]]:
    listed = textual.between(rows, (_BIGLOBE_RCPTS,), (_BIGLOBE_ERROR,))
    error = textual.between(rows, (_BIGLOBE_ERROR,), ())
    if listed is None or error is None:
        return []
    text = _paragraph(error[0])
    return [(textual.first_address(row), text, "") for row in listed[0] if row.strip()]


_X3_FIELDS = ("SMTP:", "Routing:", "Diagnostic-Code:")


def _x3(mail: textual.Mail, rows: list[str]) -> list[tuple[str, list[str], str]]:
    out: list[tuple[str, list[str], str]] = []
    for row in rows:
        stripped = row.strip()
        if stripped.startswith("* ") and row[:1] in (" ", "\t"):
            out.append((textual.first_address(stripped), [], ""))
        elif out and row.startswith(_X3_FIELDS) and not out[-1][1]:
            field, _, text = row.partition(" ")
            command = field[5:].upper() if field.startswith("SMTP:") else ""
            text = text.strip().removeprefix("smtp;").strip() if field.startswith("Diagnostic") else text.strip()
            out[-1] = (out[-1][0], [text], command)
    return out


# (does the message carry the layout's marks?, the layout's reader)
_LAYOUTS: tuple[tuple[Callable[[dict[str, str], str], bool], Callable], ...] = (
    (lambda h, text: _KDDI in text, _kddi),
    (lambda h, text: h.get("subject", "").startswith("Returned Mail: ")
        and h.get("from", "").startswith('"Mail Deliver System"'), _x1),
    (lambda h, text: h.get("subject", "").startswith('Undeliverable Mail: "') and _MARSHAL_ERROR in text, _marshal),
    (lambda h, text: _BIGLOBE_ERROR in text and _BIGLOBE_RCPTS in text, _biglobe),
    (lambda h, text: h.get("subject", "").startswith("Delivery status notification") and _X3_START in text, _x3),
)


def parse(msg: Message) -> list[Bounce] | None:
    mail = textual.read(msg)
    for marked, reader in _LAYOUTS:
        if marked(mail.headers, mail.text):
            found = [(a, t, c) for a, t, c in reader(mail, textual.lines(mail.text)) if a][:MAX_RECIPIENTS]
            if found:
                original_id = textual.message_id(mail.original)
                return [textual.bounce(address, textual.diagnostic(text), command=command, original_id=original_id)
                        for address, text, command in found]
    return None
