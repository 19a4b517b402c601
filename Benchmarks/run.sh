#!/usr/bin/env bash
# telltale's benchmark: builds release, generates corpora, checks every count
# against the generator's ground truth, then prints one table of figures, each
# next to a baseline tool measured in the same run (ratios, not absolute times:
# shared machines are noisy).
#
#   Benchmarks/run.sh           full run: 1M-line corpora, 10M lines for memory,
#                               an hour of a 2k lines/s stream into the dashboard
#   Benchmarks/run.sh --quick   small inputs: that it runs and counts right, no judging
#   --bin DIR                   use the telltale and telltale-bench already built in
#                               DIR (e.g. .build/debug) instead of building release
#
# Needs: swift, grep, tmux, /usr/bin/time (Debian package `time`), hyperfine
# (Debian package `hyperfine`; without it the shell's clock times each run),
# perf (Debian package `linux-perf`; for the idle rows: without it CPU time
# is read in clock ticks, a thirtieth of a percent over 30 s).
set -euo pipefail

quick=0
bin=""
while (( $# )); do
    case "$1" in
        --quick) quick=1 ;;
        --bin) bin="$(cd "$2" && pwd)"; shift ;;
        *) echo "usage: $0 [--quick] [--bin DIR]" >&2; exit 64 ;;
    esac
    shift
done
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

lines=1000000
big_lines=10000000
big_users=1000000
load_seconds=3600
idle_seconds=30
if (( quick )); then lines=20000; big_lines=50000; big_users=20000; load_seconds=10; idle_seconds=6; fi

if [[ -z "$bin" ]]; then
    # Linked statically, as a binary one ships: the Swift runtime and
    # Foundation called directly, not through the dynamic linker's tables, a
    # check's lines cost 5-7% less, and a start 18 ms instead of 27.
    echo "building release into .build-release (the first build takes several minutes)..." >&2
    swift build -c release --static-swift-stdlib --scratch-path .build-release >/tmp/telltale-bench-build.log 2>&1 \
        || { tail -30 /tmp/telltale-bench-build.log >&2; exit 1; }
    bin="$root/.build-release/release"
fi
telltale="$bin/telltale"
bench="$bin/telltale-bench"

work="$(mktemp -d)"
# One tmux server of our own for the dashboard rows, taken down on the way out.
tmux_socket="telltale-bench-$$"
tm() { tmux -L "$tmux_socket" -f /dev/null "$@"; }
trap 'tm kill-server >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

json="$work/corpus.ndjson"
plain="$work/plain.log"
echo "generating $lines-line corpora in $work..." >&2
"$bench" corpus --lines "$lines" --out "$json"
"$bench" corpus --lines "$lines" --plain --seed 2 --out "$plain"

# Counts first: a wrong answer fails the run before any figure is printed.
check() { "$telltale" check --no-follow --format json --logs "$1"; }
for corpus in "$json" "$plain"; do
    check "$corpus" >"$work/report.json" || [[ $? -le 2 ]]
    "$bench" verify --report "$work/report.json" --truth "$corpus.truth.json" >&2
done

# Seconds for one run of each of two commands, measured in turn: a warm-up
# of each, then 11 rounds of one run of the first and one of the second
# (each timed by hyperfine, or by the shell's clock without it); the median
# of each's 11. In turn, not one command's runs and then the other's (which
# is how hyperfine runs two commands): this machine's speed drifts within a
# minute, and a drift between two blocks of runs moved their ratio by more
# than a session's work did. A median, not a mean: one slow run (a
# neighbour's burst) moved a mean of 5 by 10-20%.
# Output goes to a file, never /dev/null: GNU grep stops at the first match
# when its output is /dev/null, which would time nothing.
one_run() {
    if command -v hyperfine >/dev/null; then
        hyperfine --style none --runs 1 -i --export-json "$work/h.json" "$1 >'$work/out.txt'" >/dev/null 2>&1
        sed -n 's/.*"median": *\([0-9.e-]*\).*/\1/p' "$work/h.json" | head -1
    else
        local start=$EPOCHREALTIME
        bash -c "$1" >"$work/out.txt" 2>&1 || true
        awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.4f", b - a }'
    fi
}
paired_seconds() {
    one_run "$1" >/dev/null
    one_run "$2" >/dev/null
    local first=() second=()
    for _ in $(seq 11); do
        first+=("$(one_run "$1")")
        second+=("$(one_run "$2")")
    done
    median() { printf '%s\n' "$@" | sort -g | sed -n 6p; }
    echo "$(median "${first[@]}") $(median "${second[@]}")"
}
# Peak resident set size in MiB of a command.
peak_mib() {
    bash -c "/usr/bin/time -v -o '$work/time.txt' $1 >'$work/out.txt'" || true
    awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$work/time.txt"
}

rows=()
row() { rows+=("$1|$2|$3|$4|$5|$6"); }
judge() { # ratio target -> pass/fail (or "ran" in quick mode)
    if (( quick )); then echo "ran"; elif awk -v r="$1" -v t="$2" 'BEGIN { exit !(r <= t) }'; then echo "pass"; else echo "FAIL"; fi
}

for kind in json plain; do
    corpus=$json; [[ $kind == plain ]] && corpus=$plain
    read -r t g < <(paired_seconds "'$telltale' check --no-follow --format json --logs '$corpus'" \
                                   "grep -c -E 'demo-user-[0-9]+' '$corpus'")
    ratio=$(awk -v a="$t" -v b="$g" 'BEGIN { printf "%.2f", a / b }')
    rate=$(awk -v n="$lines" -v s="$t" 'BEGIN { printf "%.0fk lines/s", n / s / 1000 }')
    grate=$(awk -v n="$lines" -v s="$g" 'BEGIN { printf "%.0fk lines/s", n / s / 1000 }')
    row "check, $lines-line $kind corpus (time vs grep -c -E)" "$(printf '%.3f s (%s)' "$t" "$rate")" "$(printf '%.3f s (%s)' "$g" "$grate")" "$ratio" "≤ 2.0" "$(judge "$ratio" 2.0)"
done

in_process=$("$bench" parse --file "$json" --repeat 3 --truth "$json.truth.json")
ns=$(sed -n 's/.*ns_per_line=\([0-9]*\).*/\1/p' <<<"$in_process")
row "in-process ns/line, one thread (LogReader.prepare + DeployWatch, as check)" "$ns ns" "-" "-" "-" "info"

rss=$(peak_mib "'$telltale' check --no-follow --format json --logs '$json'")
grss=$(peak_mib "grep -c -E 'demo-user-[0-9]+' '$json'")
row "peak RSS, $lines-line corpus" "$rss MiB" "$grss MiB (grep)" "$(awk -v a="$rss" -v b="$grss" 'BEGIN { printf "%.1f", a / b }')" "≤ 64 MiB" "$( (( quick )) && echo ran || (awk -v r="$rss" 'BEGIN { exit !(r <= 64) }' && echo pass || echo FAIL))"

# Ten million lines naming a million distinct users, piped: nothing on disk.
# /usr/bin/time wraps telltale alone, inside the pipeline.
big_truth="$work/big.truth.json"
"$bench" corpus --lines "$big_lines" --users "$big_users" --seed 3 --out - --truth "$big_truth" \
    | /usr/bin/time -v -o "$work/big-time.txt" "$telltale" check --no-follow --format json --logs - >"$work/big.json" || true
"$bench" verify --report "$work/big.json" --truth "$big_truth" >&2
big_rss=$(awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$work/big-time.txt")
"$bench" corpus --lines "$big_lines" --users "$big_users" --seed 3 --out - --truth "$work/t2.json" \
    | /usr/bin/time -v -o "$work/big-grep.txt" grep -c -E 'demo-user-[0-9]+' >"$work/out.txt" || true
grep_big_rss=$(awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$work/big-grep.txt")
row "peak RSS, $big_lines lines, $big_users users (heavy users exact)" "$big_rss MiB" "$grep_big_rss MiB (grep)" "-" "≤ 64 MiB" "$( (( quick )) && echo ran || (awk -v r="$big_rss" 'BEGIN { exit !(r <= 64) }' && echo pass || echo FAIL))"

follow=$("$bench" follow --telltale "$telltale" --samples "$( (( quick )) && echo 10 || echo 60)")
p95=$(sed -n 's/.*telltale_p95_ms=\([0-9.]*\).*/\1/p' <<<"$follow")
p50=$(sed -n 's/.*telltale_p50_ms=\([0-9.]*\).*/\1/p' <<<"$follow")
tp95=$(sed -n 's/.*tail_p95_ms=\([0-9.]*\).*/\1/p' <<<"$follow")
tp50=$(sed -n 's/.*tail_p50_ms=\([0-9.]*\).*/\1/p' <<<"$follow")
row "followed file: append → in the pipeline, p95 (p50)" "$p95 ms ($p50)" "$tp95 ms ($tp50) (tail -F)" "-" "≤ 50 ms" "$( (( quick )) && echo ran || (awk -v r="$p95" 'BEGIN { exit !(r <= 50) }' && echo pass || echo FAIL))"

# --- The dashboard rows: a pane of 200×60 in our own tmux server. ---

# The pid of the process NAME running in tmux window WINDOW: the pane's own
# process when the shell exec'd a single command, else a child of that shell.
pane_child() {
    local shell; shell=$(tm display -p -t "$1" '#{pane_pid}')
    for _ in $(seq 200); do
        [[ "$(cat "/proc/$shell/comm" 2>/dev/null)" == "$2" ]] && { echo "$shell"; return; }
        for pid in $(cat "/proc/$shell/task/$shell/children" 2>/dev/null); do
            [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == "$2" ]] && { echo "$pid"; return; }
        done
        sleep 0.05
    done
    return 1
}
rss_mib() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null; }
# The status bar's lines per second (`src 12,345 l/s`), empty before the first frame.
pane_rate() { tm capture-pane -p -t "$1" | grep -o 'src [0-9,]* l/s' | head -1 | tr -dc '0-9'; }
# CPU seconds (user + system) a process has used, from /proc/PID/stat.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz }' "/proc/$1/stat"; }

# Load: a recording of a 2k lines/s stream replayed at max speed with the
# dashboard drawing. RSS is sampled every 0.5 s; "flat" compares the replay's
# second half with its first (from the first frame on: the recording is loaded
# whole before the dashboard opens, and that load is not the replay).
load_lines=$(( 2000 * load_seconds ))
recording="$work/load.recording"
echo "writing a recording of $load_lines lines (2000 lines/s for $load_seconds s)..." >&2
"$bench" recording --lines-per-second 2000 --seconds "$load_seconds" --out "$recording" >&2
tm new-session -d -s load -x 200 -y 60 \
    "cd '$work' && env LANG=C.UTF-8 TERM=screen-256color '$telltale' replay '$recording' --dashboard --report-on-exit '$work/load.json'; echo \$? >'$work/load.exit'; sleep 3600"
load_pid=$(pane_child load telltale) || { echo "telltale replay did not start" >&2; exit 1; }
load_started=$(date +%s.%N)
load_samples=()
load_gone() { echo "telltale replay --dashboard ended early:" >&2; tm capture-pane -p -t load >&2; exit 1; }
while [[ -z "$(pane_rate load)" ]]; do
    [[ -d "/proc/$load_pid" ]] || load_gone
    load_samples+=("$(rss_mib "$load_pid")")
    sleep 0.5
done
first_frame=$(date +%s.%N)
replay_samples=()
seen=0
while :; do
    [[ -d "/proc/$load_pid" ]] || load_gone
    sample=$(rss_mib "$load_pid")
    replay_samples+=("$sample")
    rate=$(pane_rate load)
    (( ${rate:-0} > 0 )) && seen=1
    # The rate falls to 0 five seconds after the last line arrived.
    (( seen && ${rate:-0} == 0 )) && break
    sleep 0.5
done
replay_done=$(date +%s.%N)
tm send-keys -t load q
for _ in $(seq 600); do [[ -s "$work/load.exit" ]] && break; sleep 0.1; done
"$bench" verify --report "$work/load.json" --truth "$recording.truth.json" >&2
load_verdict=$(printf '%s\n' "${replay_samples[@]}" | awk -v margin=8 '
    { v[NR] = $1 } END {
        half = int(NR / 2); a = 0; b = 0
        for (i = 1; i <= half; i++) if (v[i] > a) a = v[i]
        for (i = half + 1; i <= NR; i++) if (v[i] > b) b = v[i]
        printf "%s %.1f %.1f", (NR >= 4 && b <= a + margin) ? "flat" : "GROWS", a, b }')
read -r load_flat load_first_peak load_second_peak <<<"$load_verdict"
load_peak=$(printf '%s\n' "${load_samples[@]}" "${replay_samples[@]}" | sort -n | tail -1)
load_start_rss=${replay_samples[0]}
load_end_rss=${replay_samples[-1]}
replay_s=$(awk -v a="$first_frame" -v b="$replay_done" 'BEGIN { printf "%.1f", b - a - 5 }')
load_s=$(awk -v a="$load_started" -v b="$first_frame" 'BEGIN { printf "%.1f", b - a }')
# Baseline: the same recording replayed headless (no dashboard), same binary.
/usr/bin/time -v -o "$work/replay-time.txt" "$telltale" replay "$recording" --format json >"$work/replay.json" || [[ $? -le 2 ]]
"$bench" verify --report "$work/replay.json" --truth "$recording.truth.json" >&2
headless_s=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.1f", s }' "$work/replay-time.txt")
headless_rss=$(awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$work/replay-time.txt")
load_pass=$( [[ "$load_flat" == flat ]] && echo pass || echo FAIL)
(( quick )) && [[ "$load_flat" == flat ]] && load_pass=ran
row "load: $load_lines lines (2k lines/s × $load_seconds s) replayed at max speed, dashboard drawing, every count verified; RSS start/end/peak" \
    "$(printf '%s s to load + ~%s s replay; RSS %s / %s / %s MiB; halves %s → %s MiB (%s)' "$load_s" "$replay_s" "$load_start_rss" "$load_end_rss" "$load_peak" "$load_first_peak" "$load_second_peak" "$load_flat")" \
    "$headless_s s, peak $headless_rss MiB (replay without dashboard)" "-" "all counted, flat (+8 MiB)" "$load_pass"

# Render: one full frame of a realistic dashboard at 200×60 into the cell buffer.
render=$("$bench" render --lines "$( (( quick )) && echo 20000 || echo 200000)" --iterations "$( (( quick )) && echo 100 || echo 2000)")
render_us=$(sed -n 's/.*render_median_us=\([0-9.]*\).*/\1/p' <<<"$render")
render_p95=$(sed -n 's/.*render_p95_us=\([0-9.]*\).*/\1/p' <<<"$render")
fill_us=$(sed -n 's/.*fill_median_us=\([0-9.]*\).*/\1/p' <<<"$render")
render_ratio=$(sed -n 's/.*ratio=\([0-9.]*\).*/\1/p' <<<"$render")
row "full-frame render, 200×60, median (p95)" "$render_us µs ($render_p95)" "$fill_us µs (filling the buffer cell by cell)" "$render_ratio" "≤ 1 ms" \
    "$( (( quick )) && echo ran || (awk -v r="$render_us" 'BEGIN { exit !(r <= 1000) }' && echo pass || echo FAIL))"

# Idle CPU: the dashboard polling the demo backend's health every 2 s, over
# $idle_seconds s from /proc/PID/stat, next to `top -d 2` in the same kind of pane.
"$telltale" demo --serve-only --port 0 --speed 10 >"$work/demo.txt" 2>&1 &
demo_pid=$!
for _ in $(seq 100); do grep -q 'listening on' "$work/demo.txt" && break; sleep 0.1; done
base=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$work/demo.txt")
: >"$work/quiet.log"
# CPU time over the window: `perf stat -e task-clock` counts it to the
# microsecond; /proc/PID/stat only in clock ticks (10 ms: over 30 s, a tick
# is 0.033% of a core, a fifth of the idle target), used when perf is missing.
have_perf=0
perf stat -e task-clock -p $$ -o /dev/null sleep 0.1 >/dev/null 2>&1 && have_perf=1
cpu_method=$( (( have_perf )) && echo "task-clock, perf stat" || echo "clock ticks, /proc/PID/stat")
cpu_percent() { # window process-name settle-seconds
    local pid; pid=$(pane_child "$1" "$2") || { echo "no $2 process in window $1" >&2; exit 1; }
    sleep "$3"
    if (( have_perf )) && perf stat -x, -e task-clock -p "$pid" -o "$work/cpu-$1.txt" sleep "$idle_seconds" >/dev/null 2>&1; then
        awk -F, -v s="$idle_seconds" '$3 ~ /^task-clock/ { printf "%.3f", $1 / (s * 10) }' "$work/cpu-$1.txt"
        return
    fi
    local a; a=$(cpu_seconds "$pid")
    sleep "$idle_seconds"
    local b; b=$(cpu_seconds "$pid")
    awk -v a="$a" -v b="$b" -v s="$idle_seconds" 'BEGIN { printf "%.2f", (b - a) / s * 100 }'
}
tm new-session -d -s top -x 200 -y 60 "top -d 2"
top_idle=$(cpu_percent top top 2)
tm new-session -d -s idle -x 200 -y 60 \
    "env LANG=C.UTF-8 TERM=screen-256color '$telltale' watch --logs '$work/quiet.log' --health '$base/health' --health '$base/health/ready' --interval 2s"
idle=$(cpu_percent idle telltale 5)
row "idle CPU: dashboard open, no log traffic, 2 health endpoints polled every 2 s, over $idle_seconds s ($cpu_method)" "$idle% of a core" "$top_idle% (top -d 2)" "-" "≤ 0.15%" \
    "$( (( quick )) && echo ran || (awk -v r="$idle" 'BEGIN { exit !(r <= 0.15) }' && echo pass || echo FAIL))"
tm new-session -d -s demo -x 200 -y 60 \
    "env LANG=C.UTF-8 TERM=screen-256color '$telltale' watch --logs '$base/logs' --health '$base/health' --health '$base/health/ready' --watch-user demo-user-001 --interval 2s"
demo_lines() { curl -s "$base/control/state" | sed -n 's/.*"lineCount" *: *\([0-9]*\).*/\1/p'; }
demo_from=$(demo_lines)
demo_cpu=$(cpu_percent demo telltale 20)
demo_rate=$(awk -v a="${demo_from:-0}" -v b="$(demo_lines)" -v s="$(( 20 + idle_seconds ))" 'BEGIN { printf "%.0f", (b - a) / s }')
row "CPU: dashboard on the demo after its story (its traffic never stops: ≈ $demo_rate lines/s at 10×), over $idle_seconds s" "$demo_cpu% of a core" "$top_idle% (top -d 2)" "-" "- (not idle)" "info"
kill "$demo_pid" 2>/dev/null || true
wait "$demo_pid" 2>/dev/null || true

echo
echo "| measure | telltale | baseline (same run) | ratio | target | result |"
echo "| --- | --- | --- | --- | --- | --- |"
for r in "${rows[@]}"; do
    IFS='|' read -r a b c d e f <<<"$r"
    echo "| $a | $b | $c | $d | $e | $f |"
done
echo
echo "$(nproc) cores, $(uname -sr), $(swift --version 2>/dev/null | head -1), load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
