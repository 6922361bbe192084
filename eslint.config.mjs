// ESLint for the whole repository: typescript-eslint's recommended rules and React's hooks rules.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'dist/**',
      'coverage/**',
      'playground/dist/**',
      'playground/build/**',
      'playground/.strapi/**',
      'playground/types/generated/**',
      'tests/host-app/node_modules/**',
      'tests/host-app/.strapi/**',
      'tests/.artifacts/**',
      'eval/.results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['admin/**/*.{ts,tsx}', 'strapi-admin.tsx'],
    plugins: { 'react-hooks': reactHooks },
    // The rules of hooks. react-hooks 7's React Compiler rules stay off: the panel is not built with the
    // compiler, and "latest value" refs read during render are the idiom it replaces.
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // The contracts' area modules hold zod schemas: the panel takes only their types, and its values
      // from the zod-free constants module, so that the schemas (and zod) stay out of the admin bundle.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/shared/contracts/*', '!**/shared/contracts/constants'],
              allowTypeImports: true,
              message: 'Import only types from a contract module; values come from shared/contracts/constants.',
            },
          ],
        },
      ],
    },
  },
  {
    rules: {
      // Strapi's server and admin APIs are loosely typed (strapi.db.query(uid) rows, plugin services): `any` marks those edges.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // CommonJS files: Strapi's app config, jest configs, node scripts.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
