#!/usr/bin/env python3
"""Writes the numpy-made fixtures the cartan.io tests read, plus the numbers they are checked against.

Run from this directory:  python3 make_fixtures.py   (numpy 2.4.6 was used; any numpy >= 1.17 works)

The safetensors file is written here by hand (struct + json + ndarray.tobytes), independently of the
Java reader; the .npy/.npz files come from numpy.save / savez / savez_compressed themselves.
Expected singular values (expected.json) are numpy.linalg.svd of the matrices the Java readers must
produce: conv kernels in OIHW order flattened with transpose(2, 3, 1, 0).reshape(kh*kw*in, out).
"""
import json
import struct

import numpy as np


def a34():
    i, j = np.meshgrid(np.arange(3), np.arange(4), indexing="ij")
    return (10 * i + j + 0.5)  # exact in float16 too


def conv():  # OIHW, out=2, in=3, 2x2
    return (np.arange(2 * 3 * 2 * 2).reshape(2, 3, 2, 2) * 0.25 - 1.0)


def svals(m):
    return [float(x) for x in np.linalg.svd(np.asarray(m, dtype=np.float64), compute_uv=False)]


expected = {}

# --- npy files -------------------------------------------------------------------------------
np.save("a34_f4_le.npy", a34().astype("<f4"))
np.save("a34_f8_be.npy", a34().astype(">f8"))
np.save("a34_f4_fortran.npy", np.asfortranarray(a34().astype("<f4")))
np.save("a234_f8_fortran_be.npy", np.asfortranarray((np.arange(24).reshape(2, 3, 4) * 1.5).astype(">f8")))
np.save("a34_f2.npy", a34().astype("<f2"))
np.save("conv_oihw_f4.npy", conv().astype("<f4"))
np.save("ints.npy", np.arange(6, dtype="<i8"))
np.savez("arrays.npz", dense=a34().astype("<f8"), bias=np.array([1.0, -2.0, 3.5], dtype="<f4"),
         conv=conv().astype("<f4"))
np.savez_compressed("arrays_compressed.npz", dense=a34().astype("<f8"), conv=conv().astype("<f4"))

flat = conv().transpose(2, 3, 1, 0).reshape(2 * 2 * 3, 2)
expected["a34"] = svals(a34())
expected["conv_flat"] = svals(flat)
expected["conv_slices"] = [svals(conv()[:, :, y, x].T) for y in range(2) for x in range(2)]
expected["a234_c_order_first_row"] = [float(v) for v in (np.arange(24).reshape(2, 3, 4) * 1.5).reshape(-1)[:8]]

# --- safetensors, by hand -----------------------------------------------------------------------
def f16_bytes(a):
    return a.astype("<f2").tobytes()


def bf16_bytes(a):
    u = a.astype("<f4").view("<u4") >> 16  # exact: the values below have at most 8 significant bits
    return u.astype("<u2").tobytes()


tensors = [
    ("model.embed_tokens.weight", "F32", [5, 3], (np.arange(15).reshape(5, 3) - 7.0).astype("<f4").tobytes()),
    ("layers.0.mlp.weight", "F64", [3, 4], a34().astype("<f8").tobytes()),
    ("layers.0.mlp.bias", "F16", [3], f16_bytes(np.array([0.5, -1.25, 2.0]))),
    ("layers.0.conv.weight", "BF16", [2, 3, 2, 2], bf16_bytes(conv())),
    ("position_ids", "I64", [1, 4], np.arange(4, dtype="<i8").tobytes()),
]
header = {"__metadata__": {"format": "pt"}}
buf = b""
for name, dt, shape, data in tensors:
    header[name] = {"dtype": dt, "shape": shape, "data_offsets": [len(buf), len(buf) + len(data)]}
    buf += data
h = json.dumps(header).encode()
h += b" " * ((8 - len(h) % 8) % 8)
with open("fixture.safetensors", "wb") as f:
    f.write(struct.pack("<Q", len(h)))
    f.write(h)
    f.write(buf)
expected["embed"] = svals(np.arange(15).reshape(5, 3) - 7.0)

# --- float16 decoding reference: a few special bit patterns ----------------------------------
bits = np.array([0x0001, 0x03ff, 0x0400, 0x3c00, 0x3555, 0x7bff, 0xc000, 0x8001, 0x7c00, 0xfc00], dtype="<u2")
expected["half_bits"] = [int(b) for b in bits]
expected["half_values"] = [float(v) if np.isfinite(v) else str(v) for v in bits.view("<f2").astype(np.float64)]
bf = np.array([0x3f80, 0xc0a0, 0x0001, 0x7f7f], dtype="<u2")
expected["bf16_bits"] = [int(b) for b in bf]
expected["bf16_values"] = [float(v) for v in (bf.astype("<u4") << 16).view("<f4").astype(np.float64)]

with open("expected.json", "w") as f:
    json.dump(expected, f, indent=1)
