import { constants as zlib } from 'node:zlib';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { publicPlugins } from './access.ts';

/**
 * Vite names every file under /assets/ after a hash of its content, so a new build never reuses a name: such a file
 * may be kept for a year without asking again. Everything else (index.html, the manifest, icons, robots.txt) keeps
 * its name across builds and is revalidated on every use (ETag), so a deployment is seen at the next load.
 */
export const HASHED_ASSETS = '/assets/';
export const CACHE_HASHED = 'public, max-age=31536000, immutable';
export const CACHE_REVALIDATE = 'no-cache';

export function isHashedAsset(urlPath: string): boolean {
  return urlPath.startsWith(HASHED_ASSETS);
}

/**
 * Compression of every response that is worth it (≥ 1 kB, a compressible type; issue 13 §3.6): brotli when the
 * client takes it, else gzip. Dynamic answers (the API) use brotli quality 4: near gzip's CPU cost with smaller
 * output; the web app's files are compressed once at build time at the highest quality (`.br`/`.gz` beside each
 * file, written by the Vite build) and sent as they are. Request bodies are never inflated: a compressed upload
 * would get past the body limit before it is counted.
 * The live stream (SSE) hijacks its reply, so it is never buffered by a compressor.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    global: true,
    globalDecompression: false,
    encodings: ['br', 'gzip'],
    threshold: 1024,
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
  });
}

/** The built web app at /: precompressed files, long-lived hashed assets, everything else revalidated. */
export async function registerWebApp(app: FastifyInstance, webDist: string): Promise<void> {
  await publicPlugins(app, () =>
    app.register(fastifyStatic, {
      root: webDist,
      prefix: '/',
      wildcard: true,
      index: 'index.html',
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, path) => {
        const rel = path.slice(webDist.length).replaceAll('\\', '/');
        res.setHeader('cache-control', isHashedAsset(rel) ? CACHE_HASHED : CACHE_REVALIDATE);
      },
    }),
  );
}
