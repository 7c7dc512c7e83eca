// Preload (NODE_OPTIONS=--import …; --cpu-prof is not allowed there on Node 20): profiles
// this process's CPU; each SIGUSR2 writes $PROFILE_DIR/<pid>-<time>.cpuprofile and starts
// a new profile. Used by scripts/profile-post.ts.
import inspector from "node:inspector";
import fs from "node:fs";

const dir = process.env.PROFILE_DIR || ".";
const session = new inspector.Session();
session.connect();
session.post("Profiler.enable", () => session.post("Profiler.setSamplingInterval", { interval: 200 }, () => session.post("Profiler.start")));
process.on("SIGUSR2", () => {
  session.post("Profiler.stop", (error, result) => {
    if (!error) fs.writeFileSync(`${dir}/${process.pid}-${Date.now()}.cpuprofile`, JSON.stringify(result.profile));
    session.post("Profiler.start");
  });
});
