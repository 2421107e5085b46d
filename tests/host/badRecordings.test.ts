// Every bad recording of the table (badRecordings.ts) is refused by the Node board with its one
// line, through the same path as `calmfoot replay` (host/replay/recording.ts); the command line
// adds "calmfoot: ", exits 2 and prints nothing else.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { InputError } from "../../host/inputError.js";
import { replayRecording } from "../../host/replay/recording.js";
import { BAD_RECORDINGS, writeBadRecordings } from "./badRecordings.js";
import { SKIP_UNDER_MUTATION } from "./mutation.js";

const dir = mkdtempSync(join(tmpdir(), "calmfoot-bad-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const paths = writeBadRecordings(dir);

describe("bad recordings on the Node board", () => {
  for (const bad of BAD_RECORDINGS) {
    it(`${bad.name}: ${bad.message}`, async () => {
      const path = paths.get(bad.name)!;
      await assert.rejects(replayRecording(path, { progress: false }), (err: unknown) => {
        assert.ok(err instanceof InputError, `an InputError, not ${err}`);
        assert.equal(err.message, bad.message.replace("FILE", path));
        return true;
      });
    });
  }

  it("the command line: one line on stderr, exit code 2, nothing on stdout", { skip: SKIP_UNDER_MUTATION }, () => {
    const path = paths.get("folder.csv")!;
    const r = spawnSync(process.execPath, ["--import", "tsx", "host/cli.ts", "replay", path, "--log"], { encoding: "utf8" });
    assert.equal(r.status, 2);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr, `calmfoot: ${path}: is a directory, not a recording\n`);
  });
});
