#!/usr/bin/env bash
# Load on the native HTTP server (docs/HTTP.md), loopback only, bounded in
# time: wrk against `lf serve` for POST /v1/risk/check (the request of
# docs/API.md, "Pre-trade risk") and POST /v1/detect with a 1,000-point
# series (every catalog detector). Target (issue 9): >= 20,000 requests/s on
# risk/check with p99 < 5 ms and no errors, on 2 cores.
#
#   bench/http_load.sh                 # 10 s per route, 1 wrk thread, 32 connections
#   DURATION=5s CONNECTIONS=64 bench/http_load.sh
#
# The server is $LF_CLI (default build/native/native/lf); its log goes to
# /dev/null (one JSON line per request would otherwise be part of the load).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
lf=${LF_CLI:-$root/build/native/native/lf}
duration=${DURATION:-10s}
threads=${THREADS:-1}
connections=${CONNECTIONS:-32}
scratch=$(mktemp -d)
server=
cleanup() {
  if [ -n "$server" ]; then kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "http_load: wrk is not installed (scripts/setup)" >&2; exit 1; }
[ -x "$lf" ] || { echo "http_load: no lf at $lf (build it, or set LF_CLI)" >&2; exit 1; }

key=lf_bench_0123456789abcdef
# A rate limit far above what two cores can serve: the bench measures the
# server, not the limiter's refusals.
cat >"$scratch/tenants.json" <<JSON
{"tenants": {"bench": {"api_keys": ["$key"],
  "rate_limit": {"requests_per_second": 1e9, "burst": 1e9}}}}
JSON
# docs/API.md's risk/check example, shared with the other HTTP load script.
cp "$root/bench/risk_check_request.json" "$scratch/risk_check.json"
# 1,000 points: a noisy level shift at 600 (fixed, deterministic values).
python3 - "$scratch/detect.json" <<'PY'
import json, math, sys
values = [round(math.sin(i * 0.37) + 0.5 * math.sin(i * 1.91) + (3.0 if i >= 600 else 0.0), 6)
          for i in range(1000)]
json.dump({"series": {"values": values}}, open(sys.argv[1], "w"))
PY

"$lf" serve --port 0 --tenants "$scratch/tenants.json" --data-dir "$scratch/data" \
  >"$scratch/stdout" 2>/dev/null &
server=$!
for _ in $(seq 100); do
  url=$(sed -n 's/^listening on //p' "$scratch/stdout")
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "http_load: lf serve did not start" >&2; exit 1; }

# A bad body would measure the error path: check each answer first.
for route in risk_check detect; do
  path=${route/_//}
  status=$(curl -s -o "$scratch/$route.answer" -w '%{http_code}' -X POST "$url/v1/$path" \
    -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
    --data-binary @"$scratch/$route.json")
  [ "$status" = 200 ] || { echo "http_load: $path answered $status: $(cat "$scratch/$route.answer")" >&2; exit 1; }
done

echo "lf serve at $url; wrk -t$threads -c$connections -d$duration; $(nproc) cores"
for route in risk_check detect; do
  path=${route/_//}
  echo "load average before $path: $(cut -d' ' -f1-3 /proc/loadavg)"
  wrk -t"$threads" -c"$connections" -d"$duration" --timeout 10s -s "$root/bench/http_load.lua" \
    "$url/v1/$path" -- "$scratch/$route.json" "$key" | sed "s|^RESULT |RESULT route=$path |"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
