#!/usr/bin/env bash
# Installs, once, the Debian packages Ensemble needs: g++ and patchelf (the build makes TorchSharp load on
# Debian 12), with --tests also redis-server (the clustering test starts a real one on 127.0.0.1) and chromium (the
# web page's end-to-end test), and with
# --reference the reference tools the fidelity scripts (scripts/compare_*.py) check against: PyTorch, torchaudio,
# torchvision, scikit-learn, onnx and SoX from Debian.
# Idempotent: a quick `command -v` check when everything is there.
set -euo pipefail
need=()
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v patchelf >/dev/null 2>&1 || need+=(patchelf)
if [[ "${1:-}" == "--tests" ]]; then
  command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
  # The web page's end-to-end test drives Debian's chromium headless (Playwright's own browser download is not used).
  [[ -x /usr/bin/chromium ]] || need+=(chromium)
fi
if [[ "${1:-}" == "--reference" ]]; then
  command -v sox >/dev/null 2>&1 || need+=(sox)
  for module in torch:python3-torch torchaudio:python3-torchaudio torchvision:python3-torchvision sklearn:python3-sklearn onnx:python3-onnx; do
    /usr/bin/python3 -c "import ${module%%:*}" >/dev/null 2>&1 || need+=("${module#*:}")
  done
fi
command -v dotnet >/dev/null 2>&1 || { echo "ensemble: the .NET SDK 10 is required (dotnet not found on PATH)" >&2; exit 1; }
[[ ${#need[@]} -eq 0 ]] && exit 0
sudo=()
if [[ "$(id -u)" != 0 ]]; then
  command -v sudo >/dev/null 2>&1 || { echo "ensemble: please install: ${need[*]} (apt-get install ${need[*]})" >&2; exit 1; }
  sudo=(sudo)
fi
echo "ensemble: installing ${need[*]} with apt-get (once)" >&2
"${sudo[@]}" apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
