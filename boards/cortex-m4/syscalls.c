// The few system calls newlib-nano's C library refers to. These images have no C heap (every
// allocation has a fixed home: a static block, the fixed arena or WAMR's pool), no files and no
// console but semihosting; a library function that needs any of these fails instead of
// reaching for RAM the figures do not count.
#include <errno.h>
#include <stdint.h>
#include <sys/stat.h>

#include "semihost.h"

#undef errno
extern int errno;

void* _sbrk(intptr_t increment) {
  (void)increment;
  errno = ENOMEM;
  return (void*)-1;
}

int _write(int file, const char* bytes, int length) {
  (void)file;
  cf_semihost_stderr(bytes, (uint32_t)length);
  return length;
}

int _read(int file, char* bytes, int length) { (void)file; (void)bytes; (void)length; errno = EBADF; return -1; }
int _close(int file) { (void)file; errno = EBADF; return -1; }
int _lseek(int file, int offset, int whence) { (void)file; (void)offset; (void)whence; errno = ESPIPE; return -1; }
int _fstat(int file, struct stat* st) { (void)file; st->st_mode = S_IFCHR; return 0; }
int _isatty(int file) { (void)file; return 1; }
int _getpid(void) { return 1; }
int _kill(int pid, int signal) { (void)pid; (void)signal; errno = EINVAL; return -1; }
void _exit(int status) { cf_semihost_exit(status); }
