"""Independent reference values for cartan.lyapunov tests (scipy.special.digamma/polygamma,
scipy.stats.binom). Run: python3 reference_values.py  — the printed numbers are pasted into
MaskedGaussianExponentsTest with this file named as their source."""
import numpy as np
from scipy.special import digamma, polygamma
from scipy.stats import binom

np.set_printoptions(precision=17)
def fixed(d, m, s2, k):
    return 0.5*np.log(2*s2/d) + 0.5*digamma((m-k+1)/2)
def bern(d, p, s2, k):
    K = np.arange(k, d+1)
    w = binom.pmf(K, d, p)
    return 0.5*np.log(2*s2/d) + 0.5*np.sum(w*digamma((K-k+1)/2))/np.sum(w)
print("digamma at 0.3, 2.5, 7.5, 11.9, 40.25", repr([float(digamma(x)) for x in (0.3, 2.5, 7.5, 11.9, 40.25)]))
print("trigamma at the same points", repr([float(polygamma(1, x)) for x in (0.3, 2.5, 7.5, 11.9, 40.25)]))
print("ginibre d=32 s2=2 k=1..6", repr([float(fixed(32, 32, 2.0, k)) for k in range(1, 7)]))
print("fixed d=32 m=16 s2=2 k=1..6", repr([float(fixed(32, 16, 2.0, k)) for k in range(1, 7)]))
print("bernoulli d=32 p=0.5 s2=2 k=1..6", repr([float(bern(32, 0.5, 2.0, k)) for k in range(1, 7)]))
print("gap m=4 k=1", float(0.5*(digamma(2.0)-digamma(1.5))), "gap m=16 k=1", float(0.5*(digamma(8.0)-digamma(7.5))))
print("stepVariance d=16 m=16 k=1..3", repr([float(0.25*polygamma(1, (16-k+1)/2)) for k in range(1, 4)]))
print("digamma at 0.3, 2.5, 7.5, 11.9, 40.25", repr([float(digamma(x)) for x in (0.3, 2.5, 7.5, 11.9, 40.25)]))
print("trigamma at the same points", repr([float(polygamma(1, x)) for x in (0.3, 2.5, 7.5, 11.9, 40.25)]))
print("ginibre d=3 s2=1 k=1..3", repr([float(fixed(3, 3, 1.0, k)) for k in range(1, 4)]))
# FiniteDepthCorrection: c_k = (psi((d-k+1)/2) - psi(k/2))/2 and E log det(V_k^T E_k)^2 = sum_j psi(j/2) - psi((d-k+j)/2)
print("c_k d=16 k=1..4", repr([float(0.5*(digamma((16-k+1)/2)-digamma(k/2))) for k in range(1, 5)]))
print("c_k d=5 k=1..5", repr([float(0.5*(digamma((5-k+1)/2)-digamma(k/2))) for k in range(1, 6)]))
print("E log det^2 d=7 k=1..3", repr([float(sum(digamma(j/2)-digamma((7-k+j)/2) for j in range(1, k+1))) for k in range(1, 4)]))
