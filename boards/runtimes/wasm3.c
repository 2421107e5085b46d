// The wasm3 backend: wasm3 0.5.0 interprets the module from its bytes (in flash on a board; wasm3
// only reads them). Everything wasm3 allocates comes from the board's fixed arena (arena.c),
// which cf_runtime_start resets: a restarted instance takes exactly the RAM the first one took.
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "wasm3.h"
#include "../core/board.h"
#include "../core/hal.h"
#include "arena.h"
#include "runtime.h"

/** wasm3's own stack for the module's operands, locals and frames, bytes. */
#ifndef CF_WASM3_STACK_BYTES
#define CF_WASM3_STACK_BYTES 4096
#endif

static IM3Environment environment;
static IM3Runtime runtime;
static IM3Function functions[CF_EXPORT_COUNT];

// ─── HAL imports (module "hal") ──────────────────────────────────────────────────────────
// A raw function reads its arguments from wasm3's stack (m3ApiGetArg) and reports success.

static m3ApiRawFunction(hal_set_vibration) {
  m3ApiGetArg(int32_t, duty_permille);
  cf_hal_set_vibration(duty_permille);
  m3ApiSuccess();
}

static m3ApiRawFunction(hal_set_heater) {
  m3ApiGetArg(int32_t, duty_permille);
  cf_hal_set_heater(duty_permille);
  m3ApiSuccess();
}

static m3ApiRawFunction(hal_set_led) {
  m3ApiGetArg(int32_t, pattern);
  cf_hal_set_led(pattern);
  m3ApiSuccess();
}

static m3ApiRawFunction(hal_emit) {
  m3ApiGetArg(int32_t, kind);
  m3ApiGetArg(uint32_t, now);
  m3ApiGetArg(int32_t, a);
  m3ApiGetArg(int32_t, b);
  cf_hal_emit(kind, now, a, b);
  m3ApiSuccess();
}

static m3ApiRawFunction(hal_panic) {
  m3ApiGetArg(int32_t, code);
  cf_hal_panic(code);
  m3ApiSuccess();
}

static const struct {
  const char* name;
  const char* signature;
  M3RawCall function;
} HAL_IMPORTS[] = {
  { "set_vibration", "v(i)", hal_set_vibration },
  { "set_heater", "v(i)", hal_set_heater },
  { "set_led", "v(i)", hal_set_led },
  { "emit", "v(iiii)", hal_emit },
  { "panic", "v(i)", hal_panic },
};

// ─── The backend ─────────────────────────────────────────────────────────────────────────

const char* cf_runtime_name(void) { return "wasm3"; }

bool cf_runtime_start(const cf_module_t* bytes, const char** error) {
  cf_arena_reset();
  environment = m3_NewEnvironment();
  runtime = environment ? m3_NewRuntime(environment, CF_WASM3_STACK_BYTES, 0) : 0;
  if (!runtime) {
    *error = "wasm3: no room in the arena for the runtime";
    return false;
  }
  IM3Module module = 0;
  M3Result result = m3_ParseModule(environment, &module, bytes->bytes, bytes->size);
  if (!result) {
    result = m3_LoadModule(runtime, module);
    if (result) m3_FreeModule(module);  // a module that failed to load is still ours
  }
  // An import the module does not have is not an error (the firmware may not import panic).
  for (size_t i = 0; !result && i < sizeof HAL_IMPORTS / sizeof HAL_IMPORTS[0]; i++) {
    M3Result linked = m3_LinkRawFunction(module, "hal", HAL_IMPORTS[i].name, HAL_IMPORTS[i].signature, HAL_IMPORTS[i].function);
    if (linked && linked != m3Err_functionLookupFailed) result = linked;
  }
  for (int fn = 0; !result && fn < CF_EXPORT_COUNT; fn++) result = m3_FindFunction(&functions[fn], runtime, cf_export_name[fn]);
  // The start function (AssemblyScript's static initialisers): wasm2c and WAMR run it when they
  // instantiate, wasm3 only when asked.
  if (!result) result = m3_RunStart(module);
  if (result) {
    *error = result;
    return false;
  }
  return true;
}

void cf_runtime_stop(void) {
  if (runtime) m3_FreeRuntime(runtime);
  if (environment) m3_FreeEnvironment(environment);
  runtime = 0;
  environment = 0;
  memset(functions, 0, sizeof functions);
}

bool cf_runtime_call(cf_export_t fn, const uint32_t* args, uint32_t* result, const char** trap) {
  const void* pointers[4];
  for (int i = 0; i < cf_export_params[fn]; i++) pointers[i] = &args[i];
  cf_platform_call_begin(fn);
  M3Result outcome = m3_Call(functions[fn], cf_export_params[fn], pointers);
  cf_platform_call_end(fn);
  if (outcome) {
    *trap = outcome;
    return false;
  }
  if (cf_export_has_result[fn]) {
    const void* results[1] = { result };
    outcome = m3_GetResults(functions[fn], 1, results);
    if (outcome) {
      *trap = outcome;
      return false;
    }
  }
  return true;
}

uint8_t* cf_runtime_memory(uint32_t* bytes) { return m3_GetMemory(runtime, bytes, 0); }

uint32_t cf_runtime_heap_high_water(void) { return cf_arena_high_water(); }
