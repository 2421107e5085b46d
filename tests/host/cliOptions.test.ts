// The command line's options as it parses them (host/cliOptions.ts): config names and ranges from
// the HAL ABI's table, one setting given twice, the sample rate given both ways, times of day.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InvalidArgumentError } from "commander";
import { CONFIG, type ConfigName } from "../../host/abi.js";
import { configHelp, configOption, sampleRate, timeOfDayOption } from "../../host/cliOptions.js";
import { InputError } from "../../host/inputError.js";

const refused = (run: () => unknown, type: new (...a: never[]) => Error = InvalidArgumentError) => {
  try {
    run();
  } catch (err) {
    assert.ok(err instanceof type, `a ${type.name}, not ${err}`);
    return (err as Error).message;
  }
  assert.fail("accepted");
};

describe("--config NAME=VALUE", () => {
  it("takes the ABI's names, repeatable; a value outside the range is refused naming the range and default", () => {
    let config = configOption("INTENSITY=9");
    config = configOption("HEAT_TARGET_DC=300", config);
    assert.deepEqual(config, [["INTENSITY", 9], ["HEAT_TARGET_DC", 300]]);
    assert.equal(refused(() => configOption("INTENSITY=10")), "INTENSITY=10 is outside 1…9 (default 5)");
    assert.equal(refused(() => configOption("SAMPLE_HZ=30")), "SAMPLE_HZ=30 is outside 25, 50, 100 Hz (default 50)");
    assert.match(refused(() => configOption("LOUDNESS=3")), /^expected NAME=VALUE with NAME one of SAMPLE_HZ, SESSION_MIN, /);
    assert.match(refused(() => configOption("INTENSITY=7.5")), /^expected NAME=VALUE/);
  });

  it("one name given two values is refused; the same value twice is not a contradiction", () => {
    assert.equal(refused(() => configOption("INTENSITY=3", configOption("INTENSITY=7"))), "INTENSITY is given twice, 7 and 3");
    assert.equal(configOption("INTENSITY=7", configOption("INTENSITY=7")).length, 2);
  });

  it("--help lists every name with its range and default", () => {
    const help = configHelp();
    for (const name of Object.keys(CONFIG) as ConfigName[]) assert.match(help, new RegExp(`^  ${name} `, "m"));
  });
});

describe("the sample rate, from --sample-hz or --config SAMPLE_HZ", () => {
  it("either gives it; both must agree; SAMPLE_HZ leaves the config list (it is set first, by itself)", () => {
    assert.deepEqual(sampleRate("100", [["INTENSITY", 3]]), { sample_hz: 100, config: [[CONFIG.INTENSITY, 3]] });
    assert.deepEqual(sampleRate(undefined, [["SAMPLE_HZ", 25], ["INTENSITY", 3]]), { sample_hz: 25, config: [[CONFIG.INTENSITY, 3]] });
    assert.deepEqual(sampleRate("25", [["SAMPLE_HZ", 25]]), { sample_hz: 25, config: [] });
    assert.deepEqual(sampleRate(undefined, []), { sample_hz: undefined, config: [] });
    assert.equal(refused(() => sampleRate("50", [["SAMPLE_HZ", 25]]), InputError), "--config: SAMPLE_HZ=25 contradicts --sample-hz 50");
  });
});

describe("--start", () => {
  it("hh:mm or hh:mm:ss", () => {
    assert.equal(timeOfDayOption("23:12:34"), 83_554_000);
    assert.equal(refused(() => timeOfDayOption("1350")), "expected a time of day hh:mm or hh:mm:ss, like 22:30 or 23:12:34");
  });
});
