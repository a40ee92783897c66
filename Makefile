# tongban: build, test, run, bench. Plain make; dependencies are checked and,
# when missing, installed by etc/install-deps.sh (Debian 12).

CC      ?= cc
PREFIX  ?= /usr/local
VERSION := 0.2
WARN    := -Wall -Wextra -Wshadow -Wformat=2 -Wstrict-prototypes \
           -Wmissing-prototypes -Wwrite-strings -Werror
PKGS    := libssh ncursesw sqlite3 libcrypto libpq
CFLAGS  ?= -O2 -g
# libpq (the PostgreSQL store): Debian keeps its header in /usr/include/postgresql.
PQ_CFLAGS := $(or $(shell pkg-config --cflags libpq 2>/dev/null),-I/usr/include/postgresql)
# override: a CFLAGS given on the command line (test-asan) keeps what follows.
# Sources are found by folder; each folder is one layer (docs/ARCHITECTURE.md).
LAYERS  := src/base src/domain src/store src/service src/cmd tools
INCS    := $(addprefix -I,$(LAYERS) src/server screens build)
override CFLAGS += -std=gnu11 $(WARN) $(INCS) -D_GNU_SOURCE \
           -DTONGBAN_VERSION='"$(VERSION)"' -DLOCALEDIR='"$(PREFIX)/share/locale"' \
           -DDATADIR='"$(PREFIX)/share/tongban"' $(PQ_CFLAGS)
LDLIBS  += -lcsv -lhpdf -lcrypt -lutil -lm -lpq

# src/server/sshkey.c is the one server file in the core: the command
# `user key add` (src/cmd) validates keys with libssh through it, and only
# src/server may include libssh. So the core (and every program linked from
# it: unit tests, bench, fuzz) links libssh and libcrypto; see CORE_LIBS.
SSHKEY  := src/server/sshkey.c
CORE    := $(sort $(foreach d,$(LAYERS),$(wildcard $(d)/*.c)) $(SSHKEY))
SCREENS := $(sort $(wildcard screens/*.c))
SERVER  := $(filter-out $(SSHKEY),$(sort $(wildcard src/server/*.c)))
CORE_LIBS = $(shell pkg-config --libs sqlite3 libssh libcrypto libpq)
MAIN    := src/main.c

BUILD   ?= build
BIN     ?= tongban
UNITBIN ?= tests/unit/run-unit
OBJS    := $(patsubst %.c,$(BUILD)/%.o,$(CORE) $(SCREENS) $(SERVER) build/schema.c)
CORE_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(CORE) build/schema.c)
MO      := po/locale/zh_CN/LC_MESSAGES/tongban.mo po/locale/en/LC_MESSAGES/tongban.mo

.PHONY: initials all deps run test test-pg unit e2e test-asan test-fault bench bench-pg clean demo fuzz pot statutory \
	check-data man install

all: deps $(BIN) $(MO)

# Install missing packages once; the stamp keeps later builds quiet (checked
# again when this Makefile or the script changes).
deps: build/.deps
build/.deps: Makefile etc/install-deps.sh
	@mkdir -p build
	@if ! pkg-config --exists $(PKGS) || [ ! -f /usr/include/csv.h ] || \
	    [ ! -f /usr/include/postgresql/libpq-fe.h ] || \
	    [ ! -f /usr/include/openssl/evp.h ] || \
	    [ ! -f /usr/include/crypt.h ] || [ ! -f /usr/include/hpdf.h ] || \
	    ! command -v msgfmt >/dev/null || \
	    ! command -v tmux >/dev/null || ! command -v ssh >/dev/null || \
	    ! command -v man >/dev/null || \
	    ! command -v luit >/dev/null || [ ! -d /usr/share/fonts/X11/encodings ]; then \
		echo "installing dependencies (etc/install-deps.sh)"; ./etc/install-deps.sh; fi
	@touch $@

# Both schemas as C strings: data/schema.sql (SQLite) and data/schema-pg.sql
# (PostgreSQL); src/store/schema.h declares them.
SQL2C = sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/'
build/schema.c: data/schema.sql data/schema-pg.sql
	@mkdir -p build
	@{ echo '#include "schema.h"'; echo 'const char schema_sql[] ='; \
	   $(SQL2C) data/schema.sql; echo ';'; echo 'const char schema_pg_sql[] ='; \
	   $(SQL2C) data/schema-pg.sql; echo ';'; } > $@

$(BUILD)/%.o: %.c | build/.deps
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS) -MMD -MP $(shell pkg-config --cflags $(PKGS)) -c -o $@ $<

$(BUILD)/build/schema.o: build/schema.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BIN): $(OBJS) $(BUILD)/$(MAIN:.c=.o)
	@echo "  LINK    $@"
	@$(CC) $(CFLAGS) -o $@ $^ $(shell pkg-config --libs $(PKGS)) $(LDLIBS)

po/locale/%/LC_MESSAGES/tongban.mo: po/%.po
	@mkdir -p $(dir $@)
	@msgfmt --check -o $@ $< 2>&1 | grep -v 'header field' || true

# Message template, for translators: make pot
pot:
	xgettext --from-code=UTF-8 -k_ -kN_ -o po/tongban.pot $(CORE) $(SERVER) $(SCREENS) $(MAIN) \
	    man/genman.c

# The statutory holidays' dates (lunar dates, the Qingming term), made once
# and committed; see data/DATA-SOURCES.md. Needs npm; the check needs
# Debian's python3-lunardate.
statutory:
	npm install --no-save --prefix build/npm lunar-javascript@1.7.7
	NODE_PATH=build/npm/node_modules node tools/gen-statutory.js > data/statutory-holidays.csv
	/usr/bin/python3 tools/check-statutory.py data/statutory-holidays.csv

# The pinyin initials of every region's name, made once and committed (the
# console finds a place by them); see data/DATA-SOURCES.md. Needs npm.
initials:
	npm install --no-save --prefix build/npm pinyin-pro@3.29.4
	NODE_PATH=build/npm/node_modules node tools/gen-initials.js > data/region-initials.csv

# Made again when the schema changes (an old database is refused by version).
data/demo.db: data/schema.sql | $(BIN)
	rm -f $@ $@-wal $@-shm
	./$(BIN) demo --db $@ --cases 20000 --seed 1

demo: data/demo.db

run: all data/demo.db
	./tongban serve --db data/demo.db --listen 127.0.0.1:2222

# The "1+8" flowcharts against the catalog (data/DATA-SOURCES.md).
check-data:
	@/usr/bin/python3 tools/check-flowcharts.py data

# Unit tests (C) and end-to-end tests (real ssh and tmux); the last line
# is "N passed, N failed".
test: all $(UNITBIN) check-data
	@TONGBAN=$(CURDIR)/$(BIN) UNIT=$(CURDIR)/$(UNITBIN) bash tests/run.sh

# The PostgreSQL suites (tests/pg/*-test.sh, *-check.sh), each on throwaway
# clusters of its own; installs PostgreSQL 15 first when it is missing.
test-pg: all $(UNITBIN)
	@TONGBAN=$(CURDIR)/$(BIN) UNIT=$(CURDIR)/$(UNITBIN) bash tests/pg/run.sh

UNIT_SRC := $(wildcard tests/unit/t_*.c)
$(UNITBIN): tests/unit/main.c $(UNIT_SRC) $(CORE_OBJS)
	@echo "  LINK    $@"
	@$(CC) $(CFLAGS) -Itests/unit -o $@ tests/unit/main.c $(UNIT_SRC) $(CORE_OBJS) \
	    $(CORE_LIBS) $(LDLIBS)

# The sanitized build lives in build/asan/ and never replaces ./tongban.
# (-Wno-format-*: gcc 12 at -O1 with UBSan's null checks reports a
# null format string where no caller passes one.)
test-asan:
	$(MAKE) BUILD=build/asan BIN=build/asan/tongban UNITBIN=build/asan/run-unit \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -Wno-format-truncation -Wno-format-overflow" test

# Faults tried for real (kill -9, a full disk): docs/RELIABILITY.md.
test-fault: all
	@TONGBAN=$(CURDIR)/$(BIN) bash tests/fault/run.sh

tests/bench/bench: tests/bench/bench.c $(CORE_OBJS)
	@echo "  LINK    $@"
	@$(CC) $(CFLAGS) -o $@ $< $(CORE_OBJS) $(CORE_LIBS) $(LDLIBS)

# The manual page, made from the command table, in English and Chinese.
build/genman: man/genman.c $(CORE_OBJS)
	@echo "  LINK    $@"
	@$(CC) $(CFLAGS) -o $@ $< $(CORE_OBJS) $(CORE_LIBS) $(LDLIBS)

man: build/man/tongban.1 build/man/zh_CN/tongban.1
build/man/tongban.1: build/genman $(MO)
	@mkdir -p $(dir $@)
	@TONGBAN_LOCALEDIR=po/locale build/genman en > $@
build/man/zh_CN/tongban.1: build/genman $(MO)
	@mkdir -p $(dir $@)
	@TONGBAN_LOCALEDIR=po/locale build/genman zh > $@

# Installed under PREFIX (DESTDIR for packaging): the binary, the data init
# loads, the translations, the manual in English and Chinese, the server's
# configuration (kept when there is one) and its systemd unit.
install: all man
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/tongban/flowcharts \
	    $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/man/zh_CN/man1 \
	    $(DESTDIR)$(PREFIX)/share/locale/zh_CN/LC_MESSAGES $(DESTDIR)/etc/tongban \
	    $(DESTDIR)$(PREFIX)/lib/systemd/system
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/tongban
	install -m 644 data/*.csv $(DESTDIR)$(PREFIX)/share/tongban/
	install -m 644 data/flowcharts/*.csv $(DESTDIR)$(PREFIX)/share/tongban/flowcharts/
	install -m 644 po/locale/zh_CN/LC_MESSAGES/tongban.mo \
	    $(DESTDIR)$(PREFIX)/share/locale/zh_CN/LC_MESSAGES/
	install -m 644 build/man/tongban.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 build/man/zh_CN/tongban.1 $(DESTDIR)$(PREFIX)/share/man/zh_CN/man1/
	[ -e $(DESTDIR)/etc/tongban/tongban.conf ] || \
	    install -m 644 etc/tongban.conf $(DESTDIR)/etc/tongban/tongban.conf
	sed 's|@BINDIR@|$(PREFIX)/bin|' etc/tongban.service > \
	    $(DESTDIR)$(PREFIX)/lib/systemd/system/tongban.service

bench: all tests/bench/bench
	bash tests/bench.sh

# The same figures on PostgreSQL next to SQLite (a throwaway cluster;
# PostgreSQL 15 installed when missing). BENCH_CASES sets the large size.
bench-pg: all tests/bench/bench
	bash tests/bench-pg.sh

# Fuzz targets (libFuzzer, clang): the CSV reader, the command line, the
# terminal input path, the import path and the terminal's transcoders. make fuzz builds them and runs each for FUZZTIME seconds.
FUZZTIME ?= 30
FUZZ_CFLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -std=gnu11 $(INCS) \
	-D_GNU_SOURCE $(shell pkg-config --cflags ncursesw) $(PQ_CFLAGS)
fuzz: deps build/schema.c
	@mkdir -p build/fuzz
	clang $(FUZZ_CFLAGS) -o build/fuzz/csv tests/fuzz/fuzz_csv.c src/base/util.c src/base/conv.c src/base/csvio.c \
	    src/base/i18n.c -lcsv
	clang $(FUZZ_CFLAGS) -o build/fuzz/cmd tests/fuzz/fuzz_cmd.c $(CORE) build/schema.c \
	    $(CORE_LIBS) $(LDLIBS)
	clang $(FUZZ_CFLAGS) -o build/fuzz/keys tests/fuzz/fuzz_keys.c screens/ui.c $(CORE) \
	    build/schema.c $(CORE_LIBS) $(LDLIBS) $(shell pkg-config --libs ncursesw)
	clang $(FUZZ_CFLAGS) -o build/fuzz/import tests/fuzz/fuzz_import.c $(CORE) build/schema.c \
	    $(CORE_LIBS) $(LDLIBS)
	clang $(FUZZ_CFLAGS) -o build/fuzz/conv tests/fuzz/fuzz_conv.c src/base/conv.c src/base/util.c
	for t in csv cmd keys import conv; do mkdir -p build/fuzz/corpus-$$t; \
	    build/fuzz/$$t -max_total_time=$(FUZZTIME) -max_len=4096 build/fuzz/corpus-$$t \
	    tests/fuzz/seed-$$t || exit 1; done

-include $(OBJS:.o=.d) $(BUILD)/$(MAIN:.c=.d)

clean:
	rm -rf build tongban tests/unit/run-unit tests/bench/bench po/locale
