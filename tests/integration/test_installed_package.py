"""The built wheel in a fresh venv, run from a directory that is not a checkout (issue 8, item 1).

Installed as the image installs it: the locked dependencies with their hashes, then the wheel alone.
Needs the package index (or pip's cache) for the dependencies and the build backend.
"""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the wheel, the bin dir of a fresh venv with the wheel and the locked dependencies installed)."""
    root = tmp_path_factory.mktemp("installed")
    built = run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", root / "dist", REPO, cwd=root)
    assert built.returncode == 0, built.stderr
    (wheel,) = (root / "dist").glob("bounce_hygiene-*.whl")
    made = run(sys.executable, "-m", "venv", root / "venv", cwd=root)
    assert made.returncode == 0, made.stderr
    pip = root / "venv" / "bin" / "pip"
    deps = run(pip, "install", "--quiet", "--require-hashes", "-r", REPO / "requirements.lock", cwd=root)
    assert deps.returncode == 0, deps.stderr
    own = run(pip, "install", "--quiet", "--no-deps", wheel, cwd=root)
    assert own.returncode == 0, own.stderr
    return wheel, root / "venv" / "bin"


@pytest.fixture
def elsewhere(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """An empty working directory and an environment that points at no checkout."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PYTHON", "HYGIENE_", "VIRTUAL_ENV"))}
    return tmp_path, env


def test_the_wheel_carries_the_schemas_and_broker_files_as_they_are_in_the_checkout(installed):
    wheel, _bin = installed
    with zipfile.ZipFile(wheel) as archive:
        for source, packaged in [*((p, f"streams/schemas/{p.name}") for p in (REPO / "schemas").glob("*.json")),
                                 *((p, f"streams/kafka/{p.name}") for p in (REPO / "deploy" / "kafka").iterdir())]:
            assert archive.read(packaged) == source.read_bytes(), packaged


def test_version_names_the_installed_release(installed, elsewhere):
    _wheel, bin_dir = installed
    cwd, env = elsewhere
    shown = run(bin_dir / "bounce-hygiene", "--version", cwd=cwd, env=env)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip() == f"bounce-hygiene {installed[0].name.split('-')[1]}"


def test_replay_from_another_directory_gives_the_checkouts_commands(installed, elsewhere):
    _wheel, bin_dir = installed
    cwd, env = elsewhere
    sample = REPO / "deploy" / "sample"
    args = ("replay", "--bounces", sample / "bounces.jsonl", "--engagement", sample / "engagement.jsonl")

    from_wheel = run(bin_dir / "bounce-hygiene", *args, cwd=cwd, env=env)
    from_checkout = run(sys.executable, "-m", "streams.cli", *args, cwd=REPO)

    # the sample has one broken line on purpose: exit 1, one dead letter, the other commands
    assert "Traceback" not in from_wheel.stderr
    assert from_wheel.stdout.count("\n") > 0
    assert (from_wheel.returncode, from_wheel.stdout, from_wheel.stderr) == \
        (from_checkout.returncode, from_checkout.stdout, from_checkout.stderr)


def test_classify_from_another_directory_classifies_as_the_checkout_does(installed, elsewhere):
    _wheel, bin_dir = installed
    cwd, env = elsewhere
    bounce = cwd / "bounce.eml"
    bounce.write_bytes((REPO / "tests" / "vectors" / "dsn-postfix-usernotfound.eml").read_bytes())

    from_wheel = run(bin_dir / "bounce-hygiene", "classify", "bounce.eml", cwd=cwd, env=env)
    from_checkout = run(sys.executable, "-m", "streams.cli", "classify", "bounce.eml", cwd=cwd,
                        env={**os.environ, "PYTHONPATH": str(REPO)})

    assert from_wheel.returncode == 0, from_wheel.stderr
    assert '"reason":"userunknown"' in from_wheel.stdout
    assert from_wheel.stdout == from_checkout.stdout
