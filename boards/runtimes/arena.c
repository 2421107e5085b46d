// The fixed arena (see arena.h): a bump allocator with a size word before each block.
#include "arena.h"

#include <string.h>

#ifndef CF_ARENA_BYTES
#define CF_ARENA_BYTES (128u * 1024u)
#endif
/** On the Cortex-M4 the arena has its own section, so that its reserved size is not counted as used RAM. */
#ifndef CF_ARENA_SECTION
#define CF_ARENA_SECTION
#endif

#define ALIGN 8u
#define HEADER ALIGN  // the block's size, padded to keep blocks aligned

static uint8_t arena[CF_ARENA_BYTES] CF_ARENA_SECTION __attribute__((aligned(ALIGN)));
static uint32_t used = 0;       // bytes from the start of the arena in use
static uint32_t last = 0;       // offset of the last block's header; only valid when has_last
static int has_last = 0;
static uint32_t high_water = 0;

static uint32_t round_up(size_t n) { return (uint32_t)((n + (ALIGN - 1)) & ~(size_t)(ALIGN - 1)); }
static uint32_t size_of(const uint8_t* block) { uint32_t n; memcpy(&n, block - HEADER, sizeof n); return n; }

void cf_arena_reset(void) {
  used = 0;
  has_last = 0;
  high_water = 0;
}

uint32_t cf_arena_high_water(void) { return high_water; }
uint32_t cf_arena_bytes(void) { return CF_ARENA_BYTES; }

static void* take(size_t size) {
  if (size > CF_ARENA_BYTES) return 0;
  uint32_t need = HEADER + round_up(size);
  if (need > CF_ARENA_BYTES - used) return 0;
  uint8_t* block = arena + used + HEADER;
  uint32_t n = (uint32_t)size;
  memcpy(block - HEADER, &n, sizeof n);
  last = used;
  has_last = 1;
  used += need;
  if (used > high_water) high_water = used;
  return block;
}

void* cf_arena_calloc(size_t count, size_t size) {
  if (size != 0 && count > SIZE_MAX / size) return 0;
  void* block = take(count * size);
  if (block) memset(block, 0, count * size);
  return block;
}

void cf_arena_free(void* block) {
  if (!block || !has_last) return;
  if ((uint8_t*)block == arena + last + HEADER) {
    used = last;
    has_last = 0;
  }
}

void* cf_arena_realloc(void* block, size_t size) {
  if (!block) return cf_arena_calloc(1, size);
  uint8_t* old = block;
  uint32_t old_size = size_of(old);
  if (has_last && old == arena + last + HEADER) {
    uint32_t need = HEADER + round_up(size);
    if (size > CF_ARENA_BYTES || need > CF_ARENA_BYTES - last) return 0;
    uint32_t n = (uint32_t)size;
    memcpy(old - HEADER, &n, sizeof n);
    used = last + need;
    if (used > high_water) high_water = used;
    return old;
  }
  uint8_t* moved = take(size);
  if (!moved) return 0;
  memcpy(moved, old, old_size < size ? old_size : size);
  return moved;
}
