#!/usr/bin/env bash
# A whole cluster on this machine, as the compose and Kubernetes manifests run it across hosts: redis-server, SILOS
# silos serving RUN (Redis membership, each ready on /v2/health/ready before the next starts), one client run
# (`ensemble tag --cluster`) over CLIPS with a submission CSV, then a graceful stop (SIGTERM: drain, leave). CI runs
# it (tests/Cli.Tests/Deploy/LocalClusterScriptTests.cs). Exit status: the client's (non-zero when a clip failed),
# or 1 when a silo did not start or stop cleanly.
#   deploy/local-cluster.sh [--silos N] [--run RUN] [--clips DIR] [--out CSV]
# Ports: redis 6391 (REDIS_PORT), silo N on 2111N (silo), 3100N (gateway), 1800N (HTTP), all moved by PORT_SHIFT; logs in
# a temp folder.
source "$(dirname "${BASH_SOURCE[0]}")/lib/cluster.sh"
silos=2 run="$root/models/demo" clips="$root/samples/test" out="$work/submission.csv"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --silos) silos=$2; shift 2 ;;
    --run) run=$2; shift 2 ;;
    --clips) clips=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "local-cluster: unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
if ! [[ "$silos" =~ ^[1-9]$ ]]; then echo "local-cluster: --silos must be 1..9 (the port scheme gives each one digit)" >&2; exit 2; fi
start_cluster "$run" start_silo "$silos"
echo "local cluster: $silos silos ready (redis $cluster, logs $work)"
rc=0
dotnet "$cli" tag --cluster "$cluster" "$clips" --out "$out" --top 1 || rc=$?
echo "local cluster: client exited $rc, submission $out"
stop_silos || rc=1
echo "local cluster: stopped"
exit $rc
