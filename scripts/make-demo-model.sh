#!/usr/bin/env bash
# Rebuilds models/demo, the ensemble `./ensemble demo` serves: trains recipes/demo.json on a FAT2019-layout folder's
# training splits (curated + noisy; its test split is only scored, never trained on), then copies the manifest, the
# files it lists, the recipe and the run summary into models/demo and writes the provenance README.
# Usage: scripts/make-demo-model.sh /path/to/fat-mini [run-folder [train options, e.g. --cache DIR]]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${1:?usage: scripts/make-demo-model.sh DATA [RUN]}"
run="${2:-$root/runs/demo-model}"
extra=("${@:3}")
out="$root/models/demo"
started="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
"$root/ensemble" train --data "$data" --recipe "$root/recipes/demo.json" --out "$run" "${extra[@]}"
rm -rf "$out.tmp" && mkdir -p "$out.tmp"
/usr/bin/python3 - "$run" "$out.tmp" <<'PY'
import json, os, shutil, sys
run, out = sys.argv[1], sys.argv[2]
def strings(node):
    if isinstance(node, dict):
        for value in node.values(): yield from strings(value)
    elif isinstance(node, list):
        for value in node: yield from strings(value)
    elif isinstance(node, str):
        yield node
# every file the manifest names (checkpoints, ONNX files), their metadata sidecars, and the run's recipe and summary
manifest = json.load(open(os.path.join(run, "ensemble.json")))
named = [s for s in strings(manifest["models"]) if os.path.isfile(os.path.join(run, s))]
files = ["ensemble.json", "recipe.json", "summary.md"] + named + [s + ".json" for s in named if os.path.isfile(os.path.join(run, s + ".json"))]
for f in dict.fromkeys(files):
    target = os.path.join(out, f)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    shutil.copy2(os.path.join(run, f), target)
PY
commit="$(cat "$run/git-commit.txt")"
fingerprint="$(cat "$run/data-fingerprint.txt")"
cat > "$out.tmp/README.md" <<MD
# models/demo: the ensemble \`./ensemble demo\` serves

Made by \`scripts/make-demo-model.sh $(basename "$data")\` on $started from commit \`$commit\`: \`./ensemble train\` with
[recipes/demo.json](recipe.json) (the cpu-quick CustomCNN, 2 folds, SoX-augmented curated and noisy sets) on
fat-mini's \`train_curated\` and \`train_noisy\` splits (data fingerprint \`$fingerprint\`, the SHA-256 over the
training CSVs and audio that \`train\` records). fat-mini's \`test\` split, which \`samples/test\` is drawn from,
was never trained on: it is only scored, in [summary.md](summary.md).

\`ensemble.json\` lists every file with its SHA-256; serving and \`ShippedDemoModelTests\` refuse a file that does not match.

## Licences

The weights are derived from fat-mini, whose audio is rendered from Debian packages (fluidsynth, timidity,
espeak-ng and sox with the soundfonts fluid-soundfont-gm/gs, timgm6mb-soundfont, csound-soundfont and freepats,
and the asterisk-core-sounds en/fr/it recordings); each package's licence is in its Debian copyright file
(\`/usr/share/doc/<package>/copyright\`). The files here are shipped under those terms and, for Ensemble's own
contribution, the repository's licence. FAT2019's Freesound and YFCC audio is not used.
MD
rm -rf "$out" && mv "$out.tmp" "$out"
du -sh "$out"
