// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Folders of the server that are bounded contexts: they may import each other only through index.ts. */
const contexts = ['organization', 'catalog', 'events', 'accounts', 'inspections', 'cases', 'supervision', 'disclosure'];

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '.tmp/**', 'coverage/**', 'packages/server/migrations/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // House rule 1: the domain package is pure. No I/O, no framework, no database.
    files: ['packages/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex:
                '^(node:|fs$|path$|http|https|net$|child_process|crypto$|os$|pg$|@electric-sql|drizzle-orm|fastify|@fastify|react|antd|exceljs)',
              message:
                'packages/domain is pure: it may not import I/O, frameworks or the database (ARCHITECTURE.md rule 1).',
            },
            { regex: '^@openenforce/(server|web)', message: 'packages/domain may not depend on server or web.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'No I/O in domain.' },
        { name: 'process', message: 'No environment access in domain: pass values in.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Time is a parameter in domain (ARCHITECTURE.md): no Date.now().',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Time is a parameter in domain: no new Date().',
        },
      ],
    },
  },
  // House rule 1, second half: a server context imports another context only through its index.ts.
  ...contexts.map((ctx) => ({
    files: [`packages/server/src/${ctx}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(?!${ctx}/)(${contexts.join('|')})/(?!index(\\.ts)?$).+`,
              message: 'Import another context only through its index.ts (ARCHITECTURE.md rule 1).',
            },
          ],
        },
      ],
    },
  })),
  // A context's tables are its own (ARCHITECTURE.md rule 1): its index.ts exports functions and types, never its
  // schema, so another context cannot query them (it reads through the owner's functions instead).
  {
    files: contexts.map((ctx) => `packages/server/src/${ctx}/index.ts`),
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'ExportAllDeclaration[source.value=/\\.schema(\\.ts)?$/], ExportNamedDeclaration[source.value=/\\.schema(\\.ts)?$/]',
          message:
            "A context's index.ts may not export its tables: export read functions instead (ARCHITECTURE.md rule 1).",
        },
      ],
    },
  },
  {
    files: ['packages/server/src/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(${contexts.join('|')})(/|$)`,
              message: 'platform is below the contexts: it may not import them.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/web/**/*.ts', 'packages/web/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^@openenforce/server', message: 'The web app talks to the server over HTTP only.' }] },
      ],
      // Names are edited by users: text reaches the page as text (React does it), never as HTML (issue 13 §1.5).
      // Leaflet sets string tooltips, popups and div icons as HTML: give it text through ui/mapText.ts.
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(bindTooltip|bindPopup|setTooltipContent|setPopupContent|setContent|divIcon|tooltip|popup|insertAdjacentHTML)$/]',
          message: 'Leaflet renders strings as HTML: use bindTextTooltip / textElement / countIcon (ui/mapText.ts).',
        },
        {
          selector: 'NewExpression[callee.property.name=/^(DivIcon|Tooltip|Popup)$/]',
          message: 'Leaflet renders strings as HTML: use bindTextTooltip / textElement / countIcon (ui/mapText.ts).',
        },
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'No HTML from data: render text (user-edited names would run as script).',
        },
        {
          selector: 'AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]',
          message: 'No HTML from data: set textContent.',
        },
      ],
    },
  },
  {
    // The one place that hands text to Leaflet, as DOM text nodes.
    files: ['packages/web/src/ui/mapText.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
