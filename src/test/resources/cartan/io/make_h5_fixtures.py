#!/usr/bin/python3
"""Writes the Keras HDF5 fixtures the cartan.io KerasH5 tests read, and the numbers they are checked against.

Needs h5py (Debian's python3-h5py: apt-get install python3-h5py; h5py 3.7.0 and numpy 1.24.2 were used),
run from this directory with the system python:

    /usr/bin/python3 make_h5_fixtures.py

keras_model.h5    the layout of Keras 2's model.save("m.h5"): attributes keras_version, backend,
                  model_config; group model_weights with attribute layer_names, one group per layer with
                  attribute weight_names ("dense/kernel:0", ...) and the datasets below it; optimizer_weights
                  (left out by the reader). Datasets: a float32 conv kernel [3, 3, 2, 4] (HWIO), a float64
                  dense kernel, a big-endian float32 embedding, a float16 bias, a compact dataset, an int64
                  counter, and a soft and an external link (never followed).
keras3.weights.h5 the layout of Keras 3's save_weights: layers/<name>/vars/<i>, no name attributes.
keras_chunked.h5  a gzip-compressed (chunked) kernel: refused, never decompressed.
h5_expected.json  per weight: shape, values and numpy.linalg.svd singular values of the matrix the reader
                  builds (conv kernels flattened as cartan.io does for HWIO: reshape(kh*kw*in, out)).
"""
import json

import h5py
import numpy as np

rng = np.random.default_rng(1616)


def svals(a):
    m = a.reshape(1, -1) if a.ndim < 2 else a.reshape(-1, a.shape[-1])
    return [float(s) for s in np.linalg.svd(m.astype(np.float64), compute_uv=False)]


expected = {}
conv = rng.standard_normal((3, 3, 2, 4)).astype(np.float32)
dense = rng.standard_normal((36, 5))
embed = rng.standard_normal((10, 3)).astype(">f4")
bias = np.array([0.5, -1.25, 2.0, 3.0, -0.125], dtype=np.float16)
small = np.array([[1.0, 2.0], [3.0, 4.5]], dtype=np.float32)

with h5py.File("keras_model.h5", "w") as f:
    f.attrs["keras_version"] = b"2.0.4"
    f.attrs["backend"] = b"tensorflow"
    f.attrs["model_config"] = json.dumps({"class_name": "Sequential", "config": []}).encode()
    mw = f.create_group("model_weights")
    layers = {"embedding_1": [("embeddings:0", embed)],
              "conv2d_1": [("kernel:0", conv)],
              "dropout_1": [],
              "dense_1": [("kernel:0", dense), ("bias:0", bias)],
              "small_1": [("kernel:0", small)]}
    mw.attrs["layer_names"] = np.array([n.encode() for n in layers], dtype="S15")
    for lname, weights in layers.items():
        g = mw.create_group(lname)
        g.attrs["weight_names"] = np.array([("%s/%s" % (lname, w)).encode() for w, _ in weights], dtype="S32")
        inner = g.create_group(lname) if weights else None
        for w, a in weights:
            if lname == "small_1":
                dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
                dcpl.set_layout(h5py.h5d.COMPACT)
                space = h5py.h5s.create_simple(a.shape)
                h5py.h5d.create(inner.id, w.encode(), h5py.h5t.IEEE_F32LE, space, dcpl).write(
                    h5py.h5s.ALL, h5py.h5s.ALL, a)
            else:
                inner.create_dataset(w, data=a)
            expected["%s/%s" % (lname, w[:-2])] = {"shape": list(a.shape),
                                                  "values": [float(v) for v in a.reshape(-1)],
                                                  "svals": svals(np.asarray(a, dtype=np.float64))}
    mw["dense_1"]["dense_1"]["soft"] = h5py.SoftLink("/model_weights/conv2d_1/conv2d_1/kernel:0")
    mw["dense_1"]["dense_1"]["external"] = h5py.ExternalLink("/etc/passwd", "/x")
    mw["dense_1"]["dense_1"].create_dataset("iterations:0", data=np.int64(7))
    ow = f.create_group("optimizer_weights")
    ow.create_dataset("Variable:0", data=np.ones((36, 5), dtype=np.float32))

with h5py.File("keras3.weights.h5", "w") as f:
    for lname, arrays in [("dense", [dense, bias]), ("conv2d", [conv])]:
        g = f.create_group("layers/%s/vars" % lname)
        for i, a in enumerate(arrays):
            g.create_dataset(str(i), data=a)
    f.create_group("optimizer/vars").create_dataset("0", data=np.zeros(3, dtype=np.float32))

with h5py.File("keras_chunked.h5", "w") as f:
    f.create_dataset("model_weights/dense/dense/kernel:0", data=dense, compression="gzip", chunks=(6, 5))

with open("h5_expected.json", "w") as f:
    json.dump(expected, f, indent=1)
print("wrote keras_model.h5, keras3.weights.h5, keras_chunked.h5, h5_expected.json")
