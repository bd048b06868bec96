#!/usr/bin/python3
"""Compare Ensemble's SoX-syntax augmentation (Ensemble.Audio.Augmentation.SoxChain) with the real `sox`.

usage: /usr/bin/python3 scripts/compare_sox.py /work/shared/data/fat-mini [--clips 12] [--runner raw|cli]

For the seven RECIPE chains, on the first N clips (>= 1 s) of <data>/train_curated plus one 30 s input (those clips joined), runs `sox` and the C#
implementation on the same input and compares:
  * gain/treble/bass/equalizer chains: the change each chain makes to the clip's average spectrum in
    third-octave bands (output minus input, overall level removed); largest band error <= 2 dB
    (worst clip); plus `gain -h` never clips (also on the clips normalised to 0 dBFS peak) and the
    overall level against sox.
  * pitch: mean absolute band error <= 3 dB (worst clip) and output duration within 1 % of the input.
  * fade: the 50 ms RMS envelope within 1 dB of sox's (worst frame, frames above -80 dBFS).
  * reverb: time for the energy decay curve (Schroeder) to fall 30 dB after a 50 ms white-noise burst,
    within 25 % of sox's (10 bursts, seeds 0..9); the band change on the clips is printed for information.

Runners: `raw` (default) feeds the C# through scripts/sox_apply.cs (raw float32, no WAV codec, so both
sides are compared in float); `cli` runs `./ensemble augment IN.wav --effects ... --out OUT.wav`
(16-bit output; sox then also writes 16-bit without dither, and bands within 30 dB of the 16-bit
quantisation floor are left out).
"""
import argparse
import os
import subprocess
import sys
import tempfile

import numpy as np
import scipy.io.wavfile
import scipy.signal

RATE = 44100
CHAINS = [
    "pitch -500",
    "pitch +500",
    "fade q 3",
    "reverb",
    "gain -h treble +20 bass +20",
    "gain -h treble -30 bass -30",
    "gain -h equalizer 2400 3q 8",
]
BAND_CENTRES = 1000.0 * 2.0 ** (np.arange(-15, 13) / 3.0)  # 31.5 Hz .. 16 kHz
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read_wav(path):
    rate, data = scipy.io.wavfile.read(path)
    if rate != RATE:
        raise SystemExit(f"{path}: rate {rate}, expected {RATE}")
    if data.dtype == np.int16:
        data = data.astype(np.float64) / 32768.0
    elif data.dtype == np.int32:
        data = data.astype(np.float64) / 2147483648.0
    else:
        data = data.astype(np.float64)
    if data.ndim == 2:
        data = data.mean(axis=1)
    return data


def write_wav16(path, samples):
    pcm = np.clip(np.round(samples * 32768.0), -32768, 32767).astype(np.int16)
    scipy.io.wavfile.write(path, RATE, pcm)


def run_sox(chain, inputs, outputs, sixteen_bit):
    fmt = ["-b", "16"] if sixteen_bit else ["-e", "floating-point", "-b", "32"]
    for src, dst in zip(inputs, outputs):
        # -D: no dither; -c 1: mono output (reverb makes stereo; sox mixes it down by averaging).
        subprocess.run(["sox", "-D", src, *fmt, "-c", "1", dst, *chain.split()], check=True,
                       stderr=subprocess.DEVNULL)
    return [read_wav(p) for p in outputs]


def run_csharp_raw(chain, inputs, outputs, work):
    args = []
    for src, dst in zip(inputs, outputs):
        raw_in, raw_out = dst + ".in.f32", dst + ".out.f32"
        read_wav(src).astype("<f4").tofile(raw_in)
        args += [raw_in, raw_out]
    subprocess.run(["dotnet", "run", os.path.join(REPO, "scripts", "sox_apply.cs"), "--", chain, *args],
                   check=True, cwd=REPO, stdout=subprocess.DEVNULL)
    return [np.fromfile(args[i + 1], "<f4").astype(np.float64) for i in range(0, len(args), 2)]


def run_csharp_cli(chain, inputs, outputs, work):
    for src, dst in zip(inputs, outputs):
        subprocess.run([os.path.join(REPO, "ensemble"), "augment", src, "--effects", chain, "--out", dst],
                       check=True, cwd=REPO, stdout=subprocess.DEVNULL)
    return [read_wav(p) for p in outputs]


def band_powers(x):
    f, pxx = scipy.signal.welch(x, RATE, nperseg=min(16384, len(x)), window="hann")
    edges_lo, edges_hi = BAND_CENTRES * 2 ** (-1 / 6), BAND_CENTRES * 2 ** (1 / 6)
    return np.array([pxx[(f >= lo) & (f < hi)].sum() for lo, hi in zip(edges_lo, edges_hi)]), pxx.sum()


def band_errors(inp, ref, test, sixteen_bit):
    """Per-band (test change) - (ref change) in dB, overall level removed; bands with signal only."""
    p_in, _ = band_powers(inp)
    p_ref, t_ref = band_powers(ref)
    p_test, t_test = band_powers(test)
    keep = (p_in > p_in.max() * 1e-8) & (p_ref > 0) & (p_test > 0)
    if sixteen_bit:
        # 16-bit rounding noise: variance q^2/12 spread evenly over 0..Nyquist.
        q = 1 / 32768.0
        psd = (q * q / 12) / (RATE / 2)
        width = BAND_CENTRES * (2 ** (1 / 6) - 2 ** (-1 / 6))
        keep &= p_ref > 1000 * psd * width / (RATE / 16384)  # 30 dB above the floor (PSD bins summed)
    change_ref = 10 * np.log10(p_ref[keep] / p_in[keep]) - 10 * np.log10(t_ref / band_powers(inp)[1])
    change_test = 10 * np.log10(p_test[keep] / p_in[keep]) - 10 * np.log10(t_test / band_powers(inp)[1])
    return change_test - change_ref


def envelope_db(x, frame):
    n = len(x) // frame
    rms = np.sqrt(np.mean(x[: n * frame].reshape(n, frame) ** 2, axis=1))
    return 20 * np.log10(np.maximum(rms, 1e-12))


def decay_time_30db(y, start):
    """Seconds for the Schroeder energy decay curve to fall 30 dB below its value at `start`."""
    energy = np.cumsum((y[start:] ** 2)[::-1])[::-1]
    edc = 10 * np.log10(np.maximum(energy / energy[0], 1e-30))
    below = np.nonzero(edc <= -30)[0]
    return below[0] / RATE if len(below) else float("nan")


def pick_clips(data_dir, count):
    folder = os.path.join(data_dir, "train_curated")
    picked = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".wav"):
            path = os.path.join(folder, name)
            if len(read_wav(path)) >= RATE:
                picked.append(path)
        if len(picked) == count:
            break
    if len(picked) < count:
        raise SystemExit(f"only {len(picked)} clips of >= 1 s in {folder}")
    return picked


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", help="fat-mini folder (holds train_curated/)")
    parser.add_argument("--clips", type=int, default=12)
    parser.add_argument("--runner", choices=["raw", "cli"], default="raw")
    opts = parser.parse_args()
    sixteen = opts.runner == "cli"
    run_csharp = run_csharp_cli if sixteen else run_csharp_raw
    clips = pick_clips(opts.data, opts.clips)
    rows = []

    def row(chain, metric, value, limit, ok):
        rows.append((chain, metric, value, limit, ok))

    with tempfile.TemporaryDirectory(prefix="compare_sox_") as work:
        # Inputs as 16-bit WAV copies (both sides read the same file).
        inputs = []
        for i, clip in enumerate(clips):
            dst = os.path.join(work, f"clip{i:02d}.wav")
            write_wav16(dst, read_wav(clip))
            inputs.append(dst)
        # One long input too (FAT2019 clips reach 30 s): the clips joined end to end up to >= 30 s.
        joined = np.concatenate([read_wav(p) for p in inputs])
        while len(joined) < 30 * RATE:
            joined = np.concatenate([joined, joined])
        dst = os.path.join(work, "joined.wav")
        write_wav16(dst, joined[: 30 * RATE])
        inputs.append(dst)
        loud = []
        for i, clip in enumerate(clips):
            x = read_wav(clip)
            dst = os.path.join(work, f"loud{i:02d}.wav")
            write_wav16(dst, x / np.abs(x).max() * (32767 / 32768))
            loud.append(dst)
        bursts = []
        for seed in range(10):
            rng = np.random.default_rng(seed)
            x = np.zeros(int(3.05 * RATE))
            n = int(0.05 * RATE)
            x[:n] = np.clip(rng.normal(0, 0.25, n), -1, 1)
            dst = os.path.join(work, f"burst{seed}.wav")
            write_wav16(dst, x)
            bursts.append(dst)
        source = {p: read_wav(p) for p in inputs + loud + bursts}

        for c, chain in enumerate(CHAINS):
            outs_sox = [os.path.join(work, f"c{c}_sox_{i:02d}.wav") for i in range(len(inputs))]
            outs_cs = [os.path.join(work, f"c{c}_cs_{i:02d}.wav") for i in range(len(inputs))]
            ys = run_sox(chain, inputs, outs_sox, sixteen)
            yc = run_csharp(chain, inputs, outs_cs, work)
            n = len(inputs)
            if chain.startswith("gain"):
                worst = max(np.abs(band_errors(source[p], a, b, sixteen)).max() for p, a, b in zip(inputs, ys, yc))
                row(chain, f"largest band error, dB ({n} clips)", worst, 2.0, worst <= 2.0)
                level = max(abs(10 * np.log10(np.mean(b ** 2) / np.mean(a ** 2))) for a, b in zip(ys, yc))
                row(chain, "overall level vs sox, |dB| (info)", level, None, True)
                lo_sox = [os.path.join(work, f"c{c}_sox_loud{i:02d}.wav") for i in range(len(loud))]
                lo_cs = [os.path.join(work, f"c{c}_cs_loud{i:02d}.wav") for i in range(len(loud))]
                run_sox(chain, loud, lo_sox, sixteen)
                peak = max(np.abs(y).max() for y in yc + run_csharp(chain, loud, lo_cs, work))
                limit = 32767 / 32768
                row(chain, f"peak |sample| ({n + len(loud)} inputs, {len(loud)} at 0 dBFS)", peak, limit, peak < limit)
            elif chain.startswith("pitch"):
                errs = [np.mean(np.abs(band_errors(source[p], a, b, sixteen))) for p, a, b in zip(inputs, ys, yc)]
                row(chain, f"mean band error, dB (worst of {n} clips)", max(errs), 3.0, max(errs) <= 3.0)
                dur = max(abs(len(b) / len(source[p]) - 1) * 100 for p, b in zip(inputs, yc))
                row(chain, "duration change, % (worst)", dur, 1.0, dur <= 1.0)
                dur_sox = max(abs(len(b) / len(a) - 1) * 100 for a, b in zip(ys, yc))
                row(chain, "duration vs sox, % (info)", dur_sox, None, True)
            elif chain.startswith("fade"):
                frame = int(0.05 * RATE)
                worst = 0.0
                for a, b in zip(ys, yc):
                    ea, eb = envelope_db(a, frame), envelope_db(b[: len(a)], frame)
                    mask = ea > -80
                    worst = max(worst, np.abs(ea[mask] - eb[mask]).max())
                row(chain, f"50 ms envelope error, dB (worst, {n} clips)", worst, 1.0, worst <= 1.0)
            elif chain.startswith("reverb"):
                outs_sox = [os.path.join(work, f"c{c}_sox_b{i}.wav") for i in range(len(bursts))]
                outs_cs = [os.path.join(work, f"c{c}_cs_b{i}.wav") for i in range(len(bursts))]
                bs = run_sox(chain, bursts, outs_sox, sixteen)
                bc = run_csharp(chain, bursts, outs_cs, work)
                start = int(0.05 * RATE)
                t_sox = np.array([decay_time_30db(y, start) for y in bs])
                t_cs = np.array([decay_time_30db(y, start) for y in bc])
                rel = np.abs(t_cs / t_sox - 1) * 100
                row(chain, f"30 dB decay sox, s (mean of {len(bursts)} bursts, info)", t_sox.mean(), None, True)
                row(chain, f"30 dB decay C#, s (mean of {len(bursts)} bursts, info)", t_cs.mean(), None, True)
                row(chain, "30 dB decay vs sox, % (worst burst)", rel.max(), 25.0, rel.max() <= 25.0)
                worst = max(np.abs(band_errors(source[p], a, b, sixteen)).max() for p, a, b in zip(inputs, ys, yc))
                row(chain, f"largest band error on clips, dB (info, {n} clips)", worst, None, True)

    print(f"runner: {opts.runner}; clips: {len(clips)} from {os.path.join(opts.data, 'train_curated')} + 1 of 30 s (them joined)")
    print(f"{'chain':30} {'metric':48} {'value':>9} {'limit':>7}  pass")
    for chain, metric, value, limit, ok in rows:
        lim = "-" if limit is None else f"{limit:.6g}"
        print(f"{chain:30} {metric:48} {value:9.4f} {lim:>7}  {'yes' if ok else 'NO'}")
    failed = [r for r in rows if not r[4]]
    print("all pass" if not failed else f"{len(failed)} FAILED")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
