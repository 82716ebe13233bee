#!/usr/bin/env bash
# Shows what a change does to every router's config: renders the inventory at the merge base with
# BASE_REF and at HEAD, and writes target/config-diff.md (for a job summary or merge-request note)
# and target/config-diff.json. Exit 0 whether or not configs change (diff's 3 means "changes",
# not failure); 1 when the inventory or a template at HEAD is broken; 2 on a usage problem.
#   $1 / BASE_REF   the branch the change goes into, e.g. origin/main
set -uo pipefail
app_jar="${APP_JAR:-quarkus-app/target/quarkus-app/quarkus-run.jar}"
# Through the launcher the build installs beside the jar where it is there: its JVM options for a short command and its
# ahead-of-time cache (a 10,000-router diff in 2.7 s instead of 4.2 s, BENCHMARKS.md); plain java -jar otherwise.
launcher="$(dirname -- "$app_jar")/../bin/lgwan-config"
lgwan() { if [ -x "$launcher" ]; then "$launcher" "$@"; else java -jar "$app_jar" "$@"; fi; }
base_ref="${1:-${BASE_REF:-}}"
as_of="${INVENTORY_AS_OF:-$(TZ=Asia/Tokyo date +%F)}"
if [ -z "$base_ref" ]; then
  echo "usage: diff.sh BASE_REF" >&2
  exit 2
fi
base=$(git merge-base "$base_ref" HEAD) || { echo "no merge base between $base_ref and HEAD (fetch more history?)" >&2; exit 2; }
mkdir -p target
# one comparison, both reports
lgwan diff --base "$base" --head HEAD --as-of "$as_of" --format markdown --output target/config-diff.md --also json=target/config-diff.json
rc=$?
if [ "$rc" = 0 ] || [ "$rc" = 3 ]; then
  cat target/config-diff.md
  exit 0
fi
exit "$rc"
