"""Reference timing: the Benettin/QR method for the full Lyapunov spectrum of a product of
L real Ginibre factors (variance sigma_w^2/d), in numpy. Same algorithm as
cartan.lyapunov.LyapunovSpectrum: Z = M Q, Q, R = qr(Z), accumulate log|R_kk|.

Usage: python3 bench/lyapunov_numpy.py D L [REPEATS]
Prints one line: numpy D L seconds(best of REPEATS) lambda_1 lambda_D
"""
import sys, time
import numpy as np

def benettin(d, L, sigma2, rng):
    q = np.linalg.qr(rng.standard_normal((d, d)))[0]
    acc = np.zeros(d)
    s = np.sqrt(sigma2 / d)
    for _ in range(L):
        m = rng.standard_normal((d, d)) * s
        q, r = np.linalg.qr(m @ q)
        acc += np.log(np.abs(np.diag(r)))
    return acc / L

def main():
    d, L = int(sys.argv[1]), int(sys.argv[2])
    reps = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    best = float("inf")
    lam = None
    for rep in range(reps):
        rng = np.random.default_rng(20260 + rep)
        t0 = time.perf_counter()
        lam = benettin(d, L, 2.0, rng)
        best = min(best, time.perf_counter() - t0)
    print(f"numpy {d} {L} {best:.4f} {lam[0]:.5f} {lam[-1]:.5f}")

if __name__ == "__main__":
    main()
