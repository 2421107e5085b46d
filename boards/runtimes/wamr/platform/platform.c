/* calmfoot's WAMR platform: what WAMR's core needs from an OS, on a bare board.
 *
 * Memory: WAMR runs with Alloc_With_Pool, so every allocation (linear memory included: os_mmap
 * below) comes from the board's static pool and nothing from the C heap. Log output goes to the
 * board's diagnostic channel. Time is not used by the interpreters. */
#include "platform_api_vmcore.h"
#include "platform_api_extension.h"
#include "wasm_export.h"

/* The board's diagnostic line writer and stack limit (boards/runtimes/wamr.c). */
void cf_wamr_log(const char *text);
uint8 *cf_wamr_stack_boundary(void);

int bh_platform_init(void) { return 0; }
void bh_platform_destroy(void) {}

/* WAMR's own allocations go through wasm_runtime_malloc (the pool); these are its fallbacks. */
void *os_malloc(unsigned size) { return wasm_runtime_malloc(size); }
void *os_realloc(void *ptr, unsigned size) { return wasm_runtime_realloc(ptr, size); }
void os_free(void *ptr) { wasm_runtime_free(ptr); }

int os_vprintf(const char *format, va_list ap) {
  char line[160];
  int n = vsnprintf(line, sizeof line, format, ap);
  cf_wamr_log(line);
  return n;
}

int os_printf(const char *format, ...) {
  va_list ap;
  va_start(ap, format);
  int n = os_vprintf(format, ap);
  va_end(ap);
  return n;
}

uint64 os_time_get_boot_us(void) { return 0; }
uint64 os_time_thread_cputime_us(void) { return 0; }

korp_tid os_self_thread(void) { return 1; }
uint8 *os_thread_get_stack_boundary(void) { return cf_wamr_stack_boundary(); }
void os_thread_jit_write_protect_np(bool enabled) { (void)enabled; }

int os_mutex_init(korp_mutex *mutex) { *mutex = 0; return BHT_OK; }
int os_mutex_destroy(korp_mutex *mutex) { (void)mutex; return BHT_OK; }
int os_mutex_lock(korp_mutex *mutex) { (void)mutex; return BHT_OK; }
int os_mutex_unlock(korp_mutex *mutex) { (void)mutex; return BHT_OK; }

/* Linear memory: a zeroed block of the pool (a board has no pages to map). */
void *os_mmap(void *hint, size_t size, int prot, int flags, os_file_handle file) {
  (void)hint; (void)prot; (void)flags; (void)file;
  if (size == 0 || size > UINT32_MAX) return NULL;
  void *block = wasm_runtime_malloc((uint32)size);
  if (block) memset(block, 0, size);
  return block;
}
void os_munmap(void *addr, size_t size) { (void)size; if (addr) wasm_runtime_free(addr); }
int os_mprotect(void *addr, size_t size, int prot) { (void)addr; (void)size; (void)prot; return 0; }
void *os_mremap(void *old_addr, size_t old_size, size_t new_size) { return os_mremap_slow(old_addr, old_size, new_size); }
void os_dcache_flush(void) {}
void os_icache_flush(void *start, size_t len) { (void)start; (void)len; }
