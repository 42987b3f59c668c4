#!/usr/bin/env bash
# Load on the edge worker under local workerd (loopback only, bounded in
# time): wrk against POST /v1/risk/check (docs/API.md's example order) and
# POST /v1/detect with a 1,000-point series (every catalog detector with its
# defaults). Target (issue 9): >= 1,000 requests/s. Figures go in
# bench/RESULTS.md ("Edge function under workerd").
#
#   bench/edge_load.sh [seconds per route, default 10]
#
# Env: LF_EDGE_BUILD (wasm build with js-package/, default build/wasm),
# LF_BENCH_CONNECTIONS (default 16), LF_BENCH_THREADS (wrk threads, default 1:
# wrk shares the machine's cores with workerd).
# Every request is authenticated with an API key, passes the tenant's
# TenantGate Durable Object (replay check + rate limit, set high enough here
# never to refuse) and runs in the core; nothing is cached.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-10}
build=${LF_EDGE_BUILD:-build/wasm}
connections=${LF_BENCH_CONNECTIONS:-16}
threads=${LF_BENCH_THREADS:-1}
key=lf_bench_0123456789abcdef

work=$(mktemp -d)
server=
cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# A tenant whose rate limit never refuses: the bench measures serving.
cat > "$work/tenants.json" <<EOF
{"tenants": {"bench": {"api_keys": ["$key"],
                       "rate_limit": {"requests_per_second": 1000000, "burst": 1000000}}}}
EOF

# docs/API.md's risk/check example, shared with the other HTTP load script.
cp "$root/bench/risk_check_request.json" "$work/risk_check.json"

# 1,000 points: a slow sine with a level shift of 3 at sample 500.
node -e '
  const values = Array.from({ length: 1000 }, (_, i) => Math.sin(i / 20) + (i >= 500 ? 3 : 0));
  process.stdout.write(JSON.stringify({ series: { values } }));
' > "$work/detect.json"

port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
node "$root/edge/serve.mjs" --port "$port" --build "$build" --tenants "$work/tenants.json" \
  2> "$work/workerd.log" &
server=$!
url="http://127.0.0.1:$port"
for _ in $(seq 300); do
  curl -fs "$url/v1/health" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fs "$url/v1/health" >/dev/null || { cat "$work/workerd.log" >&2; exit 1; }

echo "edge worker on $url ($build), wrk -t$threads -c$connections -d${seconds}s per route"
for route in risk/check detect; do
  body="$work/${route//\//_}.json"
  # One request first: the answer must be a 200 (a wrong body would measure
  # the error path).
  status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $key" \
    --data-binary "@$body" "$url/v1/$route")
  [ "$status" = 200 ] || { echo "POST /v1/$route answered $status" >&2; exit 1; }
  cat > "$work/post.lua" <<EOF
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer $key"
wrk.headers["Content-Type"] = "application/json"
local file = io.open("$body", "rb")
wrk.body = file:read("*a")
file:close()
EOF
  echo
  echo "== POST /v1/$route ($(stat -c %s "$body") bytes), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s "$work/post.lua" "$url/v1/$route"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  # The floor under the shell: the same package answering the same body in
  # one Node thread, no HTTP (workerd also runs a worker on one thread).
  node --input-type=module -e '
    const [packageDir, route, bodyFile, seconds] = process.argv.slice(1);
    const { createLatticeForge } = await import(`${packageDir}/index.js`);
    const { readFileSync } = await import("node:fs");
    const lf = await createLatticeForge();
    const body = readFileSync(bodyFile, "utf8");
    let calls = 0;
    const started = performance.now();
    while (performance.now() - started < seconds * 1000) {
      if (lf.dispatch(route, body).status !== 200) throw new Error(`${route} failed`);
      calls += 1;
    }
    const rate = calls / ((performance.now() - started) / 1000);
    console.log(`core alone (Node, same package, no HTTP): ${rate.toFixed(0)} calls/s`);
  ' "$(cd "$root" && realpath "$build")/js-package" "$route" "$body" "$seconds"
done
