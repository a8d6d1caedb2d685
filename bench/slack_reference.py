"""Reference mean non-backtracking slack for notebook 03 (E1.5b), computed independently with numpy.

Chain: d = 64, L = 50, M = 1e3, A_l = R1 diag(k^-beta) R2^T with beta = log M/(L log d) and fresh Haar
frames R1, R2 per layer (scipy.stats.ortho_group). Explicit products (kappa(J_L) <= 1e3, so no
precision issue). Prints the mean of xi_l over l = 2..L and over 400 chains, with its standard error.
Run: python3 bench/slack_reference.py
"""
import numpy as np
from scipy.stats import ortho_group

d, L, M = 64, 50, 1e3
beta = np.log(M) / (L * np.log(d))
D = np.diag(np.arange(1, d + 1) ** (-beta))
rng = np.random.default_rng(20260522)
means = []
for chain in range(400):
    J = np.eye(d)
    s1prev = 1.0
    xs = []
    for l in range(L):
        A = ortho_group.rvs(d, random_state=rng) @ D @ ortho_group.rvs(d, random_state=rng).T
        J = A @ J
        s1 = np.linalg.norm(J, 2)
        xs.append(np.log(np.linalg.norm(A, 2)) + np.log(s1prev) - np.log(s1))
        s1prev = s1
    means.append(np.mean(xs[1:]))
means = np.array(means)
print("mean slack (l>=2)", means.mean(), "sd over chains", means.std(ddof=1), "se", means.std(ddof=1) / np.sqrt(len(means)))
