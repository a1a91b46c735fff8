#!/usr/bin/env bash
# The resident size of bin/user-ingest after a full load and a query load: bench/memory.sh [users] (default 100,000).
# Generates the users as files into a data folder's embedded S3 bucket (folders of 1,000, 70% with an image), then for
# each set of JVM options below: copies the folder, starts bin/user-ingest on it (its start-up run loads the users),
# reads the RSS once the run succeeded, runs the query load (wrk at 16 connections for 8 s each on /stats, the filtered
# /stats, /data?limit=100, /data?limit=100&min_age=30, the full /data; then the CSV and the HTML page three times),
# waits 20 s and reads the RSS again. The baseline is the same service with the JVM options it had before it gave
# memory back (docs/benchmarks.md "Memory"). Needs wrk, curl and python3; builds nothing (./mvnw package first).
set -euo pipefail
cd "$(dirname "$0")/.."
users=${1:-100000}
port=18181
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work/pristine/s3/source/users" "$users" <<'EOF'
import os, random, sys
root, users = sys.argv[1], int(sys.argv[2])
random.seed(7)
png = bytes.fromhex('89504e470d0a1a0a') + bytes(172)
for i in range(users):
    folder = os.path.join(root, 'part-%04d' % (i // 1000))
    if i % 1000 == 0:
        os.makedirs(folder, exist_ok=True)
    user = 1000000 + i
    with open(os.path.join(folder, '%d.csv' % user), 'w') as f:
        f.write('first_name,last_name,birthts\nFirst%d,Last%d,%d\n'
                % (i, i, -900000000000 + int(random.random() * 2000000000000)))
    if random.randrange(10) < 7:
        with open(os.path.join(folder, '%d.png' % user), 'wb') as f:
            f.write(png)
EOF

rss_mib() {
    echo $(( $(ps -o rss= -p "$1") / 1024 ))
}

# measure <label> <JAVA_OPTS or empty for bin/user-ingest's defaults>: prints "<after load> <after queries>" in MiB
measure() {
    local data="$work/$1"
    rm -rf "$data"
    cp -r "$work/pristine" "$data"
    if [ -n "$2" ]; then export JAVA_OPTS="$2"; else unset JAVA_OPTS; fi
    DATA_DIR="$data" SERVER_PORT=$port DEMO_DATA=false bin/user-ingest > "$work/$1.log" 2>&1 &
    # bin/user-ingest execs java: once it has, the launcher's pid is the service's.
    local pid=$!
    until tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "-jar .*user-ingest.jar"; do
        sleep 0.5
    done
    until curl -sf "http://127.0.0.1:$port/runs?limit=1" 2>/dev/null | grep -q '"status":"succeeded"'; do
        sleep 1
    done
    sleep 2
    local loaded
    loaded=$(rss_mib "$pid")
    for path in "/stats" "/stats?min_age=30&max_age=60" "/data?limit=100" "/data?limit=100&min_age=30" "/data"; do
        wrk -t2 -c16 -d8s "http://127.0.0.1:$port$path" > /dev/null 2>&1
    done
    for _ in 1 2 3; do
        curl -s -H 'Accept: text/csv' "http://127.0.0.1:$port/data" > /dev/null
        curl -s -H 'Accept: text/html' "http://127.0.0.1:$port/data" > /dev/null
    done
    sleep 20
    echo "$loaded $(rss_mib "$pid")"
    kill "$pid"
    wait "$pid" || true
    unset JAVA_OPTS
}

read -r base_load base_queries <<< "$(measure before "-XX:+UseSerialGC -Xms32m -Xmx256m -XX:+ExitOnOutOfMemoryError")"
read -r now_load now_queries <<< "$(measure now "")"
echo
echo "user-ingest memory: $users users, $(nproc) cores, $("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1)"
echo "| RSS of bin/user-ingest (MiB) | value | baseline | ratio | ratio of | goal |"
echo "|---|---|---|---|---|---|"
ratio() { awk "BEGIN { printf \"%.2f\", $1 / $2 }"; }
echo "| after the full load | $now_load | $base_load | $(ratio "$now_load" "$base_load") | ÷ the JVM options before memory was given back | |"
echo "| after the load and the query load, 20 s idle | $now_queries | $base_queries | $(ratio "$now_queries" "$base_queries") | ÷ the same | <= 300 MiB |"
