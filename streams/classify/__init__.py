"""Bounce -> Verdict: why a message was not delivered, and the rule that says so. Pure.

Order of evidence (first answer wins):
1. a parser's `reason_hint` (the format states the reason: ARF, auto-reply, a provider's type);
   else, when the parser named the reporter (the MTA that wrote the bounce, the provider that sent
   the webhook) and left no hint, the reporter's own failure type or sentences (reporters.py);
2. a delivery report (status 2.x.x or action delivered/relayed/expanded) is `delivered`;
3. a status that names the sender (X.1.7, X.1.8): `rejected`, whatever the text says of domains;
4. receiving-provider rules (rhosts/), chosen by remote host, the recipient's domain, the provider's
   reply markers, or the reporter when the provider signed the bounce itself;
5. phrase tables per reason (phrases.py): wording beats codes, as providers misuse 5.1.1/5.7.1.
   A generic unknown-user phrase is read as Sisimai reads it (reason/why-userunknown.go,
   why-filtered.go): `userunknown` when the status says so (X.1.0/X.1.1/X.1.3) or the reply answered
   RCPT TO; not about the mailbox when the refusal came before RCPT (CONN..MAIL: the next rules
   decide); otherwise (after DATA, or the command is unknown) `filtered`: a refusal after the
   message was read is a filter's verdict, not the mailbox's. A provider's own directory wording
   (phrases.DIRECTORY) stays `userunknown`. A size phrase (exceedlimit, mesgtoobig) defers to a
   status that names which limit (X.2.3, X.3.4); an unknown-host phrase before RCPT is not about a
   recipient's domain (the next rules decide); a generic word (phrases.GENERIC) of a reason read from
   wording only (_WORDING_ONLY) defers to an exact status that names a cause (_specific);
6. a refusal of MAIL FROM whose status says no more than "not authorized" (X.7.x) or nothing: the
   reply concerns the reverse-path (RFC 5321 §3.3), so `rejected`;
7. the enhanced status code (status.py, RFC 3463 + IANA registry);
8. the text of a local delivery program (phrases.LATE: X-Unix exit codes), which comes before
   rule 7 when the status is only "other or undefined mail system status" (X.3.0);
9. a refusal at the greeting (CONN, HELO, EHLO) that said nothing else: `blocked` (the client was
   refused before any address was given; Sisimai reason/find.go does the same);
10. action `delayed` -> `expired` (a delay notice that says nothing more);
11. the reply code alone (status.py REPLY), when there is no status code at all;
12. `onhold` when there was a text to read but it said nothing, else `undefined` (as Sisimai:
   a bare X.0.0 status says nothing either; a text that is nothing but addresses, as some parsers
   hand on, counts as no text).
The reason names the cause the server stated, whatever its permanence: a "450 4.1.1 user unknown"
is `userunknown`. Permanence belongs to the class (`bounce_class`): a temporary failure (a 4.x.x
status, or a 4xx reply without a status; RFC 3463 §3.1: class 4 is "persistent transient") is never
`hard`, whatever class the policy gives its reason.
"""
from __future__ import annotations

from streams.bounces.address import only_addresses
from streams.bounces.smtpreply import enhanced_status, reply_code
from streams.classify import reporters, rhosts
from streams.classify.match import normalise, words
from streams.classify.match import Row
from streams.classify.phrases import DIRECTORY_RULES, GENERIC_RULES, LATE, PHRASES
from streams.classify.status import by_reply, by_status
from streams.model import Bounce, BounceClass, Policy, Reason, Verdict

__all__ = ["bounce_class", "classify", "temporary"]

# Hints that do not decide: the parser could not tell, so the text is read as usual.
_WEAK_HINTS = (Reason.UNDEFINED, Reason.ONHOLD)
_DELIVERED_ACTIONS = ("delivered", "relayed", "expanded")
# SMTP commands sent before RCPT TO: a refusal there is not about the recipient's mailbox.
_BEFORE_RCPT = ("CONN", "HELO", "EHLO", "STARTTLS", "AUTH", "MAIL")
_GREETING = ("CONN", "HELO", "EHLO")
_SENDER_STATUS = ("4.1.7", "4.1.8", "5.1.7", "5.1.8")
# "Other or undefined mail system status": what Sendmail gives a local program's failure beside its
# exit code ("554 5.3.0 unknown mailer error 255"), so the exit code (rule 8) says more.
_UNDEFINED_SYSTEM = ("4.3.0", "5.3.0")
# Size refusals: the wording ("message too large") rarely says whose limit; the status does (RFC 3463:
# X.2.3 a per-mailbox administrative limit, X.3.4 the system's per-message limit), so it decides.
_SIZE = (Reason.EXCEEDLIMIT, Reason.MESGTOOBIG)
_MAILBOX_STATUS = ("4.1.0", "4.1.1", "4.1.3")
_COMMAND_REFUSED = ("501", "502", "503", "504")
# Reasons whose generic words (phrases.GENERIC) defer to a status that names a cause: Sisimai reads
# them from the wording only when the status says nothing specific (reason/lib.go classorder[1]); the
# generic spam, block-list, unknown-user and size words are read before the status there too.
_WORDING_ONLY = frozenset({
    Reason.POLICYVIOLATION, Reason.SYNTAXERROR, Reason.SYSTEMERROR, Reason.EXPIRED, Reason.HOSTUNKNOWN,
})
# Status reasons the wording may refine even when it is generic (Sisimai reason/lib.go GetRetried).
_VAGUE_STATUS = frozenset({
    Reason.SYSTEMERROR, Reason.SECURITYERROR, Reason.EXPIRED, Reason.NETWORKERROR, Reason.HOSTUNKNOWN,
    Reason.USERUNKNOWN,
})


def classify(bounce: Bounce) -> Verdict:
    """The reason for one Bounce and the id of the rule that decided it."""
    return _decide(bounce)


def temporary(status: str, reply: str, diagnostic: str) -> bool:
    """Whether a failure is transient: a 4.x.x status (given, or first in the text), else a 4xx reply code."""
    status = status.strip() or enhanced_status(diagnostic[:512])
    if status:
        return status.startswith("4.")
    reply = reply.strip() or reply_code(diagnostic[:512])
    return reply.startswith("4")


def bounce_class(policy: Policy, reason: Reason, status: str, reply: str, diagnostic: str) -> BounceClass:
    """The class `policy` gives `reason`, except that a temporary failure is never `hard` (it is `soft`)."""
    cls = policy.class_of(reason)
    if cls is BounceClass.HARD and temporary(status, reply, diagnostic):
        return BounceClass.SOFT
    return cls


def _decide(bounce: Bounce) -> Verdict:
    hint = bounce.reason_hint
    if hint is not None and hint not in _WEAK_HINTS:
        return Verdict(hint, f"hint:{bounce.hint_rule or hint.value}")

    text = normalise(bounce.diagnostic)
    command = bounce.smtp_command.strip().upper()
    if hint is None and bounce.reporter:
        row = reporters.coded(bounce.reporter, bounce.reporter_code) or (
            reporters.first(bounce.reporter, command, text) if text else None)
        if row is not None:
            return Verdict(row.reason, row.name)
    status = bounce.status.strip() or enhanced_status(text[:512])
    action = bounce.action.strip().lower()
    if status.startswith("2.") or action in _DELIVERED_ACTIONS:
        return Verdict(Reason.DELIVERED, f"status:{status}" if status.startswith("2.") else f"action:{action}")
    if status in _SENDER_STATUS:
        return Verdict(Reason.REJECTED, f"status:{status}")

    by_code = by_status(status) if status else None
    text_words = words(text) if text else frozenset()
    if text:
        domain = bounce.recipient.rpartition("@")[2].strip().strip(">").lower()
        row = rhosts.first(bounce.remote_host.strip().lower(), text, text_words, domain=domain, reporter=bounce.reporter)
        if row is not None:
            if row.reason in _SIZE and by_code is not None and by_code[0] in _SIZE:
                return Verdict(by_code[0], f"{row.name}:status:{by_code[1]}")
            return Verdict(row.reason, row.name)
        row = PHRASES.first(text, text_words)
        if row is not None and row.reason in _WORDING_ONLY and row.name in GENERIC_RULES and _specific(status, by_code):
            row = None  # a generic word says less than a status that names a cause (rule 7 decides)
        if row is not None:
            if row.reason in _SIZE and by_code is not None and by_code[0] in _SIZE:
                return Verdict(by_code[0], f"{row.name}:status:{by_code[1]}")
            if row.reason is Reason.HOSTUNKNOWN and command in _BEFORE_RCPT:
                row = None  # no recipient named yet: the domain refused is the client's or the sender's
            elif row.reason is not Reason.USERUNKNOWN or row.name in DIRECTORY_RULES:
                return Verdict(row.reason, row.name)
            else:
                verdict = _unknown_user(row, command, status, by_code)
                if verdict is not None:
                    return verdict

    if command == "MAIL" and (by_code is None or by_code[0] is Reason.SECURITYERROR):
        return Verdict(Reason.REJECTED, "command:mail")
    late = LATE.first(text, text_words) if text and (by_code is None or status in _UNDEFINED_SYSTEM) else None
    if late is not None:
        return Verdict(late.reason, late.name)
    if by_code is not None:
        return Verdict(by_code[0], f"status:{by_code[1]}")
    if command in _GREETING:
        return Verdict(Reason.BLOCKED, f"command:{command.lower()}")
    if action == "delayed":
        return Verdict(Reason.EXPIRED, "action:delayed")
    reply = bounce.reply_code.strip() or reply_code(text[:512])
    # A status that says nothing (4.3.0, 5.0.0) outranks the reply code: the reason is on hold; except
    # a refused command (501-504: bad arguments, not implemented, bad sequence), which the reply code
    # names whatever the status (Sisimai why-syntaxerror reads the reply code alone).
    by_reply_code = by_reply(reply) if reply and (not status or reply in _COMMAND_REFUSED) else None
    if by_reply_code is not None:
        return Verdict(by_reply_code, f"reply:{reply}")
    if hint is not None:
        return Verdict(hint, f"hint:{bounce.hint_rule or hint.value}")
    if text and not only_addresses(text):
        return Verdict(Reason.ONHOLD, "fallback:onhold")
    return Verdict(Reason.UNDEFINED, "fallback:undefined")


def _specific(status: str, by_code: tuple[Reason, str] | None) -> bool:
    """Whether the status names a cause: an exact code whose reason is not one the wording is left to
    refine (Sisimai's "retry" reasons: systemerror, securityerror, expired, networkerror, and the
    address ones), and not an "other or undefined" detail (X.Y.0)."""
    return (by_code is not None and by_code[1] == status and by_code[0] not in _VAGUE_STATUS
            and not status.endswith(".0"))


def _unknown_user(row: Row, command: str, status: str, by_code: tuple[Reason, str] | None) -> Verdict | None:
    """A generic unknown-user phrase read with the status and the failed command (see rule 5).

    A 4.1.x status names the mailbox as its 5.1.x twin does (RFC 3463 subject 1, detail 0/1/3); that it
    is transient is the class's business, not the reason's.
    """
    if (by_code is not None and by_code[0] is Reason.USERUNKNOWN) or command == "RCPT" or status in _MAILBOX_STATUS:
        return Verdict(Reason.USERUNKNOWN, row.name)
    if command in _BEFORE_RCPT or (by_code is not None and by_code[0] is Reason.SUSPEND):
        return None
    return Verdict(Reason.FILTERED, f"{row.name}:not-at-rcpt")
