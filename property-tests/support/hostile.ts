import fc from "fast-check";

/** Any JavaScript value: object strings, null prototypes, boxed values, maps, sets, dates, typed and sparse arrays. */
export function anyValue(): fc.Arbitrary<unknown> {
  return fc.anything({
    withObjectString: true,
    withNullPrototype: true,
    withBoxedValues: true,
    withMap: true,
    withSet: true,
    withDate: true,
    withTypedArray: true,
    withSparseArray: true,
    withBigInt: true,
    maxDepth: 3,
  });
}

/** A getter that throws, or one that answers something different on every read. */
function hostileGetter(value: unknown, throws: boolean): () => unknown {
  if (throws) {
    return () => {
      throw new Error("getter throws");
    };
  }
  let reads = 0;
  return () => (reads++ % 2 === 0 ? value : { changed: reads });
}

/** A proxy whose every trap throws, or a revoked proxy. Built inside the box, out of fast-check's sight. */
function trappedObject(kind: "throwing" | "revoked"): unknown {
  if (kind === "revoked") {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return proxy;
  }
  const fail = () => {
    throw new Error("trap throws");
  };
  return new Proxy({}, { get: fail, has: fail, ownKeys: fail, getOwnPropertyDescriptor: fail, getPrototypeOf: fail });
}

/**
 * A valid value (from `valid`) with one property, at the top or one level down, turned into a
 * hostile getter (one that throws, or with `changingGetters` one that answers differently on each
 * read) or replaced by any value. Each generation poisons a fresh copy.
 */
export function poisoned(valid: fc.Arbitrary<unknown>, changingGetters: boolean): fc.Arbitrary<unknown> {
  return valid.chain((value) => {
    if (!isPlainRecord(value)) return fc.constant(value);
    const targets = collectTargets(cloneTwoLevels(value)).map(([, path]) => path);
    if (targets.length === 0) return fc.constant(value);
    return fc.tuple(fc.constantFrom(...targets), fc.boolean(), anyValue(), fc.boolean()).map(([path, asGetter, replacement, throws]) => {
      const copy = cloneTwoLevels(value);
      const [holder, key] = collectTargets(copy).find(([, candidate]) => candidate === path)?.[0] ?? [copy, ""];
      if (asGetter)
        Object.defineProperty(holder, key, {
          get: hostileGetter(holder[key], throws || !changingGetters),
          enumerable: true,
          configurable: true,
        });
      else holder[key] = replacement;
      return copy;
    });
  });
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !(value instanceof URLSearchParams) && !(value instanceof Date);
}

function cloneTwoLevels(value: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = Array.isArray(value) ? ([...value] as unknown as Record<string, unknown>) : { ...value };
  for (const [key, inner] of Object.entries(copy)) {
    if (Array.isArray(inner)) copy[key] = (inner as unknown[]).map((item) => (isPlainRecord(item) ? { ...item } : item));
    else if (isPlainRecord(inner)) copy[key] = { ...inner };
  }
  return copy;
}

type Target = [[Record<string, unknown>, string], string];

/** Every property at the top and one level down (inside arrays too), with a path naming it. */
function collectTargets(value: Record<string, unknown>): Target[] {
  const targets: Target[] = Object.keys(value).map((key) => [[value, key], key]);
  for (const [name, inner] of Object.entries(value)) {
    const items = Array.isArray(inner)
      ? inner.map((item, index): [unknown, string] => [item, `${name}[${index}]`])
      : [[inner, name] as [unknown, string]];
    for (const [item, at] of items) {
      if (isPlainRecord(item)) targets.push(...Object.keys(item).map((key): Target => [[item, key], `${at}.${key}`]));
    }
  }
  return targets;
}

/** An argument as the test passes it: boxed, so that fast-check itself never touches a trapped proxy. */
export interface Boxed {
  readonly value: unknown;
}

function box(value: unknown, describe: () => string): Boxed {
  const boxed: Boxed & { [fc.toStringMethod]: () => string } = { value, [fc.toStringMethod]: describe };
  return boxed;
}

/**
 * An argument of any kind: any value, a trapped proxy, or a poisoned version of a valid one.
 * Without `changingGetters`, the same argument always reads the same (so two calls can be compared).
 */
export function hostileArgument(valid: fc.Arbitrary<unknown>, changingGetters = true): fc.Arbitrary<Boxed> {
  const described = (value: unknown) => {
    try {
      return fc.stringify(value);
    } catch {
      return "(a value that cannot be printed)";
    }
  };
  return fc
    .oneof(
      { weight: 3, arbitrary: anyValue().map((value) => ({ value })) },
      { weight: 1, arbitrary: fc.constantFrom("throwing" as const, "revoked" as const).map((kind) => ({ trap: kind })) },
      { weight: 3, arbitrary: poisoned(valid, changingGetters).map((value) => ({ value })) },
      { weight: 2, arbitrary: valid.map((value) => ({ value })) },
    )
    .map((choice) =>
      "trap" in choice ? box(trappedObject(choice.trap), () => `a ${choice.trap} proxy`) : box(choice.value, () => described(choice.value)),
    );
}
