#!/bin/sh
# Entry point of the app containers in compose.production.yaml: turns the Docker secrets named in
# PCM_SECRETS into the environment variables the apps read, then runs the command. Each process
# gets only the secrets its service lists (the relay: no master_key).
set -eu
secret() { cat "/run/secrets/$1"; }
for name in ${PCM_SECRETS:-}; do
  case "$name" in
    postgres_password) export DATABASE_URL="postgres://postgres:$(secret postgres_password)@${DATABASE_HOST:?}:5432/postgres" ;;
    master_key) export MASTER_KEY="$(secret master_key)" ;;
    audit_signing_key) export AUDIT_SIGNING_KEY="$(secret audit_signing_key)" ;;
    kurrentdb_password) export KURRENTDB_URL="$(printf '%s' "${KURRENTDB_URL_TEMPLATE:?}" | sed "s/@PASSWORD@/$(secret kurrentdb_password)/")" ;;
    *) echo "with-secrets.sh: unknown secret $name" >&2; exit 2 ;;
  esac
done
unset PCM_SECRETS KURRENTDB_URL_TEMPLATE
exec "$@"
