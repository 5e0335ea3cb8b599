import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import coreWebVitals from "eslint-config-next/core-web-vitals";
import typescript from "eslint-config-next/typescript";
import security from "eslint-plugin-security";

const root = dirname(fileURLToPath(import.meta.url));

const NO_RAW_SQL = [
  { selector: "MemberExpression[property.name=/^\\$(queryRawUnsafe|executeRawUnsafe)$/]", message: "Use the tagged $queryRaw / $executeRaw: they parameterise." },
  { selector: "MemberExpression[object.name='Prisma'][property.name='raw']", message: "Prisma.raw splices text into SQL; use Prisma.sql fragments." },
];

const config = [
  { ignores: [".next/**", "node_modules/**", ".data/**", "next-env.d.ts", "playwright-report/**", "test-results/**"] },
  ...coreWebVitals,
  ...typescript,
  security.configs.recommended,
  {
    settings: { next: { rootDir: root } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Flags every obj[key]; our keys come from typed unions and zod-parsed input.
      "security/detect-object-injection": "off",
    },
  },
  {
    // Developer tools and tests work on paths and patterns of their own making.
    files: ["scripts/**", "tests/**", "bench/**"],
    rules: { "security/detect-non-literal-fs-filename": "off", "security/detect-non-literal-regexp": "off" },
  },
  {
    // Application code: no raw SQL built from strings, ever.
    files: ["app/**", "components/**", "lib/**", "scripts/**", "prisma/**", "bench/**", "proxy.ts"],
    rules: {
      "no-restricted-syntax": ["error", ...NO_RAW_SQL],
    },
  },
  {
    // What people read is formatted in their language, never the server's.
    files: ["app/**", "components/**", "lib/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        ...NO_RAW_SQL,
        { selector: "CallExpression[callee.property.name=/^toLocale(Date|Time)?String$/]", message: "Format for people with the formatter in lib/i18n/formats.ts (the reader's locale, not the server's)." },
      ],
    },
  },
  {
    // Only lib/ talks to the database: pages and components go through lib/ functions.
    files: ["app/**", "components/**", "proxy.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "@prisma/client", message: "Use lib/ functions; only types may be imported here.", allowTypeImports: true },
            { name: "@/lib/db", message: "Pages and components do not touch the database: call lib/." },
            { name: "pg", message: "Pages and components do not touch the database: call lib/." },
            { name: "next-intl", importNames: ["useFormatter"], message: "Use useFormats() from @/lib/i18n/use-formats: the reader's Intl locale (en-GB dates), money and days." },
            { name: "next-intl/server", importNames: ["getFormatter"], message: "Use getFormats() from @/lib/i18n/server-formats: the reader's Intl locale (en-GB dates), money and days." },
          ],
        },
      ],
    },
  },
];

export default config;
