import { PNG } from 'pngjs';

/**
 * A small pixel diff for the reference-image tests: the share of pixels whose grey level differs by more than
 * `threshold` (0–255). Images of different sizes differ entirely.
 */
export function pixelDiff(a: Buffer, b: Buffer, threshold = 48): number {
  const x = PNG.sync.read(a);
  const y = PNG.sync.read(b);
  if (x.width !== y.width || x.height !== y.height) return 1;
  let differ = 0;
  for (let i = 0; i < x.data.length; i += 4) {
    const g = (d: Buffer) => (d[i]! * 299 + d[i + 1]! * 587 + d[i + 2]! * 114) / 1000;
    if (Math.abs(g(x.data) - g(y.data)) > threshold) differ++;
  }
  return differ / (x.width * x.height);
}
