#!/usr/bin/env python3
"""Writes writer_reference_f32.safetensors and writer_reference_f64.safetensors, the files
SafetensorsWriterTest expects cartan.io.SafetensorsWriter to write byte for byte.

Run from this directory:  python3 make_writer_fixture.py   (numpy 2.4.6 was used; any numpy >= 1.17 works)

The layout is the safetensors format's, written by hand with struct + json + ndarray.tobytes: an 8-byte
little-endian header length, compact JSON (__metadata__ first, then the tensors in the order written),
padded with spaces to a multiple of 8 bytes, then the little-endian data. float32 values come from
numpy's astype('<f4') (round to nearest), independently of the Java cast.
"""
import json
import struct

import numpy as np


def tensors():
    w = np.arange(12, dtype=np.float64).reshape(3, 4) * 0.1 - 0.35   # not exact in float32: tests the rounding
    b = np.array([1.0 / 3.0, -2.5, 1e-7])
    e = np.array([[np.pi]])
    return [("fc1.weight", w), ("fc1.bias", b), ("head.weight", e)]


def write(path, dtype, code):
    header = {"__metadata__": {"format": "pt", "step": "40"}}
    data = b""
    for name, a in tensors():
        raw = a.astype(dtype).tobytes()
        header[name] = {"dtype": code, "shape": list(a.shape), "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    js = json.dumps(header, separators=(",", ":")).encode("utf-8")
    js += b" " * (-len(js) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(js)) + js + data)


write("writer_reference_f32.safetensors", "<f4", "F32")
write("writer_reference_f64.safetensors", "<f8", "F64")
