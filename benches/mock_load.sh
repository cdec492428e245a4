#!/usr/bin/env bash
# Load benchmark of pinpoint-mock (release) with wrk: GetApp and UpdateEndpoint at 16
# connections, against the in-memory store and the durable SQLite store (--data-dir) side by
# side in one run, with the ratio durable/memory. Not run by CI; run by hand and compare with
# the figures in the issue notes.
#
#   benches/mock_load.sh [DURATION_S] [WRK_THREADS]   (MOCK_THREADS=N to change the server)
#
# On a two-core machine the load generator and the server share the cores: by default each gets
# one (wrk -t1, pinpoint-mock --threads 1), which keeps the tail latency from measuring the
# scheduler instead of the server.
#
# Needs wrk (Debian: apt-get install wrk). Traffic goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
threads=${2:-1}
port=${PORT:-45660}
cargo build --release --quiet --bin pinpoint-mock
lua=$(mktemp --suffix=.lua)
data=$(mktemp -d)
trap 'rm -rf "$lua" "$data"; kill $(jobs -p) 2>/dev/null || true' EXIT

# Prints "GETAPP_RPS UPDATE_RPS" for one store; the wrk reports go to stderr.
measure() {
  local label=$1
  shift
  target/release/pinpoint-mock --port "$port" --seed demo ${MOCK_THREADS:---threads 1} "$@" \
    >"/tmp/pinpoint-mock-bench-$label.log" 2>&1 &
  local mock=$!
  for _ in $(seq 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/v1/apps" && break
    sleep 0.1
  done
  local app
  app=$(curl -s "http://127.0.0.1:$port/v1/apps?page-size=1" | sed -E 's/.*"Id":"([0-9a-f]{32})".*/\1/')
  cat >"$lua" <<LUA
APP = "$app"
-- UpdateEndpoint over 10,000 endpoint ids, with a realistic body.
local counter = 0
request = function()
  counter = counter + 1
  local body = '{"ChannelType":"SMS","Address":"+1206555' .. string.format("%04d", counter % 10000) ..
    '","Attributes":{"interests":["hiking","news"]},"Demographic":{"Platform":"iOS",' ..
    '"Timezone":"America/Los_Angeles"},"User":{"UserId":"user-' .. (counter % 5000) .. '"}}'
  return wrk.format("PUT", "/v1/apps/" .. APP .. "/endpoints/ep-" .. (counter % 10000),
    {["Content-Type"] = "application/json"}, body)
end
LUA
  echo "== $label: GetApp (16 connections, ${duration}s)" >&2
  local get
  get=$(wrk -t"$threads" -c16 -d"${duration}s" --latency "http://127.0.0.1:$port/v1/apps/$app" | tee /dev/stderr | awk '/Requests\/sec/ {print $2}')
  echo "== $label: UpdateEndpoint (16 connections, ${duration}s)" >&2
  local put
  put=$(wrk -t"$threads" -c16 -d"${duration}s" --latency -s "$lua" "http://127.0.0.1:$port/" | tee /dev/stderr | awk '/Requests\/sec/ {print $2}')
  kill "$mock"
  wait "$mock" 2>/dev/null || true
  echo "$get $put"
}

read -r mem_get mem_put < <(measure memory)
read -r sql_get sql_put < <(measure sqlite --data-dir "$data")
echo
echo "store      GetApp req/s   UpdateEndpoint req/s"
printf "memory     %12s   %20s\n" "$mem_get" "$mem_put"
printf "sqlite     %12s   %20s\n" "$sql_get" "$sql_put"
awk -v a="$sql_get" -v b="$mem_get" -v c="$sql_put" -v d="$mem_put" \
  'BEGIN { printf "ratio      %11.0f%%   %19.0f%%   (durable / memory; needed: reads >= 90%%, writes >= 50%%)\n", 100*a/b, 100*c/d }'
