#!/usr/bin/env bash
# Starts a local Parley cluster on this machine, no Docker: PostgreSQL, Redis, Kafka and DynamoDB (dynalite) as
# processes, plus N Parley instances in cluster mode on ports 8081, 8082, ... Ctrl-C stops everything.
#   scripts/local-cluster.sh            # two instances
#   scripts/local-cluster.sh 3 9001     # three instances on ports 9001-9003
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B package -DskipTests
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "target/test-classes:$(cat target/test-classpath.txt)" dev.parley.support.LocalCluster "${1:-2}" "${2:-8081}"
