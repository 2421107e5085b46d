// What the firmware asked of the board during a test: as-pect.config.js records every hal call
// and this module reads the record back.

@external("spy", "count") declare function spyCount(): i32;
@external("spy", "reset") declare function spyReset(): void;
@external("spy", "fn") declare function spyFn(i: i32): i32;
@external("spy", "arg") declare function spyArg(i: i32, j: i32): i32;

export const HAL_SET_VIBRATION = 0;
export const HAL_SET_HEATER = 1;
export const HAL_SET_LED = 2;
export const HAL_EMIT = 3;
export const HAL_PANIC = 4;

/** Forgets every call recorded so far. */
export function forgetCalls(): void {
  spyReset();
}

/** Number of hal calls of function `fn` (HAL_*) since the last forgetCalls(). */
export function callCount(fn: i32): i32 {
  let n = 0;
  for (let i = 0, c = spyCount(); i < c; i++) if (spyFn(i) == fn) n++;
  return n;
}

/** Number of emitted events of `kind` since the last forgetCalls(). */
export function eventCount(kind: i32): i32 {
  let n = 0;
  for (let i = 0, c = spyCount(); i < c; i++) if (spyFn(i) == HAL_EMIT && spyArg(i, 0) == kind) n++;
  return n;
}

/** Argument `j` (0 kind, 1 now, 2 a, 3 b) of the last emitted event of `kind`; -1 if none. */
export function lastEventArg(kind: i32, j: i32): i32 {
  for (let i = spyCount() - 1; i >= 0; i--) if (spyFn(i) == HAL_EMIT && spyArg(i, 0) == kind) return spyArg(i, j);
  return -1;
}

/** Argument of the last call of `fn` (HAL_SET_*); -1 if none. */
export function lastValue(fn: i32): i32 {
  for (let i = spyCount() - 1; i >= 0; i--) if (spyFn(i) == fn) return spyArg(i, 0);
  return -1;
}
