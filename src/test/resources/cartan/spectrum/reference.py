"""Independent reference values for the cartan.spectrum / profile / rank tests (numpy + scipy).

Run:  python3 src/test/resources/cartan/spectrum/reference.py
Every number hard-coded in SpectrumTest, PowerLawChartTest, TopRadialChartTest and QuantileRankTest
with the comment "numpy reference.py" was printed by this script.
"""
import numpy as np
import scipy.special as sp

np.set_printoptions(precision=17)

# a fixed 5x4 matrix (entries chosen by hand)
A = np.array([[2.0, -1.0, 0.5, 0.0],
              [0.3, 1.5, -0.7, 0.2],
              [-1.2, 0.4, 0.9, 1.1],
              [0.0, 0.8, -0.3, 0.6],
              [1.0, 0.0, 0.2, -0.5]])
s = np.linalg.svd(A, compute_uv=False)
p = s**2 / np.sum(s**2)
n = len(s)
print("sigma", repr(s))
print("p", repr(p))
print("mu_tilde", repr(np.log(s) - 0.5*np.log(np.sum(s**2)/n)))
print("frobenius_squared", np.sum(A**2))
print("top_radial", 0.5*np.log(n*p[0]))
print("stable_rank", 1/p[0])
print("participation_ratio", 1/np.sum(p**2))
print("entropy_rank", np.exp(-np.sum(p*np.log(p))))
c = np.cumsum(p)
for tau in [0.5, 0.9, 0.99]:
    print("r_tau", tau, int(np.argmax(c >= tau)) + 1)
# OLS of mu_tilde on log k: slope, se, r2 via numpy polyfit with covariance
x = np.log(np.arange(1, n+1)); y = np.log(s) - 0.5*np.log(np.sum(s**2)/n)
coef, cov = np.polyfit(x, y, 1, cov='unscaled')
res = y - np.polyval(coef, x)
ssr = np.sum(res**2)
se = np.sqrt(ssr/(n-2) * cov[0, 0])
print("ols beta", -coef[0], "se", se, "intercept", coef[1], "r2", 1 - ssr/np.sum((y-y.mean())**2),
      "rms", np.sqrt(ssr/n))

# top radial chart slope at d = 64, beta = 0.3 (E1.4)
d = 64; k = np.arange(1, d+1)
w = k**(-0.6); print("m(0.3) d=64", np.sum(np.log(k)*w)/np.sum(w), "r(0.3)", 0.5*np.log(d/np.sum(w)))

# rank windows (E1.6)
for ss in [0.5, 1, 1.5, 2, 3]:
    row = []
    for dd in [100, 1000, 10000]:
        ww = np.arange(1, dd+1, dtype=float)**(-ss); cc = np.cumsum(ww)
        row.append(int(np.argmax(cc >= 0.9*cc[-1])) + 1)
    print("r_0.9 s=", ss, row)
for ss in [1.5, 2, 3, 4.5]:
    print("zeta", ss, repr(sp.zeta(ss, 1)))
