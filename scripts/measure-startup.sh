#!/usr/bin/env bash
# Measures start-up of the packaged jar: time to the first answered request and RSS after start, in embedded and
# cluster mode (the cluster stack is started as local processes first), and of a native executable in cluster mode
# when given one. Usage: scripts/measure-startup.sh [runs] [native executable]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B package -DskipTests -De2e.skip=true
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/test-classes:$(cat target/test-classpath.txt)" dev.parley.support.StartupBenchmark "${1:-5}" ${2:+"$2"}
