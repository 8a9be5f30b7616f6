# mip6kit - build, test and run. `make help` lists the targets.

CC        ?= cc
CLANG     ?= clang
PYTHON    ?= python3
CSTD      := -std=c11 -D_GNU_SOURCE
WARN      := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
OPT       ?= -O3 -g
# Link-time optimisation lets the decoder's per-option calls inline across
# files (decode + validate of a bulk BU is on the engine's hot path).
CFLAGS_REL  := $(CSTD) $(WARN) $(OPT) -flto=auto -Icodec -Iharness/engine -Iharness/net -Iharness/run -Iharness/trace -Iharness/check -Iharness/replay
CFLAGS_SAN  := $(CSTD) $(WARN) -O1 -g -fno-omit-frame-pointer -Icodec -Iharness/engine -Iharness/net -Iharness/run -Iharness/trace -Iharness/check -Iharness/replay \
               -fsanitize=address,undefined -fno-sanitize-recover=all
LDLIBS    := -lpcap -lnet -lcrypto
AR        := $(if $(findstring clang,$(CC)),llvm-ar,gcc-ar)

# What the build knows about itself: the release (harness/run/version.h,
# the one place it is set), the commit ("unknown" outside a git checkout)
# and where `make install` puts the suites, which `mip6kit run` falls
# back to outside the source tree. build/gen/build-info changes only when
# they do, so that only their two objects are compiled again.
PREFIX    ?= /usr/local
VERSION   := $(shell sed -n 's/.*M6K_VERSION "\(.*\)"/\1/p' harness/run/version.h)
COMMIT    := $(shell git describe --always --dirty 2>/dev/null || echo unknown)
SUITES_DIR = $(PREFIX)/share/mip6kit/suites
MAN_DIR    = $(PREFIX)/share/man/man1
MAN_PAGES := $(sort $(wildcard harness/man/*.1))
INFO_OBJ  := $(foreach b,rel san,build/$(b)/harness/run/version.o build/$(b)/harness/cli/run_suites_dir.o)
INFO_DEFS  = -DM6K_COMMIT='"$(COMMIT)"' -DM6K_SUITES_INSTALLED='"$(SUITES_DIR)"'

# Debian packages the build, the tests and `make run` need.
APT_PKGS  := build-essential clang llvm libpcap-dev libnet1-dev libssl-dev \
             tshark tcpdump python3 iproute2 nftables afl++ man-db

CODEC_SRC := $(sort $(wildcard codec/*.c))
ENGINE_SRC := $(sort $(wildcard harness/engine/*.c))
CLI_SRC   := $(sort $(wildcard harness/cli/*.c harness/net/*.c harness/run/*.c harness/trace/*.c harness/check/*.c harness/replay/*.c))
TEST_SRC  := $(sort $(wildcard codec/tests/test_*.c harness/engine/tests/test_*.c harness/run/tests/test_*.c harness/net/tests/test_*.c harness/replay/tests/test_*.c))
BENCH_SRC := $(sort $(wildcard codec/bench/*.c harness/engine/bench/*.c))
FUZZ_TARGETS := $(patsubst fuzz/targets/%.c,%,$(sort $(wildcard fuzz/targets/*.c)))
FUZZ_REPLAY  := $(patsubst %,build/san/fuzz/%,$(FUZZ_TARGETS))

rel_obj    = $(patsubst %.c,build/rel/%.o,$(1))
san_obj    = $(patsubst %.c,build/san/%.o,$(1))
TESTS_REL := $(patsubst %.c,build/rel/tests/%,$(notdir $(TEST_SRC)))
TESTS_SAN := $(patsubst %.c,build/san/tests/%,$(notdir $(TEST_SRC)))
BENCHES   := $(patsubst %.c,build/rel/bench/%,$(notdir $(BENCH_SRC)))
# The engine (harness/engine/) is a second library on top of the codec.
LIBS_REL  := $(if $(ENGINE_SRC),build/rel/libm6engine.a) build/rel/libm6codec.a
LIBS_SAN  := $(if $(ENGINE_SRC),build/san/libm6engine.a) build/san/libm6codec.a

.PHONY: all deps run check bench goldens-update fuzz-corpus fuzz-build fuzz coverage report-screenshot \
        mutants install uninstall clean help FORCE
.DEFAULT_GOAL := all

all: bin/mip6kit

help:
	@echo "make            build bin/mip6kit and libm6codec.a"
	@echo "make run        the main job: the HA and CN conformance suites against the reference IUT"
	@echo "make check      all tests: unit (plain, ASan+UBSan), corpora, tshark, goldens, fuzz smoke, live suites, mutation"
	@echo "make bench      speed figures: codec, mip6kit decode, binding cache, engine, replay"
	@echo "make goldens-update  rewrite pcaps/ expected outputs (shows the diff)"
	@echo "make fuzz-corpus     regenerate fuzz/corpus/<target>/ from the codec's test packets"
	@echo "make fuzz TARGET=t SECONDS=n [ENGINE=libfuzzer|afl]  a fuzz campaign; findings in fuzz/findings/t/"
	@echo "make coverage   line coverage of codec/ and the engine (unit tests + corpus replay)"
	@echo "make mutants [MUTANTS_MAX=n MUTANTS_SEED=s MUTANTS_FILES=f.c,...]  the suites against generated mutants"
	@echo "                of the engine: score and survivors in build/mutants/summary.md (not in make check)"
	@echo "make report-screenshot  reports/latest/report.png: the HTML report in headless Chromium"
	@echo "make install    bin/mip6kit, the suites and the man pages under PREFIX (default /usr/local; DESTDIR honoured)"
	@echo "make uninstall  remove what make install put there (same PREFIX and DESTDIR)"
	@echo "make clean      remove build outputs (bin/mip6kit clean removes a left-over test network)"
	@echo "make deps       install missing Debian packages (apt-get, non-interactive)"

# Installs what is missing; tshark's "non-root capture" question is pre-answered.
deps:
	@missing=""; for p in $(APT_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	fi

build/gen/build-info: FORCE
	@mkdir -p $(dir $@)
	@echo '$(COMMIT) $(SUITES_DIR)' | cmp -s - $@ || echo '$(COMMIT) $(SUITES_DIR)' > $@

$(INFO_OBJ): build/gen/build-info
$(INFO_OBJ): CFLAGS_REL += $(INFO_DEFS)
$(INFO_OBJ): CFLAGS_SAN += $(INFO_DEFS)

# ---- release build --------------------------------------------------
build/rel/%.o: %.c codec/m6codec.h codec/cursor.h | deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_REL) -MMD -MP -c $< -o $@

build/rel/libm6codec.a: $(call rel_obj,$(CODEC_SRC))
	@rm -f $@
	$(AR) rcs $@ $^

build/rel/libm6engine.a: $(call rel_obj,$(ENGINE_SRC))
	@rm -f $@
	$(AR) rcs $@ $^

bin/mip6kit: $(call rel_obj,$(CLI_SRC)) $(LIBS_REL)
	@mkdir -p bin
	$(CC) $(CFLAGS_REL) -o $@ $^ $(LDLIBS)

build/rel/tests/%: codec/tests/%.c $(LIBS_REL) codec/tests/m6test.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_REL) -o $@ $< $(LIBS_REL) $(LDLIBS)

build/rel/tests/%: harness/engine/tests/%.c $(LIBS_REL) codec/tests/m6test.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_REL) -Icodec/tests -o $@ $< $(LIBS_REL) $(LDLIBS)

# The runner's pieces are tested with the one source file each one needs.
build/rel/tests/test_words: harness/run/tests/test_words.c harness/run/words.c codec/tests/m6test.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_REL) -Icodec/tests -o $@ $< harness/run/words.c

build/rel/tests/test_stream: harness/run/tests/test_stream.c harness/run/stream.c harness/run/stream.h codec/tests/m6test.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_REL) -Icodec/tests -o $@ $< harness/run/stream.c

build/rel/tests/test_case_axis: harness/run/tests/test_case_axis.c harness/run/case_axis.c harness/run/case_axis.h codec/tests/m6test.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_REL) -Icodec/tests -o $@ $< harness/run/case_axis.c

# The fault channel with the link-fault pieces it links against (no
# request in the test is valid: nothing is made).
FAULT_SRC := harness/run/fault_channel.c harness/run/fault_request.c harness/net/linkfault.c \
             harness/net/linkfault_check.c harness/net/linkdelay.c harness/net/cmdrun.c harness/net/topo.c
build/rel/tests/test_fault_channel: harness/run/tests/test_fault_channel.c $(FAULT_SRC) codec/tests/m6test.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_REL) -Icodec/tests -o $@ $< $(FAULT_SRC)

build/rel/tests/test_addrmap: harness/replay/tests/test_addrmap.c harness/replay/addrmap.c harness/replay/addrmap.h $(LIBS_REL) codec/tests/m6test.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_REL) -Icodec/tests -o $@ $< harness/replay/addrmap.c $(LIBS_REL) $(LDLIBS)

build/rel/tests/test_neighbor: harness/net/tests/test_neighbor.c harness/net/neighbor.c $(LIBS_REL) codec/tests/m6test.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_REL) -Icodec/tests -o $@ $< harness/net/neighbor.c $(LIBS_REL) $(LDLIBS)

SEEDED_FAULT_SRC := harness/net/faults.c harness/net/faults_data.c
build/rel/tests/test_faults_data: harness/net/tests/test_faults_data.c $(SEEDED_FAULT_SRC) harness/net/faults_data.h harness/engine/tests/engine_driver.h $(LIBS_REL) codec/tests/m6test.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_REL) -Icodec/tests -Iharness/engine/tests -o $@ $< $(SEEDED_FAULT_SRC) $(LIBS_REL) $(LDLIBS)

# ---- ASan + UBSan build ---------------------------------------------
build/san/%.o: %.c codec/m6codec.h codec/cursor.h | deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_SAN) -MMD -MP -c $< -o $@

build/san/libm6codec.a: $(call san_obj,$(CODEC_SRC))
	@rm -f $@
	ar rcs $@ $^

build/san/libm6engine.a: $(call san_obj,$(ENGINE_SRC))
	@rm -f $@
	ar rcs $@ $^

build/san/mip6kit: $(call san_obj,$(CLI_SRC)) $(LIBS_SAN)
	$(CC) $(CFLAGS_SAN) -o $@ $^ $(LDLIBS)

build/san/tests/%: codec/tests/%.c $(LIBS_SAN) codec/tests/m6test.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_SAN) -o $@ $< $(LIBS_SAN) $(LDLIBS)

build/san/tests/%: harness/engine/tests/%.c $(LIBS_SAN) codec/tests/m6test.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_SAN) -Icodec/tests -o $@ $< $(LIBS_SAN) $(LDLIBS)

build/san/tests/test_words: harness/run/tests/test_words.c harness/run/words.c codec/tests/m6test.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_SAN) -Icodec/tests -o $@ $< harness/run/words.c

build/san/tests/test_addrmap: harness/replay/tests/test_addrmap.c harness/replay/addrmap.c harness/replay/addrmap.h $(LIBS_SAN) codec/tests/m6test.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_SAN) -Icodec/tests -o $@ $< harness/replay/addrmap.c $(LIBS_SAN) $(LDLIBS)

build/san/tests/test_stream: harness/run/tests/test_stream.c harness/run/stream.c harness/run/stream.h codec/tests/m6test.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_SAN) -Icodec/tests -o $@ $< harness/run/stream.c

build/san/tests/test_case_axis: harness/run/tests/test_case_axis.c harness/run/case_axis.c harness/run/case_axis.h codec/tests/m6test.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_SAN) -Icodec/tests -o $@ $< harness/run/case_axis.c

build/san/tests/test_fault_channel: harness/run/tests/test_fault_channel.c $(FAULT_SRC) codec/tests/m6test.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_SAN) -Icodec/tests -o $@ $< $(FAULT_SRC)

build/san/tests/test_faults_data: harness/net/tests/test_faults_data.c $(SEEDED_FAULT_SRC) harness/net/faults_data.h harness/engine/tests/engine_driver.h $(LIBS_SAN) codec/tests/m6test.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_SAN) -Icodec/tests -Iharness/engine/tests -o $@ $< $(SEEDED_FAULT_SRC) $(LIBS_SAN) $(LDLIBS)

build/san/tests/test_neighbor: harness/net/tests/test_neighbor.c harness/net/neighbor.c $(LIBS_SAN) codec/tests/m6test.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_SAN) -Icodec/tests -o $@ $< harness/net/neighbor.c $(LIBS_SAN) $(LDLIBS)

# Fuzz targets as plain replay programs (ASan+UBSan), fed whole corpora.
build/san/fuzz/%: fuzz/targets/%.c fuzz/replay.c $(wildcard fuzz/targets/*.h) $(LIBS_SAN)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_SAN) -o $@ $< fuzz/replay.c $(LIBS_SAN) $(LDLIBS)

build/rel/fuzz/gen_corpus: fuzz/gen_corpus.c codec/tests/samples.h build/rel/libm6codec.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_REL) -o $@ $< build/rel/libm6codec.a $(LDLIBS)

fuzz-corpus: build/rel/fuzz/gen_corpus
	build/rel/fuzz/gen_corpus fuzz/corpus

# libFuzzer and AFL++ builds, both with ASan+UBSan, made by fuzz/build.sh
# the way OSS-Fuzz runs it.
FUZZ_INPUTS := $(CODEC_SRC) $(ENGINE_SRC) $(wildcard codec/*.h harness/engine/*.h fuzz/targets/*) \
               fuzz/build.sh fuzz/mh.dict
FUZZ_SAN    := -fsanitize=address,undefined -fno-sanitize-recover=all -g -O1
build/fuzz/libfuzzer/.built: $(FUZZ_INPUTS) | deps
	CC=$(CLANG) CFLAGS="$(FUZZ_SAN) -fsanitize=fuzzer-no-link" LIB_FUZZING_ENGINE=-fsanitize=fuzzer \
	  OUT=$(CURDIR)/build/fuzz/libfuzzer fuzz/build.sh
	@touch $@

build/fuzz/afl/.built: $(FUZZ_INPUTS) | deps
	CC=afl-clang-fast CFLAGS="$(FUZZ_SAN)" LIB_FUZZING_ENGINE=/usr/lib/afl/libAFLDriver.a \
	  AFL_QUIET=1 OUT=$(CURDIR)/build/fuzz/afl fuzz/build.sh
	@touch $@

ENGINE  ?= libfuzzer
SECONDS ?= 60
fuzz-build: build/fuzz/libfuzzer/.built build/fuzz/afl/.built

fuzz: build/fuzz/$(ENGINE)/.built
	@test -n "$(TARGET)" || { echo "make fuzz: name a TARGET ($(FUZZ_TARGETS))" >&2; exit 2; }
	fuzz/campaign.sh $(TARGET) $(SECONDS) $(ENGINE)

-include $(shell find build -name '*.d' 2>/dev/null)

# ---- tests ------------------------------------------------------------
SAN_ENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

FUZZ_SMOKE_SECONDS ?= 10
check: deps bin/mip6kit build/san/mip6kit $(TESTS_REL) $(TESTS_SAN) $(FUZZ_REPLAY) \
       build/fuzz/libfuzzer/.built
	@codec/tests/runner.sh \
	  $(foreach t,$(TESTS_REL),"$(t)") \
	  $(foreach t,$(TESTS_SAN),"$(SAN_ENV) $(t)") \
	  $(foreach t,$(FUZZ_TARGETS),"$(SAN_ENV) build/san/fuzz/$(t) fuzz/corpus/$(t)") \
	  "$(PYTHON) codec/tests/rr_vectors.py bin/mip6kit" \
	  "$(PYTHON) codec/tests/tshark_crosscheck.py bin/mip6kit" \
	  "$(PYTHON) suites/check_requirements.py" \
	  "codec/tests/coverage.sh" \
	  "$(SAN_ENV) codec/tests/goldens.sh check build/san/mip6kit" \
	  "fuzz/smoke.sh $(FUZZ_SMOKE_SECONDS)" \
	  "harness/tests/case_ids.sh bin/mip6kit" \
	  "harness/tests/install_check.sh bin/mip6kit $(PREFIX)" \
	  "harness/tests/net_smoke.sh bin/mip6kit" \
	  "harness/tests/linkfault_check.sh bin/mip6kit" \
	  "harness/tests/run_suites.sh bin/mip6kit" \
	  "harness/tests/stream_check.sh bin/mip6kit" \
	  "harness/tests/kernel_forwarding_check.sh bin/mip6kit" \
	  "harness/tests/realism_check.sh bin/mip6kit" \
	  "harness/tests/check_unit.sh bin/mip6kit" \
	  "harness/tests/check_traces.sh bin/mip6kit clean" \
	  "harness/tests/check_traces.sh bin/mip6kit faults no-notcomplete:MCOA-6.2-17,ba-no-rh2:MIP6-9.5.4-3,ba-wrong-auth:MIP6-9.5.4-2,tunnel-stale-coa:MIP6-10.4.2-3,proxy-unbound:MIP6-10.4.1-4,notcomplete-stores-none:MCOA-6.2-23,dad-bad-checksum:ICMP6-2.3-1 HA-MUT-04 HA-REG-01 CN-BU-01 HA-TUN-11 HA-PND-03 HA-DAD-01" \
	  "harness/tests/bridge_check.sh bin/mip6kit" \
	  "harness/tests/replay_check.sh bin/mip6kit" \
	  "harness/tests/mutation_check.sh bin/mip6kit ignores-bids,no-notcomplete,ba-wrong-auth,accepts-expired-nonces,tunnel-stale-coa,proxy-unbound,cn-echo-no-rh2"

coverage: deps
	codec/tests/coverage.sh

goldens-update: bin/mip6kit
	codec/tests/goldens.sh update bin/mip6kit

# The suites against mutants of harness/engine/*.c generated by rule
# (harness/mutants/), one suite run each (~20 s; a mutant that survives it
# runs again with the long cases, ~70 s): sample with MUTANTS_MAX.
MUTANTS_MAX     ?= 0
MUTANTS_SEED    ?= 1
MUTANTS_FILES   ?=
MUTANTS_TIMEOUT ?= 0
mutants: deps
	$(PYTHON) harness/mutants/mutants.py --max $(MUTANTS_MAX) --seed $(MUTANTS_SEED) \
	  --files "$(MUTANTS_FILES)" --timeout $(MUTANTS_TIMEOUT)

# ---- main job -----------------------------------------------------------
run: deps bin/mip6kit
	bin/mip6kit run

# The newest report as a browser shows it (headless Chromium, installed
# here if missing): reports/latest/report.png, every case opened.
report-screenshot:
	@command -v chromium >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium
	@test -f reports/latest/report.html || { echo "no reports/latest/report.html: make run first"; exit 2; }
	sed 's/<details data-verdict=\([a-z]*\)>/<details data-verdict=\1 open>/g' reports/latest/report.html \
	  > reports/latest/report-open.html
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1300,2400 \
	  --screenshot=reports/latest/report.png "file://$$PWD/reports/latest/report-open.html" 2>/dev/null
	@rm -f reports/latest/report-open.html
	@echo "reports/latest/report.png"

# ---- install ------------------------------------------------------------
# The suites folder is replaced whole, so that a case removed since the
# last install does not linger; the man pages get the release and the
# suites folder written in.
install: bin/mip6kit
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MAN_DIR)
	install -m 0755 bin/mip6kit $(DESTDIR)$(PREFIX)/bin/mip6kit
	rm -rf $(DESTDIR)$(SUITES_DIR)
	install -d $(DESTDIR)$(SUITES_DIR)/ha $(DESTDIR)$(SUITES_DIR)/cn $(DESTDIR)$(SUITES_DIR)/probes
	install -m 0644 suites/ha/*.case $(DESTDIR)$(SUITES_DIR)/ha
	install -m 0644 suites/cn/*.case $(DESTDIR)$(SUITES_DIR)/cn
	install -m 0644 suites/probes/*.case $(DESTDIR)$(SUITES_DIR)/probes
	install -m 0644 suites/requirements.tsv suites/README.md $(DESTDIR)$(SUITES_DIR)
	for p in $(MAN_PAGES); do \
	  sed -e 's|@VERSION@|$(VERSION)|' -e 's|@SUITES_DIR@|$(SUITES_DIR)|' $$p > $(DESTDIR)$(MAN_DIR)/$${p##*/} && \
	  chmod 0644 $(DESTDIR)$(MAN_DIR)/$${p##*/} || exit 1; \
	done

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/mip6kit $(patsubst harness/man/%,$(DESTDIR)$(MAN_DIR)/%,$(MAN_PAGES))
	rm -rf $(DESTDIR)$(PREFIX)/share/mip6kit

# valgrind (callgrind) counts the engine's instructions per BU; installed
# here if missing, like chromium for report-screenshot.
bench: deps bin/mip6kit $(BENCHES) build/rel/bench/bench_engine_generic
	@command -v valgrind >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends valgrind
	@codec/bench/bench.sh bin/mip6kit
	@harness/check/bench_check.sh bin/mip6kit
	@harness/replay/bench.sh bin/mip6kit

build/rel/bench/%: codec/bench/%.c codec/bench/pcap_out.h $(LIBS_REL)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_REL) -O3 -march=native -o $@ $< $(LIBS_REL) $(LDLIBS)

build/rel/bench/%: harness/engine/bench/%.c $(LIBS_REL)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_REL) -O3 -march=native -Icodec/tests -o $@ $< $(LIBS_REL) $(LDLIBS)

# The engine benchmark built like bin/mip6kit, without -march=native: the
# instruction count is the shipped code's, and valgrind decodes no AVX-512.
build/rel/bench/bench_engine_generic: harness/engine/bench/bench_engine.c $(LIBS_REL)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_REL) -Icodec/tests -o $@ $< $(LIBS_REL) $(LDLIBS)

clean:
	rm -rf build bin
