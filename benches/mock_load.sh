#!/usr/bin/env bash
# Load benchmark of pinpoint-mock (release) with wrk: GetApp and UpdateEndpoint at 16
# connections. Not run by CI; run by hand and compare with the figures in the issue notes.
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
target/release/pinpoint-mock --port "$port" --seed demo ${MOCK_THREADS:---threads 1} >/tmp/pinpoint-mock-bench.log 2>&1 &
mock=$!
trap 'kill $mock 2>/dev/null' EXIT
for _ in $(seq 50); do
  curl -s -o /dev/null "http://127.0.0.1:$port/v1/apps" && break
  sleep 0.1
done
app=$(curl -s "http://127.0.0.1:$port/v1/apps?page-size=1" | sed -E 's/.*"Id":"([0-9a-f]{32})".*/\1/')
lua=$(mktemp --suffix=.lua)
cat >"$lua" <<'LUA'
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
sed -i "1i APP = \"$app\"" "$lua"
echo "== GetApp (16 connections, ${duration}s)"
wrk -t"$threads" -c16 -d"${duration}s" --latency "http://127.0.0.1:$port/v1/apps/$app"
echo "== UpdateEndpoint (16 connections, ${duration}s)"
wrk -t"$threads" -c16 -d"${duration}s" --latency -s "$lua" "http://127.0.0.1:$port/"
rm -f "$lua"
