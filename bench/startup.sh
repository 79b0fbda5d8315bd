#!/usr/bin/env bash
# Whole-command start times of the web app on SQLite, from process start to GET /health = 200:
# a first start (migrations, both administrative maps, the 20,000-person demo) and a second start
# on the same data. Usage: bench/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release src/AnSinh.Web -v q -nologo >/dev/null
dir=$(mktemp -d)
port=5099
measure() {
  local t0 t1 pid
  t0=$(date +%s%N)
  ANSINH_DATA_DIR="$dir" ANSINH_ADMIN_PASSWORD=Bench-12345 dotnet src/AnSinh.Web/bin/Release/net10.0/AnSinh.Web.dll --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do sleep 0.05; done
  t1=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$1: $(( (t1 - t0) / 1000000 )) ms"
}
measure "first start (migrations, maps, demo)"
measure "second start (data in place)"
rm -rf "$dir"
