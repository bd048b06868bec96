#!/usr/bin/env bash
# One model file of the active manifest corrupted on disk: that model grain fails fast naming the file, the ensemble
# answers partial naming the model, and the silo does not report ready.
#   deploy/faults/corrupt-model.sh [RUN] [CLIENTS] [SECONDS]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source_run="${1:-$root/models/demo}" clients="${2:-4}" seconds="${3:-30}"
build_cli
run="$work/run"
cp -r "$source_run" "$run"
victim="$(find "$run" -name '*.onnx' | sort | head -1)"
printf 'corrupted' | dd of="$victim" bs=1 seek=1000 conv=notrunc status=none
echo "fault: corrupted $victim" >&2
start_redis
start_silo 1 "$run"
sleep 5
load_start "$clients" "$seconds"
load_wait || true
report_row "a model file corrupted on disk"
echo "fault: silo 1 /v2/health/ready: $(ready_status 1) (expected 503)"
echo "fault: missing models named in answers: $(grep -c ',' "$work/load/requests.csv" >/dev/null; grep -m1 -o 'not ready\|integrity\|SHA-256[^;]*' "$work/silo1.log" | head -1)"
