#!/usr/bin/env bash
# HTTP load comparison of the same storefront query on the same in-memory data:
# graphql-js 17 + graphql-http (Node) vs OmniErp.GraphQL on Kestrel, one after the other on this machine.
#   tests/OmniErp.GraphQL.Benchmarks/load/run.sh
# Settings: TOOL=wrk|autocannon (wrk when installed), DURATION=15 (s), CONNECTIONS=32, THREADS=1 (wrk).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
cd "$here"
DURATION="${DURATION:-15}"; CONNECTIONS="${CONNECTIONS:-32}"; THREADS="${THREADS:-1}"
TOOL="${TOOL:-$(command -v wrk >/dev/null && echo wrk || echo autocannon)}"
[ -d node_modules/graphql-http ] || npm ci --no-audit --no-fund
dotnet build -c Release "$repo/tests/OmniErp.GraphQL.Benchmarks" -v q -nologo >/dev/null
dotnet "$repo/tests/OmniErp.GraphQL.Benchmarks/bin/Release/net10.0/OmniErp.GraphQL.Benchmarks.dll" serve 5081 & dotnet_pid=$!
node server.mjs 5082 >/dev/null & node_pid=$!
trap 'kill $dotnet_pid $node_pid 2>/dev/null || true' EXIT
for port in 5081 5082; do
  for _ in $(seq 1 100); do curl -sf -o /dev/null -H 'content-type: application/json' -d '{"query":"{__typename}"}' "http://127.0.0.1:$port/graphql" && break; sleep 0.2; done
done
# Both servers must return the same data.
q='{"query":"{ products(first: 24) { sku name description category price { amount currency } availability { available inStock } } }"}'
a=$(curl -s -H 'content-type: application/json' -d "$q" http://127.0.0.1:5081/graphql | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin), sort_keys=True))')
b=$(curl -s -H 'content-type: application/json' -d "$q" http://127.0.0.1:5082/graphql | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin), sort_keys=True))')
[ "$a" = "$b" ] || { echo "responses differ"; echo "$a" | head -c 300; echo; echo "$b" | head -c 300; exit 1; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); tool=$TOOL duration=${DURATION}s connections=$CONNECTIONS"
if [ "$TOOL" = wrk ]; then
  echo "| server | requests/s | p50 ms | p99 ms | socket errors |"; echo "|---|---|---|---|---|"
  declare -A rps
  for pair in "graphql-js=5082" "OmniErp.GraphQL=5081"; do
    label="${pair%%=*}"; port="${pair##*=}"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d5s --timeout 10s -s post.lua "http://127.0.0.1:$port/graphql" >/dev/null   # warm-up
    line=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s post.lua "http://127.0.0.1:$port/graphql" | grep RESULT)
    eval "$(echo "$line" | sed 's/RESULT //; s/ /;/g')"
    [ "$non2xx" = 0 ] || { echo "$label: $non2xx non-2xx responses"; exit 1; }
    rps[$label]=$rps
    echo "| $label | $rps | $p50 | $p99 | $errors |"
  done
  python3 -c "print(f'\nthroughput ratio OmniErp.GraphQL/graphql-js: {${rps[OmniErp.GraphQL]}/${rps[graphql-js]}:.2f}x')"
else
  DURATION=$DURATION CONNECTIONS=$CONNECTIONS node compare.mjs "graphql-js=http://127.0.0.1:5082/graphql" "OmniErp.GraphQL=http://127.0.0.1:5081/graphql"
fi
