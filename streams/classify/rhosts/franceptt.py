"""Orange / Wanadoo / La Poste (France) replies, which end in an error label such as "OFR006_102" or
"LPN007_426": https://www.postmastery.com/orange-postmaster-smtp-error-codes-ofr/ (code list)."""
from __future__ import annotations

import re

from streams.classify.match import Row, Table
from streams.classify.rhosts._rows import by_code, rows
from streams.model import Reason as R

NAME = "franceptt"
HOSTS = ("orange.fr", "wanadoo.fr", "laposte.net", "orange.com")
MARKERS = ("ofr_", "ofr0", "lpn0", "lpn1", "lpnaaa", "ouk_")

# The three digits after the label's underscore; the label names the service (OFR: Orange,
# LPN: La Poste, OUK: Orange UK).
# "OFR_417", "OFR006_102", and the hyphenated "LPN007-426" (Sisimai Rhost/FrancePTT.pm reads both).
_LABEL = re.compile(r"\b(?:ofr|lpn|lpnaaa|ouk)(?:\d{0,3}_|\d{3}-)(\d{3})\b")

CODES: dict[str, tuple[R, str]] = {
    "101": (R.BLOCKED, "ip listed on a blocklist (Spamhaus)"),
    "102": (R.BLOCKED, "source IP blocked for spam incidents"),
    "103": (R.BLOCKED, "service refused"),
    "104": (R.TOOMANYCONN, "too many connections, slow down"),
    "305": (R.SECURITYERROR, "code d'authentification invalide"),
    "401": (R.AUTHFAILURE, "SPF: not allowed to send mail"),
    "402": (R.SECURITYERROR, "authentification requise"),
    "403": (R.REJECTED, "emetteur invalide / invalid sender"),
    "405": (R.REJECTED, "emetteur invalide / invalid sender"),
    "415": (R.REJECTED, "emetteur invalide / invalid sender"),
    "416": (R.USERUNKNOWN, "adresse d'au moins un destinataire invalide / invalid recipient"),
    "418": (R.USERUNKNOWN, "adresse d'au moins un destinataire invalide / invalid recipient (Sisimai)"),
    "417": (R.MAILBOXFULL, "boite du destinataire pleine / recipient overquota"),
    "420": (R.SUSPEND, "boite du destinataire archivee / archived recipient"),
    "421": (R.REJECTED, "mail from not owned by user"),
    "426": (R.SUSPEND, "le compte du destinataire est bloque / recipient account blocked"),
    "505": (R.SYSTEMERROR, "service refuse, veuillez essayer plus tard (end of DATA)"),
    "506": (R.SPAMDETECTED, "mail rejete / mail rejected"),
    "510": (R.BLOCKED, "service refused (end of DATA)"),
    "514": (R.MESGTOOBIG, "taille limite du message atteinte"),
    "517": (R.AUTHFAILURE, "DMARC verification failed"),
    "630": (R.POLICYVIOLATION, "client host rejected"),
    "999": (R.BLOCKED, "service refused"),
}

RULES = Table(rows(
    NAME,
    # 421 smtp.orange.fr Emetteur invalide, Veuillez verifier la configuration SPF/DNS de votre nom de domaine
    (R.AUTHFAILURE, "spf-dns", "spf/dns de votre nom de domaine"),
))


def first(text: str, text_words: frozenset[str]) -> Row | None:
    return by_code(NAME, _LABEL, CODES, text) or RULES.first(text, text_words)
