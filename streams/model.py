"""Values shared by every part of bounce-hygiene: closed vocabularies and frozen records.

Imports nothing from the package, so every module can depend on it. Times are integers of
milliseconds since the Unix epoch (UTC); `timefmt` converts them to and from RFC 3339.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ParseError(ValueError):
    """A payload cannot be read as its format says; the message is dead-lettered with this text."""


class Reason(StrEnum):
    """Why a message was not delivered: Sisimai's vocabulary, so results compare with it."""

    AUTHFAILURE = "authfailure"
    BADREPUTATION = "badreputation"
    BLOCKED = "blocked"
    CONTENTERROR = "contenterror"
    DELIVERED = "delivered"
    EXCEEDLIMIT = "exceedlimit"
    EXPIRED = "expired"
    FAILEDSTARTTLS = "failedstarttls"
    FEEDBACK = "feedback"
    FILTERED = "filtered"
    HASMOVED = "hasmoved"
    HOSTUNKNOWN = "hostunknown"
    MAILBOXFULL = "mailboxfull"
    MAILERERROR = "mailererror"
    MESGTOOBIG = "mesgtoobig"
    NETWORKERROR = "networkerror"
    NORELAYING = "norelaying"
    NOTACCEPT = "notaccept"
    NOTCOMPLIANTRFC = "notcompliantrfc"
    ONHOLD = "onhold"
    POLICYVIOLATION = "policyviolation"
    REJECTED = "rejected"
    REQUIREPTR = "requireptr"
    SECURITYERROR = "securityerror"
    SPAMDETECTED = "spamdetected"
    SPEEDING = "speeding"
    SUSPEND = "suspend"
    SYNTAXERROR = "syntaxerror"
    SYSTEMERROR = "systemerror"
    SYSTEMFULL = "systemfull"
    TOOMANYCONN = "toomanyconn"
    UNDEFINED = "undefined"
    USERUNKNOWN = "userunknown"
    VACATION = "vacation"
    VIRUSDETECTED = "virusdetected"


class BounceClass(StrEnum):
    """What a bounce says about the recipient; mapped from Reason by policy data."""

    HARD = "hard"  # the address is dead
    SOFT = "soft"  # temporary recipient-side failure
    BLOCK = "block"  # sender-side or message-level refusal: says nothing about the recipient
    COMPLAINT = "complaint"  # the recipient reported the message (ARF feedback)
    NONE = "none"  # not a failure: auto-reply, delivery report


class Format(StrEnum):
    """The `format` field of a raw bounce: how its payload is to be read."""

    SMTP = "smtp"
    DSN = "dsn"
    ARF = "arf"
    SES = "ses"
    SENDGRID = "sendgrid"
    MAILGUN = "mailgun"
    POSTMARK = "postmark"


class CommandReason(StrEnum):
    """Why an unsubscribe command was emitted."""

    HARD_BOUNCE = "hard_bounce"
    CONSECUTIVE_BOUNCES = "consecutive_bounces"
    COMPLAINT = "complaint"


@dataclass(frozen=True, slots=True)
class Bounce:
    """One reported recipient of a bounce, as a parser read it (before classification).

    `reason_hint` is set when the format itself states the reason (an ARF report is feedback,
    an RFC 3834 auto-reply is vacation, a provider's own bounce type); `hint_rule` names the rule.
    `reporter` names the MTA that wrote the bounce when the parser knows it (its headers sign it, or
    its layout is its own): the classifier reads that MTA's own sentences with its table, and
    `reporter_code`, the type a provider's webhook gives the failure, with its table of codes.
    """

    recipient: str
    status: str = ""  # RFC 3463 enhanced status code such as "5.1.1", or ""
    reply_code: str = ""  # SMTP reply code such as "550", or ""
    diagnostic: str = ""  # the remote server's text
    action: str = ""  # RFC 3464 Action (failed, delayed, delivered, relayed, expanded) or ""
    remote_host: str = ""  # the host that reported the failure, when known
    message_id: str = ""  # Message-ID of the original message, when known
    feedback_type: str = ""  # ARF Feedback-Type (abuse, fraud, ...), for complaints
    smtp_command: str = ""  # the SMTP command that failed (RCPT, DATA, ...), when known
    contact_hints: tuple[tuple[str, str], ...] = ()  # (name, value): VERP, X- headers of the original
    reason_hint: Reason | None = None
    hint_rule: str = ""
    reporter: str = ""  # e.g. "exim", "qmail", "aol", "ses": see streams/classify/reporters.py
    reporter_code: str = ""  # the reporter's own type for the failure ("bounce:Permanent/NoEmail"), if any


@dataclass(frozen=True, slots=True)
class Verdict:
    """The classifier's answer for one Bounce: a reason and the rule that decided it."""

    reason: Reason
    rule_id: str  # e.g. "status:5.1.1", "phrase:userunknown:no-such-user", "rhost:google:..."


@dataclass(frozen=True, slots=True)
class Classified:
    """A Bounce with its Verdict and class: one row of `classify` output."""

    bounce: Bounce
    verdict: Verdict
    bounce_class: BounceClass


@dataclass(frozen=True, slots=True)
class Limits:
    """The numbers a contact policy applies."""

    hard_bounce_limit: int = 1
    consecutive_bounce_limit: int = 3


@dataclass(frozen=True, slots=True)
class Policy:
    """A versioned contact policy in force for one tenant."""

    name: str
    version: str
    limits: Limits
    classes: dict[Reason, BounceClass] = field(hash=False)

    def class_of(self, reason: Reason) -> BounceClass:
        return self.classes.get(reason, BounceClass.SOFT)
