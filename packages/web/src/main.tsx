import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Root } from './app/Root.tsx';

// The Content-Security-Policy allows no eval, and zod probes `new Function` (its JIT for object schemas) at the first
// parse: the browser would report a CSP violation each time. `z.config({ jitless: true })` turns the probe off; zod
// keeps that setting on `globalThis.__zod_globalConfig`, set here so that the first-load bundle need not carry zod
// (the schemas load with the pages that use them). Validation works the same without the JIT.
const zodGlobal = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
(zodGlobal.__zod_globalConfig ??= {}).jitless = true;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
