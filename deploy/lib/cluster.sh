# A Redis membership store and N silos on this machine, serving RUN: what deploy/local-cluster.sh and the fault
# scripts share. Sourced, not run. ENSEMBLE_CLI=path/to/ensemble.dll uses that build instead of ./ensemble's (the
# tests pass their own).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export ENSEMBLE_HOME="$root" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
cli="${ENSEMBLE_CLI:-$root/artifacts/bin/Ensemble.Cli/release/ensemble.dll}"
work="$(mktemp -d /tmp/ensemble-cluster-XXXXXX)"
redis_port="${REDIS_PORT:-$((6391 + ${PORT_SHIFT:-0}))}"
cluster="redis://127.0.0.1:$redis_port"
declare -A silo_pid=()

build_cli() {
  [[ -n "${ENSEMBLE_CLI:-}" ]] || "$root/ensemble" --version >/dev/null
}

start_redis() {
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize no >"$work/redis.log" 2>&1 &
  redis_pid=$!
  for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "cluster: redis-server did not start (see $work/redis.log)" >&2
  return 1
}

stop_redis() {
  redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
  wait "$redis_pid" 2>/dev/null || true
}

# PORT_SHIFT (default 0) moves every port below by that much: two local clusters on one machine (a soak beside CI).
shift_="${PORT_SHIFT:-0}"
silo_port() { echo $((21110 + shift_ + $1)); }
gateway_port() { echo $((31000 + shift_ + $1)); }
http_port() { echo $((18000 + shift_ + $1)); }

# metrics_port N: silo N's Prometheus port, 1810N when METRICS=1 (the soak reads the silos' GC figures there), else 0 (off).
metrics_port() {
  if [[ "${METRICS:-0}" == 1 ]]; then echo $((18100 + shift_ + $1)); else echo 0; fi
}

# SILO_ARGS: more `ensemble silo` options for every silo (e.g. --hedge-ms 600000 to take hedging out of a soak).
# start_silo N RUN: silo N (1, 2, ...) on ports 2111N / 3100N, HTTP 1800N (clear of the defaults a developer's silo uses) (for /v2/health/ready).
start_silo() {
  local n=$1 run=$2
  dotnet "$cli" silo --run "$run" --cluster "$cluster" --advertise 127.0.0.1 --gpus none \
    --silo-port "$(silo_port "$n")" --gateway-port "$(gateway_port "$n")" --http-port "$(http_port "$n")" --metrics-port "$(metrics_port "$n")" --grpc-port 0 ${SILO_ARGS:-} \
    >"$work/silo$n.log" 2>&1 &
  silo_pid[$n]=$!
}

# start_supervised_silo N RUN: as start_silo, restarted whenever it exits with 75 (what systemd's Restart=on-failure
# does for deploy/systemd/ensemble-silo.service); the restarts are counted in $work/silo$N.restarts.
start_supervised_silo() {
  local n=$1 run=$2
  (
    while true; do
      dotnet "$cli" silo --run "$run" --cluster "$cluster" --advertise 127.0.0.1 --gpus none \
        --silo-port "$(silo_port "$n")" --gateway-port "$(gateway_port "$n")" --http-port "$(http_port "$n")" --metrics-port "$(metrics_port "$n")" --grpc-port 0 ${SILO_ARGS:-} >>"$work/silo$n.log" 2>&1 && break
      rc=$?
      [[ $rc -eq 75 ]] || break
      echo restart >>"$work/silo$n.restarts"
    done
  ) &
  silo_pid[$n]=$!
}

# start_trainer N: silo N on the same ports as start_silo but without --run, so it joins as one CPU trainer (one
# libtorch thread: two trainers share a small machine) and serves nothing until a manifest is activated.
start_trainer() {
  local n=$1
  dotnet "$cli" silo --cluster "$cluster" --advertise 127.0.0.1 --gpus none --train-devices cpu --train-threads 1 \
    --silo-port "$(silo_port "$n")" --gateway-port "$(gateway_port "$n")" --http-port "$(http_port "$n")" --metrics-port "$(metrics_port "$n")" --grpc-port 0 ${SILO_ARGS:-} \
    >"$work/silo$n.log" 2>&1 &
  silo_pid[$n]=$!
}

# start_cluster RUN [start_silo|start_supervised_silo] [SILOS]: the CLI built, redis-server and SILOS (default 2)
# silos serving RUN, each ready before the next starts (the first activates RUN's manifest).
start_cluster() {
  local run=$1 start=${2:-start_silo} silos=${3:-2}
  build_cli
  start_redis
  for n in $(seq 1 "$silos"); do "$start" "$n" "$run"; wait_ready "$n"; done
}

# wait_ready N [SECONDS] [PROBE]: until silo N has printed its ready line and its /v2/health/PROBE (default ready)
# answers 200; fails at once when it exits first (a port another process holds: the health check alone would see that
# process's answer). A trainer with no manifest active is never ready: wait for it with PROBE live.
wait_ready() {
  local n=$1 limit=${2:-120} probe=${3:-ready}
  for _ in $(seq 1 $((limit * 5))); do
    if ! kill -0 "${silo_pid[$n]}" 2>/dev/null; then
      echo "cluster: silo $n exited before it was ready (see $work/silo$n.log)" >&2
      return 1
    fi
    if grep -q '^silo ready' "$work/silo$n.log" 2>/dev/null \
      && [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(http_port "$n")/v2/health/$probe")" == 200 ]]; then
      return 0
    fi
    sleep 0.2
  done
  echo "cluster: silo $n not ready after ${limit}s (see $work/silo$n.log)" >&2
  return 1
}

ready_status() {
  curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(http_port "$1")/v2/health/ready" || echo none
}

# stop_silos [SECONDS]: SIGTERM to every silo (each turns not-ready, drains and leaves the cluster), then waits for
# them; false when one did not exit within SECONDS (default 60) or exited non-zero.
stop_silos() {
  local limit=${1:-60} failed=0
  for n in "${!silo_pid[@]}"; do kill -TERM "${silo_pid[$n]}" 2>/dev/null || true; done
  for n in "${!silo_pid[@]}"; do
    local pid=${silo_pid[$n]}
    for _ in $(seq 1 $((limit * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "cluster: silo $n still running ${limit}s after SIGTERM (see $work/silo$n.log)" >&2
      failed=1
    elif ! wait "$pid"; then
      echo "cluster: silo $n exited with an error after SIGTERM (see $work/silo$n.log)" >&2
      failed=1
    fi
    unset "silo_pid[$n]"
  done
  return $failed
}

cleanup() {
  for pid in "${silo_pid[@]}"; do pkill -9 -P "$pid" 2>/dev/null || true; kill -9 "$pid" 2>/dev/null || true; done
  stop_redis
}
trap cleanup EXIT
