// Lint: typescript-eslint's type-checked rules (floating promises matter in a server) over the
// whole tree; formatting is Prettier's alone (npm run format), so no stylistic rule is enabled here.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "reports/**", ".stryker-tmp/**", "docs/**"] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // `async` with no `await` is how a Promise-returning function rejects instead of throwing (a Fastify plugin that throws synchronously crashes the process instead of rejecting ready(); a store; a CLI command); a missed await is no-floating-promises' to catch.
      "@typescript-eslint/require-await": "off",
      // `const { version: _, ...rest } = state` is how the code copies an object without one key.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
      // Rejecting with a value caught as `unknown` passes on what was thrown, unchanged.
      "@typescript-eslint/prefer-promise-reject-errors": ["error", { allowThrowingUnknown: true }],
      // StopParsing is the parsers' own control flow, always caught by parseSafely: not an Error, so no stack is captured per rejected input.
      "@typescript-eslint/only-throw-error": ["error", { allow: [{ from: "file", name: "StopParsing", path: "src/input/parsed.ts" }] }],
    },
  },
  {
    files: ["test/**", "property-tests/**"],
    rules: {
      // vitest's asymmetric matchers (`expect.stringContaining(…)`, `expect.any(…)`) are typed `any`: every use in an expected object is flagged.
      "@typescript-eslint/no-unsafe-assignment": "off",
      // Tests throw and reject with non-Errors on purpose (a string, null, 42): what a store of a user's own may do, which its callers must survive.
      "@typescript-eslint/only-throw-error": "off",
      "@typescript-eslint/prefer-promise-reject-errors": "off",
    },
  },
  { files: ["**/*.js", "**/*.mjs"], extends: [tseslint.configs.disableTypeChecked] },
);
