// What the pad's thermistor reads when its wiring fails, for every simulated board and night
// (the heating pad model, the boards' CSV nights in boards/harness/nights.ts).
//
// The pad's sensor is an NTC thermistor: its resistance falls as it warms. An open circuit looks
// like an infinite resistance, i.e. colder than anything real (the Beta equation gives 0 K); a
// short circuit looks like zero resistance, hotter than anything real. The board's conversion
// clips both somewhere outside HAL ABI v1's plausible range [-2000, 9000] cdeg, which is how the
// firmware tells them (FAULT 3, detail 1). The values are round figures well outside that range.

/** An open thermistor reads this (far below the plausible range), cdeg. */
export const THERMISTOR_OPEN_CDEG = -27000;
/** A shorted thermistor reads this (far above the plausible range), cdeg. */
export const THERMISTOR_SHORTED_CDEG = 12000;
