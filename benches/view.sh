#!/usr/bin/env bash
# Real-window benchmark: `archway bench-view` on the standard scene (archway new --grid N) for
# N = 1,000, 10,000 and 100,000 at both views, RUNS runs each (3 by default), under xvfb-run
# at 1920×1080 with software rendering; prints the medians as a table. Not part of
# `cargo test`. Needs xvfb, xauth, libgl1-mesa-dri, libegl1, libxkbcommon-x11-0, libxcursor1,
# libxi6, jq (Debian), and a release build (`cargo build --release`).
#
#   benches/view.sh                      # the whole table
#   SIZES="1000 10000" RUNS=1 benches/view.sh
#   ARCHWAY_RENDERER=wgpu benches/view.sh   # the same with wgpu
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${ARCHWAY_BIN:-target/release/archway}
sizes=${SIZES:-"1000 10000 100000"}
views=${VIEWS:-"fit 100"}
runs=${RUNS:-3}
pan_ms=${PAN_MS:-3000}
edits=${EDITS:-20}
out=${OUT:-target/bench-view}
mkdir -p "$out"
unset WAYLAND_DISPLAY

[ -x "$bin" ] || { echo "no $bin: run cargo build --release first" >&2; exit 2; }
command -v jq >/dev/null || { echo "needs jq" >&2; exit 2; }

median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "-"; else print a[int((NR+1)/2)]}'; }

one() { # one run: FILE VIEW → the JSON line
  xvfb-run -a -s "-screen 0 1920x1080x24" \
    "$bin" bench-view "$1" --view "$2" --pan-ms "$pan_ms" --edits "$edits" --uncapped \
    --format json | tail -n 1
}

printf '%-8s %-5s %9s %12s %11s %12s %10s %10s %9s\n' \
  nodes view "pan fps" "pan p90 ms" "CPU ms/fr" "first ms" "start ms" "edit ms" "RSS MiB"
for n in $sizes; do
  file="$out/grid-$n.archway.ron"
  [ -f "$file" ] || "$bin" new --grid "$n" -o "$file" >/dev/null
  for v in $views; do
    : >"$out/runs-$n-$v.jsonl"
    for _ in $(seq "$runs"); do
      one "$file" "$v" >>"$out/runs-$n-$v.jsonl"
    done
    col() { jq -r "$1" "$out/runs-$n-$v.jsonl" | median; }
    printf '%-8s %-5s %9.1f %12.1f %11.1f %12.0f %10.0f %10.1f %9.0f\n' "$n" "$v" \
      "$(col .pan.fps)" "$(col .pan.p90_frame_ms)" "$(col .pan.cpu_ms_per_frame)" \
      "$(col .first_render_ms)" \
      "$(col .process_to_first_frame_ms)" "$(col .edits.median_frame_ms)" "$(col .peak_rss_mb)"
  done
done
r=$(jq -r '"\(.renderer) on \(.adapter), \(.window[0])×\(.window[1])"' "$out/runs-$n-$v.jsonl" | head -n 1)
echo "renderer: $r; load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
