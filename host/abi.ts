// The numbers of HAL ABI v1 (docs/hal-abi.md) on the board side; mirrors assembly/abi.ts.
// One name per concept: the names here are the names in the contract and in the event log.

export const ABI_VERSION = 1;

export const EVENT = {
  MOVE_START: 1,
  MOVE_END: 2,
  SERIES: 3,
  RESTLESS: 4,
  SESSION_START: 5,
  SESSION_END: 6,
  FAULT: 7,
  FAULT_CLEAR: 8,
  BUTTON: 9,
} as const;
export type EventName = keyof typeof EVENT;
export const EVENT_NAME: Record<number, EventName> = Object.fromEntries(
  Object.entries(EVENT).map(([name, kind]) => [kind, name as EventName]),
);

export const MOVE_CLASS = { LM: 1, SHORT: 2, LONG: 3 } as const;
export const RESTLESS_REASON = { PERIODIC: 1, DENSE: 2 } as const;
export const SESSION_CAUSE = { AUTO: 1, BUTTON: 2 } as const;
export const SESSION_END_REASON = { COMPLETED: 1, BUTTON: 2, FAULT: 3, OTHER: 4 } as const;
export const FAULT = {
  ACCEL_MISSING: 1,
  ACCEL_IMPLAUSIBLE: 2,
  THERMISTOR: 3,
  OVER_TEMPERATURE: 4,
  CLOCK: 5,
} as const;
export const GESTURE = { SHORT: 1, LONG: 2, DOUBLE: 3 } as const;

export const CONFIG = {
  SAMPLE_HZ: 1,
  SESSION_MIN: 2,
  AUTO_SESSION_MIN: 3,
  INTENSITY: 4,
  HEAT_TARGET_DC: 5,
  HEAT_ENABLED: 6,
  AUTO_START: 7,
  SENSITIVITY: 8,
  AUTO_COOLDOWN_MIN: 9,
} as const;
export type ConfigName = keyof typeof CONFIG;

/** What a config key accepts (min…max, or only `values`) and its default: HAL ABI v1's "Config keys". */
export interface ConfigRange {
  min: number;
  max: number;
  /** The only values accepted, when not every whole number from min to max is. */
  values?: readonly number[];
  default: number;
  /** Unit of the value, "" for a level or a switch. */
  unit: string;
  meaning: string;
}

/** The one table of config ranges and defaults (the CLI's help and checks); tests hold it against the firmware. */
export const CONFIG_RANGE: Record<ConfigName, ConfigRange> = {
  SAMPLE_HZ: { min: 25, max: 100, values: [25, 50, 100], default: 50, unit: "Hz", meaning: "accelerometer rate" },
  SESSION_MIN: { min: 5, max: 60, default: 30, unit: "min", meaning: "length of a button session" },
  AUTO_SESSION_MIN: { min: 5, max: 60, default: 20, unit: "min", meaning: "length of an automatic session" },
  INTENSITY: { min: 1, max: 9, default: 5, unit: "", meaning: "vibration intensity" },
  HEAT_TARGET_DC: { min: 300, max: 420, default: 400, unit: "deci-°C", meaning: "pad temperature while heating" },
  HEAT_ENABLED: { min: 0, max: 1, default: 1, unit: "", meaning: "heating on (1) or off (0)" },
  AUTO_START: { min: 0, max: 1, default: 1, unit: "", meaning: "restlessness starts a session (1) or not (0)" },
  SENSITIVITY: { min: 1, max: 5, default: 3, unit: "", meaning: "how readily restlessness is declared" },
  AUTO_COOLDOWN_MIN: { min: 0, max: 120, default: 10, unit: "min", meaning: "no automatic session this long after a session" },
};

/** "1…9", "25, 50, 100 Hz": the values a config key accepts, in words. */
export function configRangeText(name: ConfigName): string {
  const r = CONFIG_RANGE[name];
  const values = r.values ? r.values.join(", ") : `${r.min}…${r.max}`;
  return r.unit ? `${values} ${r.unit}` : values;
}

/** Whether `value` is one `name` accepts, by the table. */
export function configAccepts(name: ConfigName, value: number): boolean {
  const r = CONFIG_RANGE[name];
  return Number.isInteger(value) && (r.values ? r.values.includes(value) : value >= r.min && value <= r.max);
}
export const CONFIG_OK = 0;
export const CONFIG_UNKNOWN_KEY = -1;
export const CONFIG_OUT_OF_RANGE = -2;
export const CONFIG_GET_UNKNOWN = -2147483648;

export const STATUS = {
  STATE: 1,
  SESSION_LEFT_S: 2,
  LM_COUNT: 3,
  PLM_COUNT: 4,
  FAULTS: 5,
  VIBRATION: 6,
  HEATER: 7,
  // Extensions of v1:
  REJECTED_INPUTS: 8,
  ABI_VERSION: 9,
  INTENSITY_NOW: 10,
  HEAT_NOW: 11,
  PAD_CDEG: 12,
} as const;
export type StatusName = keyof typeof STATUS;

export const STATE = { IDLE: 0, RAMP_UP: 1, RUNNING: 2, RAMP_DOWN: 3, FAULT_LOCKOUT: 4 } as const;

export const LED = { OFF: 0, IDLE: 1, SESSION: 2, RAMP_DOWN: 3, FAULT: 4 } as const;

/** A thermistor reading outside this range is a fault, centi-°C. */
export const THERMISTOR_RANGE_CDEG = [-2000, 9000] as const;


/** Name of a code within one of the tables above, or the number itself. */
export function nameOf(table: Record<string, number>, code: number): string {
  for (const [name, value] of Object.entries(table)) if (value === code) return name;
  return String(code);
}
