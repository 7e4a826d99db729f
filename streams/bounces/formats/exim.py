"""Exim bounces, and those of providers running Exim: mail.ru, GMX, 1&1, MXLogic, Zoho.

Exim's bounce_message_text / warn_message_file (exim.org spec, chapter 50 "Customizing bounce and
warning messages"; Sisimai lhost/via-exim.go, via-gmx.go, via-mailru.go, via-mxlogic.go, via-zoho.go):
    This message was created automatically by mail delivery software.
    A message that you sent could not be delivered to one or more of its
    recipients. This is a permanent error. The following address(es) failed:

      user@example.net
        SMTP error from remote mail server after RCPT TO:<user@example.net>:
        host mx.example.net [192.0.2.1]: 550 5.1.1 <user@example.net>... User Unknown

    ------ This is a copy of the message, including all the headers. ------
Exim also names the failed addresses in X-Failed-Recipients. A recipient opens a block at the left
(indented two spaces at most, bare, "quoted", <bracketed>, or followed by ":" and the error); the
lines under it, up to the next recipient, are its error.
"""
from __future__ import annotations

import re

from streams.bounces.address import extract
from streams.bounces.formats import textual
from streams.bounces.message import Message
from streams.bounces.smtpreply import reply_code
from streams.model import Bounce

_MARK = "This message was created automatically by mail delivery software"
_MALFORMED = "recipient addresses that were\nincorrectly constructed"
# Lines after which the recipient blocks start, most specific first.
_STARTS = (
    "failed:",
    "address failed",
    "has not yet been delivered is:",
    "have not yet been delivered are:",
    "incorrectly constructed:",
    "could not be delivered to one or more of its",
)
# The returned original (or the end of the report) begins at a line opening with one of these.
_ENDS = (
    "------ This is a copy of",
    "----- This is a copy of",
    "--- The header of the original message",
    "Included is a copy of the message header",
    "------ The body of the message",
    "No action is required on your part.",
    "This address has been ignored.",
    "Content-Type: message/",
    "Received:",  # Zoho appends the original's headers with no separator line
)
# Exim's framing around the remote server's reply, removed from the diagnostic.
_SMTP_ERROR = re.compile(r"^(?:Delay reason: )?SMTP error from remote (?:mail server|mailer|server) (?:after|for) ")
_HOST = re.compile(r"^host:? [A-Za-z0-9][\w.-]{0,253}(?: ?\[[0-9A-Fa-f.:]{3,45}\])?:?(?: |$)")
_REASON = re.compile(r"\breason: ")
# Zoho: "Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 <user@example.net>... User Unknown".
_ZOHO_CODE = re.compile(r"ERROR_CODE :([\d.]{3,9}),?")
# Zoho's other form: "[Status: Error, Address: <user@example.net>, ResponseCode 421, , Host not reachable.]".
_ZOHO_STATUS = re.compile(r"\[Status: [^,\]]{0,40}, Address: <([^<>\s]{1,320})>, ResponseCode (\d{3})[ ,]*")
# Zoho's word for a host its retries could not reach (Sisimai lhost/via-zoho.go: expired).
_ZOHO_UNREACHABLE = "Host not reachable"
_RETRY_TIMEOUT = "retry timeout exceeded"  # Exim's wording when its retry rules give up
_EXPIRED_STATUS = "4.4.7"


def parse(msg: Message) -> list[Bounce] | None:
    report = textual.report(msg, (_MARK, _MALFORMED), _STARTS, _ENDS)
    if report is None:
        return None
    head = report.mail.text[:3000]
    action = "delayed" if "has not yet been delivered" in head else "failed"
    original_id = report.original_id
    failed = extract(report.mail.headers.get("x-failed-recipients", ""))
    blocks = _blocks(report.body)
    if not blocks and not failed:
        return None
    # What the layout itself states about a block (a code for streams/classify/reporters.py CODES["exim"]).
    malformed = "malformed-address" if _MALFORMED in head.replace("\r", "") else ""
    out = []
    # A block names its address; one that does not (a pipe or file delivery) takes the next address
    # of X-Failed-Recipients that no block names; without blocks the header alone says who failed.
    named = {address for address, _ in blocks}
    spare = [a for a in failed if a.lower() not in named]
    for address, rows in blocks or [(a, []) for a in failed]:
        recipient = address or (spare.pop(0) if spare else "")
        if recipient:
            # A pipe's failure is the local mailer's (Exim names the pipe before its output).
            stated = malformed
            if rows and rows[0].startswith("pipe to |"):
                stated = "pipe-failed"
            elif rows and _ZOHO_UNREACHABLE in rows[0] and "x-zohomail" in report.mail.headers:
                stated = "zoho-host-not-reachable"
            out.append(_bounce(recipient, rows, action, original_id, stated))
    return out


def _blocks(body: list[str]) -> list[tuple[str, list[str]]]:
    blocks: list[tuple[str, list[str]]] = []
    for row in body:
        stripped = row.strip()
        if not stripped:
            continue
        indent = len(row) - len(row.lstrip())
        zoho = _ZOHO_STATUS.match(stripped)
        if zoho:
            blocks.append((zoho.group(1).lower(), [f"{zoho.group(2)} {stripped[zoho.end():].removesuffix(']')}"]))
            continue
        opener = stripped.lstrip('<"')
        address = textual.first_address(opener) if indent <= 2 else ""
        if address and opener.startswith(address):
            rest = opener[len(address):].lstrip('>":').strip()
            if not rest and blocks and blocks[-1][0] == address.lower():
                continue  # MXLogic repeats the address under its error
            blocks.append((address.lower(), [rest] if rest else []))
        elif indent <= 2 and not blocks and not stripped.startswith(("SMTP error", "host", "Reason")):
            # A pipe or file delivery ("pipe to |/usr/bin/prog", "save to ~/mbox") or a bare local
            # part: no address; the delivery is worth keeping, the bare name is not.
            blocks.append(("", [stripped] if " " in stripped else []))
        elif blocks:
            blocks[-1][1].append(stripped)
    return blocks


def _bounce(recipient: str, rows: list[str], action: str, original_id: str,
            stated: str) -> Bounce:
    host = command = ""
    reply: list[str] = []
    for row in rows:
        smtp = _SMTP_ERROR.match(row)
        if smtp:
            # "SMTP error from remote mail server after RCPT TO:<user@example.net>:" ends at the last ":";
            # 1&1 puts all on one line: "... for TEXT command, host: mx (192.0.2.1) reason: 550 ...".
            row = row[smtp.end():]
            reason = _REASON.search(row)
            if reason:
                phrase, row = row[:reason.start()], row[reason.end():]
            elif row.endswith(":"):
                phrase, row = row, ""
            else:
                phrase, _, row = row.partition(": ")
            command = textual.smtp_command(phrase)
            host = host or textual.remote_host(phrase)
            if not row:
                continue
        framing = _HOST.match(row)
        if framing:
            host = host or textual.remote_host(row)
            row = row[framing.end():]
        row = _ZOHO_CODE.sub(r"\1", row).replace("ERROR_CODE :", "")
        if row.startswith("(ultimately generated from") or row in ("Reason:", ""):
            continue
        if row.startswith("<") and row.endswith(">:") and not reply:
            continue  # the address of "after RCPT TO:" wrapped onto its own line
        reply.append(row)
    text = textual.diagnostic(reply) or textual.diagnostic(rows)
    # Exim gave up after its retry rules' time limit, with no reply of the remote's to quote: the
    # delivery time expired, RFC 3463's X.4.7 ("useful only as a persistent transient error").
    status = _EXPIRED_STATUS if _RETRY_TIMEOUT in text.lower() and not reply_code(text) else ""
    return textual.bounce(recipient, text, action=action, host=host, command=command, original_id=original_id,
                          status=status, reporter="exim", reporter_code=stated)
