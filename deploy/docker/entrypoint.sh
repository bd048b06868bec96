#!/usr/bin/env bash
# Points TorchSharp at the image's PyTorch libtorch (Accelerator=system), then runs `ensemble ARGS...`.
set -euo pipefail
torch_lib="$(python -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))')"
export LD_LIBRARY_PATH="$torch_lib:/app${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
exec /app/ensemble "$@"
