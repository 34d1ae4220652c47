# tests/func/chpst_lock.sh - chpst -l and -L (chpst(8), OPTIONS): a lock
# waited for or not, its errors, and its opening after the uid switch.
# Sourced by tests/func/run after lib.sh; every t_* function is one case.
# Shared helpers: tests/func/lib/chpst.sh.

# shellcheck source=tests/func/lib/chpst.sh
. "$(dirname "$SV_TESTFILE")/lib/chpst.sh"

t_lock_nowait () {
  chpst -L lk sh -c 'touch held ; while test ! -e release ; do sleep 0.01 ; done' &
  holder=$!
  wait_for 5 'test -e held' "the first chpst -L to hold the lock"
  assert_eq "-rw-------" "$(ls -l lk | cut -c1-10)" "mode of the lock file"
  # (timeout: a -L that wrongly waits must fail the case, not hang it)
  assert_rc 111 timeout 5 "$CHPST" -L lk sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to lock: lk: temporary failure" "$(errline)"
  assert_not_ran
  touch release
  wait $holder
  # free again once the program that held it is gone
  assert_rc 0 chpst -L lk sh -c "$MARK"
  test -e ran || fail "chpst -L did not run the program on a free lock"
}

t_lock_wait () {
  chpst -L lk sh -c 'touch held ; while test ! -e release ; do sleep 0.01 ; done' &
  wait_for 5 'test -e held' "the holder"
  chpst -l lk sh -c 'touch got' &
  waiter=$!
  still_for 0.3 'test ! -e got' "chpst -l waiting while the lock is held"
  touch release
  wait_for 5 'test -e got' "chpst -l to get the lock once it was released"
  wait $waiter
}

t_lock_errors () {
  assert_rc 111 chpst -L nodir/lk sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to open lock: nodir/lk: file does not exist" "$(errline)"
  assert_rc 111 chpst -l nodir/lk sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to open lock: nodir/lk: file does not exist" "$(errline)"
  assert_not_ran
}

t_lock_after_user () {
  need_nobody
  mkdir -m 700 private
  # the lock is opened after the uid switch: nobody cannot open it here
  assert_rc 111 chpst -u nobody -l private/lk sh -c "$MARK" 2> err
  assert_eq "chpst: fatal: unable to open lock: private/lk: access denied" "$(errline)"
  assert_not_ran
  test ! -e private/lk || fail "the lock was created before the uid switch"
  mkdir -m 777 shared
  chpst -u nobody -L shared/lk sh -c 'ls -ln shared/lk' > out || fail "chpst -u nobody -L failed"
  assert_match '-rw------- 1 65534 65534 *' "$(cat out)" "lock file owned by nobody"
}
