#!/usr/bin/env bash
# A throw-away Spark cluster for the `spark` target, reached the way users meet one: over the
# Thrift server (dbt-spark `method: thrift`).
#
#   scripts/spark.sh install   a JDK from Debian's packages, if there is none (needs root); Spark
#                              itself is the pyspark wheel in .venv (requirements.txt), which ships
#                              the jars, the Hive Thrift server included
#   scripts/spark.sh start     a standalone master and two workers on 127.0.0.1, and the Thrift server
#                              submitted to that master; warehouse, Derby metastore, logs and process
#                              ids under $ENGINES_DIR/spark; waits until the Thrift port answers
#   scripts/spark.sh stop      stop every process it started (by process id) and remove the folder
#
# Settings: SPARK_PORT (10000), SPARK_MASTER_PORT (7077), SPARK_WORKER_MEMORY (2g),
# SPARK_EXECUTOR_MEMORY (1g), SPARK_DRIVER_MEMORY (2g), ENGINES_DIR ($TMPDIR/warehouse-engines),
# PYTHON (.venv/bin/python).
set -euo pipefail

HERE=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-$HERE/.venv/bin/python}
PORT=${SPARK_PORT:-10000}
MASTER_PORT=${SPARK_MASTER_PORT:-7077}
ROOT=${ENGINES_DIR:-${TMPDIR:-/tmp}/warehouse-engines}/spark
export SPARK_LOCAL_IP=127.0.0.1

spark_home() { "$PYTHON" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))'; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

launch() {  # launch NAME COMMAND...: in the background, its output in a log, its pid kept
    local name=$1; shift
    nohup "$@" >"$ROOT/logs/$name.log" 2>&1 &
    echo $! >>"$ROOT/pids"
}

case "${1:-}" in
install)
    if command -v java >/dev/null 2>&1; then echo "spark: $(java -version 2>&1 | head -n 1)"; exit 0; fi
    [ "$(id -u)" = 0 ] || { echo "spark: installing a JDK needs root (apt-get install openjdk-17-jdk-headless)" >&2; exit 1; }
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless >/dev/null
    echo "spark: installed $(java -version 2>&1 | head -n 1)"
    ;;
start)
    if port_open "$PORT"; then echo "spark: something already answers on 127.0.0.1:$PORT" >&2; exit 1; fi
    command -v java >/dev/null 2>&1 || { echo "spark: no JDK (run: $0 install)" >&2; exit 1; }
    HOME_DIR=$(spark_home)
    rm -rf "$ROOT" && mkdir -p "$ROOT/logs" "$ROOT/work" "$ROOT/warehouse" "$ROOT/tmp"
    : >"$ROOT/pids"
    cd "$ROOT"  # Derby and Spark drop files in the working directory: keep them here
    launch master "$HOME_DIR/bin/spark-class" org.apache.spark.deploy.master.Master \
        --host 127.0.0.1 --port "$MASTER_PORT" --webui-port 0
    for worker in 1 2; do
        launch "worker-$worker" "$HOME_DIR/bin/spark-class" org.apache.spark.deploy.worker.Worker \
            "spark://127.0.0.1:$MASTER_PORT" --host 127.0.0.1 --cores 1 \
            --memory "${SPARK_WORKER_MEMORY:-2g}" --work-dir "$ROOT/work/$worker" --webui-port 0
    done
    for _ in $(seq 1 60); do port_open "$MASTER_PORT" && break; sleep 1; done
    launch thrift "$HOME_DIR/bin/spark-submit" --master "spark://127.0.0.1:$MASTER_PORT" \
        --class org.apache.spark.sql.hive.thriftserver.HiveThriftServer2 --name warehouse-thrift \
        --driver-memory "${SPARK_DRIVER_MEMORY:-2g}" \
        --conf spark.driver.host=127.0.0.1 \
        --conf spark.executor.memory="${SPARK_EXECUTOR_MEMORY:-1g}" \
        --conf spark.ui.enabled=false \
        --conf spark.sql.warehouse.dir="$ROOT/warehouse" \
        --conf spark.local.dir="$ROOT/tmp" \
        --conf spark.sql.shuffle.partitions=4 \
        --conf "spark.hadoop.javax.jdo.option.ConnectionURL=jdbc:derby:;databaseName=$ROOT/metastore;create=true" \
        --conf "spark.driver.extraJavaOptions=-Dderby.system.home=$ROOT -Xss16m" \
        --hiveconf "hive.server2.thrift.port=$PORT" --hiveconf hive.server2.thrift.bind.host=127.0.0.1 \
        spark-internal
    for _ in $(seq 1 180); do
        if port_open "$PORT"; then echo "spark: Thrift server on 127.0.0.1:$PORT (master :$MASTER_PORT, 2 workers, $ROOT)"; exit 0; fi
        sleep 1
    done
    echo "spark: the Thrift server did not answer within 180 s; see $ROOT/logs" >&2
    exit 1
    ;;
stop)
    [ -f "$ROOT/pids" ] || exit 0
    pids=$(cat "$ROOT/pids")
    # spark-class/spark-submit exec into java, so these ids are the JVMs themselves
    kill $pids 2>/dev/null || true
    for _ in $(seq 1 30); do
        alive=""
        for pid in $pids; do kill -0 "$pid" 2>/dev/null && alive="$alive $pid"; done
        [ -z "$alive" ] && break
        sleep 1
    done
    [ -n "${alive:-}" ] && kill -9 $alive 2>/dev/null || true
    rm -rf "$ROOT"
    echo "spark: stopped"
    ;;
*)
    echo "usage: $0 install|start|stop" >&2; exit 2 ;;
esac
