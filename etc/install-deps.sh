#!/bin/sh
# Install the Debian packages tongban needs to build, run and test.
# Called by the Makefile only when a header or pkg-config entry is missing.
# luit and xfonts-encodings: the e2e tests type through a GBK terminal (luit).
# libpq-dev: the PostgreSQL store's client library (always linked).
#
# etc/install-deps.sh --pg installs the PostgreSQL 15 server and client
# only (make test-pg, make bench-pg); the tests start throwaway clusters of
# their own (tests/pg/cluster.sh) and use no system-wide server.
set -e
PKGS="build-essential pkg-config libssh-dev libncurses-dev libsqlite3-dev libcsv-dev libssl-dev \
      libcmocka-dev libcrypt-dev libhpdf-dev libpq-dev gettext openssh-client tmux sqlite3 python3 \
      locales man-db groff-base luit xfonts-encodings"
if [ "${1:-}" = --pg ]; then
	PKGS="postgresql-15 postgresql-client-15"
	missing=
	for p in $PKGS; do
		dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
	done
	[ -n "$missing" ] || exit 0
elif [ $# -gt 0 ]; then
	echo "usage: $0 [--pg]" >&2
	exit 2
fi
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $PKGS
