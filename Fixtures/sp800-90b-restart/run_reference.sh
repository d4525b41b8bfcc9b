#!/bin/bash
# Runs ea_restart as recorded in expected.json. Usage: run_reference.sh EA_RESTART DATADIR SHAREDDIR OUTDIR
# DATADIR holds generate.py's files; SHAREDDIR is shared/reference/sp800-90b.
set -u
R=$1; D=$2; S=$3; O=$4
mkdir -p "$O"
# Stops ea_restart once PATTERN appears (the IID tests after the MCV lines take minutes).
early() { out=$1; pat=$2; shift 2
  echo "$@" | sed "s|$D/||; s|$S/||" > "${out%.out}.cmd"
  stdbuf -oL "$R" "$@" > "$out" 2>&1 & pid=$!
  while kill -0 $pid 2>/dev/null; do grep -q "$pat" "$out" && { kill $pid; break; }; sleep 0.5; done
  wait $pid 2>/dev/null; }
full() { name=$1; shift
  echo "$@" | sed "s|$D/||; s|$S/||" > "$O/$name.cmd"
  /usr/bin/time -f "%e s %M KB" stdbuf -oL "$R" "$@" -o "$O/$name.json" > "$O/$name.out" 2> "$O/$name.time"
  echo "exit=$?" >> "$O/$name.out"; }
for h in 0.25 0.5 1 1.5 2 3 4 5 6 7 7.9 8; do early "$O/cutoff.8.$h.out" "X_max" -i -v -v "$D/good8.bin" 8 $h; done
for h in 0.1 0.5 0.9 1; do early "$O/cutoff.1.$h.out" "X_max" -i -v -v "$D/good1.bin" 1 $h; done
for spec in "truerand_8bit 8 7" "truerand_4bit 4 3.5" "truerand_1bit 1 0.9" "biased-random-bytes 8 5" \
            "biased-random-bits 1 0.5" "normal 8 3" "ringOsc-nist 8 3"; do
  set -- $spec
  early "$O/shared.$1.$3.out" "Estimate (Cols)\|Failed" -i -v -v "$S/$1.bin" $2 $3
done
full stuckfirst8.iid.7.5 -i -v -v "$D/stuckfirst8.bin" 8 7.5
full biased8.iid.6 -i -v -v "$D/biased8.bin" 8 6
full stuckfirst8.noniid.7.5 -n -v -v "$D/stuckfirst8.bin" 8 7.5
full good1.noniid.0.9 -n -v -v "$D/good1.bin" 1 0.9
full good1.iid.0.9 -i -v -v "$D/good1.bin" 1 0.9
full counter8.noniid.7.5 -n -v -v "$D/counter8.bin" 8 7.5
full good8.noniid.7.5 -n -v -v "$D/good8.bin" 8 7.5
full biased8.iid.3.5 -i -v -v "$D/biased8.bin" 8 3.5
full good8.iid.7.5 -i -v -v "$D/good8.bin" 8 7.5
full counter8.iid.7.5 -i -v -v "$D/counter8.bin" 8 7.5
full biased8.noniid.3.5 -n -v -v "$D/biased8.bin" 8 3.5
