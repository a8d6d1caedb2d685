#!/usr/bin/env python3
"""The numpy side of bench/profile.sh, and an independent reference for the Cartan profile.

Reads the matrices `bin/cartan profile --export-npy DIR` wrote (DIR/layers.csv + DIR/NNN.npy, float64, the
exact doubles Cartan profiles), computes for each the singular values with numpy.linalg.svd(compute_uv=False)
(LAPACK gesdd), and from them the WeightWatcher-definition columns (lambda = sigma^2 of W^T W, no 1/N) and
alpha by a direct numpy re-implementation of WeightWatcher's WWFit (drop lambda <= 1e-5; every sorted value
but the largest is a candidate x_min; alpha = 1 + n/sum log(x/x_min); D = max|1 - (x/x_min)^(1-alpha) - j/n|;
smallest D wins).

  python3 bench/profile_numpy.py DIR|FILE.safetensors [--csv OUT] [--threads N] [--eig svd|gram]

--eig gram (numpy's fastest sound path for the eigenvalues of W^T W): G = W W^T or W^T W, whichever is smaller
(numpy's matmul of a matrix with its own transpose calls BLAS syrk), then numpy.linalg.eigvalsh(G) (LAPACK
syevd), negative rounding noise clipped to 0. A .safetensors FILE (F32/F64 2-D tensors) is read with
numpy.fromfile at each tensor's offset and converted to float64, as Cartan computes in float64.

Prints the wall times of (a) loading + SVDs and (b) the metrics and WWFit, one line each, as
`numpy_svd_seconds=...` and `numpy_fit_seconds=...`.
"""
import argparse
import csv
import os
import sys
import time


def safetensors_layers(path, np):
    """The 2-D F32/F64 tensors of a safetensors file, as (rows, loader) with each tensor read at its offset."""
    import json
    import struct
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
    dtypes = {"F32": np.float32, "F64": np.float64}
    rows = []
    for name, t in header.items():
        if name == "__metadata__" or t["dtype"] not in dtypes or len(t["shape"]) != 2:
            continue
        rows.append({"layer": name, "rows": t["shape"][0], "cols": t["shape"][1], "dtype": dtypes[t["dtype"]],
                     "offset": 8 + n + t["data_offsets"][0]})

    def load(row):
        count = row["rows"] * row["cols"]
        w = np.fromfile(path, dtype=row["dtype"], count=count, offset=row["offset"])
        return w.reshape(row["rows"], row["cols"]).astype(np.float64)
    return rows, load


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--csv", help="write per-layer reference values here")
    ap.add_argument("--threads", type=int, default=None, help="BLAS/LAPACK threads (set before numpy loads)")
    ap.add_argument("--eig", choices=("svd", "gram"), default="svd", help="svd (gesdd) or gram (syrk + syevd)")
    a = ap.parse_args()
    if a.threads:
        for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[v] = str(a.threads)
    import numpy as np

    t0 = time.perf_counter()
    if a.dir.endswith(".safetensors"):
        layers, load = safetensors_layers(a.dir, np)
    else:
        with open(os.path.join(a.dir, "layers.csv")) as f:
            layers = list(csv.DictReader(f))
        load = lambda row: np.load(os.path.join(a.dir, row["file"]))
    sv = []
    for row in layers:
        w = load(row)
        if a.eig == "svd":
            sv.append(np.linalg.svd(w, compute_uv=False))
        else:
            g = w @ w.T if w.shape[0] <= w.shape[1] else w.T @ w
            lam = np.linalg.eigvalsh(g)[::-1]
            sv.append(np.sqrt(np.maximum(lam, 0.0)))
    t1 = time.perf_counter()

    out = []
    for row, s in zip(layers, sv):
        lam = s ** 2
        p = lam / lam.sum()
        x = np.sort(lam[lam > 1e-5])
        best = None
        logx = np.log(x)
        for i in range(len(x) - 1):
            n = len(x) - i
            alpha = 1 + n / (logx[i:].sum() - n * logx[i])
            if alpha > 1:
                d = np.max(np.abs(1 - np.exp((1 - alpha) * (logx[i:] - logx[i])) - np.arange(n) / n))
            else:
                d = 1.0
            if best is None or d < best[0]:
                best = (d, alpha, x[i], n)
        d, alpha, xmin, n = best
        out.append({
            "layer": row["layer"], "rows": row["rows"], "cols": row["cols"],
            "sigma_max": repr(float(s[0])), "frobenius_norm": repr(float(np.sqrt(lam.sum()))),
            "stable_rank": repr(float(lam.sum() / lam[0])),
            "entropy_rank": repr(float(np.exp(-np.sum(p[p > 0] * np.log(p[p > 0]))))),
            "participation_ratio": repr(float(1 / np.sum(p ** 2))),
            "rank_q90": int(np.argmax(np.cumsum(p) >= 0.9) + 1),
            "alpha": repr(float(alpha)), "alpha_xmin": repr(float(xmin)), "alpha_ks": repr(float(d)),
            "alpha_n_tail": n, "log_norm": repr(float(np.log10(lam.sum()))),
            "log_spectral_norm": repr(float(np.log10(lam[0]))),
        })
    t2 = time.perf_counter()
    if a.csv:
        with open(a.csv, "w", newline="") as f:
            wr = csv.DictWriter(f, fieldnames=list(out[0].keys()))
            wr.writeheader()
            wr.writerows(out)
    print("numpy_layers=%d" % len(layers))
    print("numpy_svd_seconds=%.3f" % (t1 - t0))
    print("numpy_fit_seconds=%.3f" % (t2 - t1))


if __name__ == "__main__":
    sys.exit(main())
