# Shared by the fault scripts: a Redis membership store and two silos on this machine, serving RUN, and
# `ensemble load` against them through the Orleans client. Sourced, not run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export ENSEMBLE_HOME="$root" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
cli="$root/artifacts/bin/Ensemble.Cli/release/ensemble.dll"
work="$(mktemp -d /tmp/ensemble-fault-XXXXXX)"
redis_port="${REDIS_PORT:-6391}"
cluster="redis://127.0.0.1:$redis_port"
declare -A silo_pid=()

build_cli() {
  "$root/ensemble" --version >/dev/null
}

start_redis() {
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize no >"$work/redis.log" 2>&1 &
  redis_pid=$!
  for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "fault: redis-server did not start (see $work/redis.log)" >&2
  return 1
}

stop_redis() {
  redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
  wait "$redis_pid" 2>/dev/null || true
}

# start_silo N RUN: silo N (1, 2, ...) on ports 2111N / 3100N, HTTP 1800N (clear of the defaults a developer's silo uses) (for /v2/health/ready).
start_silo() {
  local n=$1 run=$2
  dotnet "$cli" silo --run "$run" --cluster "$cluster" --advertise 127.0.0.1 --gpus none \
    --silo-port $((21110 + n)) --gateway-port $((31000 + n)) --http-port $((18000 + n)) --metrics-port 0 --grpc-port 0 \
    >"$work/silo$n.log" 2>&1 &
  silo_pid[$n]=$!
}

# start_supervised_silo N RUN: as start_silo, restarted whenever it exits with 75 (what systemd's Restart=on-failure
# does for deploy/ensemble-silo.service); the restarts are counted in $work/silo$N.restarts.
start_supervised_silo() {
  local n=$1 run=$2
  (
    while true; do
      dotnet "$cli" silo --run "$run" --cluster "$cluster" --advertise 127.0.0.1 --gpus none \
        --silo-port $((21110 + n)) --gateway-port $((31000 + n)) --http-port $((18000 + n)) --metrics-port 0 --grpc-port 0 >>"$work/silo$n.log" 2>&1 && break
      rc=$?
      [[ $rc -eq 75 ]] || break
      echo restart >>"$work/silo$n.restarts"
    done
  ) &
  silo_pid[$n]=$!
}

# start_cluster RUN [start_silo|start_supervised_silo]: the CLI built, redis-server and two silos serving RUN, both ready.
start_cluster() {
  local run=$1 start=${2:-start_silo}
  build_cli
  start_redis
  "$start" 1 "$run"; wait_ready 1
  "$start" 2 "$run"; wait_ready 2
}

# wait_ready N [SECONDS]: until silo N's /v2/health/ready answers 200.
wait_ready() {
  local n=$1 limit=${2:-120}
  for _ in $(seq 1 $((limit * 5))); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$((18000 + n))/v2/health/ready")" == 200 ]] && return 0
    sleep 0.2
  done
  echo "fault: silo $n not ready after ${limit}s (see $work/silo$n.log)" >&2
  return 1
}

ready_status() {
  curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$((18000 + $1))/v2/health/ready" || echo none
}

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

cleanup() {
  for pid in "${silo_pid[@]}"; do pkill -9 -P "$pid" 2>/dev/null || true; kill -9 "$pid" 2>/dev/null || true; done
  stop_redis
}
trap cleanup EXIT
