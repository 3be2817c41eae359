/** Text a store cannot hold, over memoryStore() (the same cases run over PostgreSQL in test/store-postgres). */
import { describe } from "vitest";
import { memoryStore } from "../../src/store/index";
import { unstorableTextCases } from "../support/unstorable-text-suite";

describe("text a store cannot hold, over memory", () => {
  unstorableTextCases(async () => memoryStore());
});
