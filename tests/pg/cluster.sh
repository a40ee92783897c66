#!/usr/bin/env bash
# Throwaway PostgreSQL clusters for the tests and benchmarks: a cluster is a
# folder (DIR/data the cluster, DIR the unix socket's folder, DIR/postgres.log
# its log) and a private port on 127.0.0.1; nothing uses a system-wide
# server. The database superuser is `tongban`, trusted without a password
# (the port listens on 127.0.0.1 only). Run as root, the server runs as the
# unprivileged system user tongbanpg (made when missing).
#
#   cluster.sh start DIR PORT          initdb (when new) and start; makes db tongban
#   cluster.sh createdb DIR PORT NAME  a database (UTF8, collation C)
#   cluster.sh standby PRIMARY_DIR PRIMARY_PORT DIR PORT
#                                      a hot standby by streaming replication;
#                                      the primary then commits synchronously
#   cluster.sh promote DIR             the standby becomes a primary
#   cluster.sh kill DIR                kill -9 the server (a lost machine)
#   cluster.sh stop DIR                fast shutdown; fine when not running
#   cluster.sh destroy DIR             stop and remove DIR
#   cluster.sh url PORT [DB]           postgresql://tongban@127.0.0.1:PORT/DB
#   cluster.sh psql PORT [DB] ARGS...  psql as tongban (DB default tongban)
#
# Quiet on success; errors go to stderr with a non-zero exit.
set -u
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
SUPER=tongban
OSUSER=tongbanpg
TIMEOUT=${TB_PG_TIMEOUT:-60}
unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGSERVICE PGOPTIONS PGTARGETSESSIONATTRS
export PGCONNECT_TIMEOUT=5

die() { echo "cluster.sh: $*" >&2; exit 1; }
usage() { echo 'usage:' >&2; sed -n '/^#   cluster.sh/,/^#$/p' "$0" | sed -e 's/^#  //' -e '/^#$/d' >&2; exit 2; }
is_root() { [ "$(id -u)" = 0 ]; }
port_ok() { [[ $1 =~ ^[0-9]+$ ]] && [ "$1" -ge 1024 ] && [ "$1" -le 65535 ] || die "bad port: $1 (1024-65535)"; }

# Run a server program as the cluster's owner.
as_pg() { if is_root; then runuser -u "$OSUSER" -- "$@"; else "$@"; fi; }

ensure_user() {
	is_root || return 0
	id -u "$OSUSER" >/dev/null 2>&1 && return 0
	useradd -r -M -s /usr/sbin/nologin "$OSUSER" 2>/dev/null
	id -u "$OSUSER" >/dev/null 2>&1 || die "could not create the system user $OSUSER"
}

# absdir DIR: the absolute path of DIR (made when missing)
absdir() { mkdir -p "$1" && (cd "$1" && pwd -P) || die "cannot make the folder $1"; }

# own DIR: DIR belongs to the server's user and every parent is traversable
own() {
	local d=$1 p
	chmod 755 "$d" || die "cannot chmod $d"
	is_root || return 0
	chown "$OSUSER:" "$d" || die "cannot chown $d"
	p=$(dirname "$d")
	while :; do
		runuser -u "$OSUSER" -- test -x "$p" || chmod o+x "$p" || die "cannot make $p traversable"
		[ "$p" = / ] && break
		p=$(dirname "$p")
	done
}

q() { local port=$1; shift; "$PGBIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$SUPER" -d postgres "$@"; }

# wait_for SECONDS CMD...: until CMD succeeds
wait_for() {
	local n=$(( $1 * 10 )) i; shift
	for ((i = 0; i < n; i++)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
	return 1
}

port_of() { sed -n "s/^port = \([0-9]*\)$/\1/p" "$1/data/instance.conf" 2>/dev/null; }

# The settings that differ between a primary and its standby (a base backup
# copies postgresql.conf, so they live in instance.conf).
write_instance() {
	local dir=$1 port=$2
	printf "port = %s\nunix_socket_directories = '%s'\ncluster_name = 'tongban-%s'\n" \
	    "$port" "$dir" "$port" > "$dir/data/instance.conf"
	is_root && chown "$OSUSER:" "$dir/data/instance.conf"
	chmod 600 "$dir/data/instance.conf"
}

pg_start() {
	local dir=$1 port=$2
	if ! as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t "$TIMEOUT" -s start >/dev/null 2>&1; then
		tail -n 20 "$dir/postgres.log" >&2
		die "the server in $dir did not start on port $port"
	fi
	wait_for "$TIMEOUT" "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U "$SUPER" -d postgres ||
	    die "the server in $dir does not accept connections on port $port"
}

# pid_of DIR: the postmaster's pid when it runs (and is this cluster's)
pid_of() {
	local pid
	pid=$(head -n 1 "$1/data/postmaster.pid" 2>/dev/null) || return 1
	[[ $pid =~ ^[0-9]+$ ]] || return 1
	kill -0 "$pid" 2>/dev/null || return 1
	tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$1/data" || return 1
	echo "$pid"
}

kill9() {
	local dir=$1 pid pids
	pid=$(pid_of "$dir") || return 0
	pids="$pid $(pgrep -P "$pid" | tr '\n' ' ')"
	kill -9 $pids 2>/dev/null
	wait_for 10 bash -c "! kill -0 $pid 2>/dev/null" || die "postmaster $pid in $dir survived kill -9"
	# Children left behind exit when they see the postmaster gone; make sure.
	for p in $pids; do kill -9 "$p" 2>/dev/null; done
	wait_for 10 bash -c "for p in $pids; do kill -0 \$p 2>/dev/null && exit 1; done; exit 0" ||
	    die "processes of $dir survived kill -9"
}

stop() {
	local dir=$1
	[ -d "$dir/data" ] || return 0
	pid_of "$dir" >/dev/null || return 0
	as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w -t "$TIMEOUT" -s stop >/dev/null 2>&1
	kill9 "$dir"
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case $cmd in
start)
	[ $# -eq 2 ] || usage
	port_ok "$2"
	ensure_user
	dir=$(absdir "$1") || exit 1
	port=$2
	cd / || exit 1
	own "$dir"
	pid_of "$dir" >/dev/null && die "a server already runs in $dir"
	if [ ! -f "$dir/data/PG_VERSION" ]; then
		[ -e "$dir/data" ] && die "$dir/data exists and is not a cluster"
		if ! as_pg "$PGBIN/initdb" -D "$dir/data" -U "$SUPER" -E UTF8 --locale=C \
		    --auth=trust > "$dir/initdb.log" 2>&1; then
			cat "$dir/initdb.log" >&2; die "initdb failed in $dir"
		fi
		cat >> "$dir/data/postgresql.conf" <<-CONF

		# tongban (tests/pg/cluster.sh)
		listen_addresses = '127.0.0.1'
		max_connections = 100
		wal_level = replica
		max_wal_senders = 5
		hot_standby = on
		fsync = on
		include_if_exists = 'instance.conf'
		CONF
	fi
	write_instance "$dir" "$port"
	pg_start "$dir" "$port"
	if [ -z "$(q "$port" -c "SELECT 1 FROM pg_database WHERE datname = 'tongban'")" ] &&
	    [ "$(q "$port" -c 'SELECT pg_is_in_recovery()')" = f ]; then
		"$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U "$SUPER" -T template0 -E UTF8 --locale=C tongban ||
		    die "could not make the database tongban"
	fi
	;;
createdb)
	[ $# -eq 3 ] || usage
	port_ok "$2"
	[ -f "$1/data/PG_VERSION" ] || die "$1 holds no cluster"
	"$PGBIN/createdb" -h 127.0.0.1 -p "$2" -U "$SUPER" -T template0 -E UTF8 --locale=C "$3" ||
	    die "could not make the database $3"
	;;
standby)
	[ $# -eq 4 ] || usage
	port_ok "$2"; port_ok "$4"
	[ -f "$1/data/PG_VERSION" ] || die "$1 holds no cluster"
	pport=$2 port=$4
	ensure_user
	dir=$(absdir "$3") || exit 1
	cd / || exit 1
	[ -e "$dir/data" ] && die "$dir/data exists already"
	own "$dir"
	if ! as_pg "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$pport" -U "$SUPER" -D "$dir/data" \
	    -R -X stream -c fast > "$dir/basebackup.log" 2>&1; then
		cat "$dir/basebackup.log" >&2; die "pg_basebackup from port $pport failed"
	fi
	write_instance "$dir" "$port"
	pg_start "$dir" "$port"
	app=tongban-$port
	streaming() { [ "$(q "$pport" -c "SELECT state FROM pg_stat_replication WHERE application_name = '$app'")" = streaming ]; }
	wait_for "$TIMEOUT" streaming || die "the standby on port $port does not stream from port $pport"
	# No acknowledged write lost on failover: a commit on the primary
	# returns once a standby has flushed it.
	q "$pport" -c "ALTER SYSTEM SET synchronous_standby_names = '*'" -c "SELECT pg_reload_conf()" >/dev/null ||
	    die "could not make port $pport commit synchronously"
	is_sync() { [ -n "$(q "$pport" -c "SELECT 1 FROM pg_stat_replication WHERE application_name = '$app' AND sync_state IN ('sync', 'potential', 'quorum')")" ]; }
	wait_for "$TIMEOUT" is_sync || die "the standby on port $port is not synchronous"
	;;
promote)
	[ $# -eq 1 ] || usage
	dir=$(cd "$1" 2>/dev/null && pwd -P) || die "no folder $1"
	cd / || exit 1
	port=$(port_of "$dir")
	[ -n "$port" ] || die "$dir holds no cluster made by cluster.sh"
	as_pg "$PGBIN/pg_ctl" -D "$dir/data" -w -t "$TIMEOUT" -s promote >/dev/null 2>&1
	primary() { [ "$(q "$port" -c 'SELECT pg_is_in_recovery()')" = f ]; }
	wait_for "$TIMEOUT" primary || die "the server on port $port did not leave recovery"
	# It has no standby of its own: it must not wait for one.
	q "$port" -c 'ALTER SYSTEM RESET synchronous_standby_names' -c 'SELECT pg_reload_conf()' >/dev/null ||
	    die "could not reset synchronous_standby_names on port $port"
	;;
kill)
	[ $# -eq 1 ] || usage
	dir=$(cd "$1" 2>/dev/null && pwd -P) || exit 0
	kill9 "$dir"
	;;
stop)
	[ $# -eq 1 ] || usage
	dir=$(cd "$1" 2>/dev/null && pwd -P) || exit 0
	cd / || exit 1
	stop "$dir"
	;;
destroy)
	[ $# -eq 1 ] || usage
	dir=$(cd "$1" 2>/dev/null && pwd -P) || exit 0
	cd / || exit 1
	[ "$dir" = / ] && die "will not remove /"
	if [ ! -e "$dir/data/PG_VERSION" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ] &&
	    [ ! -e "$dir/initdb.log" ] && [ ! -e "$dir/basebackup.log" ]; then
		die "$dir holds no cluster: not removed"
	fi
	stop "$dir"
	rm -rf "$dir" || die "could not remove $dir"
	;;
url)
	[ $# -ge 1 ] && [ $# -le 2 ] || usage
	port_ok "$1"
	echo "postgresql://$SUPER@127.0.0.1:$1/${2:-tongban}"
	;;
psql)
	[ $# -ge 1 ] || usage
	port_ok "$1"
	port=$1; shift
	db=tongban
	if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then db=$1; shift; fi
	exec "$PGBIN/psql" -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$SUPER" -d "$db" "$@"
	;;
*)
	usage
	;;
esac
