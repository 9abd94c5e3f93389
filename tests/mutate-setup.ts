// `npm run mutate` only: load every check before the first test. Without it the first test that reaches the
// registry (through the CLI's lazy imports) is counted as covering the checks' module-level code, and Stryker reports
// mutants there as surviving although they are never switched on; loaded here, they count as static and are ignored.
import '../scripts/lib/checks/index.ts'
