"""Contact policies from TOML: the packaged default, overridden per file and per tenant. Pure."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from streams.model import BounceClass, Limits, Policy, Reason

_LIMIT_KEYS = ("hard_bounce_limit", "consecutive_bounce_limit")


class PolicyError(ValueError):
    """A policy file is not valid."""


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if key == "classes":
            merged["classes"] = {**base.get("classes", {}), **value}
        else:
            merged[key] = value
    return merged


def _build(doc: dict[str, Any], where: str) -> Policy:
    unknown = set(doc) - {"name", "version", "classes", *_LIMIT_KEYS}
    if unknown:
        raise PolicyError(f"{where}: unknown keys {sorted(unknown)}")
    limits = {}
    for key in _LIMIT_KEYS:
        value = doc[key]
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise PolicyError(f"{where}: {key} must be a whole number >= 1, not {value!r}")
        limits[key] = value
    classes = {}
    for reason, cls in doc["classes"].items():
        try:
            classes[Reason(reason)] = BounceClass(cls)
        except ValueError as exc:
            raise PolicyError(f"{where}: classes.{reason} = {cls!r}: {exc}") from None
    missing = set(Reason) - set(classes)
    if missing:
        raise PolicyError(f"{where}: no class for reasons {sorted(missing)}")
    return Policy(str(doc["name"]), str(doc["version"]), Limits(**limits), classes)


@dataclass(frozen=True, slots=True)
class Policies:
    """The policy of every tenant: one default and per-tenant overrides."""

    default: Policy
    tenants: dict[str, Policy]

    def for_tenant(self, tenant: str) -> Policy:
        return self.tenants.get(tenant, self.default)


def _default_doc() -> dict[str, Any]:
    text = resources.files("streams").joinpath("default_policy.toml").read_text("utf-8")
    return tomllib.loads(text)


def parse(text: str = "", where: str = "policy") -> Policies:
    """Policies from a policy file's text ("" = the packaged default alone)."""
    try:
        doc = tomllib.loads(text) if text else {}
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{where}: {exc}") from None
    unknown = set(doc) - {"default", "tenants"}
    if unknown:
        raise PolicyError(f"{where}: unknown sections {sorted(unknown)}; use [default] and [tenants.\"NAME\"]")
    base = _merge(_default_doc(), doc.get("default", {}))
    tenants = {
        name: _build(_merge(base, override), f"{where}: tenants.{name}")
        for name, override in doc.get("tenants", {}).items()
    }
    return Policies(_build(base, f"{where}: default"), tenants)


def default_policy() -> Policy:
    return parse().default
