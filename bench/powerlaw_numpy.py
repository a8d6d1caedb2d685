#!/usr/bin/env python3
"""The CSN power-law bootstrap in numpy, as `powerlaw`-style code does it, for bench/powerlaw.sh.

  python3 bench/powerlaw_numpy.py gen DIR           writes DIR/quakes.txt (the seeded test data)
  python3 bench/powerlaw_numpy.py time FILE REPS    fits FILE, runs REPS goodness-of-fit replicates;
                                                    prints: numpy N distinct xmin alpha D seconds_per_replicate p

The data imitate CSN's earthquake set (19,302 intensities 10^(m/10) on a 0.1-magnitude grid, x_min about
0.794 = 10^-0.1, alpha about 1.64): 11,700 Pareto(1.64) intensities above 10^-0.15 and 7,602 below,
all rounded to the grid, seed 20261202. Like the real set, it has few distinct values (tens) and many ties.

The fit is the CSN rule with a minimum tail of 10: every distinct value a candidate, alpha by the closed
form from suffix sums, the two-sided tie-aware KS distance vectorised over the tail's distinct values
(the way the `powerlaw` package scans x_min, one numpy pass per candidate). A replicate draws N values,
each from the fitted power law with probability n/N, else from the data below x_min, and refits.
"""
import sys
import time

import numpy as np


def gen(d):
    rng = np.random.default_rng(20261202)
    tail = 10 ** -0.15 * (1 - rng.random(11700)) ** (-1 / 0.64)
    body = 10 ** rng.uniform(-1.05, -0.15, 7602)
    x = np.concatenate([tail, body])
    m = np.round(10 * np.log10(x)) / 10
    np.savetxt(f"{d}/quakes.txt", 10 ** m, fmt="%.6g")


def csn_fit(x, min_tail=10):
    u, c = np.unique(x, return_counts=True)
    lu = np.log(u)
    tail_n = np.cumsum(c[::-1])[::-1]
    tail_log = np.cumsum((c * lu)[::-1])[::-1]
    best = (np.inf, None, None, None)
    for i in range(len(u) - 1):
        n = tail_n[i]
        if n < min_tail:
            break
        a = 1 + n / (tail_log[i] - n * lu[i])
        p = -np.expm1((1 - a) * (lu[i:] - lu[i]))
        through = np.cumsum(c[i:]) / n
        below = through - c[i:] / n
        d = max(np.max(p - below), np.max(through - p))
        if d < best[0]:
            best = (d, u[i], a, n)
    return best


def timed(path, reps):
    x = np.loadtxt(path)
    d, xmin, a, n = csn_fit(x)
    body = np.sort(x[x < xmin])
    big = len(x)
    rng = np.random.default_rng(1)
    t0 = time.perf_counter()
    exceed = 0
    for _ in range(reps):
        k = rng.binomial(big, n / big)
        syn = np.concatenate([xmin * (1 - rng.random(k)) ** (-1 / (a - 1)), body[rng.integers(0, len(body), big - k)]])
        exceed += csn_fit(syn)[0] >= d
    dt = (time.perf_counter() - t0) / reps
    print("numpy", big, len(np.unique(x)), xmin, a, d, f"{dt:.4f}", exceed / reps)


if __name__ == "__main__":
    if sys.argv[1] == "gen":
        gen(sys.argv[2])
    else:
        timed(sys.argv[2], int(sys.argv[3]))
