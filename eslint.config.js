// ESLint flat config. Import boundaries: data flows one way (ARCHITECTURE.md), so a stage may import only
// from core/ and stages to its left, and only through their index.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const STAGES = [
  'core',
  'sources',
  'lake',
  'warehouse',
  'ml',
  'detect',
  'registry',
  'pipelines',
  'api',
  'cli',
];

function boundaryRules(stage) {
  const index = STAGES.indexOf(stage);
  const forbidden = STAGES.slice(index + 1).map((s) => ({
    group: [`**/${s}/**`, `**/${s}/index.js`],
    message: `src/${stage} may not import from src/${s}: data flows one way (ARCHITECTURE.md).`,
  }));
  const deep = STAGES.filter((s) => s !== stage && s !== 'sources').map((s) => ({
    group: [`../${s}/*`, `!../${s}/index.js`, `../../${s}/*`, `!../../${s}/index.js`],
    message: `Import src/${s} through its index.ts only.`,
  }));
  return { 'no-restricted-imports': ['error', { patterns: [...forbidden, ...deep] }] };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.hardin/**', 'coverage/**', 'web/dist/**', 'scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  ...STAGES.map((stage) => ({
    files: [`src/${stage}/**/*.ts`],
    ignores: ['src/**/*.test.ts'],
    rules: boundaryRules(stage),
  })),
  {
    // Tests read JSON bodies of API answers; typing every one of them adds noise, not safety.
    files: ['test/**/*.ts', 'src/**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['bench/**/*.js', 'bin/**/*.js', 'scripts/**/*.js'],
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', performance: 'readonly', URL: 'readonly' },
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/src/**'], message: 'The dashboard talks only to the API.' }] },
      ],
    },
  },
  prettier,
);
