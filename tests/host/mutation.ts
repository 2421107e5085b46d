// Mutation testing (tests/mutation/host) runs each test file once per mutant on instrumented
// sources, ten times slower: the few tests that prove volume (hours of samples) or the command
// line through a child process are left out there. Every rule they check at its limit is also
// checked in-process by a smaller test.

/** A skip reason while mutation testing runs (its config sets CALMFOOT_MUTATION), else false. */
export const SKIP_UNDER_MUTATION: string | false = process.env.CALMFOOT_MUTATION
  ? "left out of mutation testing (volume or a child process: seconds per run on instrumented sources)" : false;
