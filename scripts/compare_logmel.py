#!/usr/bin/python3
"""Compare Ensemble's log-mel (C#) with torchaudio's on every WAV of a folder.

Reference: torchaudio.transforms.MelSpectrogram(sample_rate=44100, n_fft=2560, hop_length=694, f_min=20,
f_max=22050, n_mels=128, power=2, norm='slaney', mel_scale='slaney') + AmplitudeToDB('power', top_db=80),
on audio loaded by torchaudio.load (int16 / 32768). Needs Debian's python3-torchaudio: run with /usr/bin/python3.

    /usr/bin/python3 scripts/compare_logmel.py /work/shared/data/fat-mini/test
    /usr/bin/python3 scripts/compare_logmel.py DIR --ensemble "dotnet artifacts/bin/Ensemble.Cli/release/ensemble.dll"
    /usr/bin/python3 scripts/compare_logmel.py DIR --npy-dir FOLDER   # compare .npy files already written

Exit status 0 when all three criteria hold (mean |diff| <= 0.01 dB, 99.9th percentile <= 0.1 dB, equal frame counts).
"""
import argparse
import glob
import os
import shlex
import subprocess
import sys
import tempfile

import numpy as np
import torch
import torchaudio

MEAN_LIMIT_DB = 0.01
P999_LIMIT_DB = 0.1


def reference_transform():
    mel = torchaudio.transforms.MelSpectrogram(
        sample_rate=44100, n_fft=2560, hop_length=694, f_min=20, f_max=22050, n_mels=128,
        power=2.0, norm="slaney", mel_scale="slaney")
    to_db = torchaudio.transforms.AmplitudeToDB("power", top_db=80)
    return lambda wave: to_db(mel(wave))


def default_ensemble_command(repo):
    wrapper = os.path.join(repo, "ensemble")
    if os.access(wrapper, os.X_OK):
        return wrapper
    return "dotnet " + os.path.join(repo, "artifacts/bin/Ensemble.Cli/release/ensemble.dll")


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", help="folder of .wav files (e.g. /work/shared/data/fat-mini/test)")
    parser.add_argument("--ensemble", default=None, help="command that runs the ensemble CLI")
    parser.add_argument("--npy-dir", default=None, help="use .npy files already computed here instead of running the CLI")
    args = parser.parse_args()

    torch.set_num_threads(2)
    wavs = sorted(glob.glob(os.path.join(args.data, "*.wav")))
    if not wavs:
        sys.exit(f"no .wav files in {args.data}")

    with tempfile.TemporaryDirectory() as scratch:
        npy_dir = args.npy_dir
        if npy_dir is None:
            npy_dir = scratch
            command = shlex.split(args.ensemble or default_ensemble_command(repo)) + ["features", args.data, "--out", npy_dir]
            print("running:", " ".join(command), flush=True)
            subprocess.run(command, check=True)

        transform = reference_transform()
        diffs, frame_mismatch, worst = [], [], (0.0, "")
        for wav in wavs:
            name = os.path.splitext(os.path.basename(wav))[0]
            ours = np.load(os.path.join(npy_dir, name + ".npy"))
            wave, rate = torchaudio.load(wav)
            if rate != 44100:
                sys.exit(f"{wav}: {rate} Hz; this comparison expects 44.1 kHz files")
            theirs = transform(wave.mean(dim=0)).numpy()
            if ours.shape != theirs.shape:
                frame_mismatch.append(f"{name}: ours {ours.shape}, torchaudio {theirs.shape}")
                continue
            d = np.abs(ours.astype(np.float64) - theirs.astype(np.float64)).ravel()
            diffs.append(d)
            if d.max() > worst[0]:
                worst = (float(d.max()), name)

    all_diffs = np.concatenate(diffs) if diffs else np.zeros(1)
    mean = float(all_diffs.mean())
    p999 = float(np.percentile(all_diffs, 99.9))
    print(f"clips: {len(wavs)}, values: {all_diffs.size}")
    print(f"mean |diff|:       {mean:.6f} dB (limit {MEAN_LIMIT_DB})")
    print(f"99.9th percentile: {p999:.6f} dB (limit {P999_LIMIT_DB})")
    print(f"max |diff|:        {worst[0]:.6f} dB ({worst[1]})")
    print(f"frame-count mismatches: {len(frame_mismatch)}")
    for line in frame_mismatch[:10]:
        print("  ", line)
    ok = mean <= MEAN_LIMIT_DB and p999 <= P999_LIMIT_DB and not frame_mismatch
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
