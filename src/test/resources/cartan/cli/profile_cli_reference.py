"""Fixture and independent reference values for cartan.cli.ProfileDiagnosticsCommandTest (numpy + scipy).

    python3 src/test/resources/cartan/cli/profile_cli_reference.py

writes, next to this script, two safetensors files (written here byte by byte from the format's definition:
8-byte little-endian header length, JSON header, raw little-endian F32 data) and the expected values:

* profile_cli_base.safetensors: a "base model" with seeded Gaussian weights (numpy default_rng(16)):
  layers.0.mlp.weight 64 x 40 (entries N(0, 1/40)), layers.1.attn.weight 48 x 32 (N(0, 1/32)),
  layers.0.conv.weight 16 x 12 x 3 x 3 (PyTorch OIHW, N(0, 0.01)).
* profile_cli_model.safetensors: its "fine-tune": mlp + 4 u v^T (unit u, v: a rank-1 spike), attn with the entry
  (5, 7) raised by 25 (a correlation trap), conv x 1.5, plus head.weight 20 x 40 that the base lacks.
* profile_cli_reference.json: for each layer of each file, from the float32 values widened to float64 and
  numpy.linalg.svd: sigma_max, frobenius_norm, stable_rank = ||W||_F^2 / sigma_max^2 and the Marchenko-Pastur
  bulk of the numpy re-implementation in ../spectrum/mp_reference.py (sigma, bulk_max, spikes, softrank):
    - "flatten": the conv kernel as its (in*kh*kw) x out im2col matrix (same singular values as the reshape
      K.reshape(out, -1));
    - "pooled": the conv kernel's nine in x out slices K[:, :, i, j].T, singular values pooled, MP shape 12 x 16;
    - "slices": sigma_max of each slice, keyed "layers.0.conv.weight[i,j]";
    - "delta": W_model - W_base for the three matched layers (sigma_max, stable_rank, base_frobenius_norm,
      delta_relative_norm = ||W_model - W_base||_F / ||W_base||_F).
"""
import importlib.util
import json
import os
import struct

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("mp_reference", os.path.join(HERE, "..", "spectrum", "mp_reference.py"))
mp_reference = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mp_reference)
mp_fit = mp_reference.mp_fit


def write_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, a in tensors.items():
        b = np.ascontiguousarray(a, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(a.shape), "data_offsets": [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def stats(sv, rows, cols):
    lam = sv ** 2
    fro2 = float(np.sum(lam))
    r = {"sigma_max": float(sv.max()), "frobenius_norm": float(np.sqrt(fro2)), "stable_rank": fro2 / float(sv.max()) ** 2}
    mp = mp_fit(lam, rows, cols)
    r.update({"sigma_mp": mp["sigma"], "bulk_max": mp["bulk_max"], "num_spikes": mp["spikes"],
              "mp_softrank": mp["softrank"]})
    return r


def svd(w):
    return np.linalg.svd(w, compute_uv=False)


def main():
    rng = np.random.default_rng(16)
    base = {
        "layers.0.mlp.weight": rng.standard_normal((64, 40)) / np.sqrt(40),
        "layers.1.attn.weight": rng.standard_normal((48, 32)) / np.sqrt(32),
        "layers.0.conv.weight": 0.1 * rng.standard_normal((16, 12, 3, 3)),
    }
    u = rng.standard_normal(64)
    v = rng.standard_normal(40)
    u /= np.linalg.norm(u)
    v /= np.linalg.norm(v)
    model = {
        "layers.0.mlp.weight": base["layers.0.mlp.weight"] + 4 * np.outer(u, v),
        "layers.1.attn.weight": base["layers.1.attn.weight"].copy(),
        "layers.0.conv.weight": 1.5 * base["layers.0.conv.weight"],
        "head.weight": rng.standard_normal((20, 40)) / np.sqrt(40),
    }
    model["layers.1.attn.weight"][5, 7] += 25
    write_safetensors(os.path.join(HERE, "profile_cli_base.safetensors"), base)
    write_safetensors(os.path.join(HERE, "profile_cli_model.safetensors"), model)
    # what the files hold: float32 widened to float64
    base = {k: v.astype(np.float32).astype(np.float64) for k, v in base.items()}
    model = {k: v.astype(np.float32).astype(np.float64) for k, v in model.items()}

    out = {}
    for label, tensors in (("base", base), ("model", model)):
        flatten, pooled, slices = {}, {}, {}
        for name, w in tensors.items():
            if w.ndim == 2:
                s = stats(svd(w), *w.shape)
                flatten[name] = s
                pooled[name] = s
            else:
                o, c, kh, kw = w.shape
                flatten[name] = stats(svd(w.reshape(o, -1)), c * kh * kw, o)
                parts = [w[:, :, i, j].T for i in range(kh) for j in range(kw)]
                pooled[name] = stats(np.sort(np.concatenate([svd(p) for p in parts]))[::-1], c, o)
                for i in range(kh):
                    for j in range(kw):
                        slices["%s[%d,%d]" % (name, i, j)] = {"sigma_max": float(svd(w[:, :, i, j]).max())}
        out[label] = {"flatten": flatten, "pooled": pooled, "slices": slices}
    delta = {}
    for name, b in base.items():
        d = (model[name] - b).reshape(b.shape[0], -1)
        sv = svd(d)
        delta[name] = {"sigma_max": float(sv.max()), "stable_rank": float(np.sum(sv ** 2)) / float(sv.max()) ** 2,
                       "base_frobenius_norm": float(np.linalg.norm(b)),
                       "delta_relative_norm": float(np.linalg.norm(d) / np.linalg.norm(b))}
    out["delta"] = delta
    out["trap_entry"] = float(model["layers.1.attn.weight"][5, 7])
    with open(os.path.join(HERE, "profile_cli_reference.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
