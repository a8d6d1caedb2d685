#!/usr/bin/env bash
# Scale benchmark (issues 8 and 9): profile a synthetic safetensors model larger than the heap.
#
#   bench/scale.sh                                  # 12 layers of 4096x11008 float32 = 2.16 GB, -Xmx2g
#   LAYERS=4 ROWS=1024 COLS=2752 bench/scale.sh     # a quick run (~45 MB)
#   HEAP=2g THREADS=1 KEEP=1 TMPDIR=/big/disk bench/scale.sh
#   BLOCKS=32 bench/scale.sh                        # LLaMA-7B shapes (bench/make_llama.py): 32 x 7 BF16 matrices,
#                                                   # 12.9 GB; BLOCKS=2 for 14 of them (0.8 GB)
#
# Writes the model with bench/make_safetensors.py (numpy, seeded) into a temp dir, runs
#   CARTAN_JAVA_OPTS="-Xmx$HEAP -Xlog:gc:file=..." bin/cartan profile MODEL --threads $THREADS --out DIR --quiet
# and reports the wall time, the largest heap in use after any GC (from the GC log), the process's
# peak resident set (VmHWM) and whether the run stayed under the heap limit (it fails with exit 1 on
# an OutOfMemoryError). The temp dir is deleted afterwards unless KEEP=1.
# Not part of the default test run. Measured (bench/scale-results.txt, 2 shared cores): 17 x 262144x128
# (2.28 GB file) in 233 s, heap <= 1421 MB; one 4096x11008 layer in 576 s (pure-Java EJML QR + SVD), heap
# <= 1336 MB — so the default 12-layer model takes on the order of an hour or two without native LAPACK.
set -euo pipefail
cd "$(dirname "$0")/.."
LAYERS="${LAYERS:-12}"; ROWS="${ROWS:-4096}"; COLS="${COLS:-11008}"
HEAP="${HEAP:-2g}"; THREADS="${THREADS:-1}"; PY="${PYTHON:-python3}"; SEED="${SEED:-7}"

BLOCKS="${BLOCKS:-}"
if [[ -n "$BLOCKS" ]]; then bytes=$(( BLOCKS * (4 * 4096 * 4096 + 3 * 4096 * 11008) * 2 ))
else bytes=$(( LAYERS * ROWS * COLS * 4 )); fi
tmp="$(mktemp -d "${TMPDIR:-/tmp}/cartan-scale.XXXXXX")"
cleanup() { [[ "${KEEP:-0}" == 1 ]] && echo "kept $tmp" >&2 || rm -rf "$tmp"; }
trap cleanup EXIT
avail=$(df -PB1 "$tmp" | awk 'NR==2 {print $4}')
(( avail > bytes + (1 << 30) )) || { echo "scale.sh: need $bytes bytes + 1 GiB free in $tmp, have $avail" >&2; exit 1; }

model="$tmp/model.safetensors"
if [[ -n "$BLOCKS" ]]; then
  echo "generating $BLOCKS LLaMA-7B blocks (7 BF16 matrices each, $(( bytes / 1000000 )) MB) in $model" >&2
  "$PY" bench/make_llama.py "$model" "$BLOCKS" "$SEED"
else
  echo "generating $LAYERS x ${ROWS}x${COLS} float32 ($(( bytes / 1000000 )) MB) in $model" >&2
  "$PY" bench/make_safetensors.py "$model" "$LAYERS" "$ROWS" "$COLS" "$SEED"
fi
ls -l "$model" >&2

bin/cartan profile --help > /dev/null  # builds the jar first, outside the timed run
gclog="$tmp/gc.log"
status="$tmp/status"
start=$(date +%s.%N)
set +e
CARTAN_JAVA_OPTS="-Xmx$HEAP -Xlog:gc:file=$gclog ${EXTRA_JAVA_OPTS:-}" bin/cartan profile "$model" \
  --threads "$THREADS" --out "$tmp/out" --quiet > "$tmp/summary.txt" 2> "$tmp/stderr.txt" &
pid=$!
# bin/cartan execs java, so $pid becomes the JVM (after the jar build); sample its VmHWM until it exits
hwm=0
while kill -0 "$pid" 2>/dev/null; do
  v=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
  [[ -n "$v" ]] && (( v > hwm )) && hwm=$v
  sleep 1
done
wait "$pid"; rc=$?
set -e
end=$(date +%s.%N)

cat "$tmp/summary.txt"
[[ -s "$tmp/stderr.txt" ]] && { echo "--- stderr" >&2; cat "$tmp/stderr.txt" >&2; }
# GC log lines look like "[1.234s][info][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 812M->301M(2048M) 45.1ms"
peak_after=$(grep -oE '[0-9]+M->[0-9]+M' "$gclog" | awk -F'->' '{sub("M","",$2); if ($2+0 > m) m = $2+0} END {print m+0}')
peak_before=$(grep -oE '[0-9]+M->[0-9]+M' "$gclog" | awk -F'->' '{sub("M","",$1); if ($1+0 > m) m = $1+0} END {print m+0}')
oom=no; grep -q "OutOfMemoryError" "$tmp/stderr.txt" && oom=yes
if [[ -n "$BLOCKS" ]]; then
  printf 'model          %d LLaMA-7B blocks (%d BF16 matrices), %s bytes on disk\n' "$BLOCKS" $(( 7 * BLOCKS )) "$(stat -c %s "$model")"
else
  printf 'model          %d x %dx%d float32, %s bytes on disk\n' "$LAYERS" "$ROWS" "$COLS" "$(stat -c %s "$model")"
fi
printf 'heap limit     -Xmx%s, threads %s\n' "$HEAP" "$THREADS"
printf 'exit code      %d (OutOfMemoryError: %s)\n' "$rc" "$oom"
printf 'wall time      %.1f s\n' "$(echo "$end - $start" | bc)"
printf 'heap in use    max %d MB before a GC, max %d MB live after a GC (G1 log)\n' "$peak_before" "$peak_after"
printf 'peak RSS       %d MB (VmHWM of the JVM, includes code, GC structures, metaspace)\n' $(( hwm / 1024 ))
[[ $rc -eq 0 && $oom == no ]] || exit 1
