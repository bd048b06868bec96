#!/usr/bin/env bash
# One model file of the active manifest corrupted on disk: that model grain fails fast naming the file, the ensemble
# answers partial naming the model (requests carry a deadline: without one a request needs every model), and the
# silo does not report ready.
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
load_start "$clients" "$seconds" --deadline-ms 5000
load_wait || true
report_row "a model file corrupted on disk"
echo "fault: silo 1 /v2/health/ready (Triton answers 400 when not ready): $(ready_status 1): $(curl -s "http://127.0.0.1:$(http_port 1)/v2/health/ready" | cut -c1-300)"
dotnet "$cli" tag "$root/samples/test/01092176.wav" --cluster "$cluster" --deadline-ms 5000 >"$work/tag.txt" 2>&1 || true
echo "fault: one tag call says: $(grep -i -m2 'partial\|missing' "$work/tag.txt" | tr '\n' ' ' | cut -c1-400)"
