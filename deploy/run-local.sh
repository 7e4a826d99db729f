#!/usr/bin/env bash
# `make run`: a local broker (reused if already running), the topics, one worker, the bundled
# sample traffic, and the unsubscribe commands printed as they come, one readable line each (when,
# who, why, the deciding bounce). Ctrl-C stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
mkdir -p var

broker_started=0
if ! "$BIN/bounce-hygiene" kafka status >/dev/null 2>&1; then broker_started=1; fi
KAFKA_BOOTSTRAP_SERVERS=$("$BIN/bounce-hygiene" kafka start | tail -n 1)
export KAFKA_BOOTSTRAP_SERVERS
export HYGIENE_DATA_DIR=${HYGIENE_DATA_DIR:-var/worker-data}
# The sample traffic is a finished file: once it is read, the idle inputs' watermark moves with the
# clock after this many seconds and lets the decisions go (the job's default, 30 s, suits live topics).
export HYGIENE_IDLE_SECONDS=${HYGIENE_IDLE_SECONDS:-5}

worker=""
consumer=""
stop_all() {
  trap - EXIT INT TERM
  set +e  # stop everything, whatever fails on the way
  if [ -n "$consumer" ]; then kill -TERM "$consumer" 2>/dev/null; wait "$consumer" 2>/dev/null; fi
  if [ -n "$worker" ]; then
    kill -TERM "$worker" 2>/dev/null
    wait "$worker" 2>/dev/null
    echo "worker stopped (log: var/worker.log)" >&2
  fi
  if [ "$broker_started" = 1 ]; then "$BIN/bounce-hygiene" kafka stop >&2; fi
}
trap stop_all EXIT INT TERM

# A worker's local state belongs to the topics it was built from: new topics, new state.
created=$("$BIN/bounce-hygiene" topics create)
echo "$created" >&2
if grep -q '^created' <<<"$created"; then rm -rf "$HYGIENE_DATA_DIR"; fi

"$BIN/bounce-hygiene" worker >var/worker.log 2>&1 &
worker=$!
echo "worker started (pid $worker, log var/worker.log, metrics http://localhost:${HYGIENE_HTTP_PORT:-8080}/metrics);" \
  "broker $KAFKA_BOOTSTRAP_SERVERS" >&2

"$BIN/bounce-hygiene" produce --topic bounces deploy/sample/bounces.jsonl >&2
"$BIN/bounce-hygiene" produce --topic engagement deploy/sample/engagement.jsonl >&2
echo "unsubscribe commands as they come (Ctrl-C to stop):" >&2
"$BIN/bounce-hygiene" consume --topic commands --pretty --timeout 0 &
consumer=$!
wait "$consumer"
