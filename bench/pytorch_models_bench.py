#!/usr/bin/python3
"""PyTorch peer of `bench models`: the same architectures and the same training loop, timed in PyTorch.

CustomCNN is re-declared here with the module and parameter names of src/Models/Architectures/CustomCnn.cs;
Inception-v3 is torchvision's inception_v3(num_classes=80, aux_logits=False) (1-channel variant: first conv
replaced). Training step: Adam(lr 1e-3), BCEWithLogitsLoss, random [B, 1, 128, 128] inputs, multi-hot targets.
Prints Markdown table rows like the C# benchmark (median wall seconds per step; mean process CPU seconds per step,
steadier than wall time when other processes share the cores).

  /usr/bin/python3 bench/pytorch_models_bench.py [--mode training|inference|all] [--threads 2]
      [--iterations 3] [--warmup 1] [--train-batch 16] [--batches 1,8,32] [--archs customcnn,inception3,inception1]
      [--width 1.0] [--device cpu|cuda] [--precision fp32|bf16] [--foreach default|on|off]

--mode optimizer times an Adam step and zero_grad alone after one backward pass, the peer
of `bench models --mode optimizer`; --foreach picks PyTorch's grouped (multi-tensor) or per-parameter Adam (default:
PyTorch's choice, grouped on CUDA and per-parameter on the CPU).

bf16: inference casts the module and the input (what TorchSharp's runner does; no autocast there), training runs
under torch.autocast(bfloat16).
"""
import argparse
import statistics
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn
from torchvision.models import inception_v3

CLASSES = 80


class Scse(nn.Module):
    def __init__(self, channels, reduction=16):
        super().__init__()
        hidden = max(1, channels // reduction)
        self.cse_reduce = nn.Conv2d(channels, hidden, 1)
        self.cse_expand = nn.Conv2d(hidden, channels, 1)
        self.sse_conv = nn.Conv2d(channels, 1, 1)

    def forward(self, x):
        gate = torch.sigmoid(self.cse_expand(F.relu(self.cse_reduce(x.mean((2, 3), keepdim=True)))))
        return x * gate + x * torch.sigmoid(self.sse_conv(x))


class CustomCnnBlock(nn.Module):
    def __init__(self, cin, cout, pool):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.scse = Scse(cout)
        self.pool = pool

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = self.scse(F.relu(self.bn2(self.conv2(x))))
        return F.max_pool2d(x, self.pool) + F.avg_pool2d(x, self.pool)


class CustomCnn(nn.Module):
    def __init__(self, width=1.0, classes=CLASSES, hidden=512):
        super().__init__()
        widths = [max(1, round(w * width)) for w in (32, 64, 128, 256, 512)]
        pools = [(1, 1), (4, 1), (1, 3), (4, 1), (1, 3)]
        cin = 1
        for i, (w, p) in enumerate(zip(widths, pools), start=1):
            setattr(self, f"block{i}", CustomCnnBlock(cin, w, p))
            cin = w
        self.head_bn1 = nn.BatchNorm1d(cin)
        self.head_dropout1 = nn.Dropout(0.4)
        self.head_fc1 = nn.Linear(cin, hidden)
        self.head_prelu = nn.PReLU(1)
        self.head_bn2 = nn.BatchNorm1d(hidden)
        self.head_dropout2 = nn.Dropout(0.2)
        self.head_fc2 = nn.Linear(hidden, classes)

    def forward(self, x):
        for i in range(1, 6):
            x = getattr(self, f"block{i}")(x)
        x = (x.amax(2) + x.mean(2)).mean(2)
        x = self.head_fc1(self.head_dropout1(self.head_bn1(x)))
        x = self.head_dropout2(self.head_bn2(self.head_prelu(x)))
        return self.head_fc2(x)


class RepeatTo3(nn.Module):
    """What the C# 3-channel Inception does with a 1-channel crop."""

    def __init__(self, inner):
        super().__init__()
        self.inner = inner

    def forward(self, x):
        return self.inner(x.repeat(1, 3, 1, 1))


def build(arch, width):
    if arch == "customcnn":
        return CustomCnn(width)
    model = inception_v3(weights=None, num_classes=CLASSES, aux_logits=False, init_weights=True)
    if arch == "inception1":
        model.Conv2d_1a_3x3.conv = nn.Conv2d(1, 32, kernel_size=3, stride=2, bias=False)
        return model
    return RepeatTo3(model)


def sync(device):
    if device.type == "cuda":
        torch.cuda.synchronize()


def adam(model, args):
    foreach = {"default": None, "on": True, "off": False}[args.foreach]
    return torch.optim.Adam(model.parameters(), lr=1e-3, foreach=foreach)


def time_optimizer(arch, args, device):
    """Median seconds of an Adam step and of zero_grad after one backward pass (see ModelBenchmark.TimeOptimizer)."""
    model = build(arch, args.width).to(device).train()
    optimizer = adam(model, args)
    g = torch.Generator().manual_seed(1)
    x = torch.randn(2, 1, 128, 128, generator=g).to(device)
    y = (torch.rand(2, CLASSES, generator=g) < 0.05).float().to(device)
    nn.BCEWithLogitsLoss()(model(x), y).backward()
    steps, zeroings = [], []
    for i in range(args.warmup + args.iterations):
        start = time.perf_counter()
        optimizer.step()
        sync(device)
        stepped = time.perf_counter()
        optimizer.zero_grad(set_to_none=False)
        sync(device)
        if i >= args.warmup:
            steps.append(stepped - start)
            zeroings.append(time.perf_counter() - stepped)
    params = list(model.parameters())
    return len(params), sum(p.numel() for p in params), statistics.median(steps), statistics.median(zeroings)


def time_training(arch, args, device):
    model = build(arch, args.width).to(device).train()
    autocast = lambda: torch.autocast(device.type, dtype=torch.bfloat16, enabled=args.precision == "bf16")
    optimizer = adam(model, args)
    loss_fn = nn.BCEWithLogitsLoss()
    g = torch.Generator().manual_seed(1)
    x = torch.randn(args.train_batch, 1, 128, 128, generator=g).to(device)
    y = (torch.rand(args.train_batch, CLASSES, generator=g) < 0.05).float().to(device)
    times = []
    phases = [0.0, 0.0, 0.0]  # forward+loss, backward, step (host-side; exact on the CPU)
    cpu_start = 0.0
    for i in range(args.warmup + args.iterations):
        if i == args.warmup:
            cpu_start = time.process_time()
        start = time.perf_counter()
        optimizer.zero_grad()
        with autocast():
            loss = loss_fn(model(x), y)
        forward_done = time.perf_counter()
        loss.backward()
        backward_done = time.perf_counter()
        optimizer.step()
        loss.item()
        if i >= args.warmup:
            end = time.perf_counter()
            times.append(end - start)
            phases[0] += forward_done - start
            phases[1] += backward_done - forward_done
            phases[2] += end - backward_done
    n = args.iterations
    print(f"# {arch} phases ms/step: forward {phases[0] * 1000 / n:.0f}, backward {phases[1] * 1000 / n:.0f}, "
          f"optimizer {phases[2] * 1000 / n:.0f}", file=sys.stderr)
    return statistics.median(times), (time.process_time() - cpu_start) / args.iterations


def time_inference(arch, batch, args, device):
    dtype = torch.bfloat16 if args.precision == "bf16" else torch.float32
    model = build(arch, args.width).to(device).eval().to(dtype)
    x = torch.randn(batch, 1, 128, 128).to(device).to(dtype)
    times = []
    with torch.no_grad():
        for i in range(args.warmup + args.iterations):
            start = time.perf_counter()
            model(x).cpu()
            if i >= args.warmup:
                times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--mode", choices=["training", "inference", "all", "optimizer"], default="training")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--iterations", type=int, default=3)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--train-batch", type=int, default=16)
    p.add_argument("--batches", default="1,8,32")
    p.add_argument("--archs", default="customcnn,inception3,inception1")
    p.add_argument("--width", type=float, default=1.0)
    p.add_argument("--device", default="cpu")
    p.add_argument("--precision", choices=["fp32", "bf16"], default="fp32")
    p.add_argument("--foreach", choices=["default", "on", "off"], default="default")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    device = torch.device(args.device)
    archs = args.archs.split(",")
    label = lambda a: f"{a} (width {args.width:g})" if a == "customcnn" and args.width != 1.0 else a
    print(f"# PyTorch {torch.__version__}, device {args.device}, precision {args.precision}, threads {torch.get_num_threads()}, "
          f"iterations {args.iterations} (+{args.warmup} warm-up), Adam foreach {args.foreach}")
    if args.mode in ("inference", "all"):
        print("| architecture | batch | crops/s | ms/batch |")
        print("| --- | ---: | ---: | ---: |")
        for arch in archs:
            for batch in (int(b) for b in args.batches.split(",")):
                s = time_inference(arch, batch, args, device)
                print(f"| {label(arch)} | {batch} | {batch / s:.1f} | {s * 1000:.1f} |", flush=True)
    if args.mode in ("training", "all"):
        print("| architecture | batch | samples/s | ms/step | process CPU s/step |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for arch in archs:
            s, cpu = time_training(arch, args, device)
            print(f"| {label(arch)} | {args.train_batch} | {args.train_batch / s:.1f} | {s * 1000:.1f} | {cpu:.2f} |", flush=True)
    if args.mode == "optimizer":
        print(f"Optimizer (Adam foreach {args.foreach}):")
        print("| architecture | parameter tensors | values | step ms | zero_grad ms |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for arch in archs:
            tensors, values, step, zero = time_optimizer(arch, args, device)
            print(f"| {label(arch)} | {tensors} | {values:,} | {step * 1000:.2f} | {zero * 1000:.2f} |", flush=True)


if __name__ == "__main__":
    main()
