import { readFileSync } from 'node:fs';

/**
 * A benchmark's option from the command line: `--name value` or `--name=value` (after the benchmark's name:
 * `npm run bench -- soak --minutes 2`), or undefined.
 */
export function benchOption(name: string, argv: readonly string[] = process.argv): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === `--${name}`) return argv[i + 1];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

/** The words that select benchmarks: every argument that is neither an option nor an option's value. */
export function benchFilters(args: readonly string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      if (!a.includes('=')) i += 1; // `--name value`: the value is not a filter
    } else if (!a.startsWith('-')) words.push(a);
  }
  return words;
}

/** VmRSS and VmHWM (the peak) of a process, in MB (0 when it has exited). */
export function memoryOf(pid: number): { rss: number; hwm: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}
