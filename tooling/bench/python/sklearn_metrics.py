"""Times scikit-learn's ranking metrics on the benchmark's data files, for ratios measured in the same run.

Usage: python3 sklearn_metrics.py <case> <data-prefix> <runs>
Cases: roc_auc, average_precision, roc_auc_weighted, average_precision_weighted, roc_auc_ties (see metrics.bench.ts).
Reads <prefix>.proba.f64 (float64 probabilities), <prefix>.ties.f64 (the same rounded to 0.001), <prefix>.labels.u8
(0/1 bytes) and <prefix>.weights.f64 (float64 weights); prints one JSON object:
{"case", "rows", "medianMs", "peakExtraMiB", "value"}.
"""
import json
import resource
import sys
import time

import numpy as np


def peak_mib():
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main():
    case, prefix, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    from sklearn.metrics import average_precision_score, roc_auc_score

    scores_file = ".ties.f64" if case.endswith("_ties") else ".proba.f64"
    p = np.fromfile(prefix + scores_file, dtype=np.float64)
    y = np.fromfile(prefix + ".labels.u8", dtype=np.uint8)
    w = np.fromfile(prefix + ".weights.f64", dtype=np.float64) if case.endswith("_weighted") else None
    metric = average_precision_score if case.startswith("average_precision") else roc_auc_score

    def compute():
        return metric(y, p, sample_weight=w)

    before = peak_mib()
    value = compute()  # untimed warm-up, as on Calibra's side
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        compute()
        times.append((time.perf_counter() - start) * 1000.0)
    times.sort()
    print(json.dumps({
        "case": case,
        "rows": int(p.shape[0]),
        "medianMs": times[len(times) // 2],
        "peakExtraMiB": peak_mib() - before,
        "value": float(value),
    }))


if __name__ == "__main__":
    main()
