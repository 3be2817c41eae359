// Preloaded into a server process by bench/serve/profile.ts (`node --import <this file> …`): the
// first SIGUSR2 starts the V8 CPU profiler, the second stops it and writes the profile to the
// path in BENCH_SERVE_PROFILE_OUT, so a profile covers exactly the load and not the start-up or
// the registration before it. Plain JavaScript, so the server runs without a TypeScript loader.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import process from "node:process";

const out = process.env.BENCH_SERVE_PROFILE_OUT;
const interval = Number(process.env.BENCH_SERVE_PROFILE_INTERVAL_US ?? "250");
if (out !== undefined && out !== "") {
  const session = new Session();
  session.connect();
  let running = false;
  const post = (method, params) =>
    new Promise((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))));
  process.on("SIGUSR2", () => {
    if (!running) {
      running = true;
      void post("Profiler.enable")
        .then(() => post("Profiler.setSamplingInterval", { interval }))
        .then(() => post("Profiler.start"))
        .then(() => process.stderr.write("bench:profile started\n"));
      return;
    }
    running = false;
    void post("Profiler.stop").then(({ profile }) => {
      writeFileSync(out, JSON.stringify(profile));
      process.stderr.write("bench:profile written\n");
    });
  });
}
