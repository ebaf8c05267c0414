// web-test-runner's last line is a progress bar; the root test runner (scripts/test-all.mjs)
// reads `widget: N passed, N failed`. This reporter walks every session's results and prints it.
function count(suite, totals) {
  for (const test of suite?.tests ?? []) {
    if (test.skipped) continue;
    if (test.passed) totals.passed += 1;
    else totals.failed += 1;
  }
  for (const child of suite?.suites ?? []) count(child, totals);
}

/** A wtr reporter printing `widget: N passed, N failed` once the run is over. */
export function summaryReporter({ label = 'widget' } = {}) {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0 };
      for (const session of sessions) {
        count(session.testResults, totals);
        // A file that failed to load has no results but errors: count it as one failure.
        if (!session.passed && (session.errors?.length ?? 0) > 0 && !session.testResults) {
          totals.failed += 1;
        }
      }
      process.stdout.write(`\n${label}: ${totals.passed} passed, ${totals.failed} failed\n`);
    },
  };
}
