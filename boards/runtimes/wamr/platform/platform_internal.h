/* calmfoot's WAMR platform (see platform.c): the types WAMR's platform API names, for a bare board
 * with one thread and no memory mapping. */
#ifndef CALMFOOT_WAMR_PLATFORM_INTERNAL_H
#define CALMFOOT_WAMR_PLATFORM_INTERNAL_H

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef BH_PLATFORM_CALMFOOT
#define BH_PLATFORM_CALMFOOT
#endif

#define BH_APPLET_PRESERVED_STACK_SIZE (2 * BH_KB)
#define BH_THREAD_DEFAULT_PRIORITY 0

/* One thread, no locks needed: the types exist only for the API's signatures. */
typedef int korp_tid;
typedef int korp_mutex;
typedef int korp_cond;
typedef int korp_thread;
typedef int korp_rwlock;
typedef int korp_sem;

typedef int os_file_handle;
typedef void *os_dir_stream;
typedef int os_raw_file_handle;

static inline os_file_handle os_get_invalid_handle(void) { return -1; }

/* Linear memory is rounded up to this by WAMR; small, so that a shrunk memory stays small. */
static inline int os_getpagesize(void) { return 8; }

#endif
