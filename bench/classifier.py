"""Benchmark: our parser + classifier against Debian's Sisimai on one labelled corpus, in one run.

Runs both over the same case folders (CASE/message.eml + CASE/expected.json), each message
`--repeat` times, and reports messages per second of each, the ratio (ours / Sisimai), both
classifiers' agreement with the labels (scored by streams.evaluation, the code behind
`bounce-hygiene evaluate`) and our memory use. Sisimai is run through
../shared/peers/sisimai_classify.pl, which times `Sisimai->make` (file read included) per message;
ours is timed the same way: file read, format detection, parse, classify, policy class.

    .venv/bin/python bench/classifier.py [--corpus DIR] [--repeat N] [--rounds R] [--json] [--misses]

A shared machine's speed drifts by tens of percent from one second to the next, so both sides are
run in R interleaved rounds (ours, Sisimai, ours, ...) and each side's median round is reported.
"""
from __future__ import annotations

import argparse
import re
import resource
import shutil
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

import orjson

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from streams import evaluation  # noqa: E402
from streams.analyze import analyze  # noqa: E402
from streams.bounces.address import normalise  # noqa: E402
from streams.bounces.detect import detect  # noqa: E402
from streams.commands.evaluate import answers, load_policy  # noqa: E402
from streams.model import ParseError, Policy  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "dev"
PEER = REPO.parent / "shared" / "peers" / "sisimai_classify.pl"
_PEER_SPEED = re.compile(r"sisimai (\S+): (\d+) messages parsed in ([\d.]+) s")


def case_folders(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.iterdir() if (p / "message.eml").is_file())


def expected_of(folder: Path) -> tuple[evaluation.Expected, ...]:
    return evaluation.expected_rows(orjson.loads((folder / "expected.json").read_bytes()))


def classify_once(path: Path, policy: Policy) -> tuple[tuple[evaluation.Answer, ...], str]:
    """Our answer for one message file, read from disk as Sisimai reads it; errors are values."""
    try:
        fmt, payload = detect(path.read_bytes())
        return answers(analyze(fmt, payload, policy)), ""
    except ParseError as exc:
        return (), f"not decoded: {exc}"
    except Exception as exc:  # noqa: BLE001 - a crash is measured and reported, not fatal to the run
        return (), f"crash: {type(exc).__name__}: {exc}"


def run_ours(folders: list[Path], repeat: int, policy: Policy) -> evaluation.Report:
    outcomes, seconds = [], 0.0
    for folder in folders:
        message = folder / "message.eml"
        start = time.perf_counter()
        for _ in range(repeat):
            found, error = classify_once(message, policy)
        seconds += time.perf_counter() - start
        outcomes.append(evaluation.Outcome(folder.name, expected_of(folder), found, error))
    return evaluation.score(outcomes, seconds, messages=len(folders) * repeat)


def memory_of_ours(folders: list[Path], policy: Policy) -> dict[str, float]:
    """tracemalloc's peak over one pass (Python allocations of parse + classify) and the process's max RSS."""
    tracemalloc.start()
    for folder in folders:
        classify_once(folder / "message.eml", policy)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"tracemalloc_peak_mib": peak / 2**20,
            "max_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def sisimai_missing() -> str:
    """Why the peer cannot run here, or "" when it can."""
    if shutil.which("perl") is None:
        return "perl is not installed"
    if not PEER.is_file():
        return f"{PEER} does not exist"
    probe = subprocess.run(["perl", "-MSisimai", "-e", "1"], capture_output=True, text=True)
    if probe.returncode != 0:
        return "the Sisimai Perl module is missing (apt-get install libsisimai-perl)"
    return ""


def run_sisimai(corpus: Path, folders: list[Path], repeat: int) -> tuple[evaluation.Report, str]:
    done = subprocess.run(["perl", str(PEER), str(corpus), str(repeat)], capture_output=True, check=True)
    stderr = done.stderr.decode("utf-8", "replace")
    speed = _PEER_SPEED.search(stderr)
    if speed is None:
        raise RuntimeError(f"no timing line from the peer: {stderr.strip()[-300:]}")
    rows: dict[str, list[dict[str, Any]]] = {}
    for line in done.stdout.splitlines():
        if line.strip():
            item = orjson.loads(line)
            rows[item["case"]] = item["rows"]
    outcomes = []
    for folder in folders:
        found = tuple(
            evaluation.Answer(recipient=normalise(row.get("recipient") or ""), status=row.get("status") or "",
                              reply_code="", reason=row.get("reason") or "", hard=bool(row.get("hardbounce")))
            for row in rows.get(folder.name, ())
        )
        error = "" if found else "no answer"
        outcomes.append(evaluation.Outcome(folder.name, expected_of(folder), found, error))
    return evaluation.score(outcomes, float(speed.group(3)), messages=int(speed.group(2))), speed.group(1)


def median_round(rounds: list[evaluation.Report]) -> evaluation.Report:
    """The round of median speed (the agreement is the same in every round)."""
    return sorted(rounds, key=lambda report: report.per_second)[len(rounds) // 2]


def _pct(tally: evaluation.Tally) -> str:
    return f"{100 * tally.ratio:6.2f}% ({tally.agree}/{tally.total})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3, help="parse each message this many times (default 3)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="interleaved rounds of both sides; the median round of each is reported (default 3)")
    parser.add_argument("--policy", type=Path, help="policy file for our classes (default: the packaged one)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    parser.add_argument("--misses", action="store_true", help="also print our per-reason misses")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"bench: corpus {args.corpus} is not a folder", file=sys.stderr)
        return 2
    repeat = max(1, args.repeat)
    policy = load_policy("bench", args.policy)
    if policy is None:
        return 2
    folders = case_folders(args.corpus)

    missing = sisimai_missing()
    ours_rounds: list[evaluation.Report] = []
    peer_rounds: list[evaluation.Report] = []
    version = ""
    for _ in range(max(1, args.rounds)):
        ours_rounds.append(run_ours(folders, repeat, policy))
        if not missing:
            peer_round, version = run_sisimai(args.corpus, folders, repeat)
            peer_rounds.append(peer_round)
    ours = median_round(ours_rounds)
    peer = median_round(peer_rounds) if peer_rounds else None
    memory = memory_of_ours(folders, policy)
    ratio = ours.per_second / peer.per_second if peer and peer.per_second else None

    if args.json:
        result = {"corpus": str(args.corpus), "cases": len(folders), "repeat": repeat, "rounds": len(ours_rounds),
                  "rounds_per_second": {"ours": [r.per_second for r in ours_rounds],
                                        "sisimai": [r.per_second for r in peer_rounds]},
                  "ours": evaluation.to_dict(ours), "memory": memory,
                  "sisimai": evaluation.to_dict(peer) if peer else {"missing": missing},
                  "sisimai_version": version, "speed_ratio": ratio}
        for side in ("ours", "sisimai"):
            result[side].pop("disagreements", None)
        sys.stdout.buffer.write(orjson.dumps(result) + b"\n")
        return 0

    name = f"sisimai {version}" if peer else "sisimai"
    print(f"corpus {args.corpus}: {len(folders)} cases, {ours.rows} labelled rows, each message parsed {repeat}x"
          f" per round, {len(ours_rounds)} interleaved rounds (median round shown)")
    print(f"{'':26}{'ours':<24}{name}")
    for label, key in (("reason agreement", "reason"), ("status agreement", "status"),
                       ("recipient (high conf.)", "recipient"), ("hard/soft vs labels", "hard")):
        theirs = _pct(getattr(peer, key)) if peer else "-"
        print(f"{label:<26}{_pct(getattr(ours, key)):<24}{theirs}")
    theirs_speed = f"{peer.per_second:.0f} ({peer.messages} in {peer.seconds:.3f} s)" if peer else "-"
    print(f"{'messages per second':<26}{f'{ours.per_second:.0f} ({ours.messages} in {ours.seconds:.3f} s)':<24}"
          f"{theirs_speed}")
    print(f"{'not decoded / missing':<26}{f'{len(ours.errors)} / {ours.missing_rows}':<24}"
          f"{f'{len(peer.errors)} / {peer.missing_rows}' if peer else '-'}")
    if ratio is not None:
        each = ", ".join(f"{o.per_second / p.per_second:.2f}x" for o, p in zip(ours_rounds, peer_rounds))
        print(f"speed ratio ours / Sisimai: {ratio:.2f}x (medians; per round: {each})")
    else:
        print(f"Sisimai NOT RUN: {missing}; no speed ratio")
    print(f"memory (ours): tracemalloc peak {memory['tracemalloc_peak_mib']:.2f} MiB over one pass; "
          f"process max RSS {memory['max_rss_mib']:.1f} MiB")
    print("hard/soft: ours = class hard under the policy; the labels are Sisimai's narrow hardbounce verdict")
    if args.misses:
        print("\n" + evaluation.render(ours))
    return 0


if __name__ == "__main__":
    sys.exit(main())
