// as-pect runs the firmware's modules as unit tests. The firmware imports only module "hal";
// here every hal call is recorded, and the tests read the record back through module "spy"
// (tests/assembly/spy.ts), so a test can assert on the events and duties the firmware produced.

const calls = [];

function hal() {
  const record = (name) => (...args) => { calls.push([name, ...args]); };
  return {
    set_vibration: record("set_vibration"),
    set_heater: record("set_heater"),
    set_led: record("set_led"),
    emit: record("emit"),
    panic: record("panic"),
  };
}

function spy() {
  return {
    /** Number of hal calls recorded since the last reset. */
    count: () => calls.length,
    reset: () => { calls.length = 0; },
    /** Index of hal function of call i: 0 set_vibration, 1 set_heater, 2 set_led, 3 emit, 4 panic. */
    fn: (i) => ["set_vibration", "set_heater", "set_led", "emit", "panic"].indexOf(calls[i][0]),
    /** Argument j of call i (0 if absent). */
    arg: (i, j) => (calls[i][j + 1] ?? 0) | 0,
  };
}

export default {
  entries: ["tests/assembly/**/*.spec.ts"],
  include: [],
  disclude: [/node_modules/],
  async instantiate(memory, createImports, instantiate, binary) {
    return instantiate(binary, createImports({ env: { memory }, hal: hal(), spy: spy() }));
  },
  outputBinary: false,
};
