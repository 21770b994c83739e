#!/usr/bin/env bash
# Re-records reports/examples/ the way a team records a game day, all through the CLI: a real run of
# scenarios/checkout-az-power.yaml on the embedded sandbox, the reporter's marks and tagged notes
# reconstructed after it with --at (docs/running-a-game-day.md), the review, then the index.
# Needs a build (npm run build). Run from anywhere; review and commit what changed under reports/examples.
set -euo pipefail
cd "$(dirname "$0")/.."

# Relative paths only: the journal names the scenario as given here, so the committed example
# renders the same from any checkout.
examples=reports/examples
gameday() { node bin/run.js "$@"; }

rm -rf "$examples/checkout-az-power" "$examples/index.html"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
code=0
summary=$(gameday run scenarios/checkout-az-power.yaml --sandbox --yes --json --reports-dir "$examples" 2>"$log") || code=$?
# 0 passed, 1 a failed game day: both are a run worth showing; anything else is not a run.
if [ "$code" -gt 1 ]; then
  cat "$log" >&2
  echo "record-example: gameday run exited $code" >&2
  exit "$code"
fi
run=$(printf '%s' "$summary" | node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).runDir))')

# What the room did, offsets from the experiment's start on the service clock.
gameday mark "$run" detected --at +1m10s --by Ravi 'pager: checkout-5xx-high'
gameday mark "$run" engaged --at +1m40s --by Ana 'incident channel open, runbooks/checkout-az.md step 1'
gameday mark "$run" mitigated --at +2m30s --by Ana 'ALB serving from us-east-1a and 1c; Aurora writer in 1a'
gameday mark "$run" recovered --at +3m --by Mei 'checkout-ok green, p99 back under 1.5 s'
gameday note "$run" 'The 5xx alarm paged the on-call before anyone looked at a dashboard' --at +1m10s --by Mei --tag well
gameday note "$run" 'Nobody could tell whether the cache served stale carts: no replication-lag alarm' --at +2m --by Ravi --tag wrong
gameday note "$run" 'The Aurora reader happened to be in us-east-1a; nobody had checked where the failover would land' --at +2m30s --by Lee --tag lucky

# The review meeting: recorded, and the run's reports re-rendered from its journal.
gameday review "$run" --by Ana --by Mei --by Ravi
gameday report index --reports-dir "$examples"
echo "record-example: $run ($(gameday report show "$run" --json | node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).outcome))'))"
