/**
 * `npm run bench:store` (also the last part of `npm run bench`): the store layer through a real
 * PostgreSQL — accepted CreateBackups (each followed by advancing its job to Finished) per second
 * with 1, 4 and 16 replicas on one hot instance and on 1,000 instances, beside the raw rate of the
 * same compare-and-set UPDATE issued directly by as many clients — and its section of
 * docs/performance.md rewritten from the numbers. Uses DATABASE_URL when set, else starts a
 * durable embedded server (fsync on, as in production) and removes it at the end.
 */
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startPostgres, type RunningPostgres } from "../../test/support/embedded-postgres";
import { measureRaw, measureStore, newPool, prepareTable, type RawCell, type StoreCell } from "./measure-store";
import { replaceSection, STORE_SECTION } from "../marked-section";
import { renderStoreSection, STORE_SETTINGS } from "./report-store";
import { enableProfiling, profileBetween, snapshot, type ServerProfile } from "./server-profile";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const log = (line: string) => console.log(line);

let server: RunningPostgres | undefined;
const given = process.env.DATABASE_URL;
try {
  if (given === undefined || given === "") {
    server = await startPostgres({
      durable: true,
      maxConnections: 100,
      flags: ["-c", "shared_preload_libraries=pg_stat_statements", "-c", "track_wal_io_timing=on"],
    });
  }
  const url = given !== undefined && given !== "" ? given : server!.url;
  const admin = newPool(url, 4);
  const { rows } = await admin.query("SHOW server_version");
  const serverVersion = (rows[0] as { server_version: string }).server_version;
  const profiling = await enableProfiling(admin);
  const cells: { store: StoreCell; raw: RawCell; storeServer?: ServerProfile; rawServer?: ServerProfile }[] = [];
  for (const instances of STORE_SETTINGS.instances) {
    for (const replicas of STORE_SETTINGS.replicas) {
      const table = `bench_store_${instances}_${replicas}`;
      await prepareTable(admin, table, instances);
      const spec = { replicas, instances, seconds: STORE_SETTINGS.seconds };
      await measureStore(url, table, { ...spec, seconds: STORE_SETTINGS.warmupSeconds });
      const beforeStore = profiling ? await snapshot(admin, table) : undefined;
      const store = await measureStore(url, table, spec);
      const afterStore = profiling ? await snapshot(admin, table) : undefined;
      const raw = await measureRaw(url, table, spec);
      const afterRaw = profiling ? await snapshot(admin, table) : undefined;
      cells.push({
        store,
        raw,
        ...(beforeStore && afterStore && afterRaw
          ? { storeServer: profileBetween(beforeStore, afterStore), rawServer: profileBetween(afterStore, afterRaw) }
          : {}),
      });
      log(
        `${String(instances).padStart(5)} instance(s), ${String(replicas).padStart(2)} replica(s): ` +
          `${store.acceptedPerSecond.toFixed(0)} accepted+finished/s (p50 ${store.p50Ms.toFixed(1)} ms, p99 ${store.p99Ms.toFixed(1)} ms), ` +
          `raw UPDATE ${raw.statementsPerSecond.toFixed(0)}/s (${raw.writesPerSecond.toFixed(0)} writing), ratio ${(store.acceptedPerSecond / raw.writesPerSecond).toFixed(2)}`,
      );
      await admin.query(`DROP TABLE "${table}"`);
    }
  }
  await admin.end();
  const section = renderStoreSection({
    cells,
    server:
      given !== undefined && given !== ""
        ? `PostgreSQL ${serverVersion} (DATABASE_URL)`
        : `PostgreSQL ${serverVersion} from embedded-postgres, fsync on, default settings but max_connections (and pg_stat_statements loaded for the server profile)`,
    machine: `${os.cpus()[0]?.model.trim() ?? "unknown"}, ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((load) => load.toFixed(1))
      .join(" / ")} at the end`,
    date: new Date().toISOString().slice(0, 10),
  });
  const path = join(ROOT, "docs/performance.md");
  writeFileSync(path, replaceSection(readFileSync(path, "utf8"), STORE_SECTION, section));
  log("wrote the store section of docs/performance.md");
} finally {
  await server?.destroy();
}
