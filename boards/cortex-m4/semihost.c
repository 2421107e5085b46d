// ARM semihosting (see semihost.h): a `bkpt 0xab` with the operation in r0 and its parameter block
// in r1 traps into the debugger, here QEMU, which does the I/O on the host.
#include "semihost.h"

#include <string.h>

enum {
  SYS_OPEN = 0x01,
  SYS_WRITE = 0x05,
  SYS_EXIT_EXTENDED = 0x20,  // SYS_EXIT with a status word, also in AArch32 state
};
/** SYS_OPEN of ":tt" maps the mode to the host's streams: 4 ("w") stdout, 8 ("a") stderr. */
enum { MODE_STDOUT = 4, MODE_STDERR = 8 };
/** ADP_Stopped_ApplicationExit: a normal end, with the status passed on. */
#define APPLICATION_EXIT 0x20026u

static int out_handle = -1;
static int err_handle = -1;

static int semihost(uint32_t operation, const void* block) {
  register uint32_t r0 __asm__("r0") = operation;
  register const void* r1 __asm__("r1") = block;
  __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return (int)r0;
}

static int open_tty(uint32_t mode) {
  const char* name = ":tt";
  uint32_t block[3] = { (uint32_t)name, mode, (uint32_t)strlen(name) };
  return semihost(SYS_OPEN, block);
}

void cf_semihost_open(void) {
  out_handle = open_tty(MODE_STDOUT);
  err_handle = open_tty(MODE_STDERR);
}

static void write_all(int handle, const char* bytes, uint32_t length) {
  if (handle < 0 || length == 0) return;
  uint32_t block[3] = { (uint32_t)handle, (uint32_t)bytes, length };
  semihost(SYS_WRITE, block);  // returns the bytes NOT written; the host writes them all
}

void cf_semihost_stdout(const char* bytes, uint32_t length) { write_all(out_handle, bytes, length); }
void cf_semihost_stderr(const char* bytes, uint32_t length) { write_all(err_handle, bytes, length); }

void cf_semihost_exit(int status) {
  uint32_t block[2] = { APPLICATION_EXIT, (uint32_t)status };
  semihost(SYS_EXIT_EXTENDED, block);
  for (;;) {
  }
}
