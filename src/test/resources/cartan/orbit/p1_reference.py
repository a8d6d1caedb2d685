"""Independent reference values for the paper-1 additions (numpy + scipy).

Run:  python3 src/test/resources/cartan/orbit/p1_reference.py
Every number in CartanOrbitTest, QuantileRankTest and NearIdentityTest with the comment
"p1_reference.py" was printed by this script.
"""
import numpy as np
from scipy import integrate, optimize

np.set_printoptions(precision=17)


def weights(d, s):
    w = np.arange(1, d + 1, dtype=float) ** (-s)
    return w / w.sum()


def hel2(p, q):
    return np.sum((np.sqrt(p) - np.sqrt(q)) ** 2)


# Bures action of the orbit segment, d = 20, a = 0.5, b = 1.5: (d/4)(b-a)^2 * int_0^1 I(a + t(b-a)) dt
d = 20
k = np.log(np.arange(1, d + 1))
def fisher(s):
    p = weights(d, s)
    m = np.sum(p * k)
    return np.sum(p * (k - m) ** 2)
a, b = 0.5, 1.5
action = d / 4 * (b - a) ** 2 * integrate.quad(lambda t: fisher(a + t * (b - a)), 0, 1, epsabs=1e-14, epsrel=1e-14)[0]
pa, pb = weights(d, a), weights(d, b)
jeffreys = np.sum(pa * np.log(pa / pb)) + np.sum(pb * np.log(pb / pa))
print("bures action d=20 a=0.5 b=1.5", repr(action), "(d/4) Jeffreys", repr(d / 4 * jeffreys))

# Hellinger radius around s = 1 at d = 20 for h = 0.3, by brentq on each side
s0, h = 1.0, 0.3
f = lambda t: np.sqrt(hel2(weights(d, s0), weights(d, t))) - h
up = optimize.brentq(f, s0, s0 + 20, xtol=1e-15)
down = optimize.brentq(f, s0 - 20, s0, xtol=1e-15)
print("hellinger radius d=20 s=1 h=0.3: up", repr(up - s0), "down", repr(s0 - down))
p0 = weights(d, s0)
print("limits: +inf", repr(np.sqrt(2 * (1 - np.sqrt(p0[0])))), "-inf", repr(np.sqrt(2 * (1 - np.sqrt(p0[-1])))))

# approximate power-law rank bounds, s = 1, d = 1000, tau = 0.9, eta = 0.2 (exact sums)
def approx_bounds(s, d, tau, eta):
    w = np.arange(1, d + 1, dtype=float) ** (-s)
    H = np.cumsum(w)
    T = H[-1] - H
    lo = int(np.argmax(H >= tau * (H + np.exp(-2 * eta) * T))) + 1
    hi = int(np.argmax(H >= tau * (H + np.exp(2 * eta) * T))) + 1
    return lo, hi
for (s, dd, tau, eta) in [(1.0, 1000, 0.9, 0.2), (0.5, 500, 0.8, 0.1), (2.0, 300, 0.95, 0.5)]:
    print("approx bounds", s, dd, tau, eta, approx_bounds(s, dd, tau, eta))

# near-identity expansion: 2x2 nilpotent B = [[0,1],[0,0]], exact mu~ of I + eps B
for eps in [1e-2, 1e-3]:
    A = np.array([[1, eps], [0, 1]])
    sv = np.linalg.svd(A, compute_uv=False)
    mu = np.log(sv) - 0.5 * np.log(np.sum(sv ** 2) / 2)
    print("nilpotent eps", eps, "mu~", repr(mu))
