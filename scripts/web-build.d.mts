// Types of web-build.mjs for the TypeScript callers (bench/).
export const root: string;
export function buildWebIfStale(label?: string): void;
