// The HAL imports of HAL ABI v1 (module "hal") as the board carries them out. A runtime backend
// binds the module's imports to these; they behave the same on every board.
#ifndef CALMFOOT_HAL_H
#define CALMFOOT_HAL_H

#include <stdbool.h>
#include <stdint.h>

void cf_hal_set_vibration(int32_t duty_permille);
void cf_hal_set_heater(int32_t duty_permille);
void cf_hal_set_led(int32_t pattern);
void cf_hal_emit(int32_t kind, uint32_t now_ms, int32_t a, int32_t b);
void cf_hal_panic(int32_t code);

/** What the imports act on: the board's outputs and what it remembers of the last call. */
typedef struct {
  int32_t vibration_permille;
  int32_t heater_permille;
  int32_t led;
  uint32_t actuator_calls;
  uint64_t events;
  bool panic_pending;
  int32_t panic_code;
  /** A long or double press changed INTENSITY or HEAT_ENABLED inside the firmware. */
  bool gesture_changed_config;
} cf_hal_state_t;

extern cf_hal_state_t cf_hal;

/** Both actuators off: what the board does on a panic, a trap, or any doubt. */
void cf_hal_safe_state(void);

#endif
