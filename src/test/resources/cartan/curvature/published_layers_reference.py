#!/usr/bin/env python3
"""Reference numbers for PublishedLayersTest / TransferErrorTest / RankProfileBicTest, computed with numpy
from the authors' frozen JSON (data/paper3-frozen-results/, copied unchanged from
9D-Labs/9d-spectral-alignment-decomposition at 41ba57b), independently of the Java code.

Run from this directory:  python3 published_layers_reference.py   (numpy 2.x)
Writes published_layers_reference.json.

Conventions (arXiv 2606.02596 §3.1, as the theory notes state them): alpha = OLS slope of log h_k on
log sigma_k over h_k > 0; gamma = -slope of log sigma_k on log k; s = -slope of log h_(j) on log j for the
positive h sorted decreasing. Slopes here come from np.linalg.lstsq on [x, 1] (not from the Java OLS sums).
Rank-profile BIC: n log(RSS/n) + p log n for log sigma on (1, log k), (1, k), (1, log k, log^2 k).
The two Monte Carlo numbers (null medians, log-normal win rate under a power law) are means over draws
with their standard deviation, so the Java test can compare its own draws within a few standard errors.
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "..", "..", "..", "data", "paper3-frozen-results")


def load(name):
    with open(os.path.join(DATA, name)) as f:
        return json.load(f)


def slope(x, y):
    a = np.vstack([np.asarray(x, float), np.ones(len(x))]).T
    return float(np.linalg.lstsq(a, np.asarray(y, float), rcond=None)[0][0])


def exponents(sigma, h):
    sigma = np.asarray(sigma, float)
    h = np.asarray(h, float)
    pos = h > 0
    alpha = slope(np.log(sigma[pos]), np.log(h[pos]))
    gamma = -slope(np.log(np.arange(1, len(sigma) + 1)), np.log(sigma))
    hs = np.sort(h)[::-1]
    hs = hs[hs > 0]
    s = -slope(np.log(np.arange(1, len(hs) + 1)), np.log(hs))
    return alpha, gamma, s, abs(alpha * gamma - s) / s


def bic(sigma):
    y = np.log(np.asarray(sigma, float))
    n = len(y)
    k = np.arange(1, n + 1, dtype=float)
    out = {}
    for name, cols, p in (("power_law", [np.log(k)], 2), ("exponential", [k], 2),
                          ("lognormal", [np.log(k), np.log(k) ** 2], 3)):
        a = np.vstack(cols + [np.ones(n)]).T
        r = y - a @ np.linalg.lstsq(a, y, rcond=None)[0]
        out[name] = float(n * np.log(r @ r / n) + p * np.log(n))
    return out


tri = load("results_alpha_triangle.json")
tin = load("results_tiny_imagenet_alpha_map.json")
imn = load("results_imagenet1k_pretrained.json")
hyp = load("results_hypothesis.json")
ref = {}

ref["counts"] = {b["experiment"]: len(b["results"]) for b in tri}
ref["counts"]["tiny"] = len(tin["results"])
ref["counts"]["imagenet"] = len(imn["results"])

rows = {(b["experiment"], r["name"]): r for b in tri for r in b["results"]}
ref["refit"] = {}
for key in [("resnet18_triangle", "conv1"), ("resnet18_triangle", "fc"), ("gpt2_triangle", "block0.mlp.0"),
            ("vgg11_triangle", "classifier.3"), ("vgg11_triangle", "features.16")]:
    r = rows[key]
    a, g, s, e = exponents(r["sigma"], r["h_exact"])
    ref["refit"][key[0] + "/" + key[1]] = {"alpha": a, "gamma": g, "s": s, "rel_error": e,
                                           "n_pos": int((np.asarray(r["h_exact"]) > 0).sum())}
r = [x for x in hyp["task_structure"]["GPT2_Classification"] if x["name"] == "attn_qkv"][0]
a, _, _, _ = exponents(r["sigma"], r["h_exact"])
ref["refit"]["task_structure/GPT2_Classification/attn_qkv"] = {"alpha": a,
                                                                "n_pos": int((np.asarray(r["h_exact"]) > 0).sum())}

cifar = np.array([r["triangle_relative_error"] for b in tri for r in b["results"]])
tiny = np.array([r["triangle_relative_error"] for r in tin["results"]])
inet = np.array([r["triangle_relative_error"] for r in imn["results"]])
ref["medians"] = {
    "cifar_all": float(np.median(cifar)),
    "cifar_le10_n": int((cifar <= 0.10).sum()),
    "cifar_le10": float(np.median(cifar[cifar <= 0.10])),
    "tiny": float(np.median(tiny)),
    "imagenet": float(np.median(inet)),
    "all93": float(np.median(np.concatenate([cifar, tiny, inet]))),
    "all93_frac_le10": float(np.mean(np.concatenate([cifar, tiny, inet]) <= 0.10)),
}
tconv = [r["alpha"] for r in tin["results"] if "conv" in r["name"]]
iconv = [r["alpha"] for r in imn["results"] if "conv" in r["name"]]
ref["types"] = {"tiny_conv_n": len(tconv), "tiny_conv_median": float(np.median(tconv)),
                "imagenet_conv_n": len(iconv), "imagenet_conv_mean": float(np.mean(iconv))}

# transfer-error decomposition of one layer with every h > 0 (ResNet-18 conv1): s in rank order,
# residual correlation of the two fits, the linearity bound from the three R^2
r = rows[("resnet18_triangle", "conv1")]
sig, h = np.asarray(r["sigma"], float), np.asarray(r["h_exact"], float)
x, y, z = np.log(np.arange(1, len(sig) + 1)), np.log(sig), np.log(h)
pa = np.polyfit(y, z, 1)
pg = np.polyfit(x, y, 1)
e, rr = z - np.polyval(pa, y), y - np.polyval(pg, x)
r2 = lambda res, v: 1 - (res @ res) / ((v - v.mean()) @ (v - v.mean()))
zs = np.sort(z)[::-1]
ps = np.polyfit(x, zs, 1)
ref["transfer_conv1"] = {"s_rank": float(-np.polyfit(x, z, 1)[0]), "rho": float(np.corrcoef(e, rr)[0, 1]),
                         "bound": float(np.sqrt((1 - r2(e, z)) * (1 - r2(rr, y)) / (r2(rr, y) * r2(zs - np.polyval(ps, x), zs))))}

# BIC winners of all 24 CIFAR layers from their raw sigma
ref["bic"] = {}
for (ex, nm), r in rows.items():
    b = bic(r["sigma"])
    ref["bic"][ex + "/" + nm] = {"winner": min(b, key=b.get), **b}

# Monte Carlo: medians of the 24 CIFAR layers' relative error under the two null models, and the
# log-normal BIC win rate when conv1's sigma is a power law with permuted residuals
rng = np.random.default_rng(20260601)
draws = 2000
layers = [(np.asarray(r["sigma"], float), np.asarray(r["h_exact"], float)) for b in tri for r in b["results"]]
med_perm, med_shuf = np.zeros(draws), np.zeros(draws)
fits = []
for sig, h in layers:
    pos = h > 0
    c = np.polyfit(np.log(sig[pos]), np.log(h[pos]), 1)
    line = np.polyval(c, np.log(sig[pos]))
    fits.append((pos, line, np.log(h[pos]) - line))
for d in range(draws):
    ep, es = [], []
    for (sig, h), (pos, line, res) in zip(layers, fits):
        hp = h.copy()
        hp[pos] = np.exp(line + rng.permutation(res))
        ep.append(exponents(sig, hp)[3])
        es.append(exponents(sig, rng.permutation(h))[3])
    med_perm[d], med_shuf[d] = np.median(ep), np.median(es)
ref["null"] = {"draws": draws, "perm_mean": float(med_perm.mean()), "perm_sd": float(med_perm.std(ddof=1)),
               "shuf_mean": float(med_shuf.mean()), "shuf_sd": float(med_shuf.std(ddof=1))}

sig = np.asarray(rows[("resnet18_triangle", "layer1.0.conv1")]["sigma"], float)
x = np.log(np.arange(1, len(sig) + 1))
c = np.polyfit(x, np.log(sig), 1)
res = np.log(sig) - np.polyval(c, x)
wins = 0
ndraw = 4000
for d in range(ndraw):
    b = bic(np.exp(np.polyval(c, x) + rng.permutation(res)))
    wins += min(b, key=b.get) == "lognormal"
ref["lognormal_rate_layer1.0.conv1"] = {"draws": ndraw, "rate": wins / ndraw}

with open(os.path.join(HERE, "published_layers_reference.json"), "w") as f:
    json.dump(ref, f, indent=1, sort_keys=True)
print(json.dumps(ref["medians"], indent=1), ref["null"], ref["lognormal_rate_layer1.0.conv1"])
