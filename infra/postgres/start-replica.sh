#!/bin/bash
# The read replica: cloned from the primary on first start (pg_basebackup, streaming WAL through
# its replication slot), then a hot standby. Read models may be read here; the event log, the
# projections and the relay need the primary (they write, and the gap-safe reads need its xids).
# Runs as root in the official postgres image and drops to the postgres user with gosu.
set -euo pipefail
: "${PRIMARY_HOST:?}" "${REPLICATION_PASSWORD_FILE:?}" "${PGDATA:?}"
mkdir -p "$PGDATA"
chown postgres:postgres "$PGDATA"
chmod 0700 "$PGDATA"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  export PGPASSWORD="$(cat "$REPLICATION_PASSWORD_FILE")"
  until pg_isready -h "$PRIMARY_HOST" -U replicator; do sleep 2; done
  gosu postgres pg_basebackup -h "$PRIMARY_HOST" -U replicator -D "$PGDATA" -X stream -S "${REPLICATION_SLOT:-replica_1}" -R
fi
exec gosu postgres postgres -c hot_standby=on -c hot_standby_feedback=on
