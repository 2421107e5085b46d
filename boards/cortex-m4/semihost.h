// Output and exit through ARM semihosting (QEMU: -semihosting-config enable=on,target=native):
// the image's stdout and stderr are QEMU's, its exit status QEMU's.
#ifndef CALMFOOT_SEMIHOST_H
#define CALMFOOT_SEMIHOST_H

#include <stdint.h>

void cf_semihost_open(void);
void cf_semihost_stdout(const char* bytes, uint32_t length);
void cf_semihost_stderr(const char* bytes, uint32_t length);
void cf_semihost_exit(int status) __attribute__((noreturn));

#endif
