#!/usr/bin/env python3
"""Reference values of the Hurwitz zeta function for HurwitzZetaTest, independent of the Java code.

Run from this directory:  python3 zeta_reference.py   (scipy 1.17.1, mpmath 1.3.0 were used)
Writes zeta_reference.json: for each (s, q) on the grid below,
  zeta   = scipy.special.zeta(s, q)                         (double precision, Cephes)
  zeta_mp, d1, d2 = mpmath.zeta(s, q, derivative=0, 1, 2)  at 40 significant digits
"""
import json

import mpmath
from scipy import special

mpmath.mp.dps = 40
rows = []
for s in [1.001, 1.05, 1.5, 1.95, 2.0, 2.5, 3.0, 3.7, 5.0, 8.0, 10.0]:
    for q in [0.25, 1.0, 2.0, 5.0, 7.0, 19.5, 20.0, 33.0, 1000.0, 1.0e6]:
        rows.append(dict(s=s, q=q, zeta=float(special.zeta(s, q)),
                         zeta_mp=float(mpmath.zeta(s, q)),
                         d1=float(mpmath.zeta(s, q, derivative=1)),
                         d2=float(mpmath.zeta(s, q, derivative=2))))
with open("zeta_reference.json", "w") as f:
    json.dump(rows, f, indent=1)
print(len(rows), "rows")
