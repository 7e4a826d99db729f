"""A throw-away PKI for the secured-broker tests, made with the openssl command: a CA, the broker's
certificate (for 127.0.0.1 and localhost) and a client certificate, all signed by the CA."""
from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Pki:
    ca: Path  # the CA certificate (PEM): what clients and the broker trust
    broker: Path  # the broker's key and certificate chain in one PEM file (its keystore)
    client_cert: Path
    client_key: Path


def _openssl(*args: str | Path, cwd: Path) -> None:
    subprocess.run(["openssl", *map(str, args)], cwd=cwd, check=True, capture_output=True, timeout=60)


def _issue(dir_: Path, name: str, subject: str, extensions: str) -> tuple[Path, Path]:
    """A new P-256 key (PKCS#8) and a certificate for it signed by dir_/ca.pem, valid for two days."""
    key, csr, cert, ext = (dir_ / f"{name}{suffix}" for suffix in (".key", ".csr", ".pem", ".ext"))
    _openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key, cwd=dir_)
    _openssl("req", "-new", "-key", key, "-subj", subject, "-out", csr, cwd=dir_)
    ext.write_text(extensions)
    _openssl("x509", "-req", "-in", csr, "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
             "-days", "2", "-sha256", "-extfile", ext, "-out", cert, cwd=dir_)
    return key, cert


def make(dir_: Path) -> Pki:
    dir_.mkdir(parents=True, exist_ok=True)
    _openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
             "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=bounce-hygiene test CA", cwd=dir_)
    broker_key, broker_cert = _issue(dir_, "broker", "/CN=localhost",
                                     "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                                     "extendedKeyUsage=serverAuth,clientAuth\n")
    client_key, client_cert = _issue(dir_, "client", "/CN=bounce-hygiene-worker", "extendedKeyUsage=clientAuth\n")
    keystore = dir_ / "broker-keystore.pem"
    keystore.write_bytes(broker_key.read_bytes() + broker_cert.read_bytes() + (dir_ / "ca.pem").read_bytes())
    return Pki(ca=dir_ / "ca.pem", broker=keystore, client_cert=client_cert, client_key=client_key)
