#!/usr/bin/python3
"""Cross-checks Ensemble's lwlrap against scikit-learn (Debian's python3-sklearn).

lwlrap == label_ranking_average_precision_score(truth, scores, sample_weight=|C(s)|).

  /usr/bin/python3 scripts/compare_lwlrap.py --ensemble "dotnet artifacts/bin/Ensemble.Cli/release/ensemble.dll"
      writes random cases as test.csv / submission.csv pairs, runs `<ensemble> eval --digits 17` on each and
      prints the largest difference (random float32 scores: no ties; a second set with ties is reported apart).
  /usr/bin/python3 scripts/compare_lwlrap.py --vectors tests/Training.Tests/Metrics/lwlrap-sklearn-vectors.json
      writes the small test-vector file that the C# unit tests check without Python.
"""
import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile

import numpy as np
from sklearn.metrics import label_ranking_average_precision_score


def sklearn_lwlrap(truth, scores):
    weights = truth.sum(axis=1)
    return float(label_ranking_average_precision_score(truth, scores, sample_weight=weights))


def random_case(rng, ties, max_clips=60, max_classes=40):
    clips = int(rng.integers(1, max_clips))
    classes = int(rng.integers(2, max_classes))
    truth = (rng.random((clips, classes)) < rng.uniform(0.02, 0.3)).astype(int)
    for s in range(clips):  # every clip gets a label except a few, to cover label-less rows
        if truth[s].sum() == 0 and rng.random() < 0.9:
            truth[s, rng.integers(classes)] = 1
    if truth.sum() == 0:
        truth[0, 0] = 1
    if ties:
        scores = (rng.integers(0, 5, (clips, classes)) / 4.0).astype(np.float32)
    else:
        scores = rng.random((clips, classes)).astype(np.float32)
    return truth, scores


def write_pair(folder, truth, scores):
    classes = [f"class_{c:02d}" for c in range(truth.shape[1])]
    names = [f"clip{s:04d}.wav" for s in range(truth.shape[0])]
    with open(os.path.join(folder, "truth.csv"), "w") as f:
        f.write("fname,labels\n")
        for s, name in enumerate(names):
            labels = ",".join(classes[c] for c in np.flatnonzero(truth[s]))
            if labels:  # label-less clips cannot be written in the FAT2019 format; they weigh 0 anyway
                f.write(f'{name},"{labels}"\n')
    with open(os.path.join(folder, "pred.csv"), "w") as f:
        f.write("fname," + ",".join(classes) + "\n")
        for s, name in enumerate(names):
            if truth[s].sum():
                f.write(name + "," + ",".join(repr(float(v)) for v in scores[s]) + "\n")


def run_ensemble(command, folder):
    args = shlex.split(command) + ["eval", "--truth", os.path.join(folder, "truth.csv"),
                                   "--pred", os.path.join(folder, "pred.csv"), "--digits", "17"]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout.strip().splitlines()
    last = out[-1].split()
    assert last[0] == "lwlrap", out[-1]
    return float(last[1])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ensemble", help="command that runs the ensemble CLI")
    parser.add_argument("--vectors", help="write a test-vector JSON file here")
    parser.add_argument("--cases", type=int, default=40)
    parser.add_argument("--seed", type=int, default=2019)
    args = parser.parse_args()
    if not args.ensemble and not args.vectors:
        parser.error("give --ensemble and/or --vectors")
    rng = np.random.default_rng(args.seed)

    if args.vectors:
        cases = []
        for i in range(12):
            truth, scores = random_case(rng, ties=(i % 4 == 3), max_clips=16, max_classes=12)
            cases.append({"ties": bool(i % 4 == 3), "classes": truth.shape[1],
                          "truth": truth.tolist(), "scores": [[repr(float(v)) for v in row] for row in scores],
                          "sklearn": repr(sklearn_lwlrap(truth, scores))})
        with open(args.vectors, "w") as f:
            json.dump({"generator": "scripts/compare_lwlrap.py", "seed": args.seed, "cases": cases}, f)
            f.write("\n")
        print(f"wrote {len(cases)} cases to {args.vectors}")

    if args.ensemble:
        for ties in (False, True):
            worst = 0.0
            with tempfile.TemporaryDirectory() as folder:
                for _ in range(args.cases):
                    truth, scores = random_case(rng, ties)
                    write_pair(folder, truth, scores)
                    diff = abs(run_ensemble(args.ensemble, folder) - sklearn_lwlrap(truth, scores))
                    worst = max(worst, diff)
            label = "with ties" if ties else "without ties"
            print(f"{args.cases} random cases {label}: max |ensemble - sklearn| = {worst:.3e}")
            if worst > 1e-9:
                sys.exit(1)


if __name__ == "__main__":
    main()
