"""Mimecast replies: https://community.mimecast.com/s/article/Mimecast-SMTP-Error-Codes-842605754
(SMTP error codes), as collected by Sisimai (Rhost/Mimecast.pm). Mimecast words its replies alike
under several reply codes, so the rows below are its distinctive phrases."""
from __future__ import annotations

from streams.classify.match import Table
from streams.classify.rhosts._rows import rows
from streams.model import Reason as R

NAME = "mimecast"
HOSTS = ("mimecast.com", "mimecast.co.za", "mimecast-offshore.com")
MARKERS = ("mimecast",)

RULES = Table(rows(
    NAME,
    # 421 Sender address blocked / 451 IP temporarily blacklisted / 451 Recipient temporarily unavailable /
    # 451 Internal resources are temporarily unavailable (greylisting or a reputation check: Sisimai blocked)
    (R.BLOCKED, "sender-address-blocked", "sender address blocked"),
    (R.BLOCKED, "ip-temporarily-blacklisted", "ip temporarily blacklisted"),
    (R.BLOCKED, "recipient-temporarily-unavailable", "recipient temporarily unavailable"),
    (R.BLOCKED, "internal-resources", "internal resources are temporarily unavailable"),
    # 550 Local CT IP Reputation - (Reject): Sisimai blocked; a reputation in our vocabulary
    (R.BADREPUTATION, "ip-reputation", "ip reputation - (reject)"),
    # 550 SPF/DKIM/DMARC Sender Invalid - envelope rejected: Sisimai blocked; authentication for us
    (R.AUTHFAILURE, "spf-sender-invalid", "spf sender invalid"),
    (R.AUTHFAILURE, "dkim-sender-invalid", "dkim sender invalid"),
    (R.AUTHFAILURE, "dmarc-sender-invalid", "dmarc sender invalid"),
    # 554 Maximum email size exceeded
    (R.MESGTOOBIG, "maximum-size", "maximum email size exceeded"),
    # 554 Mail loop detected
    (R.NETWORKERROR, "mail-loop", "mail loop detected"),
    # 451 Open relay not allowed
    (R.NORELAYING, "open-relay", "open relay not allowed"),
    # 451 Account inbounds disabled (the receiving customer's account; transient as a 4xx)
    (R.NOTACCEPT, "inbounds-disabled", "account inbounds disabled"),
    # 550 Anti-Spoofing policy - Inbound not allowed / Rejected by header-based Anti-Spoofing policy /
    # 550 Message bounced due to content examination policy / 554 Host network not allowed
    (R.POLICYVIOLATION, "anti-spoofing", "anti-spoofing policy"),
    (R.POLICYVIOLATION, "content-examination", "content examination policy"),
    (R.POLICYVIOLATION, "host-network", "host network not allowed"),
    # 550 Envelope blocked - User Entry / User Domain Entry; Rejected by header-based (Manually) Blocked
    # Senders - Block policy for Header From; Envelope rejected - Block policy for Envelope From address
    (R.REJECTED, "envelope-blocked", "envelope blocked"),
    (R.REJECTED, "manually-blocked-senders", "manually blocked senders"),
    (R.REJECTED, "header-from-policy", "block policy for header from"),
    (R.REJECTED, "envelope-from-policy", "block policy for envelope from address"),
    # 535 Incorrect authentication data / 554 Configuration is invalid for this certificate
    (R.SECURITYERROR, "incorrect-authentication", "incorrect authentication data"),
    (R.SECURITYERROR, "invalid-certificate", "configuration is invalid for this certificate"),
    # 553 This route requires encryption (TLS) / TLS version 1.2 or greater / high-strength ciphers:
    # Sisimai securityerror (4.25 had no failedstarttls)
    (R.FAILEDSTARTTLS, "route-requires-tls", "this route requires encryption (tls)"),
    (R.FAILEDSTARTTLS, "route-requires-tls12", "this route requires tls version"),
    (R.FAILEDSTARTTLS, "route-requires-ciphers", "this route requires high-strength ciphers"),
    # 451 Unable to process connection / command / an email at this time; 451 Message ended early
    (R.SYSTEMERROR, "unable-to-process", "unable to process"),
    (R.SYSTEMERROR, "ended-early", "message ended early"),
    # 451 Account service is temporarily unavailable / 550 Exceeding outbound thread limit
    (R.TOOMANYCONN, "account-service", "account service is temporarily unavailable"),
    (R.TOOMANYCONN, "thread-limit", "exceeding outbound thread limit"),
    # 554 Email rejected due to security policies (Mimecast: the message carried a virus or malware)
    (R.VIRUSDETECTED, "security-policies", "email rejected due to security policies"),
    # 550 Invalid Recipient / 501 Invalid address / 503 User unknown: Mimecast's own directory look-up
    (R.USERUNKNOWN, "invalid-recipient", "invalid recipient"),
    (R.USERUNKNOWN, "invalid-address", "501 invalid address"),
    (R.USERUNKNOWN, "user-unknown", "user unknown"),
))
first = RULES.first
