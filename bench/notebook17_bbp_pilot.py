"""Pilot run for notebook 17's BBP check (WP.10): calibrates its tolerance on seeds the notebook does not use.

    python3 bench/notebook17_bbp_pilot.py

For 20 seeded 400 x 800 matrices G (entries N(0, 1/800), numpy default_rng(100..119)) plus theta u v^T (theta = 2,
unit u, v) prints the Benaych-Georges-Nadakuditi prediction (1 + theta^2)(c + theta^2)/theta^2 (c = 1/2) of the top
eigenvalue of W^T W and the mean, standard deviation and worst of the relative deviations. Recorded result:
pred 5.625, edge 2.914, mean rel -0.0013, sd rel 0.0271, max |rel| 0.0642 -> the notebook allows 10 %.
"""
import numpy as np
n, m, theta = 400, 800, 2.0
c = n / m
pred = (1 + theta**2) * (c + theta**2) / theta**2
rel = []
for s in range(100, 120):
    r = np.random.default_rng(s)
    G = r.standard_normal((n, m)) / np.sqrt(m)
    u = r.standard_normal(n); u /= np.linalg.norm(u)
    v = r.standard_normal(m); v /= np.linalg.norm(v)
    W = G + theta * np.outer(u, v)
    sv = np.linalg.svd(W, compute_uv=False)
    rel.append(sv[0]**2 / pred - 1)
    l2 = sv[1]**2
print("pred", pred, "edge", (1+np.sqrt(c))**2, "mean rel", np.mean(rel), "sd rel", np.std(rel, ddof=1), "max |rel|", np.max(np.abs(rel)))
