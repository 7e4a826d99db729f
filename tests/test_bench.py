"""bench/classifier.py runs end to end on a labelled corpus (figures are reported, never asserted)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]


def test_the_classifier_bench_scores_a_labelled_corpus(tmp_path: Path):
    case = tmp_path / "corpus" / "postfix-01"
    case.mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "vectors" / "postfix-01.eml", case / "message.eml")
    rows = [("ghost@example.net", "5.1.1", "userunknown", True), ("busy@example.com", "4.2.2", "mailboxfull", False)]
    expected = {"recipient_derivation": {"confidence": "high"},
                "recipients": [{"recipient": r, "recipient_alternates": [], "status": s, "reason": reason,
                                "hardbounce": hard, "status_is_sisimai_pseudo": False}
                               for r, s, reason, hard in rows]}
    (case / "expected.json").write_bytes(orjson.dumps(expected))

    done = subprocess.run([sys.executable, "bench/classifier.py", "--corpus", str(case.parent), "--json",
                           "--rounds", "1", "--repeat", "1"], cwd=ROOT, capture_output=True, timeout=300)

    assert done.returncode == 0, done.stderr.decode()
    result = orjson.loads(done.stdout)
    assert result["cases"] == 1
    assert result["ours"]["reason"]["agree"] == result["ours"]["recipient_high_confidence"]["agree"] == 2
