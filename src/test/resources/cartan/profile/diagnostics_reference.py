"""Independent reference values for cartan.profile.DiagnosticsTest (numpy + scipy; run with python3).

    python3 src/test/resources/cartan/profile/diagnostics_reference.py > src/test/resources/cartan/profile/diagnostics_reference.json

For the closed-form test matrices A, B, C of reference.py (eigenvalues lambda = sigma^2 of W^T W by numpy.linalg.svd):
* log_alpha_norm = log10 sum lambda^alpha with alpha from the numpy WWFit of reference.py, and the means over the three
  layers that WeightWatcher's get_summary reports;
* the Marchenko-Pastur bulk from the numpy re-implementation in ../spectrum/mp_reference.py;
* the tail against its alternatives, written here from the definitions with scipy: on the tail x >= x_min of n values,
  the power law p = (alpha-1)/x_min (x/x_min)^-alpha; the lognormal truncated at x_min and the truncated power law
  x^-a e^(-l x) / Z (Z by scipy.integrate.quad) fitted by Nelder-Mead from several starts; the exponential
  l e^(-l (x - x_min)) with the closed-form MLE l = 1/mean(x - x_min); R = sum of log-density differences (> 0 favours
  the power law), Vuong's p = erfc(|R| / sqrt(2 n s^2)), for the nested truncated power law p = erfc(sqrt|R|)
  (R = 0, p = 1 when the fit does not beat the power law).
For a conv kernel K[o, c, i, j] = frac(x) - 1/2, x = 43758.5453 sin(12.9898 o + 78.233 c + 37.719 i + 4.581 j)
(24 x 16 x 3 x 3, PyTorch's OIHW; a deterministic hash, close to i.i.d. uniform entries): the pooled singular values
of its nine 24 x 16 slices K[:, :, i, j] and their MP bulk (rows 16, cols 24).
The Jensen-Shannon distance of two fixed vectors by scipy.spatial.distance.jensenshannon (natural log) after sorting.
"""
import importlib.util
import json
import os

import numpy as np
from scipy import integrate, optimize, special
from scipy.spatial.distance import jensenshannon

HERE = os.path.dirname(os.path.abspath(__file__))


def _load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_profile = _load(os.path.join(HERE, "reference.py"), "profile_reference")
mat_a, mat_b, mat_c, wwfit = _profile.mat_a, _profile.mat_b, _profile.mat_c, _profile.wwfit
mp_fit = _load(os.path.join(HERE, "..", "spectrum", "mp_reference.py"), "mp_reference").mp_fit


def nelder_mead(f, starts):
    best = None
    for s in starts:
        r = optimize.minimize(f, s, method="Nelder-Mead", options={"xatol": 1e-12, "fatol": 1e-14, "maxiter": 40000})
        if best is None or r.fun < best.fun:
            best = r
    return best


def tail_comparison(lam, alpha, xmin):
    t = np.sort(lam[lam >= xmin])
    n = len(t)
    lpl = np.log((alpha - 1) / xmin) - alpha * np.log(t / xmin)

    def ll_ln(p):
        mu, s = p
        if s <= 0:
            return np.inf
        z = (np.log(xmin) - mu) / (np.sqrt(2) * s)
        tailmass = 0.5 * special.erfc(z)
        if tailmass <= 0:
            return np.inf
        d = -np.log(t * s * np.sqrt(2 * np.pi)) - (np.log(t) - mu) ** 2 / (2 * s * s) - np.log(tailmass)
        return -np.sum(d)

    logs = np.log(t)
    ln = nelder_mead(ll_ln, [[logs.mean(), logs.std() + 1e-3], [np.log(xmin), 1.0], [logs.mean() - 1, 2.0]])
    mu, s = ln.x
    lln = -np.log(t * s * np.sqrt(2 * np.pi)) - (np.log(t) - mu) ** 2 / (2 * s * s) \
        - np.log(0.5 * special.erfc((np.log(xmin) - mu) / (np.sqrt(2) * s)))

    lam_e = 1 / np.mean(t - xmin)
    lex = np.log(lam_e) - lam_e * (t - xmin)

    def log_z(a, l):
        # Z = x_min^(1-a) * int_0^inf exp((1-a) u - l x_min e^u) du   (t = x_min e^u)
        c = l * xmin
        g = lambda u: (1 - a) * u - c * np.exp(u)
        umax = max(0.0, np.log(max(1 - a, 1e-300) / c)) if a < 1 else 0.0
        gmax = g(umax)
        with np.errstate(over="ignore"):
            val, _ = integrate.quad(lambda u: np.exp(g(u) - gmax), 0, np.inf, limit=500, epsabs=0, epsrel=1e-13)
        return (1 - a) * np.log(xmin) + gmax + np.log(val)

    def ll_tpl(p):
        a, l = p
        if l <= 0:
            return np.inf
        return -(np.sum(-a * np.log(t) - l * t) - n * log_z(a, l))

    tp = nelder_mead(ll_tpl, [[alpha, 1e-3 / t.mean()], [alpha, 0.1 / t.mean()], [1.0, 1 / t.mean()],
                              [max(alpha - 1, 0.1), 1 / t.mean()]])
    a_t, l_t = tp.x
    ltp = -a_t * np.log(t) - l_t * t - log_z(a_t, l_t)

    def vuong(lalt, nested):
        d = lpl - lalt
        r = d.sum()
        sd = np.sqrt(np.mean((d - d.mean()) ** 2))
        if nested:
            if r > 0:
                return 0.0, 1.0
            return float(r), float(special.erfc(np.sqrt(abs(r))))
        return float(r), float(special.erfc(abs(r) / (np.sqrt(2 * n) * sd)))

    r_ln, p_ln = vuong(lln, False)
    r_ex, p_ex = vuong(lex, False)
    r_tp, p_tp = vuong(ltp, True)
    return dict(tpl_alpha=float(a_t), tpl_lambda=float(l_t), lr_lognormal=r_ln, lr_lognormal_p=p_ln,
                lr_exponential=r_ex, lr_exponential_p=p_ex, lr_tpl=r_tp, lr_tpl_p=p_tp)


def main():
    out = {"layers": []}
    ww = {k: [] for k in ["log_norm", "alpha", "alpha_weighted", "log_alpha_norm", "log_spectral_norm", "stable_rank",
                          "mp_softrank"]}
    for name, w in [("A", mat_a()), ("B", mat_b()), ("C", mat_c())]:
        s = np.linalg.svd(w, compute_uv=False)
        lam = s ** 2
        alpha, xmin, _, _, _ = wwfit(lam)
        row = {"name": name, "log_alpha_norm": float(np.log10(np.sum(lam[lam > 0] ** alpha)))}
        ww["log_norm"].append(np.log10(lam.sum()))
        ww["alpha"].append(alpha)
        ww["alpha_weighted"].append(alpha * np.log10(lam.max()))
        ww["log_alpha_norm"].append(row["log_alpha_norm"])
        ww["log_spectral_norm"].append(np.log10(lam.max()))
        ww["stable_rank"].append(lam.sum() / lam.max())
        ww["mp_softrank"].append(mp_fit(lam, *w.shape)["softrank"])
        row.update({"mp_" + k: v for k, v in mp_fit(lam, *w.shape).items()})
        row.update(tail_comparison(lam, alpha, xmin))
        out["layers"].append(row)
    # WeightWatcher's get_summary: the mean of each column over the layers
    out["summary"] = {k: float(np.mean(v)) for k, v in ww.items()}
    o, c, i, j = np.meshgrid(np.arange(24), np.arange(16), np.arange(3), np.arange(3), indexing="ij")
    x = np.sin(o * 12.9898 + c * 78.233 + i * 37.719 + j * 4.581) * 43758.5453
    kernel = x - np.floor(x) - 0.5
    sv = np.sort(np.concatenate([np.linalg.svd(kernel[:, :, a, b], compute_uv=False)
                                 for a in range(3) for b in range(3)]))[::-1]
    conv = {"singular_values": sv.tolist(), "frobenius_norm": float(np.sqrt(np.sum(kernel ** 2)))}
    conv.update({"mp_" + k: v for k, v in mp_fit(sv ** 2, 16, 24).items()})
    out["conv"] = conv
    a = np.array([3.0, 0.5, 1.25, 7.0, 0.0, 2.0])
    b = np.array([1.0, 4.0, 0.25, 2.5, 3.0, 0.75])
    out["jensen_shannon"] = {"a": a.tolist(), "b": b.tolist(),
                             "distance": float(jensenshannon(np.sort(a), np.sort(b)))}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
