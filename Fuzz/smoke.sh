#!/usr/bin/env bash
# The CI smoke run: every fuzz target for 12 s (60 s in all). Fails on a crash.
set -euo pipefail
exec "$(cd "$(dirname "$0")" && pwd)/run.sh" all 12
