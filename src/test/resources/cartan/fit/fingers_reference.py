"""Reference values for cartan.fit.FingerClippingTest (numpy only; run with python3).

    python3 src/test/resources/cartan/fit/fingers_reference.py > src/test/resources/cartan/fit/fingers_reference.json

Eigenvalues of seeded 400 x 100 Gaussian matrices with a few separated "fingers" appended (multiples of the
largest bulk eigenvalue). The fit is a numpy re-implementation of WeightWatcher's WWFit (drop values <= 1e-5,
every sorted value but the largest a candidate x_min, alpha = 1 + n / sum log(x / x_min), D = max |1 - (x/x_min)^(1-alpha)
- j/n|, smallest D wins), and the clipping loop of WeightWatcher's fix_fingers='clip_xmax' as documented in
cartan.fit.FingerClipping: for k = 2 .. max_fingers-1 refit without the top k values, keep the first fit whose
alpha is below raw alpha - threshold, stop early once a refit alpha <= 2.
"""
import json

import numpy as np


def wwfit(lam):
    x = np.sort(lam[lam > 1e-5])
    best = None
    for i in range(len(x) - 1):
        t = x[i:]
        n = len(t)
        a = 1 + n / np.sum(np.log(t / x[i]))
        d = np.max(np.abs(1 - (t / x[i]) ** (1 - a) - np.arange(n) / n)) if a > 1 else 1.0
        if best is None or d < best[0]:
            best = (d, a, x[i], n)
    return best[1], best[2], best[3]


def clipped(lam, max_fingers=10, thresh=1.0):
    x = np.sort(lam[lam > 1e-5])
    raw = wwfit(x)
    for k in range(2, max_fingers):
        if len(x) - k < 2:
            break
        f = wwfit(x[:-k])
        if f[0] + thresh < raw[0]:
            return f, raw, k
        if f[0] <= 2.0:
            break
    return raw, raw, 0


rng = np.random.default_rng(7)
cases = []
for trial in range(8):
    X = rng.standard_normal((400, 100))
    bulk = np.linalg.svd(X, compute_uv=False) ** 2
    fingers = bulk.max() * np.array([1.3, 1.5, 1.6, 2.0, 2.6])[:trial % 5 + 1]
    lam = np.concatenate([bulk, fingers])
    runs = []
    for mf, th in [(10, 1.0), (4, 1.0), (10, 3.0)]:
        f, raw, k = clipped(lam, mf, th)
        runs.append({"max_fingers": mf, "threshold": th, "alpha": f[0], "xmin": f[1], "n_tail": f[2],
                     "raw_alpha": raw[0], "fingers": k})
    cases.append({"trial": trial, "eigenvalues": lam.tolist(), "runs": runs})
print(json.dumps(cases))
