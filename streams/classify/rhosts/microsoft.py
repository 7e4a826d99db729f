"""Outlook.com and Exchange Online replies: https://learn.microsoft.com/exchange/mail-flow-best-practices/
non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online (NDR codes)."""
from __future__ import annotations

from streams.classify.match import Table
from streams.classify.rhosts._rows import rows
from streams.model import Reason as R

NAME = "microsoft"
HOSTS = ("outlook.com", "hotmail.com", "protection.outlook.com", "messaging.microsoft.com")
MARKERS = ("outlook.com", "hotmail.com", "resolver.adr", "resolver.rst")

RULES = Table(rows(
    NAME,
    # 550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup
    (R.USERUNKNOWN, "recipient-not-found", "recipientnotfound"),
    # Outlook.com/Hotmail: "550 Requested action not taken: mailbox unavailable (-xxx:xxx:-xxx)" for an
    # address that does not exist (Sisimai rhost/for-microsoft.go)
    (R.USERUNKNOWN, "mailbox-unavailable", "requested action not taken: mailbox unavailable"),
    # 550 5.1.1 RESOLVER.ADR.ExRecipNotFound
    (R.USERUNKNOWN, "exrecip-not-found", "exrecipnotfound"),
    # 550 5.4.1 Recipient address rejected: Access denied. AS(201806281)
    (R.USERUNKNOWN, "access-denied-as", "recipient address rejected: access denied"),
    # 552 5.2.2 mailbox full / 5.2.2 submission quota exceeded
    (R.MAILBOXFULL, "mailbox-full", "mailbox full"),
    # 550 5.7.1 RESOLVER.RST.NotAuthorized; not authorized
    (R.FILTERED, "not-authorized", "resolver.rst.notauthorized"),
    # 550 5.7.606-649 Access denied, banned sending IP
    (R.BLOCKED, "banned-sending-ip", "banned sending ip"),
    # 550 SC-001/SC-002/SC-004/DY-001 ... part of their network is on our block list (S3150)
    (R.BLOCKED, "block-list", "block list"),
    # 451 4.7.650 The mail server [IP] has been temporarily rate limited due to IP reputation.
    (R.BADREPUTATION, "ip-reputation", "rate limited due to ip reputation"),
    # 550 5.7.515 Access denied, sending domain does not meet the required authentication level.
    (R.AUTHFAILURE, "authentication-level", "required authentication level"),
    # 550 5.7.509 Access denied, sending domain does not pass DMARC verification.
    (R.AUTHFAILURE, "dmarc", "dmarc"),
    # 550 5.7.1 Service unavailable, Client host [IP] blocked using Spamhaus.
    (R.BLOCKED, "spamhaus", "spamhaus"),
    # 550 5.7.708 Access denied, traffic not accepted from this IP.
    (R.BLOCKED, "traffic-not-accepted", "traffic not accepted from this ip"),
    # 5.7.511 Access denied, banned sender.
    (R.REJECTED, "banned-sender", "banned sender"),
    # 5.7.520 Access denied, your organization doesn't allow external forwarding.
    (R.SECURITYERROR, "external-forwarding", "doesn't allow external forwarding"),
    # 550 5.7.750 Service unavailable. Client blocked from sending from unregistered domains.
    (R.BLOCKED, "unregistered-domains", "unregistered domains"),
    # 5.4.1 Relay Access Denied
    (R.NORELAYING, "relay-access-denied", "relay access denied"),
    # 421 4.3.2 The maximum number of concurrent server connections has exceeded a limit
    (R.TOOMANYCONN, "concurrent-connections", "concurrent server connections"),
    # 5.2.121/5.2.122 recipient's per hour message receive limit exceeded
    (R.SPEEDING, "receive-limit", "message receive limit"),
    # 550 5.7.1 Unfortunately, messages from [IP] weren't sent. ... not currently accepting mail
    (R.BLOCKED, "not-accepting-from-ip", "not currently accepting mail from your ip"),
))
first = RULES.first
