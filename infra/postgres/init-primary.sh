#!/bin/bash
# Runs once, when the primary's data directory is created (docker-entrypoint-initdb.d):
# a replication role for the read replica, allowed in pg_hba.conf.
set -euo pipefail
REPLICATION_PASSWORD="$(cat "${REPLICATION_PASSWORD_FILE:?}")"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v password="$REPLICATION_PASSWORD" <<'SQL'
create role replicator with replication login password :'password';
select pg_create_physical_replication_slot('replica_1');
SQL
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
