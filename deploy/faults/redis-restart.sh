#!/usr/bin/env bash
# redis-server restarted empty under load: the silos must register again (or exit with a clear error so a
# supervisor restarts them), and a new client must find the gateways.
#   deploy/faults/redis-restart.sh [RUN] [CLIENTS] [SECONDS]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
run="${1:-$root/models/demo}" clients="${2:-4}" seconds="${3:-60}"
start_cluster "$run" start_supervised_silo
load_start "$clients" "$seconds"
sleep $((seconds / 4))
stop_redis
start_redis
echo "fault: redis-server restarted empty at $((seconds / 4)) s" >&2
load_wait || true
wait_ready 1 60 || true
wait_ready 2 60 || true
report_row "redis-server restarted empty"
# A client that connects after the restart must find a gateway (two tries, 10 s apart, each reported).
for try in 1 2; do
  if dotnet "$cli" tag "$root/samples/test/01092176.wav" --cluster "$cluster" --connect-timeout-s 30 >"$work/tag-after-$try.txt" 2>&1; then
    echo "fault: new client $try after the restart tagged a clip"
  else
    echo "fault: new client $try after the restart FAILED: $(tail -1 "$work/tag-after-$try.txt" | cut -c1-300)"
  fi
  sleep 10
done
for n in 1 2; do
  echo "fault: silo $n restarted by its supervisor $(cat "$work/silo$n.restarts" 2>/dev/null | wc -l) time(s); its last word before: $(grep -m1 'membership store lost' "$work/silo$n.log" | sed 's/^ *//' || true)"
done
echo "fault: silo entries in redis: $(redis-cli -p "$redis_port" --scan | wc -l)"
