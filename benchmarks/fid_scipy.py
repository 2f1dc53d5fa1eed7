#!/usr/bin/env python3
"""FID's matrix square root with scipy at dimension d, the reference for benchmarks/fid-sqrtm.ts.

Builds the same covariances as the TS side (xorshift32 generator of
packages/metrics/src/fixtures/make_fid_fixtures.py: Σ = A Aᵀ / k, A = gen(seed, d, k), k = 5d/4) and
times pytorch-fid's formula (scipy.linalg.sqrtm(Σ₁ Σ₂)) and the symmetric one (eigh). Prints one JSON
line per method: seconds (FID only, not generation), FID and the process's peak RSS so far (MB).
Run: python3 benchmarks/fid_scipy.py --d 2048
"""
import argparse
import json
import resource
import sys
import time
from pathlib import Path

# The covariance generator and both FID formulas are the fixture script's, so the benchmark measures
# exactly what the committed fixtures check.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "packages/metrics/src/fixtures"))
from make_fid_fixtures import fid_exact, fid_sqrtm, gaussian  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--d", type=int, default=2048)
    d = p.parse_args().d
    k = d * 5 // 4
    mu1, s1 = gaussian(101, d, k, 1.0)
    mu2, s2 = gaussian(202, d, k, 0.5)
    methods = (("scipy sqrtm(S1 S2)", lambda *a: fid_sqrtm(*a, 0.0)), ("numpy eigh (symmetric)", fid_exact))
    for name, fn in methods:
        t = time.perf_counter()
        fid = fn(mu1, s1, mu2, s2)
        print(json.dumps({"method": name, "d": d, "seconds": time.perf_counter() - t, "fid": fid,
                          "peakRssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


if __name__ == "__main__":
    main()
