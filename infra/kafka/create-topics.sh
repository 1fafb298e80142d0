#!/bin/bash
# The integration topics (libs/integration-events: one per context and major contract version),
# created once with 3 replicas, writes acknowledged by at least 2 (the relay sends with acks=all),
# 6 partitions (a stream's events keep their order: the key is the stream id), kept 90 days.
set -euo pipefail
: "${BOOTSTRAP:?}"
for topic in pcm.tips.v1 pcm.penalties.v1 pcm.establishments.v1 pcm.inspections.v1 pcm.hotspots.v1; do
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$topic" \
    --partitions 6 --replication-factor 3 \
    --config min.insync.replicas=2 --config retention.ms=7776000000 --config unclean.leader.election.enable=false
done
