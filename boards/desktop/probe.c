// The probe build's measurements (see probe.h). boards/Makefile makes a copy of the generated
// firmware.c in which every linear-memory bounds check (RANGE_CHECK: loads, stores, data segment
// init, memory.fill/copy) also calls probe_touch(), and every function prologue probe_depth().
//
// Why not a canary in linear memory: WebAssembly memory must start zeroed, and the firmware relies
// on it, so the page cannot be pre-filled with a pattern; recording every access is exact instead.
// The C stack, though, is painted with a canary before each call and scanned after it.

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define CF_PROBE 1
#include "probe.h"

#define PAGE_BYTES 65536u
static uint8_t touched[PAGE_BYTES / 8];
static uint32_t touched_end = 0;  // one past the highest byte touched
static uint32_t depth_max = 0;
static uint64_t accesses = 0;

void probe_touch(uint64_t offset, uint64_t len);
uint32_t probe_depth(uint32_t depth);

void probe_touch(uint64_t offset, uint64_t len) {
  accesses++;
  if (len == 0 || offset >= PAGE_BYTES) return;  // out of bounds: the range check traps anyway
  uint64_t end = offset + len > PAGE_BYTES ? PAGE_BYTES : offset + len;
  for (uint64_t a = offset; a < end; a++) touched[a >> 3] |= (uint8_t)(1u << (a & 7));
  if (end > touched_end) touched_end = (uint32_t)end;
}

uint32_t probe_depth(uint32_t depth) {
  if (depth > depth_max) depth_max = depth;
  return depth;
}

// ─── C stack canary ──────────────────────────────────────────────────────────────────────

#define PAINT_BYTES (64u * 1024u)
/** Left alone just below the caller, so that probe_before_call's own frame is not painted over. */
#define PAINT_GAP 192u
#define CANARY 0xA5u
static uintptr_t stack_base = 0;
static uint32_t stack_max = 0;

__attribute__((noinline)) void probe_before_call(void) {
  stack_base = (uintptr_t)__builtin_frame_address(0);
  volatile uint8_t* p = (volatile uint8_t*)(stack_base - PAINT_BYTES);
  for (uint32_t i = 0; i < PAINT_BYTES - PAINT_GAP; i++) p[i] = CANARY;
}

__attribute__((noinline)) void probe_after_call(void) {
  volatile uint8_t* p = (volatile uint8_t*)(stack_base - PAINT_BYTES);
  uint32_t i = 0;
  while (i < PAINT_BYTES - PAINT_GAP && p[i] == CANARY) i++;
  uint32_t used = PAINT_BYTES - i;  // bytes below the caller's frame that the call wrote
  if (i == PAINT_BYTES - PAINT_GAP) used = PAINT_GAP;  // untouched paint: at most the gap
  if (used > stack_max) stack_max = used;
}

void probe_report(FILE* out, uint64_t samples) {
  uint32_t count = 0;
  for (uint32_t i = 0; i < PAGE_BYTES / 8; i++) count += (uint32_t)__builtin_popcount(touched[i]);
  fprintf(out,
          "{\"memory_bytes\":%u,\"touched_bytes\":%u,\"touched_end\":%u,\"wasm_call_depth_max\":%u,"
          "\"c_stack_bytes_max\":%u,\"c_stack_paint_gap\":%u,\"memory_accesses\":%llu,\"samples\":%llu}\n",
          PAGE_BYTES, count, touched_end, depth_max, stack_max, PAINT_GAP, (unsigned long long)accesses,
          (unsigned long long)samples);
}
