// Prints the closing line CI reads, "N passed, N failed", from Vitest's JSON
// reports (all suites together). A missing or broken report counts as a
// failure, never as a pass.
import { readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0) + (report.success === false && report.numFailedTests === 0 ? 1 : 0);
    skipped += report.numPendingTests + report.numTodoTests;
  } catch (error) {
    console.log(`cannot read the test report ${file}: ${error.message}`);
    failed += 1;
  }
}
console.log(`skipped: ${skipped}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
