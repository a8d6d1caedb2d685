"""Independent reference values for cartan.spectrum.MarchenkoPasturTest (numpy + scipy; run with python3).

    python3 src/test/resources/cartan/spectrum/mp_reference.py > src/test/resources/cartan/spectrum/mp_reference.json

1. "wishart": the eigenvalues of X^T X / N for a seeded N x M Gaussian X (entries of variance 1), binned in numpy:
   the Java test compares the bin counts with M times the Marchenko-Pastur probability of each bin.
2. "fits": seeded matrices (Gaussian, wide, planted spikes, square, Student-t, pooled slices); for each, the eigenvalues
   of W^T W (numpy.linalg.svd, no 1/N) and the bulk fitted here by a numpy re-implementation of WeightWatcher's
   mp_fit as cartan.spectrum.MarchenkoPasturFit documents it (rescale to mean 1, triangular-kernel density estimate of
   bandwidth 0.1 on 1000 grid points, points below density 0.01 dropped, least squares against the MP density with
   WeightWatcher's edge penalty, grid over sigma then a bounded scalar polish; spikes above lambda_+ + sqrt(TW)).
   Written from the description, sharing no code with the Java side (the polish here is scipy's bounded Brent).
"""
import json

import numpy as np
from scipy import optimize


def mp_density(x, Q, sigma):
    a = (sigma * (1 - 1 / np.sqrt(Q))) ** 2
    b = (sigma * (1 + 1 / np.sqrt(Q))) ** 2
    with np.errstate(divide="ignore", invalid="ignore"):
        y = Q / (2 * np.pi * sigma ** 2 * x) * np.sqrt((b - x) * (x - a))
    y = np.where((x >= a) & (x <= b) & (x > 0), y, 0.0)
    return np.nan_to_num(y), a, b


def qc_density(s, sigma):
    with np.errstate(invalid="ignore"):
        y = np.sqrt(4 * sigma ** 2 - s ** 2) / (np.pi * sigma ** 2)
    return np.where((s >= 0) & (s <= 2 * sigma), np.nan_to_num(y), 0.0)


def kde(u, bw=0.1, grid=1000):
    t = np.linspace(0, u.max() + 0.5, grid)
    k = np.clip(1 - np.abs(t[:, None] - u[None, :]) / bw, 0, None)
    f = k.sum(axis=1) / (len(u) * bw)
    keep = f > 0.01
    return t[keep], f[keep]


def objective(sigma, t, f, Q):
    if Q == 1:
        return np.sum((qc_density(t, sigma) - f) ** 2)
    rho, a, b = mp_density(t, Q, sigma)
    peak = t[np.argmax(f)]
    if b < peak or b > t.max() or a > peak:
        return 1e6 * len(t)
    return np.sum((rho - f) ** 2)


def mp_fit(lam, rows, cols):
    N, M = max(rows, cols), min(rows, cols)
    Q = N / M
    c = len(lam) / lam.sum()
    x = c * lam
    u = np.sqrt(x) if Q == 1 else x
    t, f = kde(u)
    s0 = np.sqrt(x.max()) / (1 + 1 / np.sqrt(Q))
    step = 0.01 * s0
    n = int(np.ceil((2.0 * s0 - 0.05 * s0) / step))
    sigmas = 0.05 * s0 + np.arange(n) * step
    values = np.array([objective(s, t, f, Q) for s in sigmas])
    i = int(np.argmin(values))
    best, best_value = sigmas[i], values[i]
    lo, hi = sigmas[max(i - 1, 0)], sigmas[min(i + 1, n - 1)]
    res = optimize.minimize_scalar(objective, bounds=(lo, hi), args=(t, f, Q), method="bounded",
                                   options={"xatol": 1e-13 * s0, "maxiter": 1000})
    if res.fun < best_value:
        best = res.x
    plus = (best * (1 + 1 / np.sqrt(Q))) ** 2
    minus = (best * (1 - 1 / np.sqrt(Q))) ** 2
    tw = plus ** (2 / 3) * M ** (-2 / 3) / np.sqrt(Q)
    spikes = int(np.sum(x > plus + np.sqrt(tw)))
    return {"sigma": float(best), "bulk_min": float(minus / c), "bulk_max": float(plus / c),
            "spikes": spikes, "softrank": float(plus / x.max()), "entry_variance": float(best ** 2 / (c * N))}


def evals(w):
    return np.linalg.svd(w, compute_uv=False) ** 2


def main():
    rng = np.random.default_rng(20260716)
    out = {}

    # 1. a Wishart sample against the law
    N, M = 2000, 500
    X = rng.standard_normal((N, M))
    lam = np.linalg.eigvalsh(X.T @ X / N)
    edges = np.linspace(lam.min(), lam.max(), 41)
    counts, _ = np.histogram(lam, bins=edges)
    out["wishart"] = {"rows": N, "cols": M, "variance": 1.0, "edges": edges.tolist(), "counts": counts.tolist()}

    # 2. fits
    cases = []


    def add(name, w_or_lam, rows, cols, planted=None):
        lam = w_or_lam if w_or_lam.ndim == 1 else evals(w_or_lam)
        r = mp_fit(lam, rows, cols)
        r.update({"name": name, "rows": rows, "cols": cols, "eigenvalues": lam.tolist()})
        if planted is not None:
            r["planted"] = planted
        cases.append(r)


    add("gaussian 300x100 var 0.5", rng.normal(0, np.sqrt(0.5), (300, 100)), 300, 100)
    add("gaussian 100x300 var 2", rng.normal(0, np.sqrt(2.0), (100, 300)), 100, 300)
    # planted spikes: X (400 x 100, var 1/400) plus theta_i u_i v_i^T with unit u, v; BBP threshold theta > (M/N)^(1/4) = 0.71
    Np, Mp = 400, 100
    Xp = rng.standard_normal((Np, Mp)) / np.sqrt(Np)
    U, _ = np.linalg.qr(rng.standard_normal((Np, 3)))
    V, _ = np.linalg.qr(rng.standard_normal((Mp, 3)))
    W = Xp + U @ np.diag([3.0, 4.0, 5.0]) @ V.T
    add("planted spikes 400x100 theta 3,4,5", W, Np, Mp, planted=3)
    add("gaussian 150x150", rng.standard_normal((150, 150)), 150, 150)
    add("student-t(3) 200x80", rng.standard_t(3, (200, 80)), 200, 80)
    pooled = np.concatenate([evals(rng.standard_normal((64, 32)) * 0.3) for _ in range(9)])
    add("pooled 9 slices 64x32", pooled, 64, 32)
    out["fits"] = cases
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
