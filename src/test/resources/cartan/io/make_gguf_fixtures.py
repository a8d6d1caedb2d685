#!/usr/bin/env python3
"""Writes the GGUF fixtures the cartan.io GGUF tests read, and the numbers they are checked against.

Run from this directory:  python3 make_gguf_fixtures.py   (numpy 2.x; no gguf package is used)

The files are written here with struct and numpy, following the GGUF specification of llama.cpp
(docs/gguf.md in ggml): magic "GGUF", uint32 version, uint64 tensor and key-value counts, the
key-value pairs (uint64-length strings, uint32 value types, arrays as element type + uint64 count),
tensor infos (name, uint32 n_dims, uint64 ne[n_dims] fastest-varying first, uint32 ggml type,
uint64 offset), padding to general.alignment (default 32), then the data.  Q8_0 blocks are
quantised by numpy the way ggml's quantize_row_q8_0_ref does it: per 32 values d = max|x| / 127,
stored as float16, q = round(x / d) as int8; the dequantised value is float32(d) * q.

gguf_expected.json holds, per tensor, the row-major shape, the values a reader must produce
(float64, after dequantisation) and numpy.linalg.svd singular values of the matrix view.
"""
import json
import struct

import numpy as np

GGUF_TYPE = {"UINT8": 0, "INT8": 1, "UINT16": 2, "INT16": 3, "UINT32": 4, "INT32": 5, "FLOAT32": 6,
             "BOOL": 7, "STRING": 8, "ARRAY": 9, "UINT64": 10, "INT64": 11, "FLOAT64": 12}
SCALAR_FMT = {0: "B", 1: "b", 2: "H", 3: "h", 4: "I", 5: "i", 6: "f", 7: "?", 10: "Q", 11: "q", 12: "d"}
GGML = {"F32": 0, "F16": 1, "Q8_0": 8, "Q4_K": 12, "I32": 26, "F64": 28, "BF16": 30}


def quantize_q8_0(x):
    """numpy Q8_0: returns (block bytes, dequantised float64 values); x is row-major with rows of 32k."""
    x = np.asarray(x, dtype=np.float32).reshape(-1, 32)
    amax = np.abs(x).max(axis=1)
    d = (amax / 127.0).astype(np.float32)
    inv = np.where(d != 0, 1.0 / np.where(d != 0, d, 1), 0).astype(np.float32)
    q = np.round(x * inv[:, None]).astype(np.int8)
    d16 = d.astype(np.float16)
    out = bytearray()
    for b in range(x.shape[0]):
        out += d16[b:b + 1].astype("<f2").tobytes() + q[b].tobytes()
    deq = d16.astype(np.float32).astype(np.float64)[:, None] * q.astype(np.float64)
    return bytes(out), deq.reshape(-1)


def bf16(x):
    """bfloat16 by truncation (exact for the values used: at most 8 significant bits)."""
    u = (np.asarray(x, dtype=np.float32).view(np.uint32) >> 16).astype(np.uint16)
    return u, (u.astype(np.uint32) << 16).view(np.float32).astype(np.float64)


class Writer:
    def __init__(self, endian="<"):
        self.e = endian
        self.b = bytearray()

    def pack(self, fmt, *v):
        self.b += struct.pack(self.e + fmt, *v)

    def string(self, s):
        raw = s.encode("utf-8")
        self.pack("Q", len(raw))
        self.b += raw

    def value(self, vtype, v):
        t = GGUF_TYPE[vtype] if isinstance(vtype, str) else vtype
        if t == 8:
            self.string(v)
        elif t == 9:
            et, items = v
            self.pack("I", GGUF_TYPE[et])
            self.pack("Q", len(items))
            for it in items:
                self.value(et, it)
        else:
            self.pack(SCALAR_FMT[t], v)


def gguf(path, kv, tensors, endian="<", alignment=32, version=3):
    """tensors: list of (name, ggml type name, ne list, data bytes)."""
    w = Writer(endian)
    w.b += b"GGUF"
    w.pack("I", version)
    w.pack("Q", len(tensors))
    w.pack("Q", len(kv))
    for key, vtype, v in kv:
        w.string(key)
        w.pack("I", GGUF_TYPE[vtype])
        w.value(vtype, v)
    offset = 0
    offsets = []
    for name, t, ne, data in tensors:
        offsets.append(offset)
        offset += len(data)
        offset = (offset + alignment - 1) // alignment * alignment
    for (name, t, ne, data), off in zip(tensors, offsets):
        w.string(name)
        w.pack("I", len(ne))
        for d in ne:
            w.pack("Q", d)
        w.pack("I", GGML[t])
        w.pack("Q", off)
    w.b += b"\0" * ((alignment - len(w.b) % alignment) % alignment)
    start = len(w.b)
    for (name, t, ne, data), off in zip(tensors, offsets):
        w.b += b"\0" * (start + off - len(w.b))
        w.b += data
    with open(path, "wb") as f:
        f.write(bytes(w.b))


def svals(m):
    return [float(s) for s in np.linalg.svd(np.asarray(m, dtype=np.float64), compute_uv=False)]


rng = np.random.default_rng(20260516)
expected = {}


def tensor_set():
    """The tensors of the main fixture (little-endian) and the values a reader must give."""
    o = "<"
    emb = (np.arange(24).reshape(6, 4) * 0.25 - 3.0).astype(np.float32)          # shape [6, 4], ne = [4, 6]
    q = rng.standard_normal((4, 4)).astype(np.float16)                            # F16 [4, 4]
    up = rng.standard_normal((5, 64)).astype(np.float32)                          # Q8_0 [5, 64], ne = [64, 5]
    up_bytes, up_deq = quantize_q8_0(up)
    down_u16, down = bf16(np.round(rng.standard_normal((3, 8)) * 16) / 16)         # BF16 [3, 8]
    f64 = rng.standard_normal((2, 3))                                             # F64 [2, 3]
    norm = np.array([1.0, 0.5, -0.25, 2.0], dtype=np.float32)                     # F32 [4]
    ids = np.arange(5, dtype=np.int32)                                            # I32 (skipped)
    files = [
        ("token_embd.weight", "F32", [4, 6], emb.astype(o + "f4").tobytes()),
        ("blk.0.attn_norm.weight", "F32", [4], norm.astype(o + "f4").tobytes()),
        ("blk.0.attn_q.weight", "F16", [4, 4], q.astype(o + "f2").tobytes()),
        ("blk.0.ffn_up.weight", "Q8_0", [64, 5], up_bytes),
        ("blk.0.ffn_down.weight", "BF16", [8, 3], down_u16.astype(o + "u2").tobytes()),
        ("blk.0.extra.weight", "F64", [3, 2], f64.astype(o + "f8").tobytes()),
        ("position_ids", "I32", [5], ids.astype(o + "i4").tobytes()),
    ]
    exp = {
        "token_embd.weight": ([6, 4], emb.astype(np.float64)),
        "blk.0.attn_norm.weight": ([4], norm.astype(np.float64)),
        "blk.0.attn_q.weight": ([4, 4], q.astype(np.float64)),
        "blk.0.ffn_up.weight": ([5, 64], up_deq.reshape(5, 64)),
        "blk.0.ffn_down.weight": ([3, 8], down.reshape(3, 8)),
        "blk.0.extra.weight": ([2, 3], f64),
    }
    return files, exp, up


KV = [
    ("general.architecture", "STRING", "llama"),
    ("general.name", "STRING", "cartan fixture \u00e9"),
    ("general.alignment", "UINT32", 64),
    ("llama.block_count", "UINT32", 1),
    ("llama.context_length", "UINT64", 2048),
    ("llama.rope.freq_base", "FLOAT32", 10000.0),
    ("general.file_type", "INT32", 7),
    ("test.int8", "INT8", -5),
    ("test.uint8", "UINT8", 200),
    ("test.int16", "INT16", -300),
    ("test.uint16", "UINT16", 60000),
    ("test.int64", "INT64", -(1 << 40)),
    ("test.float64", "FLOAT64", 0.125),
    ("test.bool", "BOOL", True),
    ("tokenizer.ggml.tokens", "ARRAY", ("STRING", ["<s>", "</s>", "a", "b\u00fc", ""])),
    ("tokenizer.ggml.scores", "ARRAY", ("FLOAT32", [0.0, -1.0, -2.5, -3.0, 0.5])),
    ("test.nested", "ARRAY", ("ARRAY", [("INT32", [1, 2]), ("INT32", [])])),
]

files, exp, up = tensor_set()
gguf("fixture.gguf", KV, files, alignment=64)
# the same tensors big-endian (GGUF v3 allows it): every element byte-swapped, Q8_0 scales included
files_be = []
for name, t, ne, data in files:
    if t == "Q8_0":
        blocks = bytearray(data)
        for i in range(0, len(blocks), 34):
            blocks[i], blocks[i + 1] = blocks[i + 1], blocks[i]
        files_be.append((name, t, ne, bytes(blocks)))
    else:
        size = {"F32": 4, "F16": 2, "BF16": 2, "F64": 8, "I32": 4}[t]
        a = np.frombuffer(data, dtype="<u%d" % size if size != 8 else "<u8")
        files_be.append((name, t, ne, a.astype(">u%d" % size).tobytes()))
gguf("fixture_be.gguf", [kv for kv in KV if kv[0] != "general.alignment"], files_be, endian=">")

for name, (shape, values) in exp.items():
    m = values.reshape(shape) if len(shape) == 2 else values.reshape(1, -1)
    expected[name] = {"shape": shape, "values": [float(v) for v in values.reshape(-1)], "svals": svals(m)}
# the Q8_0 error against the unquantised float32 matrix: what quantisation costs, for the record
expected["blk.0.ffn_up.weight"]["max_abs_quantisation_error"] = float(
    np.abs(exp["blk.0.ffn_up.weight"][1] - up.astype(np.float64)).max())

# a file with a K-quant the reader refuses by name: Q4_K blocks of 144 bytes per 256 values
gguf("q4k.gguf", [("general.architecture", "STRING", "llama")],
     [("blk.0.attn_k.weight", "Q4_K", [256, 2], bytes(2 * 144)),
      ("output_norm.weight", "F32", [4], np.ones(4, dtype="<f4").tobytes())])

with open("gguf_expected.json", "w") as f:
    json.dump(expected, f, indent=1)
print("wrote fixture.gguf, fixture_be.gguf, q4k.gguf, gguf_expected.json")
