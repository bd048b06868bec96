#!/usr/bin/python3
"""Peer of `bench features`: torchaudio 0.13 (Debian python3-torchaudio) decode + log-mel of every *.wav in a folder.

    /usr/bin/python3 bench/compare_logmel_bench.py /work/shared/data/fat-mini/train_curated [--threads 2] [--repeats 3]

Same work as the C# benchmark: torchaudio.load (int16 / 32768) then MelSpectrogram(44100, n_fft 2560, hop 694, 20-22050 Hz,
128 slaney mels, power 2) + AmplitudeToDB('power', top_db=80); one warm-up pass, best of the repeats.
"""
import argparse
import glob
import os
import resource
import time

import torch
import torchaudio


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    files = sorted(glob.glob(os.path.join(args.data, "*.wav")))
    mel = torchaudio.transforms.MelSpectrogram(
        sample_rate=44100, n_fft=2560, hop_length=694, f_min=20, f_max=22050, n_mels=128,
        power=2.0, norm="slaney", mel_scale="slaney")
    to_db = torchaudio.transforms.AmplitudeToDB("power", top_db=80)

    def one_pass():
        seconds = 0.0
        with torch.no_grad():
            for f in files:
                wave, rate = torchaudio.load(f)
                to_db(mel(wave.mean(dim=0)))
                seconds += wave.shape[1] / rate
        return seconds

    def cpu_seconds():
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    audio_seconds = one_pass()
    best = float("inf")
    cpu_before = cpu_seconds()
    for _ in range(args.repeats):
        start = time.perf_counter()
        one_pass()
        best = min(best, time.perf_counter() - start)
    cpu_per_pass = (cpu_seconds() - cpu_before) / args.repeats
    print(f"torchaudio {torchaudio.__version__} (torch {torch.__version__}), {args.threads} threads: "
          f"{len(files)} clips, {audio_seconds:.1f} s of audio")
    print(f"| torchaudio {args.threads} threads | {len(files) / best:.1f} clips/s | {audio_seconds / best:.1f} audio-s/s | {best:.3f} s | {audio_seconds / cpu_per_pass:.0f} audio-s per CPU-s |")


if __name__ == "__main__":
    main()
