#!/usr/bin/env bash
# Storefront load run on PostgreSQL: the 24-product page over HTTP vs raw SQL doing the same reads, same run.
# Usage: tests/OmniErp.Benchmarks/Storefront/run.sh [seconds=20] [clients=32] [demo-scale=1]
# Starts a throwaway PostgreSQL (initdb/pg_ctl from the machine, as user postgres when root), migrates and seeds the
# demo, runs the load, stops the server. Set PGCONN to use an existing, seeded database instead.
set -euo pipefail
cd "$(dirname "$0")/../../.."
SECONDS_EACH=${1:-20}; CLIENTS=${2:-32}; SCALE=${3:-1}
if [[ -z "${PGCONN:-}" ]]; then
  DIR=$(mktemp -d /tmp/omnierp-load.XXXX); PORT=55499
  AS=(); [[ $(id -u) == 0 ]] && { chown postgres "$DIR"; AS=(su postgres -c); }
  run() { if [[ ${#AS[@]} -gt 0 ]]; then "${AS[@]}" "$*"; else bash -c "$*"; fi; }
  run "initdb -D $DIR/data -A trust -U postgres >/dev/null && pg_ctl -D $DIR/data -o '-p $PORT -k $DIR -c max_connections=200' -l $DIR/log -w start >/dev/null"
  trap 'run "pg_ctl -D $DIR/data -m fast stop >/dev/null"; rm -rf "$DIR"' EXIT
  run "psql -h $DIR -p $PORT -U postgres -c 'CREATE DATABASE omnierp' >/dev/null"
  PGCONN="Host=$DIR;Port=$PORT;Username=postgres;Database=omnierp"
  dotnet build -c Release src/OmniErp.Host >/dev/null
  Database__Provider=Postgres Database__ConnectionString="$PGCONN" Demo__Scale=$SCALE Logging__LogLevel__Default=Warning \
    dotnet src/OmniErp.Host/bin/Release/net10.0/OmniErp.Host.dll migrate >/dev/null
  Database__Provider=Postgres Database__ConnectionString="$PGCONN" Demo__Scale=$SCALE Logging__LogLevel__Default=Warning \
    dotnet src/OmniErp.Host/bin/Release/net10.0/OmniErp.Host.dll seed
fi
dotnet run -c Release --project tests/OmniErp.Benchmarks -- storefront "$PGCONN" "$SECONDS_EACH" "$CLIENTS"
