/**
 * What one run of the bench measured: the shape `bench/run.ts` fills in and the report, its
 * explanation (`remaining-work.ts`) and `docs/bench.json` read. In a module of its own so that those read it without importing each other.
 */
import type { ChainResult, DbNameResult } from "./growth";
import type { GroupName, ImplementationName } from "./implementations";
import type { Timing } from "./measure";
import type { ProfileLine } from "./profile";

/** Everything one run of the bench measured. */
export interface BenchResults {
  readonly machine: {
    readonly cpu: string;
    readonly cores: number;
    readonly memoryGiB: number;
    readonly os: string;
    readonly node: string;
    readonly v8: string;
    readonly loadAverage: readonly number[];
    readonly date: string;
  };
  readonly workload: {
    readonly seed: number;
    readonly cases: number;
    readonly rules: number;
    readonly byFamily: Readonly<Record<string, number>>;
    readonly byEngine: Readonly<Record<string, number>>;
    readonly byForm: Readonly<Record<string, number>>;
  };
  readonly rounds: number;
  readonly timings: Readonly<Record<ImplementationName, Readonly<Record<GroupName, Timing & { readonly bytes: number }>>>>;
  /** Ratios of mean times, each the median over rounds of the ratio measured within a round. */
  readonly ratios: Readonly<
    Record<GroupName, { readonly overJsonRulesEngine: number; readonly overFloor: number; readonly floorOverJsonRulesEngine: number }>
  >;
  readonly profiles: Readonly<
    Record<
      "refusals" | "accepted",
      { readonly top: readonly ProfileLine[]; readonly stages: ReadonlyArray<{ readonly label: string; readonly percent: number }> }
    >
  >;
  readonly chain: ChainResult;
  readonly dbNames: readonly DbNameResult[];
  /** The exponent k of cost ≈ fixed + c·itemsᵏ, per engine. */
  readonly dbNameGrowthExponent: Readonly<Record<DbNameResult["engine"], number>>;
  readonly durationSeconds: number;
}
