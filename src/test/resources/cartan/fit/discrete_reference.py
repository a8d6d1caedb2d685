#!/usr/bin/env python3
"""Reference numbers for the discrete power law and the new alternatives, computed with numpy/scipy
independently of the Java code (DiscretePowerLawTest, AlternativesTest).

Run from this directory:  python3 discrete_reference.py   (numpy 2.4.6, scipy 1.17.1 were used)
Reads fit_reference.json (for its lognormal sample), writes discrete_reference.json.

* zeta_data: 2650 integers, seed 20261202: of 20000 draws of numpy's zeta sampler (Generator.zipf, a = 2.5)
  the 1450 that are >= 4 (exact conditioning on x >= 4), mixed with 1200 uniform draws from {1, 2, 3}.
* scan: the CSN rule for the discrete power law, every distinct value a candidate with >= 50 values in the
  tail: alpha maximises sum(-alpha log x) - n log zeta(alpha, xmin) by bounded scalar minimisation (no score
  equation), D is CSN's plfit distance max |Emp(x) - F(x)| over every integer xmin <= x <= max, with F the
  cumulative sum of x^-alpha / zeta(alpha, xmin).
* alternatives on that tail: geometric (closed form), discretised lognormal (bins [x - 1/2, x + 1/2)),
  Poisson conditioned on x >= xmin, discrete truncated power law (normaliser summed term by term to 4e6),
  each by Nelder-Mead from several starts; Vuong statistics against the power law.
* the same four alternatives on dlogn_data (800 lognormal(1.5, 1) draws rounded to the nearest integer, those
  >= 3, seed 20261203) at the fixed xmin = 3, where each has an interior maximum (on zeta_data the lognormal
  runs off along its power-law ridge, mu -> -inf, sigma -> inf, and only its likelihood is meaningful).
* stretched exponential on the lognormal sample of fit_reference.json above xmin = 1, by 2-D Nelder-Mead over
  (log beta, log lambda) (no profiling), and its Vuong statistics against the power law.
* dtpl_norm: the discrete TPL normaliser summed term by term.
"""
import json

import numpy as np
from scipy import optimize, special, stats

rng = np.random.default_rng(20261202)
tail = rng.zipf(2.5, 20000)
tail = tail[tail >= 4][:1800]
body = rng.integers(1, 4, 1200)
data = np.concatenate([tail, body]).astype(float)
rng.shuffle(data)
MIN_TAIL = 50


def dpl_alpha(t, xmin):
    s = np.sum(np.log(t))
    n = len(t)
    r = optimize.minimize_scalar(lambda a: a * s + n * np.log(special.zeta(a, xmin)), bounds=(1.0001, 20),
                                 method="bounded", options=dict(xatol=1e-12))
    return float(r.x)


def dpl_distance(t, xmin, a):
    xs = np.arange(xmin, t.max() + 1)
    f = np.cumsum(xs ** -a) / special.zeta(a, xmin)
    emp = np.cumsum(np.bincount((t - xmin).astype(int), minlength=len(xs))[:len(xs)]) / len(t)
    return float(np.max(np.abs(emp - f)))


def scan(values):
    x = np.sort(values)
    rows = []
    for xmin in np.unique(x):
        t = x[x >= xmin]
        if len(t) < MIN_TAIL or t[-1] <= xmin:
            continue
        a = dpl_alpha(t, xmin)
        rows.append(dict(xmin=float(xmin), alpha=a, D=dpl_distance(t, xmin, a), n=int(len(t))))
    best = min(range(len(rows)), key=lambda i: (rows[i]["D"], i))
    return rows, best


def nelder(f, starts):
    best = None
    for s in starts:
        r = optimize.minimize(lambda p: -f(p), s, method="Nelder-Mead",
                              options=dict(xatol=1e-11, fatol=1e-12, maxiter=40000, maxfev=40000))
        if best is None or r.fun < best.fun:
            best = r
    return best.x, -best.fun


def vuong(l1, l2, nested):
    d = l1 - l2
    n = len(d)
    r = float(np.sum(d))
    s = float(np.sqrt(np.mean((d - d.mean()) ** 2)))
    p = float(stats.chi2.sf(2 * abs(r), 1)) if nested else float(special.erfc(abs(r) / (np.sqrt(2 * n) * s)))
    return dict(R=r, normalized=r / (np.sqrt(n) * s), p=p)


def log_bin(x, mu, sig):
    a = (np.log(x - 0.5) - mu) / sig
    b = (np.log(x + 0.5) - mu) / sig
    up = special.log_ndtr(-a) + np.log1p(-np.exp(special.log_ndtr(-b) - special.log_ndtr(-a)))
    lo = special.log_ndtr(b) + np.log1p(-np.exp(special.log_ndtr(a) - special.log_ndtr(b)))
    return np.where(a > 0, up, lo)


def dtpl_norm(a, lam, xmin):
    k = np.arange(xmin, xmin + 4_000_000, dtype=float)
    return float(np.log(np.sum(np.exp(-a * np.log(k) - lam * k))))


rows, best = scan(data)
out = {"zeta_data": [int(v) for v in data], "scan": rows, "best": best}


def alternatives(t, xm, a):
    n = len(t)
    l_pl = -a * np.log(t) - np.log(special.zeta(a, xm))

    lam_g = float(np.log1p(1 / np.mean(t - xm)))
    l_g = np.log(-np.expm1(-lam_g)) - lam_g * (t - xm)

    m, s = np.mean(np.log(t)), np.std(np.log(t))
    a0 = (np.log(xm - 0.5))
    (mu, ls), ll_ln = nelder(lambda p: np.sum(log_bin(t, p[0], np.exp(p[1])))
                             - n * special.log_ndtr(-(a0 - p[0]) / np.exp(p[1])),
                             [[m, np.log(s)], [m - 2, np.log(2 * s)], [0.0, 0.0]])
    l_ln = log_bin(t, mu, np.exp(ls)) - special.log_ndtr(-(a0 - mu) / np.exp(ls))

    (lmu,), ll_po = nelder(lambda p: np.sum(stats.poisson.logpmf(t, np.exp(p[0])))
                           - n * stats.poisson.logsf(xm - 1, np.exp(p[0])), [[np.log(np.mean(t))], [np.log(xm)]])
    l_po = stats.poisson.logpmf(t, np.exp(lmu)) - stats.poisson.logsf(xm - 1, np.exp(lmu))

    (at, llam), ll_t = nelder(lambda p: np.sum(-p[0] * np.log(t) - np.exp(p[1]) * t) - n * dtpl_norm(p[0], np.exp(p[1]), xm),
                              [[a, np.log(1e-3 / np.mean(t))], [a, np.log(0.1 / np.mean(t))], [a - 0.5, np.log(0.5 / np.mean(t))]])
    l_t = -at * np.log(t) - np.exp(llam) * t - dtpl_norm(at, np.exp(llam), xm)

    return dict(
        xmin=xm, alpha=a, n=n, ll_powerlaw=float(np.sum(l_pl)),
        exponential=dict(lam=lam_g, ll=float(np.sum(l_g)), **vuong(l_pl, l_g, False)),
        lognormal=dict(mu=float(mu), sigma=float(np.exp(ls)), ll=float(ll_ln), **vuong(l_pl, l_ln, False)),
        poisson=dict(mu=float(np.exp(lmu)), ll=float(ll_po), **vuong(l_pl, l_po, False)),
        tpl=dict(alpha=float(at), lam=float(np.exp(llam)), ll=float(ll_t), **vuong(l_pl, l_t, True)))


out["discrete_lr"] = alternatives(np.sort(data[data >= rows[best]["xmin"]]), rows[best]["xmin"], rows[best]["alpha"])
rng2 = np.random.default_rng(20261203)
dl = np.floor(np.exp(rng2.normal(1.5, 1.0, 800)) + 0.5)
dl = np.sort(dl[dl >= 3])
out["dlogn_data"] = [int(v) for v in dl]
out["dlogn_lr"] = alternatives(dl, 3.0, dpl_alpha(dl, 3.0))

# continuous stretched exponential on fit_reference.json's lognormal sample above x_min = 1
with open("fit_reference.json") as f:
    ln = np.array(json.load(f)["lognormal_data"])
tc = np.sort(ln[ln >= 1.0])
ac = 1 + len(tc) / np.sum(np.log(tc))
lc_pl = np.log(ac - 1) - ac * np.log(tc)


def ll_se(p):
    b, lam = np.exp(p[0]), np.exp(p[1])
    return np.sum(np.log(b * lam) + (b - 1) * np.log(tc) - lam * (tc ** b - 1.0))


(lb, lla), ll_s = nelder(ll_se, [[0.0, 0.0], [np.log(0.5), np.log(2.0)], [np.log(2.0), np.log(0.3)]])
l_s = np.log(np.exp(lb) * np.exp(lla)) + (np.exp(lb) - 1) * np.log(tc) - np.exp(lla) * (tc ** np.exp(lb) - 1.0)
out["stretched"] = dict(beta=float(np.exp(lb)), lam=float(np.exp(lla)), ll=float(ll_s), **vuong(lc_pl, l_s, False))

out["dtpl_norm"] = [dict(alpha=al, lam=lm, xmin=x0, log_z=dtpl_norm(al, lm, x0))
                    for al, lm, x0 in [(2.5, 1e-3, 1.0), (2.5, 0.5, 3.0), (1.05, 1e-5, 1.0), (0.5, 2.0, 1.0),
                                       (-1.0, 0.1, 5.0), (3.0, 10.0, 1.0), (1.8, 0.01, 150.0), (2.2, 1e-4, 7.0)]]

with open("discrete_reference.json", "w") as f:
    json.dump(out, f, indent=1)
print(json.dumps({k: v for k, v in out.items() if k not in ("zeta_data", "scan")}, indent=1))
print("scan best", rows[best], "of", len(rows))
