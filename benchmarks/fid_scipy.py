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
import time

import numpy as np
import scipy.linalg

M = 0xFFFFFFFF


def gen(seed, rows, cols):
    x = seed & M
    out = np.empty(rows * cols)
    for i in range(rows * cols):
        x ^= (x << 13) & M
        x ^= x >> 17
        x ^= (x << 5) & M
        out[i] = x / 2**32 - 0.5
    return out.reshape(rows, cols)


def gaussian(seed, d, k, scale):
    a = gen(seed, d, k)
    return 2 * gen(seed + 1000, 1, d)[0], scale * (a @ a.T) / k


def fid_sqrtm(mu1, s1, mu2, s2):
    covmean = scipy.linalg.sqrtm(s1 @ s2)
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean.real))


def fid_eigh(mu1, s1, mu2, s2):
    w, v = np.linalg.eigh(s1)
    root = (v * np.sqrt(np.clip(w, 0, None))) @ v.T
    inner = np.linalg.eigvalsh(root @ s2 @ root)
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(s1) + np.trace(s2) - 2 * np.sum(np.sqrt(np.clip(inner, 0, None))))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--d", type=int, default=2048)
    d = p.parse_args().d
    k = d * 5 // 4
    mu1, s1 = gaussian(101, d, k, 1.0)
    mu2, s2 = gaussian(202, d, k, 0.5)
    for name, fn in (("scipy sqrtm(S1 S2)", fid_sqrtm), ("numpy eigh (symmetric)", fid_eigh)):
        t = time.perf_counter()
        fid = fn(mu1, s1, mu2, s2)
        print(json.dumps({"method": name, "d": d, "seconds": time.perf_counter() - t, "fid": fid,
                          "peakRssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


if __name__ == "__main__":
    main()
