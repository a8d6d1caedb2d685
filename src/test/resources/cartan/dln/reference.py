"""Independent numpy/scipy reference values for the cartan.dln unit tests.

Run:  python3 src/test/resources/cartan/dln/reference.py
Nothing here shares code with the Java library: matrix powers come from scipy.linalg.fractional_matrix_power,
the inverse of A_{N,X} from numpy.linalg.solve on the explicit Kronecker matrix, the orbit Gram matrix from
finite-difference-free explicit tangents built with numpy, and c_d from math.gamma.
"""
import math
import numpy as np
from scipy.linalg import fractional_matrix_power as fmp

np.set_printoptions(precision=17)

X = np.array([[1.2, -0.3, 0.5], [0.4, 0.9, -0.2], [-0.1, 0.6, 1.1]])
P = np.array([[0.3, -1.0, 0.2], [0.7, 0.1, -0.4], [-0.5, 0.8, 0.6]])
N = 3
XXt, XtX = X @ X.T, X.T @ X

def A(P, N):
    return sum(np.real(fmp(XXt, (N - p) / N)) @ P @ np.real(fmp(XtX, (p - 1) / N)) for p in range(1, N + 1))

print("A_{3,X}(P) row-major:", repr(A(P, N).ravel()))
# explicit d^2 x d^2 matrix in row-major vec: sum_p L_p kron R_p
M = sum(np.kron(np.real(fmp(XXt, (N - p) / N)), np.real(fmp(XtX, (p - 1) / N))) for p in range(1, N + 1))
Y = np.linalg.solve(M, P.ravel())
print("g_3(X)(P,P) = tr(P^T A^{-1} P):", repr(float(P.ravel() @ Y)))

# entropy, sigma = (3, 1.7, 0.9, 0.4), N = 3, by an explicit orbit Gram matrix with random Q_p
sig = np.array([3.0, 1.7, 0.9, 0.4]); d = 4; N = 3
lam = np.diag(sig ** (1.0 / N))
rng = np.random.default_rng(7)
Q = [np.linalg.qr(rng.standard_normal((d, d)))[0] for _ in range(N + 1)]
vecs = []
for p in range(1, N):
    for i in range(d):
        for j in range(i + 1, d):
            Ap = np.zeros((d, d)); Ap[i, j] = 1 / math.sqrt(2); Ap[j, i] = -1 / math.sqrt(2)
            gens = [np.zeros((d, d)) for _ in range(N + 1)]  # A_0..A_N
            gens[p] = Ap
            dW = [Q[q] @ (gens[q] @ lam - lam @ gens[q - 1]) @ Q[q - 1].T for q in range(1, N + 1)]
            vecs.append(np.concatenate([m.ravel() for m in dW]))
V = np.array(vecs)
G = V @ V.T
print("1/2 log det Gram (sigma=(3,1.7,0.9,0.4), N=3):", repr(0.5 * np.linalg.slogdet(G)[1]))
r = [math.log((sig[i] ** 2 - sig[j] ** 2) / (sig[i] ** (2 / N) - sig[j] ** (2 / N))) for i in range(d) for j in range(i + 1, d)]
print("1/2 sum log ratio:", repr(0.5 * sum(r)))

def c(d):
    return 2 ** (d * (d - 1) / 4) * math.prod(2 * math.pi ** (k / 2) / math.gamma(k / 2) for k in range(1, d + 1))
for dd in (1, 2, 3, 4):
    print("log c_%d:" % dd, repr(math.log(c(dd))))
