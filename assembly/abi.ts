// The numbers of HAL ABI v1 (docs/hal-abi.md) that both sides share: event kinds, their
// arguments, config and status keys, fault codes, states. host/abi.ts mirrors this file.

export const ABI_VERSION: i32 = 1;

// ─── Events: hal.emit(kind, now, a, b) ──────────────────────────────────────────

export const EVENT_MOVE_START: i32 = 1;    // a: estimated onset (u32 ms)
export const EVENT_MOVE_END: i32 = 2;      // a: duration ms, b: MOVE_CLASS_*
export const EVENT_SERIES: i32 = 3;        // a: LMs in the series so far, b: mean interval ms
export const EVENT_RESTLESS: i32 = 4;      // a: RESTLESS_*
export const EVENT_SESSION_START: i32 = 5; // a: SESSION_CAUSE_*, b: planned length s
export const EVENT_SESSION_END: i32 = 6;   // a: SESSION_END_*, b: elapsed s
export const EVENT_FAULT: i32 = 7;         // a: FAULT_*, b: detail
export const EVENT_FAULT_CLEAR: i32 = 8;   // a: FAULT_*
export const EVENT_BUTTON: i32 = 9;        // a: GESTURE_*

export const MOVE_CLASS_LM: i32 = 1;    // 0.5–10 s: a leg movement
export const MOVE_CLASS_SHORT: i32 = 2; // < 0.5 s: a hypnic jerk or myoclonus
export const MOVE_CLASS_LONG: i32 = 3;  // > 10 s: turning over, a voluntary movement

export const RESTLESS_PERIODIC: i32 = 1;
export const RESTLESS_DENSE: i32 = 2;

export const SESSION_CAUSE_AUTO: i32 = 1;
export const SESSION_CAUSE_BUTTON: i32 = 2;

export const SESSION_END_COMPLETED: i32 = 1;
export const SESSION_END_BUTTON: i32 = 2;
export const SESSION_END_FAULT: i32 = 3;
export const SESSION_END_OTHER: i32 = 4;

export const FAULT_ACCEL_MISSING: i32 = 1;
export const FAULT_ACCEL_IMPLAUSIBLE: i32 = 2;
export const FAULT_THERMISTOR: i32 = 3;
export const FAULT_OVER_TEMPERATURE: i32 = 4;
export const FAULT_CLOCK: i32 = 5;

export const GESTURE_SHORT: i32 = 1;
export const GESTURE_LONG: i32 = 2;
export const GESTURE_DOUBLE: i32 = 3;

// ─── Config keys: fw_config_set / fw_config_get ────────────────────────────────

export const CONFIG_SAMPLE_HZ: i32 = 1;
export const CONFIG_SESSION_MIN: i32 = 2;
export const CONFIG_AUTO_SESSION_MIN: i32 = 3;
export const CONFIG_INTENSITY: i32 = 4;
export const CONFIG_HEAT_TARGET_DC: i32 = 5;
export const CONFIG_HEAT_ENABLED: i32 = 6;
export const CONFIG_AUTO_START: i32 = 7;
export const CONFIG_SENSITIVITY: i32 = 8;
export const CONFIG_AUTO_COOLDOWN_MIN: i32 = 9;
export const CONFIG_KEY_COUNT: i32 = 9;

export const CONFIG_OK: i32 = 0;
export const CONFIG_UNKNOWN_KEY: i32 = -1;
export const CONFIG_OUT_OF_RANGE: i32 = -2;
export const CONFIG_GET_UNKNOWN: i32 = i32.MIN_VALUE;

// ─── Status keys: fw_status ─────────────────────────────────────────────────────

export const STATUS_STATE: i32 = 1;
export const STATUS_SESSION_LEFT_S: i32 = 2;
export const STATUS_LM_COUNT: i32 = 3;
export const STATUS_PLM_COUNT: i32 = 4;
export const STATUS_FAULTS: i32 = 5;
export const STATUS_VIBRATION: i32 = 6;
export const STATUS_HEATER: i32 = 7;
// Extensions of v1 (new keys, no changed meaning):
export const STATUS_REJECTED_INPUTS: i32 = 8; // calls whose arguments were refused (bad batch count, implausible sample)
export const STATUS_ABI_VERSION: i32 = 9;
export const STATUS_INTENSITY_NOW: i32 = 10;  // intensity level the running session uses (1…9), 0 when idle
export const STATUS_HEAT_NOW: i32 = 11;       // 1 when the running session heats, else 0
export const STATUS_PAD_CDEG: i32 = 12;       // last plausible thermistor reading, centi-°C; i32 min before the first

// ─── States: STATUS_STATE ──────────────────────────────────────────────────────

export const STATE_IDLE: i32 = 0;
export const STATE_RAMP_UP: i32 = 1;
export const STATE_RUNNING: i32 = 2;
export const STATE_RAMP_DOWN: i32 = 3;
export const STATE_FAULT_LOCKOUT: i32 = 4;
