#!/bin/sh
# One-shot set-up of MinIO for docker-compose.yml (like the utils container of the set-ups this replaces): the two
# buckets, the sample data (once: only into an empty source bucket), and the source bucket's put and delete events
# sent to the service through the webhook target "ingest" that the minio service configures.
set -eu

mc alias set local http://minio:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD"
mc mb --ignore-existing local/source
mc mb --ignore-existing local/processed-data
if [ -z "$(mc ls local/source | head -n 1)" ]; then
  mc cp --recursive /sample-data/ local/source/
fi
# Adding the same subscription twice fails; an existing one is fine.
mc event add local/source arn:minio:sqs::INGEST:webhook --event put,delete \
  || mc event list local/source arn:minio:sqs::INGEST:webhook | grep -q INGEST
echo "minio-init: buckets source and processed-data ready, events of source sent to the service"
