// Vite's `import.meta.glob` for tests: they read LEGAL.md and their own sources as text without node:fs, so the
// domain package's tsconfig (no Node or Vite types) and its purity lint rule hold for tests too.
interface ImportMeta {
  glob<T = unknown>(
    patterns: string | readonly string[],
    options: { query?: string; import?: string; eager: true },
  ): Record<string, T>;
}
