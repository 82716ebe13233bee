#!/usr/bin/env bash
# Validates the inventory as every pipeline does: a JUnit report and a text report under target/,
# the text on standard output, and validate's own exit status (0 valid, 1 invalid, 2 usage).
#   APP_JAR          the built tool   (default quarkus-app/target/quarkus-app/quarkus-run.jar)
#   INVENTORY_DIR    the inventory    (default inventory)
#   INVENTORY_AS_OF  YYYY-MM-DD       (default today in Japan: CI machines run on UTC)
set -uo pipefail
app_jar="${APP_JAR:-quarkus-app/target/quarkus-app/quarkus-run.jar}"
# Through the launcher the build installs beside the jar where it is there: its JVM options for a short command and its
# ahead-of-time cache (a 10,000-router diff in 2.7 s instead of 4.2 s, BENCHMARKS.md); plain java -jar otherwise.
launcher="$(dirname -- "$app_jar")/../bin/lgwan-config"
lgwan() { if [ -x "$launcher" ]; then "$launcher" "$@"; else java -jar "$app_jar" "$@"; fi; }
inventory="${INVENTORY_DIR:-inventory}"
as_of="${INVENTORY_AS_OF:-$(TZ=Asia/Tokyo date +%F)}"
if ! printf '%s\n' "$as_of" | grep -Eqx '[0-9]{4}-[0-9]{2}-[0-9]{2}'; then
  echo "INVENTORY_AS_OF must be YYYY-MM-DD, not '$as_of'" >&2
  exit 2
fi
mkdir -p target
echo "Validating $inventory/ as of $as_of" >&2
lgwan validate --inventory "$inventory" --as-of "$as_of" \
  --format junit --output target/inventory-validation.xml 2>/dev/null
lgwan validate --inventory "$inventory" --as-of "$as_of" \
  > target/inventory-validation.txt 2> target/inventory-validation.log
rc=$?
cat target/inventory-validation.txt target/inventory-validation.log
echo "$rc" > target/inventory-validation.rc
exit "$rc"
