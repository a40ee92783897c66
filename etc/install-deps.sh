#!/bin/sh
# Install the Debian packages tongban needs to build, run and test.
# Called by the Makefile only when a header or pkg-config entry is missing.
# luit and xfonts-encodings: the e2e tests type through a GBK terminal (luit).
set -e
PKGS="build-essential pkg-config libssh-dev libncurses-dev libsqlite3-dev libcsv-dev libssl-dev \
      libcmocka-dev libcrypt-dev libhpdf-dev gettext openssh-client tmux sqlite3 python3 locales \
      man-db groff-base luit xfonts-encodings"
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $PKGS
