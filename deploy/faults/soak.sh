#!/usr/bin/env bash
# Soak: two silos + redis-server, CLIENTS clients for SECONDS through the Orleans client, then the same through one
# silo's HTTP front door. Zero errors and resident memory after the warm-up growing < 10 % are the bar (issue 13).
#   [METRICS=1] [PATHS="orleans http"] [WARMUP=120] deploy/faults/soak.sh [RUN] [CLIENTS] [SECONDS] [OUT]
# METRICS=1 opens each silo's Prometheus port and records its runtime figures (GC heap per generation, committed
# memory, collections, working set) every 10 s in OUT/runtime-silo N.txt: what tells a leak from a heap still settling.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
run="${1:-$root/models/demo}" clients="${2:-16}" seconds="${3:-300}" out="${4:-$work/soak}"
paths="${PATHS:-orleans http}"
# The silo holding the models reaches its plateau in about 25 s; the featurising silo's heap settles in about two
# minutes (its garbage collector sizes its budgets under load: docs/reliability.md).
warmup="${WARMUP:-120}"
start_cluster "$run"
mkdir -p "$out"
if [[ "${METRICS:-0}" == 1 ]]; then
  (
    while true; do
      for n in "${!silo_pid[@]}"; do
        { echo "# t=$(date +%s)"; curl -s "http://127.0.0.1:$(metrics_port "$n")/metrics" | grep -E '^dotnet_(gc|process_memory|thread_pool|jit)' || true; } >>"$out/runtime-silo$n.txt"
      done
      sleep 10
    done
  ) &
  sampler_pid=$!
  trap 'kill "$sampler_pid" 2>/dev/null || true; cleanup' EXIT
fi
target() {
  case "$1" in
    orleans) echo --cluster "$cluster" ;;
    http) echo --url "http://127.0.0.1:$(http_port 1)" ;;
  esac
}
for path in $paths; do
  echo "soak: $path, $clients clients, ${warmup} s warm-up + ${seconds} s" >&2
  # shellcheck disable=SC2046 # target prints an option and its value: two words on purpose
  dotnet "$cli" load $(target "$path") --clips "$root/samples/test" --clients "$clients" --duration "$seconds" --warmup "$warmup" \
    --watch-pid "${silo_pid[@]}" --out "$out/$path" >"$out/$path.txt" 2>&1 || true
done
for path in $paths; do
  echo "== $path"
  grep -E '^(throughput|requests|memory|errors|p50|stable|not stable)' "$out/$path.txt"
done
