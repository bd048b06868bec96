#!/usr/bin/env bash
# The HTTP front door under the standard load generators: one `ensemble silo --run RUN` on 127.0.0.1:18080, one
# clip's OIP request (base64 JSON), then `hey` (a fixed number of requests) and `wrk` (a fixed duration).
#   bench/http/run.sh [RUN] [CONCURRENCY] [SECONDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
run="${1:-$root/models/demo}" concurrency="${2:-16}" seconds="${3:-30}"
silo_options=(${SILO_OPTIONS:-})  # e.g. SILO_OPTIONS="--hedge-ms 600000"
export ENSEMBLE_HOME="$root"
for tool in hey wrk; do
  command -v "$tool" >/dev/null || { echo "bench/http: installing $tool with apt-get (once)" >&2; apt-get install -y -qq "$tool" >/dev/null; }
done
"$root/ensemble" --version >/dev/null
work="$(mktemp -d /tmp/ensemble-http-bench-XXXXXX)"
dotnet "$root/artifacts/bin/Ensemble.Cli/release/ensemble.dll" silo --run "$run" --http-port 18080 --grpc-port 0 --metrics-port 0 "${silo_options[@]}" \
  >"$work/silo.log" 2>&1 &  # a localhost cluster: the default silo and gateway ports must be free
silo=$!
trap 'kill "$silo" 2>/dev/null || true; wait "$silo" 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  [[ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18080/v2/health/ready)" == 200 ]] && break
  sleep 0.2
done
printf '{"inputs": [{"name": "audio", "shape": [1], "datatype": "BYTES", "parameters": {"content_type": "base64"}, "data": ["%s"]}]}' \
  "$(base64 -w0 "$root/samples/test/01092176.wav")" >"$work/request.json"
url=http://127.0.0.1:18080/v2/models/ensemble/infer
# Warm-up: the models load and the batcher's first batches run.
hey -n 64 -c "$concurrency" -m POST -T application/json -D "$work/request.json" "$url" >/dev/null
echo "== hey -n $((concurrency * 40)) -c $concurrency"
hey -n $((concurrency * 40)) -c "$concurrency" -m POST -T application/json -D "$work/request.json" "$url" \
  | grep -E 'Requests/sec|Average|Slowest|Fastest|50%|90%|95%|99%|\[[0-9]{3}\]'
echo "== wrk -t2 -c$concurrency -d${seconds}s"
ENSEMBLE_REQUEST="$work/request.json" wrk -t2 -c"$concurrency" -d"${seconds}s" --latency --timeout 30s -s "$root/bench/http/post.lua" "$url" \
  | grep -E 'Requests/sec|Latency|50%|90%|99%|non-2xx|requests in|Socket errors'
