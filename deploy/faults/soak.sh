#!/usr/bin/env bash
# Soak: two silos + redis-server, CLIENTS clients for SECONDS through the Orleans client, then the same through one
# silo's HTTP front door. Zero errors and resident memory after the warm-up growing < 10 % are the bar (issue 13).
#   deploy/faults/soak.sh [RUN] [CLIENTS] [SECONDS] [OUT]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
run="${1:-$root/models/demo}" clients="${2:-16}" seconds="${3:-300}" out="${4:-$work/soak}"
warmup=60  # the silo holding the models reaches its plateau in about 25 s (the first run: docs/reliability.md)
start_cluster "$run"
mkdir -p "$out"
echo "soak: Orleans client, $clients clients, ${warmup} s warm-up + ${seconds} s" >&2
dotnet "$cli" load --cluster "$cluster" --clips "$root/samples/test" --clients "$clients" --duration "$seconds" --warmup "$warmup" \
  --watch-pid "${silo_pid[@]}" --out "$out/orleans" >"$out/orleans.txt" 2>&1 || true
echo "soak: HTTP front door of silo 1, $clients clients, ${warmup} s warm-up + ${seconds} s" >&2
dotnet "$cli" load --url "http://127.0.0.1:18001" --clips "$root/samples/test" --clients "$clients" --duration "$seconds" --warmup "$warmup" \
  --watch-pid "${silo_pid[@]}" --out "$out/http" >"$out/http.txt" 2>&1 || true
for path in orleans http; do
  echo "== $path"
  grep -E '^(throughput|requests|memory|errors|p50|stable|not stable)' "$out/$path.txt"
done
