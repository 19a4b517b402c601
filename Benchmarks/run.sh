#!/usr/bin/env bash
# telltale's benchmark: builds release, generates corpora, checks every count
# against the generator's ground truth, then prints one table of figures, each
# next to a baseline tool measured in the same run (ratios, not absolute times:
# shared machines are noisy).
#
#   Benchmarks/run.sh           full run: 1M-line corpora, 10M lines for memory
#   Benchmarks/run.sh --quick   20k lines: that it runs and counts right, no judging
#
# Needs: swift, grep, /usr/bin/time (Debian package `time`), hyperfine (Debian
# package `hyperfine`; without it a timing loop of 5 runs is used).
set -euo pipefail

quick=0
[[ "${1:-}" == "--quick" ]] && quick=1
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

lines=1000000
big_lines=10000000
big_users=1000000
if (( quick )); then lines=20000; big_lines=50000; big_users=20000; fi

echo "building release into .build-release (the first build takes several minutes)..." >&2
swift build -c release --scratch-path .build-release >/tmp/telltale-bench-build.log 2>&1 \
    || { tail -30 /tmp/telltale-bench-build.log >&2; exit 1; }
bin="$root/.build-release/release"
telltale="$bin/telltale"
bench="$bin/telltale-bench"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

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

# Seconds for one run of a command: hyperfine's mean, or the median of 5 runs.
# Output goes to a file, never /dev/null: GNU grep stops at the first match
# when its output is /dev/null, which would time nothing.
seconds() {
    if command -v hyperfine >/dev/null; then
        hyperfine --style none --warmup 1 --runs 5 -i --export-json "$work/h.json" "$1 >'$work/out.txt'" >/dev/null 2>&1
        sed -n 's/.*"mean": *\([0-9.e-]*\).*/\1/p' "$work/h.json" | head -1
    else
        local runs=()
        for _ in 1 2 3 4 5; do
            local start end
            start=$(date +%s.%N)
            bash -c "$1" >"$work/out.txt" 2>&1 || true
            end=$(date +%s.%N)
            runs+=("$(echo "$end - $start" | bc)")
        done
        printf '%s\n' "${runs[@]}" | sort -n | sed -n 3p
    fi
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
    t=$(seconds "'$telltale' check --no-follow --format json --logs '$corpus'")
    g=$(seconds "grep -c -E 'demo-user-[0-9]+' '$corpus'")
    ratio=$(awk -v a="$t" -v b="$g" 'BEGIN { printf "%.2f", a / b }')
    rate=$(awk -v n="$lines" -v s="$t" 'BEGIN { printf "%.0fk lines/s", n / s / 1000 }')
    grate=$(awk -v n="$lines" -v s="$g" 'BEGIN { printf "%.0fk lines/s", n / s / 1000 }')
    row "check, $lines-line $kind corpus (time vs grep -c -E)" "$(printf '%.3f s (%s)' "$t" "$rate")" "$(printf '%.3f s (%s)' "$g" "$grate")" "$ratio" "≤ 2.0" "$(judge "$ratio" 2.0)"
done

in_process=$("$bench" parse --file "$json" --repeat 3 --truth "$json.truth.json")
ns=$(sed -n 's/.*ns_per_line=\([0-9]*\).*/\1/p' <<<"$in_process")
row "in-process ns/line (LogReader+RuleSet+DeployWatch)" "$ns ns" "-" "-" "-" "info"

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

echo
echo "| measure | telltale | baseline (same run) | ratio | target | result |"
echo "| --- | --- | --- | --- | --- | --- |"
for r in "${rows[@]}"; do
    IFS='|' read -r a b c d e f <<<"$r"
    echo "| $a | $b | $c | $d | $e | $f |"
done
echo
echo "$(nproc) cores, $(uname -sr), $(swift --version 2>/dev/null | head -1), load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
