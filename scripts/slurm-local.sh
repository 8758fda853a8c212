#!/usr/bin/env bash
# A throw-away single-node Slurm cluster for hemma's Slurm test (and for
# trying examples/slurm/ on a laptop).
#
#   bash scripts/slurm-local.sh up DIR     start it; then: export SLURM_CONF=DIR/slurm.conf
#   bash scripts/slurm-local.sh down DIR   stop it and delete DIR
#
# `up` installs Debian's slurm-wlm and munge with apt-get when they are
# missing (needs root and the package mirror), writes a configuration, a
# munge key, state and logs under DIR only (nothing in /etc is touched),
# starts munged, slurmctld and slurmd without systemd, and returns when the
# node accepts jobs. One node (this machine, all its CPUs), no cgroups and no
# accounting, so it also runs in a container. Daemons run as root; jobs run
# as the submitting user. Ports: HEMMA_SLURM_CTLD_PORT (default 16817) and
# HEMMA_SLURM_SLURMD_PORT (16818), away from a real cluster's 6817/6818.
# Logs: DIR/log/. Exit status non-zero, with the log's tail, if a daemon does
# not come up within HEMMA_SLURM_TIMEOUT seconds (default 60).
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"

usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; }
[ $# -eq 2 ] || { usage >&2; exit 2; }
action=$1
dir=$2
case "$dir" in /*) ;; *) dir="$PWD/$dir" ;; esac
[ "$dir" != / ] && [ "$dir" != "$HOME" ] || { echo "slurm-local: refusing DIR $dir (it is deleted by down)" >&2; exit 2; }
timeout=${HEMMA_SLURM_TIMEOUT:-60}
say() { printf 'slurm-local: %s\n' "$*" >&2; }
fail() { say "$*"; exit 1; }

# The PID recorded for daemon NAME, if that process is still NAME and uses
# this DIR (a recycled PID is never taken for ours).
ours() {
  local file="$dir/run/$1.pid" pid cmd
  [ -s "$file" ] || return 1
  pid=$(cat "$file")
  cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  case "$cmd" in *"$1"*"$dir"*) echo "$pid" ;; *) return 1 ;; esac
}

stop() {
  if [ -s "$dir/slurm.conf" ] && ours slurmctld >/dev/null; then
    SLURM_CONF="$dir/slurm.conf" scancel --quiet --user="$(id -un)" 2>/dev/null || true
  fi
  local name pid
  for name in slurmd slurmctld munged; do
    pid=$(ours "$name") || continue
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
}

# Retries COMMAND... until it succeeds; fails when daemon NAME has died or
# the time is up, printing its log.
await() {
  local name=$1 log=$2 until=$(( $(date +%s) + timeout ))
  shift 2
  until "$@" >/dev/null 2>&1; do
    if ! ours "$name" >/dev/null || [ "$(date +%s)" -ge "$until" ]; then
      say "$name did not come up; last lines of $log:"
      tail -n 20 "$log" >&2 2>/dev/null || true
      stop
      exit 1
    fi
    sleep 0.3
  done
}

# Starts NAME (the rest: its command line) in a session of its own.
launch() {
  local name=$1
  shift
  setsid "$@" </dev/null >>"$dir/log/$name.out" 2>&1 &
  echo $! >"$dir/run/$name.pid"
}

up() {
  [ "$(id -u)" -eq 0 ] || fail "needs root (daemons run as root): sudo bash $0 up $dir"
  local missing=() b
  for b in munged munge slurmctld slurmd sbatch sinfo; do command -v "$b" >/dev/null || missing+=("$b"); done
  if [ ${#missing[@]} -gt 0 ]; then
    command -v apt-get >/dev/null || fail "missing ${missing[*]} and no apt-get: install slurm-wlm and munge"
    say "installing slurm-wlm and munge (missing: ${missing[*]})"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q --no-install-recommends slurm-wlm munge >/dev/null 2>&1 || {
      apt-get update -q >/dev/null 2>&1 || true
      apt-get install -y -q --no-install-recommends slurm-wlm munge >/dev/null || fail "apt-get install slurm-wlm munge failed"
    }
  fi
  stop
  rm -rf "$dir"
  mkdir -p "$dir"/{log,run,key,sock,state,spool}
  chmod 755 "$dir" "$dir/log" "$dir/run" "$dir/sock" "$dir/spool"
  chmod 700 "$dir/key"
  head -c 1024 /dev/urandom >"$dir/key/munge.key"
  chmod 600 "$dir/key/munge.key"

  local node cpus mem socket="$dir/sock/munge.socket"
  node=$(hostname -s 2>/dev/null || echo localhost)
  cpus=$(nproc)
  mem=$(awk '/^MemAvailable:/ { printf "%d", $2 / 1024 * 0.8 }' /proc/meminfo)
  cat >"$dir/slurm.conf" <<EOF
# hemma's single-node test cluster (scripts/slurm-local.sh); rewritten on every start.
ClusterName=hemma-local
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=${HEMMA_SLURM_CTLD_PORT:-16817}
SlurmdPort=${HEMMA_SLURM_SLURMD_PORT:-16818}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/run/slurmctld.own.pid
SlurmdPidFile=$dir/run/slurmd.own.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=$(( mem / cpus ))
ReturnToService=2
InactiveLimit=0
KillWait=5
# Finished jobs leave the queue after 4 s, so sbatch --wait notices soon.
MinJobAge=4
NodeName=$node NodeAddr=127.0.0.1 NodeHostname=$node CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=local Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
  chmod 644 "$dir/slurm.conf"
  export SLURM_CONF="$dir/slurm.conf"

  launch munged munged --foreground --key-file="$dir/key/munge.key" --socket="$socket" \
    --pid-file="$dir/run/munged.own.pid" --seed-file="$dir/key/seed" --log-file="$dir/log/munged.log"
  await munged "$dir/log/munged.log" sh -c "munge -n -S '$socket' | unmunge -S '$socket'"
  launch slurmctld slurmctld -D -f "$dir/slurm.conf"
  await slurmctld "$dir/log/slurmctld.log" sh -c "scontrol ping | grep -q UP"
  launch slurmd slurmd -D -f "$dir/slurm.conf"
  await slurmd "$dir/log/slurmd.log" sh -c "sinfo -h -N -o %t | grep -Eq '^(idle|mix|alloc)'"
  say "up: export SLURM_CONF=$dir/slurm.conf (stop: bash $0 down $dir)"
}

case "$action" in
  up) up ;;
  down) stop; rm -rf "$dir" ;;
  *) usage >&2; exit 2 ;;
esac
