#!/usr/bin/env python3
"""Writes a synthetic safetensors model with LLaMA-7B shapes for bench/scale.sh (issue 17 §2): BLOCKS blocks of
self_attn.{q,k,v,o}_proj (4096 x 4096) and mlp.{gate,up}_proj (11008 x 4096), mlp.down_proj (4096 x 11008), named and
laid out ([out, in]) as Hugging Face's LlamaForCausalLM saves them, in BF16 (float32 rounded to nearest even, as
torch does). Each matrix is Gaussian noise / sqrt(in) plus a rank-64 spike with power-law strengths, seeded
(numpy default_rng(seed + matrix index)); written one matrix at a time, so memory stays at one matrix.

    python3 bench/make_llama.py OUT.safetensors BLOCKS [SEED] [HIDDEN] [INTERMEDIATE]

Defaults: seed 7, hidden 4096, intermediate 11008 (32 blocks = the 224 matrices of LLaMA-7B, 12.9 GB).
"""
import json
import struct
import sys

import numpy as np


def bf16(w):
    """float32 -> bfloat16 bits (uint16), round to nearest even."""
    u = np.ascontiguousarray(w, dtype="<f4").view("<u4")
    u = u + (np.uint32(0x7FFF) + ((u >> np.uint32(16)) & np.uint32(1)))
    return (u >> np.uint32(16)).astype("<u2")


def main():
    out, blocks = sys.argv[1], int(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    h = int(sys.argv[4]) if len(sys.argv) > 4 else 4096
    m = int(sys.argv[5]) if len(sys.argv) > 5 else 11008
    shapes = [("self_attn.q_proj", h, h), ("self_attn.k_proj", h, h), ("self_attn.v_proj", h, h),
              ("self_attn.o_proj", h, h), ("mlp.gate_proj", m, h), ("mlp.up_proj", m, h), ("mlp.down_proj", h, m)]
    header = {"__metadata__": {"generator": "cartan bench/make_llama.py", "seed": str(seed), "format": "pt"}}
    tensors = []
    off = 0
    for b in range(blocks):
        for name, rows, cols in shapes:
            n = rows * cols * 2
            header[f"model.layers.{b}.{name}.weight"] = {"dtype": "BF16", "shape": [rows, cols],
                                                         "data_offsets": [off, off + n]}
            tensors.append((rows, cols))
            off += n
    hb = json.dumps(header).encode("utf-8")
    hb += b" " * (-len(hb) % 8)
    with open(out, "wb") as f:
        f.write(struct.pack("<Q", len(hb)))
        f.write(hb)
        for i, (rows, cols) in enumerate(tensors):
            rng = np.random.default_rng(seed + i)
            k = 64
            w = rng.standard_normal((rows, cols), dtype=np.float32)
            u = rng.standard_normal((rows, k), dtype=np.float32)
            v = rng.standard_normal((k, cols), dtype=np.float32)
            s = (np.arange(1, k + 1, dtype=np.float32) ** -0.7) * 4.0
            w += (u * s) @ v / np.float32(np.sqrt(cols))
            w *= np.float32(1.0 / np.sqrt(cols))
            f.write(bf16(w).tobytes())
            del u, v, w


if __name__ == "__main__":
    main()
