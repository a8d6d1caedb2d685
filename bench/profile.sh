#!/usr/bin/env bash
# Benchmark: `cartan profile` end to end vs a numpy script doing the same SVDs on the same matrices.
#
#   bench/profile.sh [MODEL] [--layers REGEX] [--reps N]      (MODEL default: minilm, all default layers)
#
# 1. Cartan exports the matrices it profiles as float64 .npy (--export-npy), so numpy sees the same doubles.
# 2. Cartan, whole process (JVM start, ONNX read, SVDs, fits, table), with --threads 1 and --threads 2.
# 3. numpy (the PATH python3), whole process and the SVD phase alone, with BLAS/LAPACK limited to 1 and 2
#    threads: numpy.linalg.svd(compute_uv=False) (LAPACK gesdd) + WW metrics + a numpy WWFit loop.
# Prints a table of wall times (best of --reps runs) and Cartan/numpy ratios. Needs python3 with numpy.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODEL=minilm
LAYERS=()
REPS=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --layers) LAYERS=(--layers "$2"); shift 2 ;;
    --reps) REPS="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) MODEL="$1"; shift ;;
  esac
done
python3 -c 'import numpy' 2>/dev/null || { echo "bench: python3 with numpy is needed" >&2; exit 1; }
JAR="$ROOT/target/cartan.jar"
if [[ ! -f "$JAR" || -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$JAR" -print -quit)" ]]; then
  (cd "$ROOT" && mvn -q -B package -DskipTests)
fi
case "$MODEL" in minilm|bge-small) "$ROOT/bin/fetch-models" --quiet "$MODEL" ;; esac
JAVA=(java -Djava.awt.headless=true -cp "$JAR" cartan.cli.CartanCli profile "$MODEL" --quiet ${LAYERS[@]+"${LAYERS[@]}"})

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"${JAVA[@]}" --threads 2 --export-npy "$WORK/npy" > /dev/null
LAYERS_N=$(( $(wc -l < "$WORK/npy/layers.csv") - 1 ))

now() { date +%s.%N; }
best=""
time_best() {  # time_best CMD...: best wall time of REPS runs, in seconds
  local b=""
  for ((r = 0; r < REPS; r++)); do
    local t0 t1; t0=$(now); "$@" > "$WORK/last.out"; t1=$(now)
    local d; d=$(echo "$t1 - $t0" | bc -l)
    if [[ -z "$b" ]] || (( $(echo "$d < $b" | bc -l) )); then b=$d; fi
  done
  best=$b
}

declare -A T
for th in 1 2; do
  time_best "${JAVA[@]}" --threads "$th" --csv; T[cartan_$th]=$best
  time_best python3 "$ROOT/bench/profile_numpy.py" "$WORK/npy" --threads "$th"; T[numpy_$th]=$best
  T[numpy_svd_$th]=$(sed -n 's/^numpy_svd_seconds=//p' "$WORK/last.out")
done

SHAPES="$(tail -n +2 "$WORK/npy/layers.csv" | awk -F, '{print $(NF-1)"x"$NF}' | sort | uniq -c | awk '{printf "%s%d of %s", (NR>1?", ":""), $1, $2}')"
printf '\nprofile of %s: %d matrices (%s)\n%s; %s cores; load average %s\n' "$MODEL" "$LAYERS_N" "$SHAPES" \
  "$(java -version 2>&1 | head -1)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-44s %10s %10s\n' "run" "threads=1" "threads=2"
printf '%-44s %10.2f %10.2f\n' "cartan profile (whole process)" "${T[cartan_1]}" "${T[cartan_2]}"
printf '%-44s %10.2f %10.2f\n' "numpy script (whole process)" "${T[numpy_1]}" "${T[numpy_2]}"
printf '%-44s %10.2f %10.2f\n' "numpy SVDs only (load + gesdd)" "${T[numpy_svd_1]}" "${T[numpy_svd_2]}"
printf '%-44s %10.2f %10.2f\n' "ratio cartan / numpy (whole process)" \
  "$(echo "${T[cartan_1]} / ${T[numpy_1]}" | bc -l)" "$(echo "${T[cartan_2]} / ${T[numpy_2]}" | bc -l)"
