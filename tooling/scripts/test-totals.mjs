// Prints CI's totals line, "N passed, N failed", from vitest's JSON report plus the outcome of CI's other checks.
// Usage: node tooling/scripts/test-totals.mjs <vitest-report.json> [failedChecks]
import { existsSync, readFileSync } from "node:fs";

const [reportPath = ".vitest-report.json", failedChecksArg = "0"] = process.argv.slice(2);
let passed = 0;
let failed = Number(failedChecksArg) || 0;
if (existsSync(reportPath)) {
  const report = JSON.parse(readFileSync(reportPath, "utf8"));
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numTodoTests ?? 0);
  // A test file that fails to load has no tests in the counts: count it as a failure.
  for (const file of report.testResults ?? []) {
    if (file.status === "failed" && (file.assertionResults ?? []).length === 0) failed += 1;
  }
} else {
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
