"""Tencent QQ Mail replies: http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022 (error help)."""
from __future__ import annotations

from streams.classify.match import Table
from streams.classify.rhosts._rows import rows
from streams.model import Reason as R

NAME = "tencent"
HOSTS = ("qq.com", "exmail.qq.com", "foxmail.com")
MARKERS = ("service.mail.qq.com", "service.exmail.qq.com")

RULES = Table(rows(
    NAME,
    # Sisimai Rhost/TencentQQ.pm rows; "suspected spam ip" before "suspected spam" (the IP, not the mail)
    (R.BLOCKED, "suspected-spam-ip", "suspected spam ip"),
    (R.AUTHFAILURE, "dmarc-check", "dmarc check failed"),  # Sisimai: blocked; authentication for us
    (R.AUTHFAILURE, "spf-check", "spf check failed"),  # Sisimai: blocked; authentication for us
    (R.FILTERED, "rejected-by-recipients", "mail is rejected by recipients"),
    (R.SPAMDETECTED, "spam-embedded", "spam is embedded in the email"),
    (R.SYNTAXERROR, "bad-address-syntax", "bad address syntax"),
    (R.TOOMANYCONN, "connection-denied", "connection denied"),
    # 550 Mailbox unavailable or access denied: QQ's frequency limit, not a disabled mailbox here
    (R.TOOMANYCONN, "unavailable-or-access-denied", "mailbox unavailable or access denied"),
    # 550 Connection frequency limited / Ip frequency limited / Domain frequency limited
    (R.TOOMANYCONN, "frequency-limited", "frequency limited"),
    # 550 Mail content denied
    (R.SPAMDETECTED, "content-denied", "mail content denied"),
    # 550 Mailbox not found / Invalid recipient
    (R.USERUNKNOWN, "mailbox-not-found", "mailbox not found"),
    # 550 x is a deactivated mailbox
    (R.SUSPEND, "deactivated", "deactivated mailbox"),
    # 552 Quota exceeded or service disabled / The user's space has been used up
    (R.MAILBOXFULL, "space-used-up", "space has been used up"),
    (R.MAILBOXFULL, "quota-exceeded", "quota exceeded"),
    # 550 Ip frequency limited / Ip blocked
    (R.BLOCKED, "ip-blocked", "ip blocked"),
    # 550 Suspected spam / Suspected bounce attacks
    (R.SPAMDETECTED, "suspected-spam", "suspected spam"),
    # 550 Message is too large
    (R.MESGTOOBIG, "too-large", "message is too large"),
    (R.MESGTOOBIG, "message-too-large", "message too large"),
))
first = RULES.first
