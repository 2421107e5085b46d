// Closed-loop heating on the simulated pad (host/sim/heatingPad.ts): the release firmware holds
// the target without overshooting it by more than 0.5 °C, from any starting temperature, on the
// nominal pad and its variants. `npm run heat-sweep` runs the full sweep and prints the figures.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PAD_VARIANTS, heaterRun, heaterSweep } from "../../host/commands/heatSweep.js";

describe("heater control on the simulated pad", () => {
  it("overshoots no target 30.0…42.0 °C by more than 0.5 °C, from 18 °C up to 1 °C above it", () => {
    const runs = heaterSweep(20, 300, PAD_VARIANTS);
    assert.ok(runs.length > 200);
    const worst = runs.reduce((a, b) => (b.overshoot_cdeg > a.overshoot_cdeg ? b : a));
    assert.ok(worst.overshoot_cdeg <= 50, `overshoot ${worst.overshoot_cdeg.toFixed(1)} cdeg at target ${worst.target_cdeg}, start ${worst.start_cdeg}`);
    for (const r of runs) {
      assert.ok(r.hold_error_cdeg < 30, `holds ${r.target_cdeg} within ${r.hold_error_cdeg.toFixed(1)} cdeg on average`);
    }
  });

  it("reaches 40 °C from a cold 20 °C pad within 8 minutes and holds it", () => {
    const r = heaterRun(400, 2000);
    assert.ok(r.settle_s < 8 * 60, `settled after ${r.settle_s} s`);
    assert.equal(r.max_duty, 1000, "full power while far below");
    assert.ok(r.hold_error_cdeg < 10);
  });
});
