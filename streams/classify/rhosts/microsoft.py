"""Outlook.com and Exchange Online replies: https://learn.microsoft.com/exchange/mail-flow-best-practices/
non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online (NDR codes)."""
from __future__ import annotations

from streams.classify.match import Table
from streams.classify.rhosts._rows import rows
from streams.model import Reason as R

NAME = "microsoft"
HOSTS = ("outlook.com", "hotmail.com", "protection.outlook.com", "messaging.microsoft.com")
# "Access denied. AS(201806281)": Exchange Online's directory-based edge blocking (5.4.1) names its rule;
# "Access denied, <why>": the opening of its 5.7.5xx-7xx refusals (Microsoft's NDR reference)
MARKERS = ("outlook.com", "hotmail.com", "resolver.adr", "resolver.rst", "access denied. as(", "access denied, ")

RULES = Table(rows(
    NAME,
    # 550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup
    (R.USERUNKNOWN, "recipient-not-found", "recipientnotfound"),
    # Outlook.com/Hotmail: "550 Requested action not taken: mailbox unavailable (-xxx:xxx:-xxx)" for an
    # address that does not exist (Sisimai rhost/for-microsoft.go)
    (R.USERUNKNOWN, "mailbox-unavailable", "requested action not taken: mailbox unavailable"),
    # 550 5.1.1 RESOLVER.ADR.ExRecipNotFound
    (R.USERUNKNOWN, "exrecip-not-found", "exrecipnotfound"),
    # 550 5.7.504 Recipient address rejected: Access denied (Sisimai: suspend, as 5.7.505 banned recipient)
    (R.SUSPEND, "access-denied-5.7.504", ("5.7.504", "recipient address rejected: access denied")),
    # 550 5.4.1 Recipient address rejected: Access denied. AS(201806281)
    (R.USERUNKNOWN, "access-denied-as", "recipient address rejected: access denied"),
    # 554 5.2.2 mailbox full; ...SubmissionQuotaExceededException: the sender's quota, not the mailbox
    (R.TOOMANYCONN, "submission-quota", "submission quota exceeded"),
    # 552 5.2.2 mailbox full
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
    # The rows below: Exchange Online's replies as collected by Sisimai (Rhost/ExchangeOnline.pm)
    # 4.7.500-699 / 4.7.850-899 Access denied, please try again later
    (R.BLOCKED, "try-again-later", "access denied, please try again later"),
    # 5.7.506 Access denied, Bad HELO; 5.7.507 Access denied, rejected by recipient (the sending IP);
    # 5.7.510 does not accept email over IPv6; 5.7.513 using customer block list;
    # 5.7.51 RestrictDomainsToIPAddresses or RestrictDomainsToCertificate
    (R.BLOCKED, "bad-helo", "access denied, bad helo"),
    (R.BLOCKED, "rejected-by-recipient", "access denied, rejected by recipient"),
    (R.BLOCKED, "ipv6", "does not accept email over ipv6"),
    (R.BLOCKED, "customer-block-list", "using customer block list"),
    (R.BLOCKED, "restrict-domains", "restrictdomainstoipaddresses"),
    # 5.7.501-503 Access denied, spam abuse detected; 5.1.8 bad outbound sender; 5.7.12/13/133-136
    # sender was not authenticated (by organization, for group/mailbox/public folder); 5.7.124 sender
    # not in allowed-senders list; 5.1.0 sender denied; 5.1.7 unknown sender address
    (R.REJECTED, "spam-abuse", "access denied, spam abuse detected"),
    (R.REJECTED, "bad-outbound-sender", "bad outbound sender"),
    (R.REJECTED, "sender-not-authenticated", "sender was not authenticated"),
    (R.REJECTED, "sender-not-authenticated-group", "sender not authenticated for group"),
    (R.REJECTED, "allowed-senders", "sender not in allowed-senders list"),
    (R.REJECTED, "sender-denied", ("5.1.0", "sender denied")),
    (R.REJECTED, "unknown-sender", "unknown sender address"),
    # 5.7.512 message must be RFC 5322 section 3.6.2 compliant (Sisimai: rejected)
    (R.NOTCOMPLIANTRFC, "rfc5322", "must be rfc 5322 section 3.6.2 compliant"),
    # 5.7.505 Access denied, banned recipient; 5.2.1 mailbox cannot be accessed
    (R.SUSPEND, "banned-recipient", "access denied, banned recipient"),
    (R.SUSPEND, "cannot-be-accessed", "mailbox cannot be accessed"),
    # 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient (the recipient's own limit)
    (R.EXCEEDLIMIT, "recip-size-limit", "recipsizelimit"),
    # 5.1.3 STOREDRV.Submit; invalid recipient address / recipient address reserved by RFC 2606 /
    # invalid X.400 address
    (R.USERUNKNOWN, "invalid-recipient-address", "storedrv.submit; invalid recipient address"),
    (R.USERUNKNOWN, "rfc2606", "reserved by rfc 2606"),
    (R.USERUNKNOWN, "x400", "invalid x.400 address"),
    # 5.0.350 policy violation detected (AS345) / x-dg-ref header is too long; 5.7.900-999
    (R.POLICYVIOLATION, "as345", "policy violation detected"),
    (R.POLICYVIOLATION, "x-dg-ref", "x-dg-ref header is too long"),
    # 5.3.0 too many related errors; 5.6.11 invalid characters; 5.4.11 agent generated message depth
    # exceeded; 5.5.6 invalid message content
    (R.CONTENTERROR, "related-errors", "too many related errors"),
    (R.CONTENTERROR, "invalid-characters", ("5.6.11", "invalid characters")),
    (R.CONTENTERROR, "message-depth", "agent generated message depth exceeded"),
    (R.CONTENTERROR, "invalid-content", "invalid message content"),
    # 5.7.57 Client was not authenticated to send anonymous mail during MAIL FROM (our submission);
    # 5.7.1 Client was not authenticated (relaying)
    (R.SECURITYERROR, "anonymous-mail", "not authenticated to send anonymous mail"),
    (R.SECURITYERROR, "exchange-authentication", "cannot achieve exchange server authentication"),
    (R.NORELAYING, "client-not-authenticated", "client was not authenticated"),
    # TLS and DANE: 5.7.321 starttls-not-supported; 5.7.322 certificate-expired; 5.7.323 tlsa-invalid;
    # 5.7.324 dnssec-invalid; 5.7.325 certificate-host-mismatch (Sisimai: blocked/securityerror)
    (R.FAILEDSTARTTLS, "starttls-not-supported", "starttls-not-supported"),
    (R.SECURITYERROR, "certificate-expired", "certificate-expired"),
    (R.SECURITYERROR, "tlsa-invalid", "tlsa-invalid"),
    (R.SECURITYERROR, "dnssec-invalid", "dnssec-invalid"),
    (R.SECURITYERROR, "certificate-host-mismatch", "certificate-host-mismatch"),
    # 5.2.1 Content Filter agent quarantined this message
    (R.SPAMDETECTED, "content-filter-quarantine", "content filter agent quarantined"),
    # 5.3.3 Unrecognized command; 5.5.2 Send hello first
    (R.SYNTAXERROR, "unrecognized-command", "unrecognized command"),
    (R.SYNTAXERROR, "send-hello-first", "send hello first"),
    # 4.3.2 service not active; 5.3.5 system incorrectly configured; temporary server error; message
    # failed to be replicated; server busy; PFA agent busy; 5.0.0 HELO / EHLO requires domain address
    (R.SYSTEMERROR, "service-not-active", "service not active"),
    (R.SYSTEMERROR, "incorrectly-configured", "system incorrectly configured"),
    (R.SYSTEMERROR, "temporary-server-error", "temporary server error. please try again later"),
    (R.SYSTEMERROR, "replication", "message failed to be replicated"),
    (R.SYSTEMERROR, "server-busy", "server busy. please try again later"),
    (R.SYSTEMERROR, "pfa-busy", "pfa agent busy"),
    (R.SYSTEMERROR, "helo-domain", "helo / ehlo requires domain address"),
    (R.SYSTEMERROR, "forwarding-address", "misconfigured forwarding address"),
    # 4.3.1 Insufficient system resources
    (R.SYSTEMFULL, "insufficient-resources", "insufficient system resources"),
    # 5.2.122 the recipient has exceeded their limit; 4.3.2 recipient thread limit exceeded;
    # 5.7.508 has exceeded permitted limits within; 5.7.700-749 tenant has exceeded threshold
    (R.TOOMANYCONN, "recipient-limit", "the recipient has exceeded their limit for"),
    (R.TOOMANYCONN, "thread-limit", "recipient thread limit exceeded"),
    (R.TOOMANYCONN, "permitted-limits", "has exceeded permitted limits within"),
    (R.TOOMANYCONN, "tenant-threshold", "tenant has exceeded threshold"),
))
first = RULES.first
