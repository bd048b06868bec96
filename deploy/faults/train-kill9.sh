#!/usr/bin/env bash
# Training survives the loss of a silo, with real processes: redis-server and two trainer silos (no --run: one CPU
# trainer each), `ensemble train --cluster` in the background, SIGKILL of silo 2 once a job running there has saved
# at least one epoch (and has epochs left). Silo 2 is not restarted: silo 1 must take the job over and resume it from
# its last saved epoch once the lease runs out, and the run must finish. Prints a report and exits non-zero when a
# check fails. CI runs it (tests/Cli.Tests/Deploy/TrainKill9ScriptTests.cs).
#   deploy/faults/train-kill9.sh [DATA] [RECIPE] [OUT]
# DATA: a FAT2019 folder (default samples/), RECIPE: default deploy/faults/train-kill9-recipe.json, OUT: a run folder
# that does not exist yet (default: in the temp folder with the logs). TRAIN_KILL9_LIMIT: seconds the whole script may
# take (default 420). COORDINATOR_ON=2: the run's coordinator on silo 2, killed with it (below). Ports as
# deploy/local-cluster.sh (REDIS_PORT, PORT_SHIFT).
source "$(dirname "${BASH_SOURCE[0]}")/../lib/cluster.sh"
data="${1:-$root/samples}" recipe="${2:-$root/deploy/faults/train-kill9-recipe.json}" out="${3:-$work/run}"
deadline=$((SECONDS + ${TRAIN_KILL9_LIMIT:-420}))
if [[ -e "$out" ]] && [[ -n "$(ls -A "$out")" ]]; then
  # A finished or half-trained folder would be resumed: nothing might be left to interrupt.
  echo "train-kill9: $out exists and is not empty; give a new run folder" >&2
  exit 2
fi
train_log="$work/train.txt" failed=0
fail() { echo "train-kill9: FAIL: $*"; failed=1; }

build_cli
start_redis
# Submitted while one silo is the only gateway: a run's coordinator is placed on the silo the client first calls. By
# default that is silo 1, and the kill takes a trainer (and, in some runs, the coordinator's directory partition: it
# then re-activates); COORDINATOR_ON=2 puts it on silo 2, so the kill takes the coordinator with the trainer and it
# must re-activate on silo 1 from Redis.
coordinator_on="${COORDINATOR_ON:-1}"
[[ "$coordinator_on" == 1 || "$coordinator_on" == 2 ]] || { echo "train-kill9: COORDINATOR_ON must be 1 or 2" >&2; exit 2; }
other=$((3 - coordinator_on))
start_trainer "$coordinator_on"
wait_ready "$coordinator_on" 120 live
dotnet "$cli" train --cluster "$cluster" --data "$data" --recipe "$recipe" --out "$out" --cache "$work/cache" --plain >"$train_log" 2>&1 &
train_pid=$!
until grep -q '^run .* submitted to coordinator on ' "$train_log"; do
  kill -0 "$train_pid" 2>/dev/null || { echo "train-kill9: train exited before submitting:"; cat "$train_log"; exit 1; }
  ((SECONDS < deadline)) || { echo "train-kill9: not submitted in time (see $train_log)"; exit 1; }
  sleep 0.2
done
start_trainer "$other"
wait_ready "$other" 120 live
echo "train-kill9: silos 1 and 2 training, the coordinator on silo $coordinator_on (redis $cluster, logs $work)"

# The stage job silo 2 runs, once it has saved epoch 1..E-1: its id, epochs saved and planned. The job's lines are
# the coordinator's "job ID starts on SILO/cpu" event, then "[LABEL] E epoch(s), ..." and "[LABEL] epoch N ...".
silo2="127.0.0.1:$(silo_port 2)@"
job="" saved=0 epochs=0
while true; do
  kill -0 "$train_pid" 2>/dev/null || { echo "train-kill9: train exited before a job on silo 2 saved an epoch:"; cat "$train_log"; exit 1; }
  ((SECONDS < deadline)) || { echo "train-kill9: no job on silo 2 saved an epoch in time (see $train_log)"; exit 1; }
  job="$(grep -E "^job [^ ]+ starts on $silo2" "$train_log" | tail -n 1 | sed -E 's/^job ([^ ]+) .*/\1/' || true)"
  label=""
  case "$job" in
    */fold-*) label="${job%/fold-*} fold $((${job##*/fold-} + 1))/" ;;
    */pretrain) label="${job%/pretrain} noisy pretraining]" ;;
  esac
  if [[ -n "$label" ]]; then
    epochs="$(grep -F "[$label" "$train_log" | sed -nE 's/^\[[^]]*\] ([0-9]+) epoch\(s\).*/\1/p' | tail -n 1 || true)"
    saved="$(grep -F "[$label" "$train_log" | sed -nE 's/^\[[^]]*\] epoch ([0-9]+) .*/\1/p' | tail -n 1 || true)"
    if [[ -n "$epochs" && -n "$saved" ]] && ((saved >= 1 && saved < epochs)); then break; fi
  fi
  sleep 0.2
done
kill -9 "${silo_pid[2]}"
killed_at=$SECONDS
wait "${silo_pid[2]}" 2>/dev/null || true
unset "silo_pid[2]"
echo "train-kill9: killed silo 2 with SIGKILL after epoch $saved of $epochs of $job (not restarted)"

while kill -0 "$train_pid" 2>/dev/null; do
  if ((SECONDS >= deadline)); then
    kill "$train_pid" 2>/dev/null || true
    fail "train still running ${TRAIN_KILL9_LIMIT:-420} s after the start (see $train_log, $work/silo1.log)"
    break
  fi
  sleep 0.5
done
train_rc=0
wait "$train_pid" || train_rc=$?
echo "train-kill9: train exited $train_rc, $((SECONDS - killed_at)) s after the kill"
((train_rc == 0)) || { fail "train exited $train_rc:"; tail -n 30 "$train_log"; }

# The coordinator's event names the new trainer and the epoch; silo 1's stage says it read that epoch's files.
resumed="$(grep -E "^job $job resumes on " "$train_log" | head -n 1 || true)"
from="$(sed -nE 's/.* from epoch ([0-9]+) .*/\1/p' <<<"$resumed")"
if [[ -z "$resumed" ]]; then
  fail "no line says $job resumed"
else
  echo "train-kill9: $resumed"
  [[ "$resumed" == *" resumes on 127.0.0.1:$(silo_port 1)@"* ]] || fail "$job did not resume on silo 1"
  { ((from >= saved && from < epochs)); } || fail "$job resumed from epoch $from, expected $saved..$((epochs - 1))"
  grep -F "resuming after epoch $from" "$train_log" || fail "no 'resuming after epoch $from' line from the new trainer"
fi
# Silo 2 may have held the coordinator's directory partition: then Orleans deactivates it and it re-activates from
# Redis (the event below); otherwise it stays active on silo 1. Either way the run must finish.
reactivated="$(grep -E '^coordinator of run .* activated on ' "$train_log" || true)"
echo "train-kill9: coordinator: ${reactivated:-stayed active on silo 1}"
if [[ "$coordinator_on" == 2 && "$reactivated" != *" activated on S127.0.0.1:$(silo_port 1):"* ]]; then
  fail "the coordinator killed with silo 2 did not re-activate on silo 1"
fi
grep -E "^run [^ ]+: Finished, ([0-9]+)/\1 jobs finished" "$train_log" || fail "the run did not finish every job"
if [[ -f "$out/ensemble.json" ]]; then
  echo "train-kill9: $out/ensemble.json present"
  # eval loads the manifest (checksums of every model file) and scores the held-out clips with the blend.
  if [[ -f "$data/test.csv" && -d "$data/test" ]]; then
    if eval_out="$(dotnet "$cli" eval --truth "$data/test.csv" --run "$out" --audio "$data/test" 2>&1)"; then
      echo "train-kill9: eval of the run on $data/test:"
      echo "$eval_out" | tail -n 5
    else
      fail "eval of $out failed: $eval_out"
    fi
  fi
else
  fail "$out/ensemble.json missing"
fi
echo "train-kill9: jobs at the end:"
dotnet "$cli" jobs --cluster "$cluster" || fail "jobs --cluster failed"
stop_silos || fail "silo 1 did not stop cleanly"
if ((failed)); then
  echo "train-kill9: failed (logs in $work)"
  exit 1
fi
echo "train-kill9: ok, wall time $SECONDS s"
