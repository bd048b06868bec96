#!/usr/bin/env bash
# SIGKILL of one of two silos under load, then its restart: nothing may be lost silently.
#   deploy/faults/kill9.sh [RUN] [CLIENTS] [SECONDS]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
run="${1:-$root/models/demo}" clients="${2:-4}" seconds="${3:-60}"
start_cluster "$run"
load_start "$clients" "$seconds"
sleep $((seconds / 4))
kill -9 "${silo_pid[2]}"
echo "fault: killed silo 2 (pid ${silo_pid[2]}) with SIGKILL at $((seconds / 4)) s" >&2
sleep $((seconds / 4))
start_silo 2 "$run"
wait_ready 2
echo "fault: silo 2 restarted and ready" >&2
load_wait || true
report_row "SIGKILL of a silo, restarted"
