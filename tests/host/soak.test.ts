// The soak, shortened for CI: 30 nights of 30 minutes at 50 Hz in a row through one firmware instance, the
// clock crossing the u32 wrap, every invariant checked after every call. `npm run soak` runs the
// full-length version (30 nights of 8 h).

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { soak } from "../../host/commands/soak.js";

describe("soak", () => {
  it("30 nights through one firmware instance: no breach, no trap, every session ended", () => {
    const s = soak({ nights: 30, night_ms: 30 * 60_000, sample_hz: 50, batch: 0, seed: 7 });
    assert.deepEqual(s.violations, []);
    assert.equal(s.restarts, 0);
    assert.equal(s.nights, 30);
    assert.ok(s.wrapped, "the clock crossed the u32 wrap");
    assert.ok(s.sessions >= 30, `${s.sessions} sessions`);
    assert.ok(s.session_ends >= s.sessions - 1, `${s.sessions} started, ${s.session_ends} ended`);
    assert.ok(s.faults > 0 && s.fault_clears > 0, "the injected faults were seen and cleared");
    assert.ok(s.hottest_cdeg < 4300, `the pad reached ${s.hottest_cdeg} cdeg`);
    assert.ok(s.calls_checked > 3_000_000, `${s.calls_checked} calls checked`);
  });
});
