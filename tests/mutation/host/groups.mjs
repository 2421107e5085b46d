// The groups of mutated files of mutate:host, each with the test files (tests/host/<name>.test.ts)
// that exercise it directly: Stryker runs once per group (run.mjs, stryker.config.mjs).

/** Groups of mutated files, each with the test files that exercise them directly. */
export const GROUPS = {
  storage: { mutate: ["host/storage/**/*.ts"], tests: ["powerCut", "storage", "storageSyscalls"] },
  csv: {
    mutate: ["host/replay/csvReader.ts", "host/replay/csv.ts", "host/replay/format.ts", "host/replay/fileChunks.ts", "host/replay/progress.ts", "host/replay/labelsCsv.ts"],
    tests: ["csvReader", "replayFiles", "recordingReplay", "replay", "driver", "badRecordings"],
  },
  edf: {
    mutate: ["host/replay/edfReader.ts", "host/replay/edf.ts", "host/replay/edfWrite.ts", "host/replay/edfIdentity.ts"],
    tests: ["edfChecks", "edf", "edflib", "recordingReplay", "badRecordings", "replayFiles"],
  },
  replay: {
    mutate: ["host/replay/recordingReplay.ts", "host/replay/recording.ts", "host/replay/replay.ts"],
    tests: ["recordingReplay", "replay", "driver", "replayFiles", "badRecordings", "edf", "edflib"],
  },
};
