/** A job runner in its own process, for the crash test in tests/integration/jobs.test.ts. */
import { startJobRunner } from "../../lib/jobs/runner";

void startJobRunner({ pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 60, log: () => {} });
