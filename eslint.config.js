// Lint rules, including the dependency direction of ../shared/STYLE.md:
// domain ← text ← match ← app ← {api, jobs, cli} ← composition roots; store sees only domain.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Folders each layer may NOT import from (relative import paths are matched by these globs). */
const forbidden = {
  domain: ['text', 'match', 'store', 'app', 'api', 'jobs', 'cli'],
  text: ['match', 'store', 'app', 'api', 'jobs', 'cli'],
  match: ['store', 'app', 'api', 'jobs', 'cli'],
  store: ['text', 'match', 'app', 'api', 'jobs', 'cli'],
  app: ['api', 'jobs', 'cli'],
  api: ['jobs', 'cli'],
  jobs: ['api', 'cli'],
  cli: [],
};
const ioModules = ['node:fs', 'node:fs/promises', 'fs', 'fs/promises', 'node:net', 'node:http', 'node:child_process', 'neo4j-driver', 'express'];

const layerRules = Object.entries(forbidden).map(([layer, banned]) => ({
  files: [`src/${layer}/**/*.ts`],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [
        ...banned.map((b) => ({ group: [`../${b}/*`, `../../${b}/*`, `../${b}`, `../../${b}`], message: `${layer} must not depend on ${b} (see STYLE.md: dependency direction).` })),
        ...(layer === 'text' || layer === 'match' || layer === 'domain'
          ? [{ group: ioModules, message: `${layer} is pure: no I/O modules.` }]
          : []),
      ],
    }],
  },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'var/**', 'coverage/**', 'scripts/neo4j/target/**', 'src/web/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  ...layerRules,
);
