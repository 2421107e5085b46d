// The HAL imports' behaviour (see hal.h), as host/board.ts carries them out on Node.
#include "hal.h"

#include "board.h"
#include "event_log.h"

enum { EVENT_BUTTON = 9, GESTURE_SHORT = 1 };

cf_hal_state_t cf_hal;

void cf_hal_safe_state(void) {
  // On hardware: both PWM outputs to 0 and the heater MOSFET's gate low, before anything else.
  cf_hal.vibration_permille = 0;
  cf_hal.heater_permille = 0;
}

void cf_hal_set_vibration(int32_t duty_permille) {
  cf_hal.vibration_permille = duty_permille;
  cf_hal.actuator_calls++;
}

void cf_hal_set_heater(int32_t duty_permille) {
  cf_hal.heater_permille = duty_permille;
  cf_hal.actuator_calls++;
}

void cf_hal_set_led(int32_t pattern) { cf_hal.led = pattern; }

void cf_hal_emit(int32_t kind, uint32_t now_ms, int32_t a, int32_t b) {
  // A long or double press changes intensity or heat inside the firmware: the board keeps them
  // too, so that a restarted firmware gets them back (board.ts does the same).
  if (kind == EVENT_BUTTON && a != GESTURE_SHORT) cf_hal.gesture_changed_config = true;
  cf_hal.events++;
  cf_log_event(now_ms, kind, a, b);
  if (cf_board_trace) {
    char line[80];
    cf_text_t t;
    cf_text_init(&t, line, sizeof line);
    cf_text_str(&t, "  event ");
    cf_text_u32(&t, now_ms);
    cf_text_str(&t, " ");
    cf_text_i32(&t, kind);
    cf_text_str(&t, " ");
    cf_text_i32(&t, a);
    cf_text_str(&t, " ");
    cf_text_i32(&t, b);
    cf_platform_note(line);
  }
}

void cf_hal_panic(int32_t code) {
  cf_hal.panic_pending = true;
  cf_hal.panic_code = code;
  cf_hal_safe_state();
}
