#!/usr/bin/python3
"""Proves Ensemble's TorchSharp Inception-v3 computes torchvision's function, not just its parameter count.

For the 3-channel and the 1-channel variant: builds torchvision's inception_v3(num_classes=80, aux_logits=False,
init_weights=True) with random weights (1-channel: first conv replaced by a 1-input one), gives every batch norm
non-trivial statistics and affine parameters, writes the state dict in TorchSharp's format (the layout of
TorchSharp's exportsd.py, written here by hand), runs a fixed random input in eval mode, saves input and output,
then asks `ensemble model-info --weights ... --reference ...` to load the weights into the C# module by name and
report the largest absolute difference. Exits 1 when a difference exceeds --tolerance.

Run with Debian's python (torch 1.13, torchvision 0.14):
  /usr/bin/python3 scripts/compare_inception.py [--out artifacts/compare_inception]
      [--ensemble "dotnet artifacts/bin/Ensemble.Cli/release/ensemble.dll"]
"""
import argparse
import os
import shlex
import subprocess
import sys

import torch
from torch import nn
from torchvision.models import inception_v3

SCALAR_TYPES = {torch.float32: 6, torch.int64: 4}  # TorchSharp's ScalarType codes


def leb128(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def write_state_dict(path, tensors):
    with open(path, "wb") as f:
        f.write(leb128(len(tensors)))
        for name, tensor in tensors.items():
            encoded = name.encode("utf-8")
            f.write(leb128(len(encoded)))
            f.write(encoded)
            tensor = tensor.detach().cpu().contiguous()
            f.write(leb128(SCALAR_TYPES[tensor.dtype]))
            f.write(leb128(tensor.dim()))
            for size in tensor.shape:
                f.write(leb128(size))
            f.write(tensor.numpy().tobytes())


def build(channels, seed):
    torch.manual_seed(seed)
    model = inception_v3(weights=None, num_classes=80, aux_logits=False, init_weights=True, transform_input=False)
    if channels == 1:
        model.Conv2d_1a_3x3.conv = nn.Conv2d(1, 32, kernel_size=3, stride=2, bias=False)
        nn.init.trunc_normal_(model.Conv2d_1a_3x3.conv.weight, mean=0.0, std=0.1, a=-2, b=2)
    # Non-trivial batch norms: random affine parameters, running statistics from a few training-mode passes
    # (cumulative average), so eval-mode normalisation is exercised and activations stay O(1).
    for module in model.modules():
        if isinstance(module, nn.BatchNorm2d):
            with torch.no_grad():
                module.weight.uniform_(0.5, 1.5)
                module.bias.normal_(0.0, 0.1)
            module.reset_running_stats()
            module.momentum = None
    model.train()
    with torch.no_grad():
        for _ in range(3):
            model(torch.randn(4, channels, 128, 128))
    model.eval()
    return model


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="artifacts/compare_inception")
    parser.add_argument("--ensemble", default="dotnet artifacts/bin/Ensemble.Cli/release/ensemble.dll")
    parser.add_argument("--tolerance", type=float, default=1e-4)
    parser.add_argument("--seed", type=int, default=2019)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.set_num_threads(2)
    worst = 0.0
    for channels, arch in ((3, "inception3"), (1, "inception1")):
        model = build(channels, args.seed)
        params = sum(p.numel() for p in model.parameters())
        torch.manual_seed(args.seed + 1)
        x = torch.randn(2, channels, 128, 128)
        with torch.no_grad():
            y = model(x)
        weights = os.path.join(args.out, f"{arch}.weights.dat")
        io = os.path.join(args.out, f"{arch}.io.dat")
        write_state_dict(weights, model.state_dict())
        write_state_dict(io, {"input": x, "output": y})
        command = shlex.split(args.ensemble) + ["model-info", "--arch", arch, "--classes", "80", "--weights", weights, "--reference", io]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            sys.stderr.write(result.stdout + result.stderr)
            sys.exit(f"{arch}: ensemble model-info failed with exit code {result.returncode}")
        line = [l for l in result.stdout.splitlines() if l.startswith("reference max-abs-diff")][-1]
        diff = float(line.split()[-1])
        worst = max(worst, diff)
        print(f"{arch}: torchvision parameters {params}, output range [{y.min().item():.3f}, {y.max().item():.3f}], "
              f"max |torchsharp - torchvision| = {diff:.3e}")
    print(f"worst max abs diff {worst:.3e} (tolerance {args.tolerance:g})")
    sys.exit(0 if worst <= args.tolerance else 1)


if __name__ == "__main__":
    main()
