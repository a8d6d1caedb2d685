#!/usr/bin/env python3
"""Writes a synthetic safetensors model for bench/scale.sh: LAYERS float32 matrices ROWS x COLS named
model.layers.<i>.mlp.up_proj.weight, each low rank plus noise, W = U diag(s) V^T / sqrt(COLS) + noise,
seeded (numpy default_rng(seed + i)). Written layer by layer, so memory stays at one layer.

    python3 bench/make_safetensors.py OUT.safetensors LAYERS ROWS COLS [SEED]

The format: 8-byte little-endian header length N, N bytes of JSON
{name: {"dtype": "F32", "shape": [rows, cols], "data_offsets": [begin, end]}}, then the raw little-endian data.
"""
import json
import struct
import sys

import numpy as np


def main():
    out, layers, rows, cols = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    seed = int(sys.argv[5]) if len(sys.argv) > 5 else 7
    nbytes = rows * cols * 4
    header = {"__metadata__": {"generator": "cartan bench/make_safetensors.py", "seed": str(seed)}}
    for i in range(layers):
        header[f"model.layers.{i}.mlp.up_proj.weight"] = {
            "dtype": "F32", "shape": [rows, cols], "data_offsets": [i * nbytes, (i + 1) * nbytes]}
    h = json.dumps(header).encode("utf-8")
    h += b" " * (-len(h) % 8)  # pad to 8 bytes, as the reference writer does
    k = min(64, rows, cols)
    with open(out, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for i in range(layers):
            rng = np.random.default_rng(seed + i)
            # heavy-ish tail: a rank-k spike with power-law strengths on top of Gaussian noise
            u = rng.standard_normal((rows, k), dtype=np.float32)
            v = rng.standard_normal((k, cols), dtype=np.float32)
            s = (np.arange(1, k + 1, dtype=np.float32) ** -0.7) * 4.0
            w = rng.standard_normal((rows, cols), dtype=np.float32)
            w += (u * s) @ v / np.float32(np.sqrt(cols))
            w *= np.float32(1.0 / np.sqrt(cols))
            f.write(np.ascontiguousarray(w, dtype="<f4").tobytes())
            del u, v, w


if __name__ == "__main__":
    main()
