#!/usr/bin/env bash
# Benchmark (issue 17 §1): per-layer spectra at LLM scale, Cartan vs numpy side by side on the same inputs.
#
#   bench/llm.sh [--reps N] [--threads T] [--only minilm|layer]      (defaults: 5 reps, 1 thread, both)
#
# Work items, each a whole process on both sides (start-up, reading, eigenvalues, WeightWatcher fit):
#   minilm  `cartan profile minilm` (38 matrices read from the 90 MB ONNX file, compact summary, default
#           Gram eigenvalue path) vs bench/profile_numpy.py on the same matrices as float64 .npy (exported
#           once by Cartan) with --eig gram (syrk + eigvalsh) and with --eig svd (gesdd, the older reference);
#           with T = 1 also Cartan's default (layers in parallel on all cores, one BLAS thread each) against
#           numpy with one BLAS thread and with as many BLAS threads as cores.
#   layer   one 4096x11008 float32 layer (a LLaMA-7B MLP shape) in a safetensors file written by
#           bench/make_safetensors.py (seed 7): `cartan profile FILE` vs bench/profile_numpy.py FILE --eig gram
#           (reads the tensor at its offset, float64, W W^T, eigvalsh, WW fit).
# The runs alternate (Cartan, numpy, Cartan, numpy, ...) so both sides see the same machine load; the table
# gives each side's median wall time, the median of the per-round ratios, the ratio of the medians, and the same
# for CPU time (user + sys, /usr/bin/time), which a machine shared with other jobs disturbs less than wall time.
# BLAS/LAPACK threads are limited to T on both sides (OPENBLAS_NUM_THREADS; Cartan also --threads T).
# Before timing, the numbers are checked: alpha and lambda_max of every layer from Cartan's --csv against
# numpy's (largest relative difference printed). Needs python3 with numpy; about 5 min for 5 reps.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPS=5; TH=1; ONLY=""
NCPU="$(getconf _NPROCESSORS_ONLN)"  # not nproc: it honours OMP_NUM_THREADS, which is set to T below
while [[ $# -gt 0 ]]; do
  case "$1" in
    --reps) REPS="$2"; shift 2 ;;
    --threads) TH="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "llm.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
python3 -c 'import numpy' 2>/dev/null || { echo "bench: python3 with numpy is needed" >&2; exit 1; }
JAR="$ROOT/target/cartan.jar"
if [[ ! -f "$JAR" || -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$JAR" -print -quit)" ]]; then
  (cd "$ROOT" && mvn -q -o -B package -DskipTests)
fi
export OPENBLAS_NUM_THREADS="$TH" OMP_NUM_THREADS="$TH" MKL_NUM_THREADS="$TH"
CARTAN=("$ROOT/bin/cartan" profile)
NUMPY=(python3 "$ROOT/bench/profile_numpy.py")

WORK="$(mktemp -d "${TMPDIR:-/tmp}/cartan-llm.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
now() { date +%s.%N; }
wall() {  # wall CMD...: prints "wall cpu" (seconds; cpu = user + sys of the process and its children)
  /usr/bin/time -o "$WORK/time" -f '%e %U %S' "$@" > "$WORK/last.out"
  awk '{print $1, $2 + $3}' "$WORK/time"
}
median() { sort -g | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }

# check: max relative difference of alpha and lambda_max (= sigma_max^2) between Cartan's CSV and numpy's
check() {  # check CARTAN_CSV NUMPY_CSV
  python3 - "$1" "$2" <<'EOF'
import csv, sys
c = {r["layer"]: r for r in csv.DictReader(open(sys.argv[1]))}
n = {r["layer"]: r for r in csv.DictReader(open(sys.argv[2]))}
da = dl = 0.0
for k, r in n.items():
    a0, a1 = float(r["alpha"]), float(c[k]["alpha"])
    s0, s1 = float(r["sigma_max"]), float(c[k]["sigma_max"])
    da = max(da, abs(a1 - a0) / abs(a0)); dl = max(dl, abs(s1 * s1 - s0 * s0) / (s0 * s0))
print("%d layers, max rel. diff alpha %.1e, lambda_max %.1e" % (len(n), da, dl))
EOF
}

rows=()
bench_item() {  # bench_item LABEL CARTAN_ARGS... -- NUMPY_ARGS...   (alternating, REPS rounds)
  local label="$1"; shift
  local cargs=() nargs=()
  while [[ "$1" != "--" ]]; do cargs+=("$1"); shift; done; shift
  nargs=("$@")
  "${CARTAN[@]}" "${cargs[@]}" --quiet > /dev/null; "${NUMPY[@]}" "${nargs[@]}" > /dev/null  # warm the page cache
  : > "$WORK/c"; : > "$WORK/n"; : > "$WORK/r"; : > "$WORK/cc"; : > "$WORK/nc"; : > "$WORK/rc"
  for ((r = 0; r < REPS; r++)); do
    local tc tn
    tc=$(wall "${CARTAN[@]}" "${cargs[@]}" --quiet); tn=$(wall "${NUMPY[@]}" "${nargs[@]}")
    set -- $tc $tn  # cartan wall, cartan cpu, numpy wall, numpy cpu
    echo "$1" >> "$WORK/c"; echo "$3" >> "$WORK/n"; echo "$1 / $3" | bc -l >> "$WORK/r"
    echo "$2" >> "$WORK/cc"; echo "$4" >> "$WORK/nc"; echo "$2 / $4" | bc -l >> "$WORK/rc"
    printf '  %s round %d: cartan %.2f s (cpu %.2f), numpy %.2f s (cpu %.2f)\n' "$label" "$((r + 1))" "$1" "$2" "$3" "$4" >&2
  done
  local mc mn mr cc cn cr
  mc=$(median < "$WORK/c"); mn=$(median < "$WORK/n"); mr=$(median < "$WORK/r")
  cc=$(median < "$WORK/cc"); cn=$(median < "$WORK/nc"); cr=$(median < "$WORK/rc")
  rows+=("$(printf '| %s | %.2f | %.2f | **%.2f** | %.2f | %.2f | %.2f | **%.2f** |' "$label" "$mc" "$mn" "$mr" \
    "$(echo "$mc / $mn" | bc -l)" "$cc" "$cn" "$cr")")
}

if [[ -z "$ONLY" || "$ONLY" == minilm ]]; then
  "$ROOT/bin/fetch-models" --quiet minilm
  "${CARTAN[@]}" minilm --threads "$TH" --quiet --csv --export-npy "$WORK/npy" > "$WORK/minilm-cartan.csv"
  "${NUMPY[@]}" "$WORK/npy" --threads "$TH" --eig gram --csv "$WORK/minilm-gram.csv" > /dev/null
  "${NUMPY[@]}" "$WORK/npy" --threads "$TH" --eig svd --csv "$WORK/minilm-svd.csv" > /dev/null
  echo "minilm vs numpy gram: $(check "$WORK/minilm-cartan.csv" "$WORK/minilm-gram.csv")" >&2
  echo "minilm vs numpy svd:  $(check "$WORK/minilm-cartan.csv" "$WORK/minilm-svd.csv")" >&2
  bench_item "MiniLM (38 matrices) vs numpy Gram + eigvalsh, $TH layer thread(s)" minilm --threads "$TH" \
    -- "$WORK/npy" --threads "$TH" --eig gram
  bench_item "MiniLM (38 matrices) vs numpy SVD (gesdd), $TH layer thread(s)" minilm --threads "$TH" \
    -- "$WORK/npy" --threads "$TH" --eig svd
  if [[ "$TH" == 1 && "$NCPU" -gt 1 ]]; then
    # Cartan as it runs by default (layers in parallel on every core, one BLAS thread each: the issue's set-up),
    # against numpy with one BLAS thread and, to give numpy the same cores, with NCPU BLAS threads
    bench_item "MiniLM, Cartan default ($NCPU layer threads) vs numpy Gram + eigvalsh, 1 BLAS thread" minilm \
      -- "$WORK/npy" --threads 1 --eig gram
    bench_item "MiniLM, Cartan default ($NCPU layer threads) vs numpy Gram + eigvalsh, $NCPU BLAS threads" \
      minilm -- "$WORK/npy" --threads "$NCPU" --eig gram
  fi
fi
if [[ -z "$ONLY" || "$ONLY" == layer ]]; then
  python3 "$ROOT/bench/make_safetensors.py" "$WORK/layer.safetensors" 1 4096 11008 7
  "${CARTAN[@]}" "$WORK/layer.safetensors" --threads "$TH" --quiet --csv > "$WORK/layer-cartan.csv"
  "${NUMPY[@]}" "$WORK/layer.safetensors" --threads "$TH" --eig gram --csv "$WORK/layer-gram.csv" > /dev/null
  echo "4096x11008 vs numpy gram: $(check "$WORK/layer-cartan.csv" "$WORK/layer-gram.csv")" >&2
  bench_item "one 4096×11008 float32 layer vs numpy Gram + eigvalsh" "$WORK/layer.safetensors" --threads "$TH" \
    -- "$WORK/layer.safetensors" --threads "$TH" --eig gram
fi

printf '\n%s, %s cores (%s), %s, numpy %s, %s BLAS thread(s) per side, %d alternated rounds, load average %s\n\n' \
  "$(date -u +%Y-%m-%d)" "$(nproc --all)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" \
  "$(java -version 2>&1 | head -1)" "$(python3 -c 'import numpy; print(numpy.__version__)')" "$TH" "$REPS" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
echo "| work (whole process each side) | Cartan wall s | numpy wall s | median ratio | ratio of medians | Cartan CPU s | numpy CPU s | median CPU ratio |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
