// The wasm2c backend: the module translated to C by wasm2c at build time (build/…/firmware.c),
// run on calmfoot's static runtime (wasm_rt_static.c). Nothing is loaded at run time and nothing
// is allocated; a trap longjmps back to the guard in cf_runtime_call.
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>

#include "fw_names.h"  // generated: firmware.h and the names this wasm2c release gives things
#include "../core/board.h"
#include "../core/hal.h"
#include "runtime.h"
#include "wasm_rt_static.h"

#ifndef CF_RUNTIME_NAME
#define CF_RUNTIME_NAME "wasm2c"
#endif

/** The "hal" instance wasm2c hands back to the imports; the HAL's state lives in the core. */
struct CF_HAL_TAG {
  int unused;
};

static CF_FW_T fw;
static struct CF_HAL_TAG hal_instance;
static jmp_buf trap_target;
static const char* trap_text = "trap";

// ─── HAL imports (module "hal"): straight to the core ─────────────────────────────────────

void CF_IMPORT(set_vibration)(struct CF_HAL_TAG* h, u32 duty_permille) { (void)h; cf_hal_set_vibration((int32_t)duty_permille); }
void CF_IMPORT(set_heater)(struct CF_HAL_TAG* h, u32 duty_permille) { (void)h; cf_hal_set_heater((int32_t)duty_permille); }
void CF_IMPORT(set_led)(struct CF_HAL_TAG* h, u32 pattern) { (void)h; cf_hal_set_led((int32_t)pattern); }
void CF_IMPORT(emit)(struct CF_HAL_TAG* h, u32 kind, u32 now, u32 a, u32 b) {
  (void)h;
  cf_hal_emit((int32_t)kind, now, (int32_t)a, (int32_t)b);
}
void CF_IMPORT(panic)(struct CF_HAL_TAG* h, u32 code) { (void)h; cf_hal_panic((int32_t)code); }

// ─── Traps ───────────────────────────────────────────────────────────────────────────────

static void on_trap(int code) {
  trap_text = wasm_rt_strerror((wasm_rt_trap_t)code);
  longjmp(trap_target, 1);
}

static void on_fatal(const char* why) {
  cf_hal_safe_state();
  cf_platform_fatal(why);
}

// ─── The backend ─────────────────────────────────────────────────────────────────────────

const char* cf_runtime_name(void) { return CF_RUNTIME_NAME; }

bool cf_runtime_start(const cf_module_t* module, const char** error) {
  (void)module;  // compiled in
  static bool runtime_ready = false;
  if (!runtime_ready) {
    cf_rt_set_handlers(on_trap, on_fatal);
    wasm_rt_init();
    CF_INIT_MODULE();
    runtime_ready = true;
  }
  // Instantiation copies the data segments in under the bounds check: a board whose memory is
  // smaller than the module's static data traps here.
  if (setjmp(trap_target) != 0) {
    *error = "the module's data segments do not fit the board's memory";
    return false;
  }
  CF_INSTANTIATE(&fw, &hal_instance);
  return true;
}

void cf_runtime_stop(void) { CF_FREE(&fw); }

bool cf_runtime_call(cf_export_t fn, const uint32_t* args, uint32_t* result, const char** trap) {
  if (setjmp(trap_target) != 0) {
    *trap = trap_text;
    return false;
  }
  cf_platform_call_begin(fn);
  switch (fn) {
    case CF_FW_INIT: CF_EXPORT(fw_init)(&fw, args[0]); break;
    case CF_FW_ACCEL: CF_EXPORT(fw_accel)(&fw, args[0], args[1], args[2], args[3]); break;
    case CF_FW_ACCEL_BUFFER: *result = CF_EXPORT(fw_accel_buffer)(&fw); break;
    case CF_FW_ACCEL_BATCH: CF_EXPORT(fw_accel_batch)(&fw, args[0], args[1]); break;
    case CF_FW_ACCEL_CAPACITY: *result = CF_EXPORT(fw_accel_capacity)(&fw); break;
    case CF_FW_BUTTON: CF_EXPORT(fw_button)(&fw, args[0], args[1]); break;
    case CF_FW_TEMPERATURE: CF_EXPORT(fw_temperature)(&fw, args[0], args[1]); break;
    case CF_FW_TICK: CF_EXPORT(fw_tick)(&fw, args[0]); break;
    case CF_FW_CONFIG_SET: *result = CF_EXPORT(fw_config_set)(&fw, args[0], args[1]); break;
    case CF_FW_CONFIG_GET: *result = CF_EXPORT(fw_config_get)(&fw, args[0]); break;
    case CF_FW_STATUS: *result = CF_EXPORT(fw_status)(&fw, args[0]); break;
    default: break;
  }
  cf_platform_call_end(fn);
  return true;
}

uint8_t* cf_runtime_memory(uint32_t* bytes) {
  wasm_rt_memory_t* memory = CF_EXPORT(memory)(&fw);
  *bytes = (uint32_t)memory->size;
  return memory->data;
}

uint32_t cf_runtime_heap_high_water(void) { return 0; }

/** wasm2c compiles the module in: no bytes to load (the desktop board's --wasm refuses). */
const uint8_t cf_module_bytes[1] = { 0 };
const uint32_t cf_module_size = 0;
