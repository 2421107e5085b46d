// The last word on both actuators. Every duty goes through here, clamped to 0…1000 permille, and
// reaches the board only when it changes (HAL ABI v1).

import { hal_set_heater, hal_set_led, hal_set_vibration } from "./hal";

/** Everything this module keeps between calls: what the board was last told. */
namespace actuators {
  export let vibration_permille: i32 = 0;
  export let heater_permille: i32 = 0;
  export let led_pattern: i32 = -1;
}

@inline function clampDuty(duty_permille: i32): i32 {
  return duty_permille < 0 ? 0 : duty_permille > 1000 ? 1000 : duty_permille;
}

/** Power-on: both actuators off, told to the board once whatever it believed before. */
export function actuatorsReset(led: i32): void {
  actuators.vibration_permille = 0;
  actuators.heater_permille = 0;
  actuators.led_pattern = led;
  hal_set_vibration(0);
  hal_set_heater(0);
  hal_set_led(led);
}

export function setVibration(duty_permille: i32): void {
  const duty = clampDuty(duty_permille);
  if (duty == actuators.vibration_permille) return;
  actuators.vibration_permille = duty;
  hal_set_vibration(duty);
}

export function setHeater(duty_permille: i32): void {
  const duty = clampDuty(duty_permille);
  if (duty == actuators.heater_permille) return;
  actuators.heater_permille = duty;
  hal_set_heater(duty);
}

export function setLed(pattern: i32): void {
  if (pattern == actuators.led_pattern) return;
  actuators.led_pattern = pattern;
  hal_set_led(pattern);
}

export function vibrationDuty(): i32 {
  return actuators.vibration_permille;
}

export function heaterDuty(): i32 {
  return actuators.heater_permille;
}
