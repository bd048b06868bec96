#!/usr/bin/env bash
# Makes docs/images/web-page.png: starts `ensemble silo` on the shipped demo run (models/demo) on spare ports (with a
# throw-away redis-server for membership), opens its web page in headless Debian chromium, tags a real test clip and
# screenshots the result.
# Usage: scripts/web-page-screenshot.sh [CLIP] [OUT.png]   (defaults: samples/test/01092176.wav, docs/images/web-page.png)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
clip="$(realpath "${1:-$root/samples/test/01092176.wav}")"
out="$(realpath -m "${2:-$root/docs/images/web-page.png}")"
# Ports away from the defaults (8000-8002, 11111, 30000), so a silo already running on this machine is left alone.
base="${ENSEMBLE_SCREENSHOT_PORT_BASE:-28000}"
"$root/scripts/ensure-deps.sh" --tests
driver="$root/artifacts/bin/Ensemble.FrontDoor.Tests/release/.playwright"
[[ -x "$driver/node/linux-x64/node" ]] || dotnet build "$root/tests/FrontDoor.Tests" -c Release -nologo -v quiet -clp:ErrorsOnly
log="$(mktemp)"
# Its own throw-away Redis for membership: localhost clustering would join (or be) the primary on port 11111.
redis-server --bind 127.0.0.1 --port $((base + 379)) --save "" --appendonly no >/dev/null &
redis=$!
"$root/ensemble" silo --run "$root/models/demo" --gpus none --cluster "redis://127.0.0.1:$((base + 379))" --advertise 127.0.0.1 \
  --silo-port $((base + 11)) --gateway-port $((base + 30)) \
  --http-port "$base" --grpc-port 0 --metrics-port $((base + 2)) --dashboard-port $((base + 80)) >"$log" 2>&1 &
silo=$!
trap 'kill "$silo" 2>/dev/null; wait "$silo" 2>/dev/null; kill "$redis" 2>/dev/null; wait "$redis" 2>/dev/null; rm -f "$log"' EXIT
# Ready means the manifest is active and every model grain warm (bounded: a silo that never turns ready fails here).
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$base/v2/health/ready" >/dev/null && break
  kill -0 "$silo" 2>/dev/null || { cat "$log" >&2; echo "web-page-screenshot: the silo exited" >&2; exit 1; }
  sleep 1
done
curl -sf "http://127.0.0.1:$base/v2/health/ready" >/dev/null || { cat "$log" >&2; echo "web-page-screenshot: the silo is not ready after 300 s" >&2; exit 1; }
# The page's links must lead somewhere: every address /ui/config.json names answers 200.
for link in $(curl -sf "http://127.0.0.1:$base/ui/config.json" | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["metrics"], c["dashboard"])'); do
  curl -sf -o /dev/null "$link" || { echo "web-page-screenshot: the page's link $link does not answer" >&2; exit 1; }
  echo "web-page-screenshot: link $link answers"
done
mkdir -p "$(dirname "$out")"
"$driver/node/linux-x64/node" "$root/scripts/web-page-screenshot.js" "$driver/package" "http://127.0.0.1:$base/" "$clip" "$out"
echo "web-page-screenshot: wrote $out"
