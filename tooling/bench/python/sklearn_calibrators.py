"""Times scikit-learn's calibrators on the benchmark's data file, for ratios measured in the same run.

Usage: python3 sklearn_calibrators.py <method> <data-prefix> <runs>
Reads <prefix>.logodds.f64 (float64 log-odds) and <prefix>.labels.u8 (0/1 bytes); prints one JSON object:
{"method", "rows", "medianMs", "peakExtraMiB"}.
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
    method, prefix, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    z = np.fromfile(prefix + ".logodds.f64", dtype=np.float64)
    y = np.fromfile(prefix + ".labels.u8", dtype=np.uint8).astype(np.float64)
    if method == "platt":
        from sklearn.calibration import _sigmoid_calibration

        def fit():
            _sigmoid_calibration(z, y)

    elif method == "isotonic":
        from sklearn.isotonic import IsotonicRegression

        def fit():
            IsotonicRegression(out_of_bounds="clip", y_min=0, y_max=1).fit(z, y)

    else:
        raise SystemExit("unknown method " + method)
    before = peak_mib()
    fit()  # untimed warm-up, as on Calibra's side
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fit()
        times.append((time.perf_counter() - start) * 1000.0)
    times.sort()
    print(json.dumps({
        "method": method,
        "rows": int(z.shape[0]),
        "medianMs": times[len(times) // 2],
        "peakExtraMiB": peak_mib() - before,
    }))


if __name__ == "__main__":
    main()
