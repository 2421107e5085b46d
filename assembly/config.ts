// Settings a user or the board may change (HAL ABI v1, config keys 1…9). Table-driven: each key
// has a default and a range; SAMPLE_HZ accepts only the rates the sensor supports.

import { CONFIG_KEY_COUNT, CONFIG_OK, CONFIG_OUT_OF_RANGE, CONFIG_UNKNOWN_KEY, CONFIG_GET_UNKNOWN,
  CONFIG_SAMPLE_HZ } from "./abi";

// Index = key; index 0 is unused so that a key is its own index.
const CONFIG_DEFAULT: StaticArray<i32> = [0, 50, 30, 20, 5, 400, 1, 1, 3, 10];
const CONFIG_MIN: StaticArray<i32> = [0, 25, 5, 5, 1, 300, 0, 0, 1, 0];
const CONFIG_MAX: StaticArray<i32> = [0, 100, 60, 60, 9, 420, 1, 1, 5, 120];
/** Everything this module keeps between calls: the value of each key (static data, as the tables). */
const configValue: StaticArray<i32> = [0, 50, 30, 20, 5, 400, 1, 1, 3, 10];

@inline function isKey(key: i32): bool {
  return key >= 1 && key <= CONFIG_KEY_COUNT;
}

/** Restores every default (power-on reset). */
export function configReset(): void {
  for (let key = 1; key <= CONFIG_KEY_COUNT; key++) {
    unchecked(configValue[key] = CONFIG_DEFAULT[key]);
  }
}

/** True when `value` is acceptable for `key` (which must be a known key). */
export function configAccepts(key: i32, value: i32): bool {
  if (key == CONFIG_SAMPLE_HZ) return value == 25 || value == 50 || value == 100;
  return value >= unchecked(CONFIG_MIN[key]) && value <= unchecked(CONFIG_MAX[key]);
}

/** Sets `key` to `value`: CONFIG_OK, or an error code with nothing changed. */
export function configSet(key: i32, value: i32): i32 {
  if (!isKey(key)) return CONFIG_UNKNOWN_KEY;
  if (!configAccepts(key, value)) return CONFIG_OUT_OF_RANGE;
  unchecked(configValue[key] = value);
  return CONFIG_OK;
}

/** The current value of `key`, or CONFIG_GET_UNKNOWN (i32 min) for an unknown key. */
export function configGet(key: i32): i32 {
  if (!isKey(key)) return CONFIG_GET_UNKNOWN;
  return unchecked(configValue[key]);
}
