#!/usr/bin/env bash
# The test command (README, .ci/run): installs what the tests need, builds the solution, runs every test project,
# and ends with one summary line "N passed, N failed, N skipped".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/scripts/ensure-deps.sh" --tests || exit 1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 ENSEMBLE_HOME="$root"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
dotnet test "$root/Ensemble.sln" -c Release --blame-hang-timeout 10m "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# dotnet test prints one "Passed!/Failed! - Failed: F, Passed: P, Skipped: S, Total: T" line per test assembly.
read -r passed failed skipped < <(grep -E '(Passed|Failed)! +- +Failed:' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\2 \1 \3/' \
  | awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; echo "test run failed before all tests ran (build error or crash)"; fi
if [[ $passed -eq 0 && $status -eq 0 ]]; then echo "no test ran"; status=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
