// Measurements of the wasm2c desktop board's probe build (build/mcu/tools/wasm2c-probe): which bytes
// of the firmware's 64 KiB page are ever read or written, how deep wasm calls nest, and how much
// C stack a call into the firmware takes. The normal build compiles all of this away.
#ifndef CALMFOOT_PROBE_H
#define CALMFOOT_PROBE_H

#include <stdint.h>
#include <stdio.h>

#if defined(CF_PROBE) && CF_PROBE
#define PROBE_BUILD 1
/** Before each call into the firmware: paints the C stack below the caller with a pattern. */
void probe_before_call(void);
/** After it (or after its trap): finds the deepest byte of the painted stack that changed. */
void probe_after_call(void);
void probe_report(FILE* out, uint64_t samples);
#else
#define PROBE_BUILD 0
static inline void probe_before_call(void) {}
static inline void probe_after_call(void) {}
static inline void probe_report(FILE* out, uint64_t samples) { (void)out; (void)samples; }
#endif

#endif
