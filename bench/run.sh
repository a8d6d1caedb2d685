#!/usr/bin/env bash
# Cartan vs numpy, side by side on identical inputs.
# Usage: bench/run.sh [--threads T] [--repeats N] [--rounds R] [--ejml] [--only work,...]
#   --threads T sets OPENBLAS_NUM_THREADS=T for both sides (default: OpenBLAS's own choice, one per core).
# Builds the jar and test classes if needed, writes the seeded inputs to target/bench (numpy), then runs
# cartan.bench.Benchmark, which times each work item in numpy and in Cartan back to back and prints a table.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [[ "${1:-}" == "--threads" ]]; then
  export OPENBLAS_NUM_THREADS="$2"
  shift 2
fi
if [[ ! -f target/cartan.jar || ! -f target/test-classes/cartan/bench/Benchmark.class \
      || -n "$(find src pom.xml -newer target/cartan.jar -print -quit)" ]]; then
  mvn -q package -DskipTests >&2
fi
mkdir -p target/bench
[[ -f target/bench/qr-d256.pool.npy ]] || "$PYTHON" bench/svd_numpy.py gen target/bench
exec java -Xmx4g -cp target/cartan.jar:target/test-classes cartan.bench.Benchmark --python "$PYTHON" "$@"
