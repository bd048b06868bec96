# Shared by the fault scripts: the local cluster of deploy/lib/cluster.sh (redis-server and two silos serving RUN),
# and `ensemble load` against it through the Orleans client. Sourced, not run.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/cluster.sh"

# load_start CLIENTS SECONDS [LOAD OPTIONS...]: `ensemble load` through the Orleans client in the background; output in $work/load.txt.
load_start() {
  local clients=$1 seconds=$2
  shift 2
  dotnet "$cli" load --cluster "$cluster" --clips "$root/samples/test" --clients "$clients" --duration "$seconds" --warmup 0 --window 5 "$@" \
    --watch-pid "${silo_pid[@]}" --out "$work/load" >"$work/load.txt" 2>&1 &
  load_pid=$!
}

load_wait() {
  local rc=0
  wait "$load_pid" || rc=$?
  return $rc
}

# The table row: requests sent, succeeded, retried, failed with a typed error, lost silently (from load's "requests:" line).
report_row() {
  local fault=$1
  local line
  line="$(grep -E '^requests: ' "$work/load.txt" || true)"
  if [[ -z "$line" ]]; then
    echo "| $fault | load did not report (see $work/load.txt) | | | | |"
    return 1
  fi
  # requests: sent S, answered A (P partial), retried R, failed F (...), abandoned X, lost L
  local sent answered partial retried failed lost
  sent=$(sed -E 's/.*sent ([0-9]+).*/\1/' <<<"$line")
  answered=$(sed -E 's/.*answered ([0-9]+).*/\1/' <<<"$line")
  partial=$(sed -E 's/.*\(([0-9]+) partial\).*/\1/' <<<"$line")
  retried=$(sed -E 's/.*retried ([0-9]+).*/\1/' <<<"$line")
  failed=$(sed -E 's/.*failed ([0-9]+).*/\1/' <<<"$line")
  lost=$(sed -E 's/.*lost ([0-9]+).*/\1/' <<<"$line")
  local kinds
  kinds="$(grep -E '^errors by kind: ' "$work/load.txt" | sed 's/^errors by kind: //')"
  echo "| $fault | $sent | $answered ($partial partial) | $retried | $failed ($kinds) | $lost |"
}

