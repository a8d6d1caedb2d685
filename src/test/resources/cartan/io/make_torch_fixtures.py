#!/usr/bin/python3
"""Writes the PyTorch checkpoints the cartan.io PyTorch tests read, and the numbers they are checked against.

Needs the real torch.save: Debian's python3-torch (apt-get install python3-torch; torch 1.13.0a0 and
numpy 1.24.2 were used) under the system python, so run from this directory:

    /usr/bin/python3 make_torch_fixtures.py

The tests themselves never need torch: they read the files written here and torch_expected.json, whose
values come from numpy (tensor.detach().double().numpy(), np.linalg.svd). Files:

  torch_state_dict.pt   state_dict() of a small Conv/BatchNorm/Linear/Embedding model plus float16, bfloat16
                        and float64 tensors, a transposed view and a slice sharing one storage, an int64 buffer
  torch_checkpoint.pth  {"model": state_dict, "params": dict(named_parameters()), "epoch": 3, ...}: nesting,
                        nn.Parameter (_rebuild_parameter), non-tensor values
  torch_protocol4.pt    the state dict saved with pickle_protocol=4 (STACK_GLOBAL, MEMOIZE, FRAME)
  torch_big_endian.pt   torch_state_dict.pt rewritten as PyTorch >= 2.1 writes it on a big-endian machine:
                        a byteorder record "big" and every storage byte-swapped (zipfile, entries stored)
  torch_module.pt       torch.save of the whole nn.Module: must be refused, naming the module's class
  torch_legacy.pt       the legacy non-zip format (_use_new_zipfile_serialization=False): refused
  torch_evil.pt         a zip laid out like a checkpoint whose data.pkl calls os.system: refused, nothing run
  sharded_pytorch/      the state dict in two torch.save shards + pytorch_model.bin.index.json, as
                        transformers' save_pretrained lays them out
  sharded_safetensors/  the same tensors in two safetensors shards written here by hand (struct + json), plus an
                        int64 buffer the reader skips, + model.safetensors.index.json
"""
import io
import json
import os
import pickle
import struct
import zipfile

import numpy as np
import torch
import torch.nn as nn

torch.manual_seed(16)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(7, 5)
        self.conv = nn.Conv2d(2, 3, kernel_size=(2, 3))
        self.bn = nn.BatchNorm2d(3)
        self.fc = nn.Linear(5, 4)


net = Net()
sd = net.state_dict()
sd["extra.half"] = torch.randn(3, 4).half()
sd["extra.bf16"] = (torch.randn(4, 3) * 8).round().bfloat16() / 8
sd["extra.double"] = torch.randn(2, 5, dtype=torch.float64)
base = torch.randn(6, 8)
sd["views.transposed"] = base.t()              # size (8, 6), stride (1, 8)
sd["views.slice"] = base[1:4, 2:7]             # offset 10, size (3, 5), stride (8, 1), same storage
sd["views.scalar"] = torch.tensor(2.5)
torch.save(sd, "torch_state_dict.pt")
torch.save(sd, "torch_protocol4.pt", pickle_protocol=4)
torch.save({"model": sd, "params": dict(net.named_parameters()), "epoch": 3, "best": 0.5,
            "tags": ["a", "b"], "nothing": None}, "torch_checkpoint.pth")
torch.save(net, "torch_module.pt")
torch.save({"fc.weight": net.fc.weight.detach()}, "torch_legacy.pt", _use_new_zipfile_serialization=False)


def flatten(name, t):
    """The matrix the Java reader builds (cartan.io.NamedMatrix, ConvMode.FLATTEN, OIHW)."""
    a = t.detach().double().numpy()
    if a.ndim == 0:
        return a.reshape(1, 1)
    if a.ndim == 1:
        return a.reshape(1, -1)
    if a.ndim == 4:  # OIHW -> (kh*kw*in) x out
        o, i, kh, kw = a.shape
        return a.transpose(2, 3, 1, 0).reshape(kh * kw * i, o)
    return a.reshape(-1, a.shape[-1])


def expected_of(tensors):
    out = {}
    for name, t in tensors.items():
        if not t.is_floating_point():
            continue
        a = t.detach().double().numpy()
        out[name] = {"shape": list(a.shape), "values": [float(v) for v in a.reshape(-1)],
                     "svals": [float(s) for s in np.linalg.svd(flatten(name, t), compute_uv=False)]}
    return out


expected = {"torch_state_dict.pt": expected_of(sd)}
nested = {"model." + k: v for k, v in sd.items()}
nested.update({"params." + k: v for k, v in net.named_parameters()})
expected["torch_checkpoint.pth"] = expected_of(nested)


# --- big-endian: the same archive with a byteorder record and byte-swapped storages ----------------
def dtype_size(name):
    return {"FloatStorage": 4, "DoubleStorage": 8, "HalfStorage": 2, "BFloat16Storage": 2, "LongStorage": 8}[name]


class StorageTypes(pickle.Unpickler):
    """Reads data.pkl only to learn each storage key's element size (persistent ids are not resolved)."""
    sizes = {}

    def find_class(self, module, name):
        if module == "torch" and name.endswith("Storage"):
            return name
        if (module, name) == ("collections", "OrderedDict"):
            return type("D", (dict,), {})
        return lambda *a, **k: None

    def persistent_load(self, pid):
        StorageTypes.sizes[pid[2]] = dtype_size(pid[1])
        return None


src = zipfile.ZipFile("torch_state_dict.pt")
prefix = src.namelist()[0].split("/")[0] + "/"
StorageTypes(io.BytesIO(src.read(prefix + "data.pkl"))).load()
with zipfile.ZipFile("torch_big_endian.pt", "w", zipfile.ZIP_STORED) as dst:
    for info in src.infolist():
        data = src.read(info.filename)
        key = info.filename[len(prefix + "data/"):] if info.filename.startswith(prefix + "data/") else None
        if key is not None:
            size = StorageTypes.sizes[key]
            data = np.frombuffer(data, dtype="<u%d" % size).astype(">u%d" % size).tobytes()
        dst.writestr(info.filename, data)
    dst.writestr(prefix + "byteorder", "big")


# --- a malicious pickle in a checkpoint's clothes ------------------------------------------------------
class Evil:
    def __reduce__(self):
        return os.system, ("echo pwned > /tmp/cartan-pwned",)


with zipfile.ZipFile("torch_evil.pt", "w", zipfile.ZIP_STORED) as z:
    z.writestr("archive/data.pkl", pickle.dumps({"w": Evil()}, protocol=2))
    z.writestr("archive/version", "3\n")

# --- sharded checkpoints ------------------------------------------------------------------------------
names = list(sd.keys())
half = len(names) // 2
parts = [names[:half], names[half:]]
os.makedirs("sharded_pytorch", exist_ok=True)
weight_map = {}
for k, part in enumerate(parts):
    shard = "pytorch_model-%05d-of-%05d.bin" % (k + 1, len(parts))
    torch.save({n: sd[n] for n in part}, os.path.join("sharded_pytorch", shard))
    weight_map.update({n: shard for n in part})
total = sum(t.numel() * t.element_size() for t in sd.values())
with open("sharded_pytorch/pytorch_model.bin.index.json", "w") as f:
    json.dump({"metadata": {"total_size": total}, "weight_map": dict(sorted(weight_map.items()))}, f, indent=2)

ST_DTYPE = {torch.float32: "F32", torch.float16: "F16", torch.float64: "F64", torch.bfloat16: "BF16",
            torch.int64: "I64"}


def safetensors_bytes(tensors):
    header = {"__metadata__": {"format": "pt"}}
    buf = b""
    for name, t in tensors.items():
        t = t.contiguous()
        raw = (t.view(torch.int16) if t.dtype == torch.bfloat16 else t).numpy().astype(
            "<i2" if t.dtype == torch.bfloat16 else t.numpy().dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": ST_DTYPE[t.dtype], "shape": list(t.shape), "data_offsets": [len(buf), len(buf) + len(raw)]}
        buf += raw
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    return struct.pack("<Q", len(h)) + h + buf


os.makedirs("sharded_safetensors", exist_ok=True)
weight_map = {}
for k, part in enumerate(parts):
    shard = "model-%05d-of-%05d.safetensors" % (k + 1, len(parts))
    tensors = {n: sd[n] for n in part}
    if k == 1:
        tensors["position_ids"] = torch.arange(4).reshape(1, 4)
    with open(os.path.join("sharded_safetensors", shard), "wb") as f:
        f.write(safetensors_bytes(tensors))
    weight_map.update({n: shard for n in tensors})
with open("sharded_safetensors/model.safetensors.index.json", "w") as f:
    json.dump({"metadata": {"total_size": total}, "weight_map": dict(sorted(weight_map.items()))}, f, indent=2)

with open("torch_expected.json", "w") as f:
    json.dump(expected, f, indent=1)
print("wrote", sorted(p for p in os.listdir(".") if p.startswith("torch_")))
