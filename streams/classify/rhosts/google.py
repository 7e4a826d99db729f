"""Gmail and Google Workspace replies: https://support.google.com/a/answer/3726730 (SMTP errors)."""
from __future__ import annotations

from streams.classify.match import Table
from streams.classify.rhosts._rows import rows
from streams.model import Reason as R

NAME = "google"
HOSTS = ("google.com", "googlemail.com", "gmail.com", "aspmx.l.google.com")
MARKERS = ("gsmtp", "support.google.com/mail", "support.google.com/a/")

RULES = Table(rows(
    NAME,
    # 550 5.1.1 The email account that you tried to reach does not exist.
    (R.USERUNKNOWN, "account-does-not-exist", "account that you tried to reach does not exist"),
    # 550 5.2.1 The email account that you tried to reach is disabled.
    (R.SUSPEND, "account-disabled", "account that you tried to reach is disabled"),
    # 550 5.2.1 The user you are trying to contact is receiving mail at a rate that prevents ...
    (R.SPEEDING, "receiving-too-fast", "receiving mail at a rate that prevents"),
    # 452 4.2.2 / 552 5.2.2 The email account that you tried to reach is over quota.
    (R.MAILBOXFULL, "over-quota", "is over quota"),
    # 452 4.2.2 The recipient's inbox is out of storage space.
    (R.MAILBOXFULL, "out-of-storage", "inbox is out of storage space"),
    # 552 5.3.4 Your message exceeded Google's message size limits.
    (R.MESGTOOBIG, "message-size", "exceeded google's message size limits"),
    # 550 5.7.26 Unauthenticated email from x is not accepted due to domain's DMARC policy.
    (R.AUTHFAILURE, "dmarc", "due to domain's dmarc policy"),
    # 550 5.7.26 This message does not have authentication information or fails to pass
    # authentication checks (SPF or DKIM).
    (R.AUTHFAILURE, "authentication-checks", "fails to pass authentication checks"),
    (R.AUTHFAILURE, "spf-hard-fail", "spf record with a hard fail"),
    (R.AUTHFAILURE, "authenticate-spf-dkim", "senders to authenticate with"),
    (R.AUTHFAILURE, "suspicious-spf", "the spf record of the sending domain"),
    # 550 5.7.25 The IP address sending this message does not have a PTR record setup.
    (R.REQUIREPTR, "ptr", "does not have a ptr record"),
    # 421 4.7.0 / 550 5.7.1 ... very low reputation of the sending IP address/domain.
    (R.BADREPUTATION, "low-reputation", "very low reputation"),
    # 421 4.7.28 / 550 5.7.1 Our system has detected an unusual rate of unsolicited mail.
    (R.BLOCKED, "unusual-rate", "unusual rate of"),
    # 421 4.7.0 IP not in whitelist for RCPT domain, closing connection.
    (R.BLOCKED, "not-in-whitelist", "ip not in whitelist"),
    # 550 5.7.1 This message is not RFC 5322 compliant.
    (R.NOTCOMPLIANTRFC, "rfc5322", "not rfc 5322 compliant"),
    # 550 5.7.1 ... likely unsolicited mail / spam.
    (R.SPAMDETECTED, "unsolicited", "likely unsolicited mail"),
    # 552 5.7.0 This message was blocked because its content presents a potential security issue.
    (R.SECURITYERROR, "security-issue", "content presents a potential security issue"),
    # 530 5.7.0 Must issue a STARTTLS command first. / 421 4.7.0 TLS required for RCPT domain.
    (R.FAILEDSTARTTLS, "starttls", "must issue a starttls command first"),
    (R.FAILEDSTARTTLS, "tls-required", "tls required for rcpt domain"),
))
first = RULES.first
