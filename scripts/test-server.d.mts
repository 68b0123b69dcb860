// Types of test-server.mjs for the TypeScript callers (bench/).
export function freePort(): Promise<number>;
export function startTestServer(o?: {
  demoEvents?: number;
  stdio?: 'inherit' | 'ignore';
  env?: Record<string, string>;
}): Promise<{ base: string; dataDir: string; stop(): Promise<void> }>;
