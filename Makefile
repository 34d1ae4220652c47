# Makefile - builds the libraries and the five programs into $(BUILD).
# lib/*.c, the modules several programs share, make lib/libsv.a; PROG/lib/*.c,
# the modules of one program (there to be unit-tested), make PROG/lib/PROG.a.
# Every program PROG is built from PROG/*.c linked against both.
# A second build can live beside the first: make BUILD=build-asan ...
# The musl static build has a configuration of its own (./configure
# --enable-musl writes config-musl.mak, which sets BUILD = build-musl):
# make CONFIG=config-musl.mak ...

CONFIG ?= config.mak
-include $(CONFIG)

BUILD ?= build
ALL_PROGS = runsvdir runsv sv chpst svlogd
# a program is built once its folder has sources
PROGS = $(foreach p,$(ALL_PROGS),$(if $(wildcard $(p)/*.c),$(p)))
# daemontools personalities of chpst, installed as links
CHPST_LINKS = envdir envuidgid pgrphack setlock setuidgid softlimit
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
EXTRA_CFLAGS ?=
EXTRA_LDFLAGS ?=

LIB_SRC = $(wildcard lib/*.c)
LIB_OBJ = $(LIB_SRC:%.c=$(BUILD)/%.o)
LIB = $(BUILD)/lib/libsv.a
# a program's own library, and the -I that lets its files (and only the unit
# tests besides) include its headers
prog_lib = $(if $(wildcard $(1)/lib/*.c),$(BUILD)/$(1)/lib/$(1).a)
PROG_LIBS = $(foreach p,$(PROGS),$(call prog_lib,$(p)))
PROG_LIB_INCS = $(foreach p,$(PROGS),$(if $(wildcard $(p)/lib/*.h),-I$(p)/lib))
BINS = $(PROGS:%=$(BUILD)/bin/%)
UNIT_SRC = $(wildcard tests/unit/check_*.c)
UNIT_BINS = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
HEADERS = $(wildcard lib/*.h */lib/*.h $(ALL_PROGS:%=%/*.h))

# OPT_* come from configure (section garbage collection, --enable-small), after
# CFLAGS so that a CFLAGS given on the command line does not drop them
ALL_CFLAGS = $(CFLAGS) $(OPT_CFLAGS) $(EXTRA_CFLAGS)
ALL_LDFLAGS = $(LDFLAGS) $(OPT_LDFLAGS) $(EXTRA_LDFLAGS)

all: $(CONFIG) $(BINS)

$(CONFIG):
	@echo "Makefile: no $(CONFIG): run ./configure$(if $(filter config-musl.mak,$(CONFIG)), --enable-musl (or ./setup static)) first" >&2 ; exit 1

$(BUILD)/%.o: %.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rc $@ $(LIB_OBJ)

# Each program's objects see its lib/, which is archived apart
define prog_lib_rule
$(BUILD)/$(1)/%.o: CPPFLAGS += -I$(1)/lib
$(BUILD)/$(1)/lib/$(1).a: $(patsubst %.c,$(BUILD)/%.o,$(wildcard $(1)/lib/*.c))
	@mkdir -p $$(@D)
	rm -f $$@
	$$(AR) rc $$@ $$^
endef
$(foreach p,$(PROGS),$(eval $(call prog_lib_rule,$(p))))

# One link rule per program: PROG/*.c + PROG/lib/PROG.a + lib/libsv.a
MULTICALL ?= no
ifneq ($(MULTICALL),yes)
define prog_rule
$(BUILD)/bin/$(1): $(patsubst %.c,$(BUILD)/%.o,$(wildcard $(1)/*.c)) $(call prog_lib,$(1)) $(LIB)
	@mkdir -p $$(@D)
	$$(CC) $$(ALL_CFLAGS) $$(ALL_LDFLAGS) -o $$@ $$(filter %.o,$$^) $(call prog_lib,$(1)) $$(LIB) $$(LDLIBS)
endef
endif
ifeq ($(MULTICALL),yes)
# The musl build (configure --enable-musl): one static program made of the
# five, multicall/multicall.c choosing a main by the name it runs under;
# each PROG/PROG.o's main is renamed PROG_main for it, and build-musl/bin
# holds the five names as hard links to it (docs/design.md says why)
OBJCOPY ?= objcopy
MULTI = $(BUILD)/multicall/multicall
# runsv's objects last: its data and bss then lie beside the libraries',
# so an idle runsv dirties no more pages of them than runsv alone did
MULTI_ORDER = $(filter-out runsv,$(PROGS)) $(filter runsv,$(PROGS))
MULTI_OBJS = $(BUILD)/multicall/multicall.o \
  $(foreach p,$(MULTI_ORDER),$(BUILD)/multicall/$(p)_main.o $(patsubst %.c,$(BUILD)/%.o,$(filter-out $(p)/$(p).c,$(wildcard $(p)/*.c))))
define prog_rule
$(BUILD)/multicall/$(1)_main.o: $(BUILD)/$(1)/$(1).o
	@mkdir -p $$(@D)
	$$(OBJCOPY) --redefine-sym main=$(1)_main $$< $$@
$(BUILD)/bin/$(1): $(MULTI)
	@mkdir -p $$(@D)
	ln -f $$< $$@
endef
$(MULTI): $(MULTI_OBJS) $(PROG_LIBS) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $(MULTI_OBJS) $(PROG_LIBS) $(LIB) $(LDLIBS)
endif
$(foreach p,$(PROGS),$(eval $(call prog_rule,$(p))))

$(BUILD)/tests/check_%.o: tests/unit/check_%.c $(HEADERS) $(wildcard tests/unit/*.h)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(PROG_LIB_INCS) $(ALL_CFLAGS) $(CHECK_CFLAGS) -c -o $@ $<

# a suite tests one module, of lib/ or of a program's lib/
$(BUILD)/tests/check_%: $(BUILD)/tests/check_%.o $(PROG_LIBS) $(LIB)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(PROG_LIBS) $(LIB) $(CHECK_LIBS) $(LDLIBS)

# each suite runs in a fresh temp dir: tests create files relative to it
ifeq ($(MUSL),yes)
unit:
	@echo "Makefile: the unit tests run on the glibc builds (Check is not built for musl): make unit" >&2 ; exit 1
else ifeq ($(HAVE_CHECK),no)
unit:
	@echo "Makefile: the unit tests need Check: apt-get install check, then ./configure" >&2 ; exit 1
else
unit: $(UNIT_BINS)
	@set -e ; for t in $(abspath $(UNIT_BINS)) ; do \
	  d=$$(mktemp -d) ; (cd $$d && $$t) || { rm -rf $$d ; exit 1 ; } ; rm -rf $$d ; done
endif

# Black-box tests of the real binaries, run in parallel (tests/func/run);
# FUNC_FILES picks test files (default: every one), FUNC_FLAGS passes options
# (-x: without the heavy cases of tests/func/heavy)
FUNC_FILES ?=
FUNC_FLAGS ?=
func: $(BINS)
	SV_BIN=$(abspath $(BUILD)/bin) tests/func/run $(FUNC_FLAGS) $(FUNC_FILES)

# the shape of the code, from the objects' symbol tables (tests/structure says what)
structure: $(BINS)
	tests/structure $(BUILD)

check: unit structure func

install: all install-data
	mkdir -p $(DESTDIR)$(BINDIR)
	for p in $(PROGS) ; do cp $(BUILD)/bin/$$p $(DESTDIR)$(BINDIR)/$$p.new && mv -f $(DESTDIR)$(BINDIR)/$$p.new $(DESTDIR)$(BINDIR)/$$p ; done
	# the multi-call build: one file, the five names hard links to it
	test "$(MULTICALL)" != yes || for p in $(filter-out runsvdir,$(PROGS)) ; do ln -f $(DESTDIR)$(BINDIR)/runsvdir $(DESTDIR)$(BINDIR)/$$p ; done
	for l in $(CHPST_LINKS) ; do ln -sf chpst $(DESTDIR)$(BINDIR)/$$l ; done

# what install copies that is not built: man pages, sv's bash completion
install-data:
	mkdir -p $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(BASHCOMPDIR)
	for p in $(ALL_PROGS) ; do test ! -f $$p/$$p.8 || cp $$p/$$p.8 $(DESTDIR)$(MANDIR)/man8/ ; done
	cp sv/sv.bash-completion $(DESTDIR)$(BASHCOMPDIR)/sv

# the release tarball of the static musl build (./setup static first):
# build-musl/sv-suite-static-ARCH.tar.gz and .sha256, written by ./mkdist
DIST_CONFIG ?= config-musl.mak
dist:
	@test -f $(DIST_CONFIG) || { echo "Makefile: no $(DIST_CONFIG): make dist packs the static musl build; run ./setup static first" >&2 ; exit 1 ; }
	$(MAKE) CONFIG=$(DIST_CONFIG) dist-here

dist-here: all
	./mkdist $(BUILD)/bin $(BUILD)

clean:
	rm -rf $(BUILD) build-asan build-musl build-bench build-bench-static build-bench-small build-bench-musl

# also the musl build's skalibs (fetched again by the next ./setup static)
distclean: clean
	rm -rf config.mak config-musl.mak build-skalibs-musl

.PHONY: all unit structure func check install install-data dist dist-here clean distclean

# keep objects make would otherwise delete as intermediates
.SECONDARY:
