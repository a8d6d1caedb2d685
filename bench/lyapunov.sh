#!/usr/bin/env bash
# Benettin/QR benchmark: full Lyapunov spectrum of a product of L real Ginibre factors,
# cartan.linalg.QrIteration, pure-Java backend, against numpy's QR loop, same sizes, side by side.
#
#   bench/lyapunov.sh            # d=128 L=2000 and d=256 L=500, best of 3 runs each
#   REPEATS=5 bench/lyapunov.sh
#
# Rows: cartan (QrIteration, pure Java), ejml (plain EJML loop: mult + QR + getQ), numpy (default OpenBLAS
# threads) and numpy-1t (OPENBLAS_NUM_THREADS=1). ratio = seconds / numpy seconds (< 1: faster than numpy).
# Wall-clock times on a shared machine are noisy; the runs are interleaved so each size sees similar load.
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS="${REPEATS:-3}"
PY="${PYTHON:-python3}"
mvn -q compile
CPFILE=target/bench-classpath.txt
[ -s "$CPFILE" ] || mvn -q dependency:build-classpath -Dmdep.outputFile="$CPFILE" >/dev/null
CP="target/classes:$(cat "$CPFILE")"

run_java() { java -Xmx1g -cp "$CP" bench/LyapunovBench.java "$1" "$2" "$REPEATS" "$3" | awk '{print $4}'; }
run_numpy() { "$PY" bench/lyapunov_numpy.py "$1" "$2" "$REPEATS" | awk '{print $4}'; }
run_numpy1() { OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 "$PY" bench/lyapunov_numpy.py "$1" "$2" "$REPEATS" | awk '{print $4}'; }

printf '%-6s %-6s %-10s %10s %14s %16s\n' d L impl seconds "ratio/numpy" "ratio/numpy-1t"
for size in "128 2000" "256 500"; do
  set -- $size
  np=$(run_numpy "$1" "$2")
  np1=$(run_numpy1 "$1" "$2")
  ca=$(run_java "$1" "$2" cartan)
  ej=$(run_java "$1" "$2" ejml)
  for row in "numpy $np" "numpy-1t $np1" "cartan $ca" "ejml $ej"; do
    set -- $size $row
    awk -v d="$1" -v L="$2" -v impl="$3" -v t="$4" -v np="$np" -v np1="$np1" \
      'BEGIN { printf "%-6s %-6s %-10s %10.3f %14.2f %16.2f\n", d, L, impl, t, t / np, t / np1 }'
  done
done
echo "(uptime load: $(cut -d' ' -f1-3 /proc/loadavg))"
