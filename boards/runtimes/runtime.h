// What a runtime backend gives the board core: one WebAssembly runtime (wasm2c, wasm3, WAMR) behind
// the same few calls. A backend is one small C file (wasm2c.c, wasm3.c, wamr.c); it binds the
// module's "hal" imports to the core's HAL (boards/core/hal.h) and knows nothing of replay, logs or
// restarts.
#ifndef CALMFOOT_RUNTIME_H
#define CALMFOOT_RUNTIME_H

#include <stdbool.h>
#include <stdint.h>

/** The exports of HAL ABI v1, in one order every board uses (also for its per-export counters). */
typedef enum {
  CF_FW_INIT,
  CF_FW_ACCEL,
  CF_FW_ACCEL_BUFFER,
  CF_FW_ACCEL_BATCH,
  CF_FW_ACCEL_CAPACITY,
  CF_FW_BUTTON,
  CF_FW_TEMPERATURE,
  CF_FW_TICK,
  CF_FW_CONFIG_SET,
  CF_FW_CONFIG_GET,
  CF_FW_STATUS,
  CF_EXPORT_COUNT
} cf_export_t;

/** Export names and parameter counts, indexed by cf_export_t (runtime.c). */
extern const char* const cf_export_name[CF_EXPORT_COUNT];
extern const uint8_t cf_export_params[CF_EXPORT_COUNT];
extern const bool cf_export_has_result[CF_EXPORT_COUNT];

/** The module a backend that loads bytes at run time instantiates (wasm3, WAMR). */
typedef struct {
  const uint8_t* bytes;
  uint32_t size;
} cf_module_t;

/** "wasm2c", "wasm3", "wamr-classic", … */
const char* cf_runtime_name(void);

/**
 * A fresh instance from power-on: the runtime set up (its arena or pool reset first), the module
 * loaded and instantiated with zeroed memory, the imports bound to the core's HAL. False with a
 * reason in *error (static text) if it cannot be done; nothing to undo then.
 */
bool cf_runtime_start(const cf_module_t* module, const char** error);

/** Gives everything back: the instance, the module, the runtime, its whole arena or pool. */
void cf_runtime_stop(void);

/**
 * Calls one export with `args` (cf_export_params[fn] of them, i32 bits). False if the firmware
 * trapped: *trap names the trap (static text) and the instance must not be called again before
 * cf_runtime_stop / cf_runtime_start. The runtime's call itself is bracketed by
 * cf_platform_call_begin / cf_platform_call_end (boards/core/board.h): what the figures count as
 * the cost of a call is the runtime's and the firmware's, not the board's guard around it.
 */
bool cf_runtime_call(cf_export_t fn, const uint32_t* args, uint32_t* result, const char** trap);

/** The firmware's linear memory as the runtime holds it (bytes reachable by the module). */
uint8_t* cf_runtime_memory(uint32_t* bytes);

/**
 * Bytes of the runtime's arena or pool in use at its highest since the last cf_runtime_start
 * (0 when the runtime allocates nothing: wasm2c).
 */
uint32_t cf_runtime_heap_high_water(void);

#endif
