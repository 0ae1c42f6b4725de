#!/usr/bin/env bash
# The README's Quick start holds exactly two commands, and .ci/run runs the
# second (the test command) verbatim.
set -euo pipefail
root="$1"
quick_start=$(awk '/^## Quick start/{on=1; next} /^## /{on=0} on' "$root/README.md")
commands=$(printf '%s\n' "$quick_start" | awk '/^```/{inside=!inside; next} inside')
count=$(printf '%s\n' "$commands" | grep -c .)
[ "$count" -eq 2 ] || { echo "Quick start has $count commands, expected 2"; exit 1; }
test_command=$(printf '%s\n' "$commands" | sed -n 2p)
grep -qxF "$test_command" "$root/.ci/run" || { echo ".ci/run does not run: $test_command"; exit 1; }
printf '%s\n' "$test_command" | grep -q 'ctest' || { echo "the test command does not run ctest"; exit 1; }
echo "README quick start and .ci/run agree"
