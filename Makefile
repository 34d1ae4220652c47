# Makefile - builds lib/libsv.a and the five programs into $(BUILD).
# Every program PROG is built from PROG/*.c linked against lib/libsv.a.
# A second build can live beside the first: make BUILD=build-asan ...

-include config.mak

BUILD ?= build
ALL_PROGS = runsvdir runsv sv chpst svlogd
# a program is built once its folder has sources
PROGS = $(foreach p,$(ALL_PROGS),$(if $(wildcard $(p)/*.c),$(p)))
# daemontools personalities of chpst, installed as links
CHPST_LINKS = envdir envuidgid pgrphack setlock setuidgid softlimit
EXTRA_CFLAGS ?=
EXTRA_LDFLAGS ?=

LIB_SRC = $(wildcard lib/*.c)
LIB_OBJ = $(LIB_SRC:%.c=$(BUILD)/%.o)
LIB = $(BUILD)/lib/libsv.a
BINS = $(PROGS:%=$(BUILD)/bin/%)
UNIT_SRC = $(wildcard tests/unit/check_*.c)
UNIT_BINS = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
HEADERS = $(wildcard lib/*.h)

# OPT_* come from configure (section garbage collection, --enable-small), after
# CFLAGS so that a CFLAGS given on the command line does not drop them
ALL_CFLAGS = $(CFLAGS) $(OPT_CFLAGS) $(EXTRA_CFLAGS)
ALL_LDFLAGS = $(LDFLAGS) $(OPT_LDFLAGS) $(EXTRA_LDFLAGS)

all: config.mak $(BINS)

config.mak:
	@echo "Makefile: run ./configure first" >&2 ; exit 1

$(BUILD)/%.o: %.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rc $@ $(LIB_OBJ)

# One link rule per program: PROG/*.c + lib/libsv.a
define prog_rule
$(BUILD)/bin/$(1): $(patsubst %.c,$(BUILD)/%.o,$(wildcard $(1)/*.c)) $(LIB)
	@mkdir -p $$(@D)
	$$(CC) $$(ALL_CFLAGS) $$(ALL_LDFLAGS) -o $$@ $$(filter %.o,$$^) $$(LIB) $$(LDLIBS)
endef
$(foreach p,$(PROGS),$(eval $(call prog_rule,$(p))))

$(BUILD)/tests/check_%.o: tests/unit/check_%.c $(HEADERS) $(wildcard tests/unit/*.h)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(CHECK_CFLAGS) -c -o $@ $<

$(BUILD)/tests/check_%: $(BUILD)/tests/check_%.o $(LIB)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(CHECK_LIBS) $(LDLIBS)

# each suite runs in a fresh temp dir: tests create files relative to it
unit: $(UNIT_BINS)
	@set -e ; for t in $(abspath $(UNIT_BINS)) ; do \
	  d=$$(mktemp -d) ; (cd $$d && $$t) || { rm -rf $$d ; exit 1 ; } ; rm -rf $$d ; done

# Black-box tests of the real binaries, run in parallel (tests/func/run).
func: $(BINS)
	SV_BIN=$(abspath $(BUILD)/bin) tests/func/run

check: unit func

install: all
	mkdir -p $(DESTDIR)$(BINDIR)
	for p in $(PROGS) ; do cp $(BUILD)/bin/$$p $(DESTDIR)$(BINDIR)/$$p.new && mv -f $(DESTDIR)$(BINDIR)/$$p.new $(DESTDIR)$(BINDIR)/$$p ; done
	for l in $(CHPST_LINKS) ; do ln -sf chpst $(DESTDIR)$(BINDIR)/$$l ; done
	mkdir -p $(DESTDIR)$(MANDIR)/man8
	for p in $(PROGS) ; do test ! -f $$p/$$p.8 || cp $$p/$$p.8 $(DESTDIR)$(MANDIR)/man8/ ; done

clean:
	rm -rf $(BUILD) build-asan build-bench build-bench-static build-bench-small

distclean: clean
	rm -f config.mak

.PHONY: all unit func check install clean distclean

# keep objects make would otherwise delete as intermediates
.SECONDARY:
