"""Extract, from paper 3's frozen results (9D-Labs/9d-spectral-alignment-decomposition, MIT licence,
copyright (c) 2026 Anherutowa Calvo / 9D Labs; see paper3_frozen_LICENSE.txt), the raw gradient singular values of the
first three ResNet-18 CIFAR-10 layers (results_alpha_triangle.json) and the authors' BIC values for the
power-law / exponential / log-normal rank-profile fits of the same layers
(results_model_fit_comparison.json). RankProfileModelsTest refits them with Cartan's code.

Run once from a checkout that has the frozen files: python3 extract_rank_profiles.py DIR
"""
import json
import sys

src = sys.argv[1]
tri = json.load(open(f"{src}/results_alpha_triangle.json"))
fits = json.load(open(f"{src}/results_model_fit_comparison.json"))["layers"]
res = tri[0]["results"][:3]
out = []
for r in res:
    f = next(l for l in fits if l["experiment"] == tri[0]["experiment"] and l["name"] == r["name"])
    out.append({"name": r["name"], "sigma": r["sigma"],
                "bic_power_law": f["fits"]["power_law"]["bic"], "bic_exponential": f["fits"]["exponential"]["bic"],
                "bic_lognormal": f["fits"]["lognormal"]["bic"], "best": f["best_model_bic"]})
json.dump(out, open("paper3_rank_profiles.json", "w"), indent=1)
