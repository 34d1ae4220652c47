/* errword.c - runit's errno words (runit-spec.md 0.1). */
#include <errno.h>
#include "errword.h"

char const *errword (int e)
{
  switch (e)
  {
    case 0 : return "no error" ;
    case ENOENT : return "file does not exist" ;
    case EACCES : return "access denied" ;
    case EPERM : return "permission denied" ;
    case EAGAIN : return "temporary failure" ;
#if EWOULDBLOCK != EAGAIN
    case EWOULDBLOCK : return "temporary failure" ;
#endif
    case ENXIO : return "device not configured" ;
    case ENODEV : return "device does not support operation" ;
    case ENOTDIR : return "not a directory" ;
    case EISDIR : return "is a directory" ;
    case EEXIST : return "file already exists" ;
    case EROFS : return "read-only file system" ;
    case ENOSPC : return "out of disk space" ;
    case ENOEXEC : return "exec format error" ;
    case ETXTBSY : return "text busy" ;
    case EINTR : return "interrupted system call" ;
    case ENOMEM : return "out of memory" ;
    case EINVAL : return "invalid argument" ;
    case EMFILE : return "process cannot open more files" ;
    case ENFILE : return "system cannot open more files" ;
    case ELOOP : return "symbolic link loop" ;
    case ENAMETOOLONG : return "file name too long" ;
    case ESRCH : return "no such process" ;
    case ECHILD : return "no child processes" ;
    case EIO : return "input/output error" ;
    case EBADF : return "file descriptor not open" ;
    case EPIPE : return "broken pipe" ;
    case EFBIG : return "file too big" ;
    case EXDEV : return "cross-device link" ;
    case ENOTEMPTY : return "directory not empty" ;
    case EBUSY : return "device busy" ;
    case ESPIPE : return "unseekable descriptor" ;
    case EDQUOT : return "disk quota exceeded" ;
    case ECONNREFUSED : return "connection refused" ;
    case ETIMEDOUT : return "timed out" ;
    case EPROTO : return "protocol error" ;
    default : return "unknown error" ;
  }
}
