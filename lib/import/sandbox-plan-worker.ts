/**
 * The sandbox's worker thread for re-anchoring an edited reading (see ./sandbox.ts): plans
 * one revision and exits. A bundle of its own, apart from ./sandbox-worker.ts, because that
 * one loads the whole importer (mammoth, linkedom, remark, the spell-checker's dictionary…)
 * before it runs anything: most of a plan's time was spent loading code it never calls —
 * seconds a plan when the cores are busy. This bundle carries only lib/anchoring.
 *
 * Messages to the host: exactly one {type:"done", result} or {type:"error", …}, as
 * ./sandbox-worker.ts sends them.
 */
import { parentPort, workerData } from "node:worker_threads";
import { planRevision, type RevisionPlanInput } from "../anchoring/plan-revision";
import type { SandboxMessage } from "./sandbox-worker";

const post = (m: SandboxMessage) => parentPort!.postMessage(m);

try {
  post({ type: "done", result: planRevision((workerData as { input: RevisionPlanInput }).input) });
} catch (error) {
  post({ type: "error", code: null, message: error instanceof Error ? error.message : String(error), name: error instanceof Error ? error.name : undefined });
}
