#!/usr/bin/env bash
# Coverage-guided fuzzing of one reader with afl-fuzz (Debian's afl++) and SharpFuzz:
#   scripts/fuzz-afl.sh TARGET [EXECS]     TARGET: wav, labels, submission, recipe, ensemble-manifest,
#                                          checkpoint-sidecar, serving-manifest; EXECS: stop after this many (default 100000)
# Publishes bench/Fuzz, instruments the project's assemblies (sharpfuzz rewrites them in place so that afl-fuzz sees
# branch coverage), writes the target's seeds and runs afl-fuzz. Crashes land in artifacts/afl/TARGET/findings.
# The seeded mutation loop (`ensemble-fuzz mutate`, CI's short run) needs none of this.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${1:?usage: scripts/fuzz-afl.sh TARGET [EXECS]}"
execs="${2:-100000}"
work="$root/artifacts/afl/$target"
tools="$root/artifacts/afl/tools"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! command -v afl-fuzz >/dev/null; then
  echo "fuzz-afl: installing afl++ with apt-get (once)" >&2
  sudo -n apt-get install -y -qq afl++ >/dev/null 2>&1 || apt-get install -y -qq afl++ >/dev/null
fi
if [[ ! -x "$tools/sharpfuzz" ]]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null
fi

rm -rf "$work"
mkdir -p "$work"
dotnet publish "$root/bench/Fuzz/Ensemble.Fuzz.csproj" -c Release -o "$work/bin" -nologo -v quiet
# Seeds first: an instrumented assembly only runs under afl-fuzz (it writes to afl's shared memory).
dotnet "$work/bin/ensemble-fuzz.dll" seeds --target "$target" --out "$work/seeds"
# Instrument our readers only: the runtime and third-party libraries would only add noise to the coverage map.
for dll in "$work"/bin/Ensemble.*.dll; do
  "$tools/sharpfuzz" "$dll" >/dev/null
done

# dotnet is not an afl-instrumented binary (SharpFuzz's shared memory carries the coverage); no core dumps to wait for.
export AFL_SKIP_BIN_CHECK=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1
afl-fuzz -i "$work/seeds/$target" -o "$work/findings" -E "$execs" -t 5000 -m none \
  -- dotnet "$work/bin/ensemble-fuzz.dll" afl --target "$target"
crashes=$(find "$work/findings" -path '*crashes/id:*' | wc -l)
hangs=$(find "$work/findings" -path '*hangs/id:*' | wc -l)
echo "afl $target execs $execs crashes $crashes hangs $hangs"
[[ $crashes -eq 0 && $hangs -eq 0 ]]
