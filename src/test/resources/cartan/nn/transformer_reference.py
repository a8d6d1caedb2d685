"""Independent numpy reference for cartan.nn's transformer layers (ArchitectureNumpyReferenceTest).

A small causal character transformer -- token and position embeddings, two pre-LN blocks
(LayerNorm, joint QKV projection, 2-head causal softmax attention, output projection added to the
residual stream, LayerNorm, MLP up-projection, GELU (tanh form), down-projection added to the residual
stream), a final LayerNorm and a head over the vocabulary at every position, cross-entropy averaged
over batch x positions -- written here from the formulas, with the same conventions as
cartan.nn.Architectures.charTransformer (W in R^{m x n} maps n inputs to m outputs; token t of a
sample holds [q_t, k_t, v_t]; head h uses features h*d_h ... (h+1)*d_h - 1 of each; LayerNorm without
affine, eps 1e-5; flat parameter order: per weight layer W row-major then b).

  loss      -- the forward pass;
  gradient  -- a hand-written backward pass (reverse mode, by hand, no autodiff);
  hvp       -- H v by complex-step differentiation of that gradient,
               Hv = Im(grad(theta + i*eps*v)) / eps with eps = 1e-30: every operation below is
               complex-analytic (the softmax shift uses the real part only, a constant), so this is
               exact to rounding and shares no code or method with the Java R-operator.

Run: python3 transformer_reference.py  (numpy; writes transformer_reference.json beside it)
"""
import json
import os

import numpy as np

V, T, D, H, M, DEPTH, B = 6, 5, 8, 2, 12, 2, 3
DH = D // H
EPS_LN = 1e-5
rng = np.random.default_rng(20261202)


def shapes():
    s = [("tok_embed", D, V), ("pos_embed", D, T)]
    for b in range(DEPTH):
        s += [(f"block{b}.attn.qkv", 3 * D, D), (f"block{b}.attn.out", D, D),
              (f"block{b}.mlp.up", M, D), (f"block{b}.mlp.down", D, M)]
    s.append(("head", V, D))
    return s


def unpack(theta):
    out, k = {}, 0
    for name, m, n in shapes():
        w = theta[k:k + m * n].reshape(m, n)
        k += m * n
        b = theta[k:k + m]
        k += m
        out[name] = (w, b)
    assert k == theta.size
    return out


def layer_norm(x):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    inv = 1 / np.sqrt(var + EPS_LN)
    return (x - mu) * inv, inv


def layer_norm_back(xhat, inv, g):
    return (g - g.mean(-1, keepdims=True) - xhat * (g * xhat).mean(-1, keepdims=True)) * inv


C_GELU = np.sqrt(2 / np.pi)


def gelu(u):
    return 0.5 * u * (1 + np.tanh(C_GELU * (u + 0.044715 * u ** 3)))


def gelu_prime(u):
    t = np.tanh(C_GELU * (u + 0.044715 * u ** 3))
    return 0.5 * (1 + t) + 0.5 * u * (1 - t * t) * C_GELU * (1 + 3 * 0.044715 * u * u)


MASK = np.tril(np.ones((T, T)))


def softmax_rows(s):
    m = np.where(MASK > 0, s.real, -np.inf).max(-1, keepdims=True)
    e = np.exp(s - m) * MASK
    return e / e.sum(-1, keepdims=True)


def forward(theta, ids, y):
    p = unpack(theta)
    onehot = np.eye(V)[ids]                                   # B,T,V
    w, b = p["tok_embed"]
    h = onehot @ w.T + b
    w, b = p["pos_embed"]
    h = h + w.T[None] + b
    cache = {"onehot": onehot, "blocks": []}
    for blk in range(DEPTH):
        c = {"h_in": h}
        a, c["inv1"] = layer_norm(h)
        c["a"] = a
        w, b = p[f"block{blk}.attn.qkv"]
        qkv = a @ w.T + b
        q = qkv[..., :D].reshape(B, T, H, DH).transpose(0, 2, 1, 3)
        k = qkv[..., D:2 * D].reshape(B, T, H, DH).transpose(0, 2, 1, 3)
        v = qkv[..., 2 * D:].reshape(B, T, H, DH).transpose(0, 2, 1, 3)
        s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(DH)
        pr = softmax_rows(s)
        o = (pr @ v).transpose(0, 2, 1, 3).reshape(B, T, D)
        c.update(q=q, k=k, v=v, pr=pr, o=o)
        w, b = p[f"block{blk}.attn.out"]
        h = h + o @ w.T + b
        c["h_mid"] = h
        a2, c["inv2"] = layer_norm(h)
        c["a2"] = a2
        w, b = p[f"block{blk}.mlp.up"]
        u = a2 @ w.T + b
        g = gelu(u)
        c.update(u=u, g=g)
        w, b = p[f"block{blk}.mlp.down"]
        h = h + g @ w.T + b
        cache["blocks"].append(c)
    hf, inv = layer_norm(h)
    w, b = p["head"]
    z = hf @ w.T + b
    m = z.real.max(-1, keepdims=True)
    lse = m + np.log(np.exp(z - m).sum(-1, keepdims=True))
    loss = ((lse - z) * y).sum() / (B * T)
    cache.update(hf=hf, inv=inv, z=z, lse=lse)
    return loss, cache, p


def gradient(theta, ids, y):
    loss, c, p = forward(theta, ids, y)
    grads = {}
    dz = (np.exp(c["z"] - c["lse"]) - y) / (B * T)
    w, _ = p["head"]
    grads["head"] = (np.einsum("btv,btd->vd", dz, c["hf"]), dz.sum((0, 1)))
    dh = layer_norm_back(c["hf"], c["inv"], dz @ w)
    for blk in reversed(range(DEPTH)):
        cb = c["blocks"][blk]
        w, _ = p[f"block{blk}.mlp.down"]
        grads[f"block{blk}.mlp.down"] = (np.einsum("btd,btm->dm", dh, cb["g"]), dh.sum((0, 1)))
        du = (dh @ w) * gelu_prime(cb["u"])
        w, _ = p[f"block{blk}.mlp.up"]
        grads[f"block{blk}.mlp.up"] = (np.einsum("btm,btd->md", du, cb["a2"]), du.sum((0, 1)))
        dh = dh + layer_norm_back(cb["a2"], cb["inv2"], du @ w)
        w, _ = p[f"block{blk}.attn.out"]
        grads[f"block{blk}.attn.out"] = (np.einsum("bte,btd->ed", dh, cb["o"]), dh.sum((0, 1)))
        do = (dh @ w).reshape(B, T, H, DH).transpose(0, 2, 1, 3)
        pr, q, k, v = cb["pr"], cb["q"], cb["k"], cb["v"]
        dv = pr.transpose(0, 1, 3, 2) @ do
        dp = do @ v.transpose(0, 1, 3, 2)
        ds = pr * (dp - (dp * pr).sum(-1, keepdims=True))
        dq = ds @ k / np.sqrt(DH)
        dk = ds.transpose(0, 1, 3, 2) @ q / np.sqrt(DH)
        merge = lambda x: x.transpose(0, 2, 1, 3).reshape(B, T, D)
        dqkv = np.concatenate([merge(dq), merge(dk), merge(dv)], axis=-1)
        w, _ = p[f"block{blk}.attn.qkv"]
        grads[f"block{blk}.attn.qkv"] = (np.einsum("btf,btd->fd", dqkv, cb["a"]), dqkv.sum((0, 1)))
        dh = dh + layer_norm_back(cb["a"], cb["inv1"], dqkv @ w)
    grads["pos_embed"] = (dh.sum(0).T, dh.sum((0, 1)))
    grads["tok_embed"] = (np.einsum("btd,btv->dv", dh, c["onehot"]), dh.sum((0, 1)))
    flat = np.concatenate([np.concatenate([grads[n][0].ravel(), grads[n][1]]) for n, _, _ in shapes()])
    return loss, flat


def main():
    n = sum(m * k + m for _, m, k in shapes())
    theta = rng.normal(0, 0.3, n)
    ids = rng.integers(0, V, (B, T))
    y = np.eye(V)[rng.integers(0, V, (B, T))]
    v = rng.normal(0, 1, n)
    loss, g = gradient(theta, ids, y)
    eps = 1e-30
    _, gc = gradient(theta + 1j * eps * v, ids, y)
    hv = gc.imag / eps
    # self-checks of this script: complex-step directional derivative of the loss vs the hand gradient,
    # and Hessian symmetry with a second direction
    l1, _, _ = forward(theta + 1j * eps * v, ids, y)
    assert abs(l1.imag / eps - g @ v) < 1e-12 * max(1, abs(g @ v))
    u = rng.normal(0, 1, n)
    hu = gradient(theta + 1j * eps * u, ids, y)[1].imag / eps
    assert abs(u @ hv - v @ hu) < 1e-11 * max(1, abs(u @ hv))
    out = {"vocabulary": V, "context": T, "width": D, "heads": H, "mlp": M, "depth": DEPTH, "batch": B,
           "theta": theta.tolist(), "ids": ids.ravel().tolist(), "targets": y.reshape(B, -1).ravel().tolist(),
           "v": v.tolist(), "loss": float(loss.real), "gradient": g.real.tolist(), "hvp": hv.tolist()}
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "transformer_reference.json"), "w") as f:
        json.dump(out, f)
    print("parameters", n, "loss", float(loss.real), "|Hv|", float(np.linalg.norm(hv)))


if __name__ == "__main__":
    main()
