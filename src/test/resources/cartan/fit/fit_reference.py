#!/usr/bin/env python3
"""Reference numbers for the cartan.fit tests, computed with numpy/scipy independently of the Java code.

Run from this directory:  python3 fit_reference.py   (numpy 2.4.6, scipy 1.17.1 were used)
Writes fit_reference.json.

* ww: WeightWatcher's WWFit algorithm (WW_powerlaw.py, v0.7.5.5) re-typed in numpy: every sorted value
  but the largest is a candidate; alpha = 1 + n/(sum(log x[i:]) - n log x[i]);
  D = max |1 - (x/xmin)^(1-alpha) - arange(n)/n|; first argmin.
* csn: the CSN rule with minTail, two-sided KS distance of the step ECDF, every distinct value a candidate.
* lr: maximum-likelihood fits of lognormal (truncated at xmin), exponential and truncated power law on a
  tail, with scipy.optimize (several starts, Nelder-Mead then L-BFGS-B polishing) and scipy.integrate.quad
  for the TPL normaliser; the Vuong statistics from those log-likelihoods.
* tpl_norm: integral_{xmin}^inf t^-alpha e^(-lambda t) dt by scipy.integrate.quad.
"""
import json

import numpy as np
from scipy import integrate, optimize, special

rng = np.random.default_rng(20261122)

# data: a lognormal body below 1 mixed with a Pareto(alpha = 2.5, xmin = 1) tail
body = np.exp(rng.normal(-1.0, 0.5, 200))
body = body[body < 1.0]
tail = (1 - rng.random(150)) ** (-1 / 1.5)
data = np.concatenate([body, tail])
rng.shuffle(data)


def wwfit(values):
    x = np.sort(values)
    n_all = len(x)
    logx = np.log(x)
    alphas = np.zeros(n_all - 1)
    ds = np.ones(n_all - 1)
    for i, xmin in enumerate(x[:-1]):
        n = float(n_all - i)
        a = 1 + n / (np.sum(logx[i:]) - n * logx[i])
        alphas[i] = a
        if a > 1:
            ds[i] = np.max(np.abs(1 - (x[i:] / xmin) ** (-a + 1) - np.arange(n) / n))
    i = int(np.argmin(ds))
    return dict(index=i, xmin=float(x[i]), alpha=float(alphas[i]), D=float(ds[i]),
                sigma=float((alphas[i] - 1) / np.sqrt(n_all - i)), candidates=n_all - 1)


def csnfit(values, min_tail):
    x = np.sort(values)
    best = None
    for xmin in np.unique(x):
        t = x[x >= xmin]
        n = len(t)
        if n < min_tail or t[-1] <= xmin:
            continue
        a = 1 + n / np.sum(np.log(t / xmin))
        u, first = np.unique(t, return_index=True)
        last = np.append(first[1:], n) - 1
        p = 1 - (u / xmin) ** (1 - a)
        d = max(np.max(p - first / n), np.max((last + 1) / n - p))
        if best is None or d < best["D"]:
            best = dict(xmin=float(xmin), alpha=float(a), D=float(d), n=int(n))
    return best


def ll_lognormal(p, t, xmin):
    mu, s = p
    if s <= 0:
        return -np.inf
    z = (np.log(t) - mu) / s
    logq = special.log_ndtr(-(np.log(xmin) - mu) / s)
    return np.sum(-np.log(t) - np.log(s) - 0.5 * np.log(2 * np.pi) - 0.5 * z * z - logq)


def tpl_norm(a, lam, xmin):
    v, _ = integrate.quad(lambda u: np.exp((1 - a) * u - lam * xmin * np.exp(u)), 0, np.inf,
                          epsabs=0, epsrel=1e-13, limit=500)
    return (1 - a) * np.log(xmin) + np.log(v)


def ll_tpl(p, t, xmin):
    a, lam = p
    if lam <= 0:
        return -np.inf
    return np.sum(-a * np.log(t) - lam * t) - len(t) * tpl_norm(a, lam, xmin)


def best_fit(f, starts):
    best = None
    for s in starts:
        r = optimize.minimize(lambda p: -f(p), s, method="Nelder-Mead",
                              options=dict(xatol=1e-12, fatol=1e-13, maxiter=20000, maxfev=20000))
        if best is None or r.fun < best.fun:
            best = r
    return best.x, -best.fun


def vuong(l1, l2, nested):
    d = l1 - l2
    n = len(d)
    r = float(np.sum(d))
    s = float(np.sqrt(np.mean((d - d.mean()) ** 2)))
    if nested:
        from scipy.stats import chi2
        p = float(chi2.sf(2 * abs(r), 1))
    else:
        p = float(special.erfc(abs(r) / (np.sqrt(2 * n) * s)))
    return dict(R=r, normalized=r / (np.sqrt(n) * s), p=p)


out = {"data": [float(v) for v in data], "ww": wwfit(data), "csn10": csnfit(data, 10), "csn50": csnfit(data, 50)}

# likelihood ratios: (a) on a lognormal(0, 1) sample above the fixed x_min = 1, where every alternative has an
# interior maximum; (b) the TPL on the power-law data above the CSN x_min, where the optimum is the lambda -> 0
# boundary (the TPL reduces to the power law).
lndata = np.exp(rng.normal(0.0, 1.0, 400))
xmin = 1.0
t = np.sort(lndata[lndata >= xmin])
alpha = 1 + len(t) / np.sum(np.log(t / xmin))
l_pl = np.log(alpha - 1) - np.log(xmin) - alpha * np.log(t / xmin)

lam_exp = 1 / np.mean(t - xmin)
l_exp = np.log(lam_exp) - lam_exp * (t - xmin)

m, s = np.mean(np.log(t)), np.std(np.log(t))
(mu, sig), ll_ln = best_fit(lambda p: ll_lognormal(p, t, xmin), [[m, s], [m - 2, 2 * s], [0.0, 1.0]])
z = (np.log(t) - mu) / sig
l_ln = (-np.log(t) - np.log(sig) - 0.5 * np.log(2 * np.pi) - 0.5 * z * z
        - special.log_ndtr(-(np.log(xmin) - mu) / sig))

(a_t, lam_t), ll_t = best_fit(lambda p: ll_tpl(p, t, xmin),
                              [[alpha, 1e-3 / np.mean(t)], [alpha, 0.1 / np.mean(t)], [alpha - 0.5, 0.5 / np.mean(t)]])
l_t = -a_t * np.log(t) - lam_t * t - tpl_norm(a_t, lam_t, xmin)

out["lognormal_data"] = [float(v) for v in lndata]
out["lr"] = dict(xmin=xmin, alpha=float(alpha), n=len(t),
                 ll_powerlaw=float(np.sum(l_pl)),
                 exponential=dict(lam=float(lam_exp), ll=float(np.sum(l_exp)), **vuong(l_pl, l_exp, False)),
                 lognormal=dict(mu=float(mu), sigma=float(sig), ll=float(ll_ln), **vuong(l_pl, l_ln, False)),
                 tpl=dict(alpha=float(a_t), lam=float(lam_t), ll=float(ll_t), **vuong(l_pl, l_t, True)))

xb = out["csn10"]["xmin"]
tb = np.sort(data[data >= xb])
ab = out["csn10"]["alpha"]
(a_b, lam_b), ll_b = best_fit(lambda p: ll_tpl(p, tb, xb), [[ab, 1e-3 / np.mean(tb)], [ab, 0.1 / np.mean(tb)]])
out["tpl_boundary"] = dict(alpha=float(a_b), lam=float(lam_b), ll=float(ll_b),
                           ll_powerlaw=float(np.sum(np.log(ab - 1) - np.log(xb) - ab * np.log(tb / xb))))

out["tpl_norm"] = [dict(alpha=a, lam=lam, xmin=xm, log_z=float(tpl_norm(a, lam, xm)))
                   for a, lam, xm in [(2.5, 1e-3, 1.0), (2.5, 0.5, 2.0), (1.05, 1e-4, 0.3), (0.5, 2.0, 1.0),
                                      (-1.0, 0.1, 5.0), (3.0, 10.0, 1.0), (1.0, 0.01, 1.0)]]

with open("fit_reference.json", "w") as f:
    json.dump(out, f, indent=1)
print(json.dumps({k: v for k, v in out.items() if k != "data"}, indent=1))
