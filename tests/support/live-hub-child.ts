/**
 * A second "app instance" for tests/integration/live.test.ts: its own process with its own
 * live hub (its own LISTEN connection), subscribed to one topic as one user. Prints
 * "ready" once subscribed, then one JSON line per event it would send to that user.
 */
import { LiveHub } from "../../lib/live/hub";

const hub = new LiveHub(process.env.DATABASE_URL!, () => {});
const listener = { userId: process.env.LIVE_USER!, role: (process.env.LIVE_ROLE ?? "STUDENT") as "STUDENT" };
void hub
  .subscribe(
    {
      listener,
      onEvent: (m) => process.stdout.write(`${JSON.stringify({ id: m.id.toString(), kind: m.kind, ...m.data })}\n`),
      onReset: () => process.stdout.write(`${JSON.stringify({ kind: "live.reset" })}\n`),
    },
    process.env.LIVE_TOPIC!,
    null,
  )
  .then(() => process.stdout.write("ready\n"));
process.on("SIGTERM", () => void hub.close().then(() => process.exit(0)));
