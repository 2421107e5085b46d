// Stack painting (see stack.h).
#include "stack.h"

extern uint32_t cf_stack_bottom, cf_stack_top;

#define PAINT 0xC0FFEE5Au
/** Left unpainted below the current stack pointer: the painting function's own frame. */
#define GAP_BYTES 64u

__attribute__((noinline)) void cf_stack_paint(void) {
  uint32_t sp;
  __asm__ volatile("mov %0, sp" : "=r"(sp));
  for (volatile uint32_t* p = &cf_stack_bottom; (uint32_t)p < sp - GAP_BYTES; p++) *p = PAINT;
}

uint32_t cf_stack_peak(void) {
  const uint32_t* p = &cf_stack_bottom;
  while (p < &cf_stack_top && *p == PAINT) p++;
  return (uint32_t)((const uint8_t*)&cf_stack_top - (const uint8_t*)p);
}

uint32_t cf_stack_bytes(void) { return (uint32_t)((const uint8_t*)&cf_stack_top - (const uint8_t*)&cf_stack_bottom); }
