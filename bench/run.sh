#!/usr/bin/env bash
# The benchmark harness: bench/run.sh [--users N] [--query-users N] [--freshness-users N] [--quick] [--no-postgresql | --postgresql-only]
# Builds the service and bench/src against it (Maven compiles bench/src with the tests), generates the users straight into an embedded S3 server's
# folder, and prints one table in which every figure stands next to a baseline measured in the same run: first the
# start-up from outside (bin/user-ingest against java -jar, about a minute), then the loads (with the pipeline's own CPU
# per user, the S3 server in a JVM of its own), the freshness of events and the queries (--users 0, --query-users 0 and
# --freshness-users 0 leave parts out).
# --quick: 10,000 users (100,000 for the queries), for CI; the default is 100,000 (1,000,000 for the queries).
# The JVM gets BENCH_HEAP (default -Xmx256m); 1,000,000 query users need BENCH_HEAP=-Xmx2g, since the in-memory peer
# the query cells are measured against holds them all (the harness says so before it starts). The query cells use
# wrk and curl as their clients (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."

# package compiles bench/src with the tests (build-helper in pom.xml), into target/test-classes.
./mvnw -q -B -DskipTests package
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
classpath="target/classes:$(cat target/bench-classpath.txt)"

heap="${BENCH_HEAP:--Xmx256m}"
exec java "$heap" -cp "target/test-classes:$classpath" io.useringest.bench.Bench "$@"
