#!/usr/bin/env python3
"""numpy side of Cartan's benchmark (bench/run.sh drives it through cartan.bench.Benchmark).

  svd_numpy.py gen DIR            write the inputs (seeded) as .npy files into DIR
  svd_numpy.py time DIR WORK N    time WORK on DIR's inputs: one warm-up run, best of N;
                                  writes DIR/WORK.numpy.npy (the result) and prints one JSON line
  svd_numpy.py info               one JSON line: numpy version and BLAS/LAPACK configuration

WORK is svd-MxN (np.linalg.svd(A, compute_uv=False), i.e. LAPACK dgesdd jobz='N') or
qr-dD-lL (Benettin loop: Q = I; L times Q, R = np.linalg.qr(W[l % P] @ Q); sum log|diag R|;
the result is the sums divided by L). Both sides read the same .npy inputs.
"""
import json
import sys
import time

import numpy as np

SVD_SHAPES = [(1024, 1024), (2048, 2048), (768, 3072), (4096, 1024)]
QR_RUNS = [(128, 2000), (256, 500)]
POOL = 4  # Benettin: W cycles through POOL Gaussian matrices with N(0, 1/d) entries
SEED = 20261122


def svd_name(m, n):
    return f"svd-{m}x{n}"


def qr_name(d, length):
    return f"qr-d{d}-l{length}"


def gen(directory):
    rng = np.random.default_rng(SEED)
    for m, n in SVD_SHAPES:
        np.save(f"{directory}/{svd_name(m, n)}.in.npy", rng.standard_normal((m, n)))
    for d, _ in QR_RUNS:
        np.save(f"{directory}/qr-d{d}.pool.npy", rng.standard_normal((POOL, d, d)) / np.sqrt(d))


def benettin(pool, length):
    d = pool.shape[1]
    q = np.eye(d)
    acc = np.zeros(d)
    for step in range(length):
        q, r = np.linalg.qr(pool[step % len(pool)] @ q)
        acc += np.log(np.abs(np.diag(r)))
    return acc / length


def run(directory, work):
    if work.startswith("svd-"):
        a = np.load(f"{directory}/{work}.in.npy")
        return lambda: np.linalg.svd(a, compute_uv=False)
    if work.startswith("qr-"):
        d, length = work[4:].split("-l")
        pool = np.load(f"{directory}/qr-d{d}.pool.npy")
        return lambda: benettin(pool, int(length))
    raise SystemExit(f"unknown work {work}")


def timed(directory, work, repeats):
    f = run(directory, work)
    result = f()  # warm-up
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = f()
        best = min(best, time.perf_counter() - t0)
    np.save(f"{directory}/{work}.numpy.npy", result)
    print(json.dumps({"work": work, "seconds": best}))


def info():
    cfg = np.show_config(mode="dicts")
    blas = cfg.get("Build Dependencies", {}).get("blas", {})
    print(json.dumps({"numpy": np.__version__,
                      "blas": f"{blas.get('name', '?')} {blas.get('version', '?')}"}))


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "gen":
        gen(sys.argv[2])
    elif cmd == "time":
        timed(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif cmd == "info":
        info()
    else:
        raise SystemExit(__doc__)
