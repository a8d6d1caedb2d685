#!/usr/bin/env python3
"""Reference values for cartan.linalg.GramEigenvaluesTest, computed with numpy independently of the Java code.

Run from this directory:  python3 gram_reference.py   (numpy 2.4.6 with scipy-openblas 0.3.31 was used)
Writes gram_reference.json.

Every matrix is built from a recipe that Java rebuilds bit for bit: SplitMix64 integers, uniform entries
u = 2 * ((z >> 11) * 2**-53) - 1 (exact), integer factors, scalings by powers of two, and single IEEE
additions/multiplications in a fixed order (plain Python floats, no numpy arithmetic, no fused operations).
The JSON holds, per case, the recipe, the sum and the sum of squares of the entries in row-major order
(Java checks them to prove it built the same matrix), the float64 singular values from
numpy.linalg.svd(W, compute_uv=False) (LAPACK dgesdd, the reference of the accuracy contract) and the
eigenvalues numpy.linalg.eigvalsh of the plain Gram matrix W^T W or W W^T (the rival: the Gram path
without refinement), both descending.
"""
import json

import numpy as np

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def uniform(self):
        """2u - 1 with u = (z >> 11) 2^-53: a multiple of 2^-52 in [-1, 1), exact."""
        return 2.0 * ((self.next() >> 11) * 2.0 ** -53) - 1.0

    def small_int(self):
        """An integer in {-3, ..., 3} \\ {0}."""
        v = int(self.next() % 6)
        return v - 3 if v < 3 else v - 2


def uniform(rows, cols, seed):
    g = SplitMix64(seed)
    return [[g.uniform() for _ in range(cols)] for _ in range(rows)]


def low_rank(rows, cols, rank, seed):
    """L R with L (rows x rank), R (rank x cols) in {-3..3}\\{0}: integer entries, exact rank `rank`."""
    g = SplitMix64(seed)
    left = [[float(g.small_int()) for _ in range(rank)] for _ in range(rows)]
    right = [[float(g.small_int()) for _ in range(cols)] for _ in range(rank)]
    out = []
    for i in range(rows):
        row = []
        for j in range(cols):
            s = 0.0
            for t in range(rank):
                s += left[i][t] * right[t][j]
            row.append(s)
        out.append(row)
    return out


def build(case):
    kind, rows, cols, seed = case["kind"], case["rows"], case["cols"], case["seed"]
    if kind == "uniform":
        return uniform(rows, cols, seed)
    if kind == "graded-tail":
        # the last `graded` columns (rows if the matrix is wide) scaled by 2^-(start + j*depth // graded),
        # j = 0 .. graded-1
        w = uniform(rows, cols, seed)
        graded, start, depth = case["graded"], case["start"], case["depth"]
        for j in range(graded):
            s = 2.0 ** -(start + j * depth // graded)
            if rows >= cols:
                for i in range(rows):
                    w[i][cols - graded + j] *= s
            else:
                row = w[rows - graded + j]
                for i in range(cols):
                    row[i] *= s
        return w
    if kind == "low-rank":
        return low_rank(rows, cols, case["rank"], seed)
    if kind == "low-rank-plus-noise":
        w = low_rank(rows, cols, case["rank"], seed)
        noise = uniform(rows, cols, seed + 1)
        s = 2.0 ** -case["noise_exponent"]
        return [[w[i][j] + noise[i][j] * s for j in range(cols)] for i in range(rows)]
    if kind == "spike":
        # uniform + t a b^T with a, b in {-3..3}\{0}, t = 2^spike_exponent
        w = uniform(rows, cols, seed)
        g = SplitMix64(seed + 1)
        a = [float(g.small_int()) for _ in range(rows)]
        b = [float(g.small_int()) for _ in range(cols)]
        t = 2.0 ** case["spike_exponent"]
        return [[w[i][j] + (a[i] * b[j]) * t for j in range(cols)] for i in range(rows)]
    if kind == "nearly-singular":
        # uniform, last column = first column + 2^-e * (a uniform column)
        w = uniform(rows, cols, seed)
        g = SplitMix64(seed + 1)
        s = 2.0 ** -case["gap_exponent"]
        for i in range(rows):
            w[i][cols - 1] = w[i][0] + g.uniform() * s
        return w
    if kind == "hadamard-clusters":
        # block diagonal of `blocks` Sylvester Hadamard matrices of order `order`, the last scaled by 2^-e
        order, blocks, e = case["order"], case["blocks"], case["small_exponent"]
        h = [[1.0]]
        while len(h) < order:
            h = [r + r for r in h] + [r + [-x for x in r] for r in h]
        n = order * blocks
        w = [[0.0] * n for _ in range(n)]
        for blk in range(blocks):
            s = 2.0 ** -e if blk == blocks - 1 else 1.0
            for i in range(order):
                for j in range(order):
                    w[blk * order + i][blk * order + j] = h[i][j] * s
        return w
    raise ValueError(kind)


CASES = [
    {"name": "uniform-square", "kind": "uniform", "rows": 200, "cols": 200, "seed": 11},
    {"name": "uniform-tall", "kind": "uniform", "rows": 400, "cols": 120, "seed": 12},
    {"name": "uniform-wide", "kind": "uniform", "rows": 120, "cols": 400, "seed": 13},
    {"name": "uniform-wide-large", "kind": "uniform", "rows": 600, "cols": 1500, "seed": 14},
    {"name": "graded-tail", "kind": "graded-tail", "rows": 300, "cols": 160, "seed": 15, "graded": 40, "start": 1,
     "depth": 24},
    {"name": "graded-near-floor", "kind": "graded-tail", "rows": 300, "cols": 160, "seed": 16, "graded": 60,
     "start": 9, "depth": 6},
    {"name": "graded-near-floor-wide", "kind": "graded-tail", "rows": 160, "cols": 300, "seed": 17, "graded": 60,
     "start": 9, "depth": 6},
    {"name": "low-rank", "kind": "low-rank", "rows": 250, "cols": 180, "rank": 30, "seed": 27},
    {"name": "low-rank-plus-noise", "kind": "low-rank-plus-noise", "rows": 250, "cols": 180, "rank": 150,
     "seed": 18, "noise_exponent": 30},
    {"name": "spike-above-threshold", "kind": "spike", "rows": 300, "cols": 200, "seed": 19, "spike_exponent": -4},
    {"name": "spike-below-threshold", "kind": "spike", "rows": 300, "cols": 200, "seed": 20, "spike_exponent": 0},
    {"name": "nearly-singular", "kind": "nearly-singular", "rows": 256, "cols": 256, "seed": 21, "gap_exponent": 26},
    {"name": "hadamard-clusters", "kind": "hadamard-clusters", "rows": 128, "cols": 128, "seed": 0, "order": 32,
     "blocks": 4, "small_exponent": 10},
]


def main():
    out = {"generator": "gram_reference.py", "numpy": np.__version__, "cases": []}
    for case in CASES:
        w = build(case)
        total = 0.0
        squares = 0.0
        for row in w:
            for x in row:
                total += x
                squares += x * x
        a = np.array(w, dtype=np.float64)
        assert a.shape == (case["rows"], case["cols"])
        sigma = np.linalg.svd(a, compute_uv=False)
        g = a.T @ a if a.shape[0] >= a.shape[1] else a @ a.T
        gram = np.sort(np.linalg.eigvalsh(g))[::-1]
        entry = dict(case)
        entry.update(sum=repr(total), sum_squares=repr(squares), sigma=[repr(float(s)) for s in sigma],
                     gram_eigvalsh=[repr(float(v)) for v in gram])
        out["cases"].append(entry)
        lam = sigma ** 2
        sel = lam >= 1e-8 * lam[0]
        rel = np.max(np.abs(gram[sel] - lam[sel]) / lam[sel])
        print(f"{case['name']:24s} {a.shape}  lambda_min/lambda_max {lam[-1] / lam[0]:.2e}  "
              f"plain Gram max rel err above 1e-8: {rel:.1e}")
    with open("gram_reference.json", "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
