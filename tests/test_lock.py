"""The lock files (requirements.lock for the image, requirements-test.lock for `make setup` and CI)
pin what pyproject.toml asks for: a dependency changed in one place only is caught here (`make lock`)."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+)")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lines: list[str]) -> dict[str, str]:
    return {canonical(m[1]): m[2] for line in lines if (m := PIN.match(line.strip()))}


def locked(name: str) -> dict[str, str]:
    text = (ROOT / name).read_text()
    assert "--hash=sha256:" in text
    return pins(text.splitlines())


PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_the_image_lock_has_each_dependency_at_its_pinned_version():
    assert pins(PROJECT["dependencies"]).items() <= locked("requirements.lock").items()


def test_the_test_lock_has_the_image_lock_and_the_test_extra():
    test_lock = locked("requirements-test.lock")
    assert locked("requirements.lock").items() <= test_lock.items()
    assert pins(PROJECT["optional-dependencies"]["test"]).items() <= test_lock.items()
