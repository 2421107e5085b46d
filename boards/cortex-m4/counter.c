// SysTick as an instruction counter (see counter.h). The 24-bit down-counter runs from the
// processor clock and reloads from 0xFFFFFF; its interrupt counts the reloads.
#include "counter.h"

#include <stdbool.h>

#define SYST_CSR (*(volatile uint32_t*)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t*)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t*)0xE000E018u)
#define SCB_ICSR (*(volatile uint32_t*)0xE000ED04u)
#define ICSR_PENDSTSET (1u << 26)
enum { CSR_ENABLE = 1u << 0, CSR_TICKINT = 1u << 1, CSR_CLKSOURCE_CPU = 1u << 2 };
#define PERIOD (1u << 24)

static volatile uint32_t reloads = 0;

void cf_systick_handler(void) { reloads++; }

void cf_counter_start(void) {
  SYST_CSR = 0;
  SYST_RVR = PERIOD - 1;
  SYST_CVR = 0;  // any write clears it; it reloads on the next tick
  SYST_CSR = CSR_ENABLE | CSR_TICKINT | CSR_CLKSOURCE_CPU;
  // Until that first reload the counter reads 0, which would count as a whole period gone by.
  while (SYST_CVR == 0) {
  }
}

uint64_t cf_counter_now(void) {
  for (;;) {
    uint32_t before = reloads;
    uint32_t value = SYST_CVR;
    bool pending = (SCB_ICSR & ICSR_PENDSTSET) != 0;
    if (reloads != before) continue;  // the handler ran meanwhile: read again
    // A reload whose handler has not run yet (it is taken a few instructions late): the value
    // already counts in the new period when it is high, i.e. read after the reload.
    uint32_t periods = before + (pending && value > PERIOD / 2 ? 1u : 0u);
    return (uint64_t)periods * PERIOD + (PERIOD - 1u - value);
  }
}

/** Two instructions per turn (subs, bne) and four around them (mov, the call's bl/bx and one spare). */
__attribute__((noinline, naked)) static void spin(uint32_t turns) {
  __asm__ volatile(
      "1: subs r0, r0, #1\n"
      "   bne 1b\n"
      "   bx lr\n");
  (void)turns;
}

void cf_counter_calibrate(cf_counter_calibration_t* out) {
  const uint32_t turns = 1000000;
  // Two loops, one twice as long: their difference is exactly `turns` × 2 instructions, whatever
  // the call around them costs.
  uint64_t t0 = cf_counter_now();
  spin(turns);
  uint64_t t1 = cf_counter_now();
  spin(2 * turns);
  uint64_t t2 = cf_counter_now();
  out->loop_instructions = 2 * turns;
  out->loop_ticks = (t2 - t1) - (t1 - t0);
  uint64_t empty = 0;
  const uint32_t reads = 10000;
  for (uint32_t i = 0; i < reads; i++) {
    uint64_t a = cf_counter_now();
    uint64_t b = cf_counter_now();
    empty += b - a;
  }
  out->empty_ticks = empty;
  out->empty_reads = reads;
}
