// Prints the closing line CI reads, "N passed, N failed", from Vitest's JSON
// report. A missing or broken report counts as a failure, never as a pass.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
try {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const failed = report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
  console.log(`skipped: ${report.numPendingTests + report.numTodoTests}`);
  console.log(`${report.numPassedTests} passed, ${failed} failed`);
  process.exitCode = failed > 0 || report.success === false ? 1 : 0;
} catch (error) {
  console.log(`cannot read the test report ${file}: ${error.message}`);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
}
