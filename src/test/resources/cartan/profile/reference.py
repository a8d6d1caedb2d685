"""Independent reference values for cartan.profile.LayerProfileTest (numpy only; run with python3 + numpy).

The three test matrices are defined by closed formulas that the Java test evaluates the same way. For each
this prints the WeightWatcher-definition columns (eigenvalues lambda = sigma^2 of W^T W, no 1/N) computed with
numpy.linalg.svd, the effective ranks, and alpha from a direct numpy re-implementation of WeightWatcher's
WWFit (WW_powerlaw.py): drop lambda <= 1e-5, sort, every value but the largest a candidate x_min, alpha =
1 + n / sum(log(x/xmin)), D = max |1 - (x/xmin)^(1-alpha) - j/n|, smallest D wins, sigma = (alpha-1)/sqrt(n).
"""
import numpy as np


def mat_a():  # 40 x 25
    i, j = np.meshgrid(np.arange(40), np.arange(25), indexing="ij")
    return np.sin(1.3 * (i + 1) + 0.7 * (j + 1) ** 1.5) + 0.1 * np.cos(0.3 * i * j)


def mat_b():  # 60 x 30
    i, j = np.meshgrid(np.arange(60), np.arange(30), indexing="ij")
    return np.cos(0.9 * (i + 1) * np.sqrt(j + 1)) / (1 + 0.1 * i)


def mat_c():  # 30 x 45
    i, j = np.meshgrid(np.arange(30), np.arange(45), indexing="ij")
    return (((7 * i + 13 * j) % 17) - 8) / 8.0 * np.exp(-0.02 * (i + j))


def wwfit(lam):
    x = np.sort(lam[lam > 1e-5])
    big = len(x)
    best = None
    for i in range(big - 1):
        t = x[i:]
        n = len(t)
        a = 1 + n / np.sum(np.log(t / x[i]))
        cdf = 1 - (t / x[i]) ** (1 - a)
        d = np.max(np.abs(cdf - np.arange(n) / n)) if a > 1 else 1.0
        if best is None or d < best[0]:
            best = (d, a, x[i], n)
    d, a, xmin, n = best
    return a, xmin, d, (a - 1) / np.sqrt(n), n


def main():
    for name, w in [("A", mat_a()), ("B", mat_b()), ("C", mat_c())]:
        s = np.linalg.svd(w, compute_uv=False)
        lam = s ** 2
        p = lam / lam.sum()
        a, xmin, d, se, n = wwfit(lam)
        print(name, w.shape)
        print("  sigma_max", repr(s[0]))
        print("  frobenius_norm", repr(np.sqrt(np.sum(w * w))))
        print("  stable_rank", repr(lam.sum() / lam[0]))
        print("  entropy_rank", repr(np.exp(-np.sum(p[p > 0] * np.log(p[p > 0])))))
        print("  participation_ratio", repr(1 / np.sum(p ** 2)))
        print("  rank_q90", int(np.argmax(np.cumsum(p) >= 0.9) + 1))
        print("  alpha", repr(a), "xmin", repr(xmin), "ks", repr(d), "se", repr(se), "n_tail", n)
        print("  log_norm", repr(np.log10(lam.sum())), "log_spectral_norm", repr(np.log10(lam[0])),
              "alpha_weighted", repr(a * np.log10(lam[0])))
        print("  sigma_min", repr(s[-1]))
        # numerical rank (numpy.linalg.matrix_rank's tolerance) and the OLS Cartan chart over ranks 1..r
        q = len(s)
        r = int(np.sum(s > max(w.shape) * np.finfo(float).eps * s[0]))
        mu = np.log(s[:r]) - 0.5 * np.log(lam.sum() / q)
        slope, icpt = np.polyfit(np.log(np.arange(1, r + 1)), mu, 1)
        resid = mu - (icpt + slope * np.log(np.arange(1, r + 1)))
        print("  rank", r, "beta_chart", repr(-slope), "chart_residual", repr(np.sqrt(np.mean(resid ** 2))),
              "top_radial", repr(0.5 * np.log(q * p[0])))


if __name__ == "__main__":
    main()
