#!/usr/bin/env bash
# CSN bootstrap benchmark: 200 goodness-of-fit replicates and 200 alpha-bootstrap replicates on 19,302
# earthquake-like points (bench/powerlaw_numpy.py gen), on 2 threads:
#   before  cartan.fit at BEFORE_REV (default 4c07847: sorted arrays, every replicate sorted and refitted at
#           O(N * candidates)), built in a temporary git worktree;
#   after   the current cartan.fit (sorted draws on distinct values, pruned x_min scan);
#   numpy   the same CSN rule in numpy, one vectorised pass per candidate as `powerlaw` scans x_min,
#           single-threaded, NUMPY_REPS replicates timed and scaled to 200 (per-replicate cost is flat).
#
#   bench/powerlaw.sh                 REPS=200 THREADS=2 NUMPY_REPS=10
#   SKIP_BEFORE=1 bench/powerlaw.sh   skip the old build (it takes minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
REPS="${REPS:-200}"
THREADS="${THREADS:-2}"
NUMPY_REPS="${NUMPY_REPS:-10}"
BEFORE_REV="${BEFORE_REV:-4c07847}"
PY="${PYTHON:-python3}"
mkdir -p target/bench
DATA=target/bench/quakes.txt
[ -s "$DATA" ] || "$PY" bench/powerlaw_numpy.py gen target/bench
mvn -q -o compile
CPFILE=target/bench-classpath.txt
[ -s "$CPFILE" ] || mvn -q -o dependency:build-classpath -Dmdep.outputFile="$CPFILE" >/dev/null
DEPS="$(cat "$CPFILE")"

echo "label N alpha xmin D gof_seconds p alpha_boot_seconds alpha_se"
if [ -z "${SKIP_BEFORE:-}" ]; then
  OLD="$(mktemp -d)"
  trap 'git worktree remove --force "$OLD/src" >/dev/null 2>&1 || true; rm -rf "$OLD"' EXIT
  git worktree add -q --detach "$OLD/src" "$BEFORE_REV"
  (cd "$OLD/src" && mvn -q -o compile -Dmaven.test.skip=true >/dev/null)
  printf 'before '; java -Xmx2g -cp "$OLD/src/target/classes:$DEPS" bench/PowerLawBench.java "$DATA" "$REPS" "$THREADS" | cut -d' ' -f2-
fi
printf 'after '; java -Xmx2g -cp "target/classes:$DEPS" bench/PowerLawBench.java "$DATA" "$REPS" "$THREADS" | cut -d' ' -f2-
"$PY" bench/powerlaw_numpy.py time "$DATA" "$NUMPY_REPS" | awk -v r="$REPS" '{printf "numpy %s %s %s %s %.1f %s - -\n", $2, $5, $4, $6, $7 * r, $8}'
echo "(uptime load: $(cut -d' ' -f1-3 /proc/loadavg))"
