#!/usr/bin/env bash
# Measures start-up time and resident memory of the embedded default (H2 in a file).
# Usage: scripts/measure-startup.sh   (builds the jar, starts it twice in a fresh folder:
# first start creates the schema, second start finds it)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
jar=$(ls target/journey-coach-*.jar | head -1)
work=$(mktemp -d)
port=${PORT:-18080}

measure() {
  local label=$1
  local started=$(date +%s.%N)
  (cd "$work" && exec java -jar "$OLDPWD/$jar" --server.port="$port" >"$work/$label.log" 2>&1) &
  local pid=$!
  until curl -fs "http://127.0.0.1:$port/actuator/health" | grep -q UP; do
    kill -0 "$pid" 2>/dev/null || { echo "$label: the application stopped; see $work/$label.log"; exit 1; }
    sleep 0.2
  done
  local ready=$(date +%s.%N)
  sleep 5  # let the first jobs and the webapps settle before reading memory
  local java_pid=$(pgrep -P "$pid" java || echo "$pid")
  local rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$java_pid/status" 2>/dev/null || awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  printf '%-12s ready in %5.1f s, resident memory %4d MB\n' "$label" "$(echo "$ready - $started" | bc)" "$((rss_kb / 1024))"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

measure first-start
measure second-start
rm -rf "$work"
