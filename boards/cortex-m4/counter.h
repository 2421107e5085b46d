// A 64-bit count of SysTick ticks: with QEMU's -icount shift=0 every instruction advances virtual
// time by 1 ns, so ticks are instructions divided by a fixed factor (40 at the MPS2's 25 MHz
// system clock), exactly and the same on every run. cf_counter_calibrate measures the factor on
// a loop of known length instead of trusting it.
#ifndef CALMFOOT_COUNTER_H
#define CALMFOOT_COUNTER_H

#include <stdint.h>

void cf_counter_start(void);
uint64_t cf_counter_now(void);

typedef struct {
  uint32_t loop_instructions;  // instructions the calibration loop executes
  uint64_t loop_ticks;         // ticks it took
  uint64_t empty_ticks;        // ticks of cf_counter_now() read twice in a row, summed over…
  uint32_t empty_reads;        // …this many pairs
} cf_counter_calibration_t;

void cf_counter_calibrate(cf_counter_calibration_t* out);

#endif
