// The host's one table of config ranges and defaults (host/abi.ts CONFIG_RANGE: the CLI's help
// and checks come from it) held against the firmware itself through fw_config_set/fw_config_get:
// each key's default after fw_init, each limit accepted and the value one beyond refused with
// CONFIG_OUT_OF_RANGE and nothing changed.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CONFIG, CONFIG_OK, CONFIG_OUT_OF_RANGE, CONFIG_RANGE, type ConfigName, configAccepts, configRangeText } from "../../host/abi.js";
import { Board } from "../../host/board/board.js";
import { firmwareModule } from "../../host/firmwareFile.js";

const NAMES = Object.keys(CONFIG) as ConfigName[];

function freshBoard(): Board {
  const board = new Board(firmwareModule());
  board.init(0);
  return board;
}

describe("the config table against the firmware", () => {
  it("lists every config key of the ABI, and no other", () => {
    assert.deepEqual(Object.keys(CONFIG_RANGE).sort(), [...NAMES].sort());
  });

  it("each default is what the firmware holds after fw_init", () => {
    const board = freshBoard();
    for (const name of NAMES) assert.equal(board.configGet(CONFIG[name]), CONFIG_RANGE[name].default, name);
  });

  it("each limit is accepted, one beyond it refused with nothing changed", () => {
    for (const name of NAMES) {
      const { min, max, values } = CONFIG_RANGE[name];
      const board = freshBoard();
      const key = CONFIG[name];
      for (const v of values ?? [min, max]) {
        assert.equal(board.configSet(key, v), CONFIG_OK, `${name}=${v}`);
        assert.equal(board.configGet(key), v);
      }
      const before = board.configGet(key);
      for (const v of [min - 1, max + 1]) {
        assert.equal(board.configSet(key, v), CONFIG_OUT_OF_RANGE, `${name}=${v}`);
        assert.equal(board.configGet(key), before, `${name}=${v} changed nothing`);
        assert.equal(configAccepts(name, v), false);
      }
    }
  });

  it("a key with a list of values refuses every value between them", () => {
    for (const name of NAMES.filter((n) => CONFIG_RANGE[n].values)) {
      const { min, max, values } = CONFIG_RANGE[name];
      const board = freshBoard();
      for (let v = min; v <= max; v++) {
        const accepted = board.configSet(CONFIG[name], v) === CONFIG_OK;
        assert.equal(accepted, values!.includes(v), `${name}=${v}`);
        assert.equal(configAccepts(name, v), accepted);
      }
    }
  });

  it("ranges in words, as --help and refusals show them", () => {
    assert.equal(configRangeText("SAMPLE_HZ"), "25, 50, 100 Hz");
    assert.equal(configRangeText("INTENSITY"), "1…9");
    assert.equal(configRangeText("HEAT_TARGET_DC"), "300…420 deci-°C");
  });
});
