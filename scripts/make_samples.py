#!/usr/bin/env python3
"""Builds samples/ from a FAT2019-layout folder (fat-mini): a deterministic subset under a byte budget per split,
with every class present in each split. Usage: make_samples.py SOURCE_DIR OUT_DIR"""
import csv, os, shutil, sys

BUDGET_BYTES = {"train_curated": 6_000_000, "train_noisy": 4_000_000, "test": 4_500_000}
CSV_OF = {"train_curated": "train_curated.csv", "train_noisy": "train_noisy.csv", "test": "test.csv"}


def read_rows(path):
    with open(path, newline="") as f:
        return [(r["fname"], r["labels"].split(",")) for r in csv.DictReader(f)]


def select(rows, folder, budget):
    size = {f: os.path.getsize(os.path.join(folder, f)) for f, _ in rows}
    chosen, used = [], 0
    # Cover every class first with the smallest clip carrying it, then fill the budget with the smallest rest.
    for cls in sorted({c for _, labels in rows for c in labels}):
        if any(cls in labels for f, labels in rows if f in chosen):
            continue
        f = min((f for f, labels in rows if cls in labels and f not in chosen), key=lambda f: (size[f], f))
        chosen.append(f)
        used += size[f]
    # Fill by name order (names are random hex) so lengths stay representative, not only the shortest.
    for f, _ in sorted(rows):
        if f not in chosen and used + size[f] <= budget:
            chosen.append(f)
            used += size[f]
    return set(chosen), used


def main(src, out):
    classes = open(os.path.join(src, "sample_submission.csv")).readline().strip().split(",")[1:]
    os.makedirs(out, exist_ok=True)
    for split, csv_name in CSV_OF.items():
        rows = read_rows(os.path.join(src, csv_name))
        chosen, used = select(rows, os.path.join(src, split), BUDGET_BYTES[split])
        os.makedirs(os.path.join(out, split), exist_ok=True)
        kept = [(f, labels) for f, labels in rows if f in chosen]
        with open(os.path.join(out, csv_name), "w", newline="") as fo:
            w = csv.writer(fo, lineterminator="\n")
            w.writerow(["fname", "labels"])
            for f, labels in kept:
                w.writerow([f, ",".join(labels)])
                shutil.copyfile(os.path.join(src, split, f), os.path.join(out, split, f))
        missing = set(classes) - {c for _, labels in kept for c in labels}
        assert not missing, f"{split} lacks {missing}"
        print(f"{split}: {len(kept)} clips, {used / 1e6:.2f} MB, all {len(classes)} classes")
        if split == "test":
            with open(os.path.join(out, "sample_submission.csv"), "w", newline="") as fo:
                w = csv.writer(fo, lineterminator="\n")
                w.writerow(["fname"] + classes)
                for f, _ in kept:
                    w.writerow([f] + ["0"] * len(classes))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
