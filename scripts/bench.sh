#!/usr/bin/env bash
# The load benchmark (docs/benchmarks.md): builds the jar, then drives the in-memory relay, Parley embedded and/or
# a local Parley cluster with the same open-loop load and prints a results table. Options go to
# dev.parley.bench.Benchmark, e.g.
#   scripts/bench.sh --targets relay,embedded --scenarios 200x20@500,200x20@1500 --seconds 20
#   scripts/bench.sh --targets relay,cluster --scenarios 200x20@500,100x2@1000 --pods 2
#   scripts/bench.sh --targets cluster-skewed --scenarios 100x2@500 --warmup 0   # every user on pod 0, moved under load
# Exits 1 if any acked message was lost or any send stored twice. A socket the server closes is opened again as
# clients do (GET /api/v1/connect, sync, resend what was not acked).
#   scripts/bench.sh idle-sockets [USERS] [PER_USER]   # memory of USERS x PER_USER idle sockets (default 2000 x 5)
#   scripts/bench.sh connect-storm [SOCKETS] [PODS]      # SOCKETS connecting at once to a local cluster (default 2000 over 2)
#   scripts/bench.sh store-latency [SECONDS]             # dynalite alone: calls/s and latency of a round's calls
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${BENCH_SKIP_BUILD:-}" != "true" ]; then
  ./mvnw -q -B package -DskipTests
fi
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
# BENCH_JAVA_OPTS: options for the benchmark JVM, e.g. -Dparley.runner=target/<name>-runner to run native pods.
exec java -Xmx1g ${BENCH_JAVA_OPTS:-} -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/test-classes:$(cat target/test-classpath.txt)" dev.parley.bench.Benchmark "$@"
