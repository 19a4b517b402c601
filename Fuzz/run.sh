#!/usr/bin/env bash
# Builds the libFuzzer targets and runs one (or all) for a given time.
#
#   Fuzz/run.sh TARGET SECONDS     TARGET: log-reader, entry-assembler, config-loader, json-value, theme-loader
#   Fuzz/run.sh all SECONDS        each target in turn, SECONDS each
#
# Crashes land in Fuzz/crashes/ (reproduce with: Fuzz/.build/debug/<Target> <file>).
# The growing corpus lives in Fuzz/.corpus/ (not committed); seeds come from the
# test fixtures. Debug build only: release builds of this machine's packages are
# not worth their time for a fuzzing run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
target="${1:?usage: run.sh TARGET|all SECONDS}"
seconds="${2:?usage: run.sh TARGET|all SECONDS}"

product() {
  case "$1" in
    log-reader) echo FuzzLogReader ;;
    entry-assembler) echo FuzzEntryAssembler ;;
    config-loader) echo FuzzConfigLoader ;;
    json-value) echo FuzzJSONValue ;;
    theme-loader) echo FuzzThemeLoader ;;
    *) echo "unknown target $1 (log-reader, entry-assembler, config-loader, json-value, theme-loader, all)" >&2; exit 64 ;;
  esac
}

seed() {
  local name="$1" dir="$here/.corpus/$1"
  mkdir -p "$dir"
  local fixtures="$root/Tests/TelltaleCoreTests/Fixtures"
  case "$name" in
    log-reader|entry-assembler)
      cp -n "$fixtures"/backend-logs.ndjson "$fixtures"/gcloud-logging-read.json "$dir"/ 2>/dev/null || true
      [ -f "$root/Tests/TelltaleCLITests/Fixtures/plain.log" ] && cp -n "$root/Tests/TelltaleCLITests/Fixtures/plain.log" "$dir"/ || true ;;
    config-loader)
      cp -n "$fixtures"/config/*.yaml "$dir"/ 2>/dev/null || true
      cp -n "$root/Sources/TelltaleCore/Rules/default-rules.yaml" "$dir"/ ;;
    json-value)
      for f in "$fixtures"/health/*.json; do cp -n "$f" "$dir"/; done ;;
    theme-loader)
      cp -n "$root"/Sources/TelltaleUI/themes/*.yaml "$dir"/ ;;
  esac
}

build() {
  local log
  log="$(mktemp)"
  if ! swift build --package-path "$here" --build-path "$here/.build" -Xswiftc -sanitize=fuzzer,address "$@" >"$log" 2>&1; then
    grep -v "Cannot export local symbol" "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}

run_one() {
  local name="$1" exe
  exe="$(product "$name")"
  seed "$name"
  mkdir -p "$here/crashes"
  echo "== $name for ${seconds}s"
  "$here/.build/debug/$exe" "$here/.corpus/$name" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=3072 -max_len=8192 \
    -print_final_stats=1 -artifact_prefix="$here/crashes/$name-"
}

if [ "$target" = all ]; then
  build
  failed=()
  for name in log-reader entry-assembler config-loader json-value theme-loader; do
    run_one "$name" || failed+=("$name")
  done
  if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzzing found crashes in: ${failed[*]} (inputs in $here/crashes/)" >&2
    exit 1
  fi
else
  build --product "$(product "$target")"
  run_one "$target"
fi
