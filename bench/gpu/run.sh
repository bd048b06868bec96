#!/usr/bin/env bash
# The one device script of issue 14 (docs/gpu.md, /work/shared/GPU.md). Three modes:
#   bench/gpu/run.sh --prepare   here: publish Ensemble.Bench and the CLI against the system libtorch
#                                (-p:Accelerator=system) into .gpu/app.tar.xz (git-ignored; carry ".gpu")
#   bench/gpu/run.sh             on the lent GPU machine: unpack .gpu/app.tar.xz, run every step on cuda, table last
#   bench/gpu/run.sh --dry-run   here: the same steps on the CPU with tiny sizes, against artifacts/bin (dotnet build
#                                bench src/Cli first) and /usr/bin/python3's torch 1.13
# Every step's output goes to $OUT (default .gpu/out); a failed step is reported in the table and the rest still run.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
mode="device"
case "${1:-}" in
  --prepare) mode="prepare" ;;
  --dry-run) mode="dry" ;;
  "") ;;
  *) echo "usage: bench/gpu/run.sh [--prepare|--dry-run]" >&2; exit 2 ;;
esac

if [[ $mode == prepare ]]; then
  set -e
  app="$root/.gpu/app"
  rm -rf "$app" && mkdir -p "$app"
  # The bench references the CLI project, so one publish carries both entry points.
  dotnet publish "$root/bench" -c Release -r linux-x64 --self-contained true -p:Accelerator=system -o "$app" -v q -clp:ErrorsOnly
  tar -C "$root/.gpu" -cJf "$root/.gpu/app.tar.xz" app
  rm -rf "$app"
  size=$(stat -c %s "$root/.gpu/app.tar.xz")
  echo "prepared .gpu/app.tar.xz: $((size / 1048576)) MiB (carry limit 64 MiB with the tree)"
  (( size < 56 * 1048576 )) || { echo "too large to carry" >&2; exit 1; }
  exit 0
fi

OUT="${OUT:-$root/.gpu/out}"
mkdir -p "$OUT"
export OMP_WAIT_POLICY=PASSIVE DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [[ $mode == dry ]]; then
  device=cpu
  python=/usr/bin/python3
  bench=(dotnet "$root/artifacts/bin/Ensemble.Bench/release/Ensemble.Bench.dll")
  cli=(dotnet "$root/artifacts/bin/Ensemble.Cli/release/ensemble.dll")
  models_args=(--archs customcnn,inception1 --width 0.125 --batches 2 --train-batch 2 --iterations 1 --warmup 0 --threads 2)
  serving_args=(--models 1 --tta 2 --repeats 1 --clients 1,2 --gpus none)
  ensemble_args=(--clips 4 --folds 1 --archs customcnn --width 0.125 --tta 2 --clients 2 --gpus none)
  train_epochs=1
else
  device=cuda
  python=python3
  torchlib="$($python -c 'import torch,os;print(os.path.dirname(torch.__file__))')/lib"
  app="$(mktemp -d)/app"
  tar -C "$(dirname "$app")" -xJf "$root/.gpu/app.tar.xz"
  export LD_LIBRARY_PATH="$torchlib:$app${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  bench=("$app/Ensemble.Bench")
  cli=("$app/ensemble")
  models_args=(--archs customcnn,inception3,inception1 --batches 20,256 --train-batch 64 --iterations 20 --warmup 5 --threads 8)
  serving_args=(--models 3 --tta 20 --repeats 2 --clients 1,16 --gpus auto)
  # ENSEMBLE_CLIPS: fewer clips when the device time left is short (the figure scales with the count).
  ensemble_args=(--clips "${ENSEMBLE_CLIPS:-3361}" --folds 5 --archs customcnn,inception3,inception1 --width 1 --tta 20 --clients 16 --gpus auto)
  train_epochs=2
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader > "$OUT/device.txt" 2>&1
fi
export ENSEMBLE_HOME="$root"

declare -a table
step() { # step NAME COMMAND...: runs it with its output in $OUT/NAME.md, times it, records the outcome
  local name="$1"; shift
  local start=$SECONDS
  echo "== $name: $*" >&2
  "$@" > "$OUT/$name.md" 2> "$OUT/$name.err"
  local rc=$?
  table+=("| $name | $([[ $rc == 0 ]] && echo ok || echo "FAILED ($rc)") | $((SECONDS - start)) |")
}

step models-fp32 "${bench[@]}" models --device "$device" --mode all --precision fp32 "${models_args[@]}"
step models-bf16 "${bench[@]}" models --device "$device" --mode all --precision bf16 "${models_args[@]}"
step pytorch-fp32 "$python" "$root/bench/pytorch_models_bench.py" --device "$device" --mode all --precision fp32 "${models_args[@]}"
step pytorch-bf16 "$python" "$root/bench/pytorch_models_bench.py" --device "$device" --mode all --precision bf16 "${models_args[@]}"
# The optimizer step alone (issue 14 item 4): training's flat Adam, TorchSharp's per-parameter Adam, PyTorch per
# parameter and grouped (foreach).
step optimizer-flat "${bench[@]}" models --device "$device" --mode optimizer --optimizer flat "${models_args[@]}"
step optimizer-torchsharp "${bench[@]}" models --device "$device" --mode optimizer --optimizer torchsharp "${models_args[@]}"
step pytorch-optimizer-foreach-off "$python" "$root/bench/pytorch_models_bench.py" --device "$device" --mode optimizer --foreach off "${models_args[@]}"
step pytorch-optimizer-foreach-on "$python" "$root/bench/pytorch_models_bench.py" --device "$device" --mode optimizer --foreach on "${models_args[@]}"
step serving "${bench[@]}" serving "$root/samples/test" --backend torch "${serving_args[@]}"
# The whole ensemble end to end (decode, log-mel, Orleans, 15 model grains, blend) over generated clips.
step ensemble "${bench[@]}" ensemble --backend torch "${ensemble_args[@]}"

# One fold job of the 7th-place recipe on samples/ through the training command, on the device and on the CPU.
recipe="$OUT/recipe.json"
"$python" - "$root/recipes/7th-place.json" "$recipe" "$mode" <<'PY'
import json, sys
recipe = json.load(open(sys.argv[1]))
if sys.argv[3] == "dry":  # tiny: one narrow model
    recipe["models"] = recipe["models"][:1]
    for m in recipe["models"]:
        m["widthMultiplier"] = 0.125
json.dump(recipe, open(sys.argv[2], "w"), indent=2)
PY
# The dry run's device is the CPU already: one job there.
train_devices=("$device")
[[ $device != cpu ]] && train_devices+=(cpu)
for d in "${train_devices[@]}"; do
  rm -rf "$OUT/train-$d"
  step "train-$d" "${cli[@]}" train --data "$root/samples" --recipe "$recipe" --out "$OUT/train-$d" --device "$d" \
    --stop-after-epochs "$train_epochs" --plain --cache "$OUT/cache"
done

{
  echo "# bench/gpu/run.sh ($mode), $(date -u +%FT%TZ), device: $(cat "$OUT/device.txt" 2>/dev/null || echo cpu)"
  echo
  echo "| step | outcome | seconds |"
  echo "| --- | --- | ---: |"
  printf '%s\n' "${table[@]}"
  for f in models-fp32 models-bf16 pytorch-fp32 pytorch-bf16 optimizer-flat optimizer-torchsharp \
           pytorch-optimizer-foreach-off pytorch-optimizer-foreach-on serving ensemble; do
    echo
    echo "## $f"
    grep -E '^\|' "$OUT/$f.md" 2>/dev/null || echo "(no table: see $OUT/$f.err)"
  done
  echo
  # The bar of item 5: the ensemble's end-to-end seconds against PyTorch's pure model time for the same crops
  # (clips x TTA x folds per architecture at PyTorch's crops/s at its largest measured batch).
  "$python" - "$OUT/ensemble.md" "$OUT/pytorch-fp32.md" "${ensemble_args[@]}" <<'PY' || echo "(no ensemble ratio: a table is missing)"
import sys
ensemble, pytorch, args = sys.argv[1], sys.argv[2], sys.argv[3:]
opt = dict(zip(args[::2], args[1::2]))
clips, folds, tta = int(opt["--clips"]), int(opt["--folds"]), int(opt["--tta"])
row = [l for l in open(ensemble) if l.startswith("|") and l.split("|")[1].strip().isdigit()][0]
seconds = float(row.split("|")[5])
rates = {}
for line in open(pytorch):
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) == 4 and cells[1].isdigit() and "crops/s" not in cells[2]:
        arch, batch, rate = cells[0].split(" ")[0], int(cells[1]), float(cells[2])
        if arch not in rates or batch > rates[arch][0]:
            rates[arch] = (batch, rate)
pure = sum(clips * tta * folds / rates[a][1] for a in opt["--archs"].split(","))
print(f"ensemble end to end {seconds:.1f} s; PyTorch pure model time {pure:.1f} s; ratio {seconds / pure:.2f} (goal <= 1.3)")
PY
} | tee "$OUT/summary.md"
