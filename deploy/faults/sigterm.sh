#!/usr/bin/env bash
# SIGTERM of one of two silos under load (a supervisor's stop): it drains, so no request may fail.
#   deploy/faults/sigterm.sh [RUN] [CLIENTS] [SECONDS]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
run="${1:-$root/models/demo}" clients="${2:-4}" seconds="${3:-60}"
start_cluster "$run"
load_start "$clients" "$seconds"
sleep $((seconds / 3))
kill -TERM "${silo_pid[2]}"
wait "${silo_pid[2]}" || true
echo "fault: silo 2 stopped after SIGTERM at $((seconds / 3)) s" >&2
load_wait || true
report_row "SIGTERM of a silo"
