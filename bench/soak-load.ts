/**
 * The soak's load generator (bench/soak.bench.ts runs it as its own process, so that its CPU and event loop are not
 * the measuring process's). Open loop at a constant rate, as wrk2 does: request n leaves at start + n / rate whether
 * or not earlier ones were answered, round robin over the server processes (as a load balancer would), and its latency
 * counts from then (a wait for a socket included). Once a minute it writes one JSON line to stdout with that minute's
 * figures; the live-stream connections stay open throughout and count the messages they receive.
 */
import http from 'node:http';
import { readFileSync } from 'node:fs';

export interface SoakLoadOptions {
  bases: string[];
  rate: number;
  seconds: number;
  /** Session cookies of the demo users the mix acts as. */
  cookies: { gridworker: string; operator: string; officer: string };
  hotlineKey: string;
  open311Key: string;
  /** Report bodies (category, description, lng, lat) at random points in the county. */
  reports: { category: string; description: string; lng: number; lat: number }[];
  /** Live-stream connections per server process. */
  streams: number;
}

export interface MinuteFigures {
  minute: number;
  requests: number;
  p50: number;
  p99: number;
  max: number;
  /** Non-2xx answers and failed connections, by kind of request. */
  failed: Record<string, number>;
  /** Count and p99 by kind of request. */
  kinds: Record<string, { n: number; p99: number }>;
  streamMessages: number;
  streamsOpen: number;
}

/** The mix (weights in per cent): reports from every channel, steps, lists, the map, the big screen. */
const MIX: [kind: string, weight: number][] = [
  ['report grid worker', 15],
  ['report hotline', 8],
  ['report open311', 7],
  ['step', 15],
  ['list queue', 12],
  ['list town', 10],
  ['event detail', 10],
  ['map', 10],
  ['dashboard', 8],
  ['me', 5],
];

const o = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as SoakLoadOptions;
const agents = o.bases.map(() => new http.Agent({ keepAlive: true, maxSockets: 128 }));
const seqPrefix = `${process.pid}`;
let seq = 0;
const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;

/** Events reported by this load and the version each is at: the steps take them on (triage, then dispatch). */
const reported: { id: string; version: number; server: number }[] = [];
const triaged: { id: string; version: number; server: number }[] = [];
const known: string[] = [];

interface Sample {
  kind: string;
  ms: number;
  ok: boolean;
}
let samples: Sample[] = [];

function request(
  server: number,
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string>,
  body?: object,
): Promise<{ status: number; json: () => unknown }> {
  const u = new URL(o.bases[server]!);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        path,
        method,
        agent: agents[server],
        headers: {
          ...headers,
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, json: () => JSON.parse(Buffer.concat(chunks).toString()) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const as = (user: keyof SoakLoadOptions['cookies']) => ({ cookie: o.cookies[user] });

/** One request of the mix; resolves to the kind it turned out to be (a step with nothing to step on is a list). */
async function send(kind: string, server: number): Promise<{ kind: string; status: number }> {
  const r = pick(o.reports);
  switch (kind) {
    case 'report grid worker': {
      const res = await request(server, 'POST', '/api/events', as('gridworker'), r);
      if (res.status === 201) {
        const { event } = res.json() as { event: { id: string; version: number } };
        reported.push({ ...event, server });
        known.push(event.id);
        if (known.length > 2000) known.splice(0, 1000);
      }
      return { kind, status: res.status };
    }
    case 'report hotline': {
      const ticket = { ...r, externalId: `SOAK-${seqPrefix}-${++seq}`, reporterPhone: '13800000000' };
      const res = await request(server, 'POST', '/api/hotline/tickets', { 'x-api-key': o.hotlineKey }, ticket);
      return { kind, status: res.status };
    }
    case 'report open311': {
      const body = {
        api_key: o.open311Key,
        service_code: r.category,
        lat: r.lat,
        long: r.lng,
        description: r.description,
      };
      const res = await request(server, 'POST', '/open311/v2/requests.json', {}, body);
      return { kind, status: res.status };
    }
    case 'step': {
      // Dispatch what was triaged, else triage what was reported (as the command centre's operator).
      const next = triaged.shift();
      const step = next ? 'dispatch' : 'triage';
      const e = next ?? reported.shift();
      if (!e) return send('list queue', server);
      const res = await request(server, 'POST', `/api/events/${e.id}/${step}`, as('operator'), {
        version: e.version,
      });
      if (res.status === 200 && step === 'triage')
        triaged.push({ ...e, version: (res.json() as { version: number }).version });
      return { kind: `step ${step}`, status: res.status };
    }
    case 'list queue':
      return {
        kind,
        status: (await request(server, 'GET', '/api/events?queue=untriaged&limit=50', as('operator'))).status,
      };
    case 'list town':
      return { kind, status: (await request(server, 'GET', '/api/events?limit=50', as('officer'))).status };
    case 'event detail': {
      if (known.length === 0) return send('list town', server);
      const res = await request(server, 'GET', `/api/events/${pick(known)}`, as('operator'));
      return { kind, status: res.status };
    }
    case 'map':
      return { kind, status: (await request(server, 'GET', '/api/events/map?days=7', as('operator'))).status };
    case 'dashboard':
      return { kind, status: (await request(server, 'GET', '/api/command/dashboard', as('operator'))).status };
    default:
      return { kind, status: (await request(server, 'GET', '/api/auth/me', as('officer'))).status };
  }
}

const total = MIX.reduce((s, [, w]) => s + w, 0);
function kindAt(x: number): string {
  let acc = 0;
  for (const [kind, w] of MIX) {
    acc += w;
    if (x * total < acc) return kind;
  }
  return MIX[0]![0];
}

// The live stream: held open by the command centre's screens, on every server process.
let streamMessages = 0;
let streamsOpen = 0;
const streamRequests: http.ClientRequest[] = [];
for (let server = 0; server < o.bases.length; server++)
  for (let k = 0; k < o.streams; k++) {
    const u = new URL(o.bases[server]!);
    const req = http.get(
      { host: u.hostname, port: u.port, path: '/api/events/stream', headers: as(k % 2 ? 'operator' : 'officer') },
      (res) => {
        if (res.statusCode === 200) streamsOpen += 1;
        res.on('data', (c: Buffer) => {
          for (const line of c.toString().split('\n')) if (line.startsWith('data:')) streamMessages += 1;
        });
        res.on('end', () => (streamsOpen -= res.statusCode === 200 ? 1 : 0));
        res.on('error', () => undefined);
      },
    );
    req.on('error', () => undefined);
    streamRequests.push(req);
  }

const quantile = (sorted: number[], p: number) =>
  Math.round((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0) * 10) / 10;

function flush(minute: number) {
  const taken = samples;
  samples = [];
  const all = taken.map((s) => s.ms).sort((a, b) => a - b);
  const failed: Record<string, number> = {};
  const byKind = new Map<string, number[]>();
  for (const s of taken) {
    if (!s.ok) failed[s.kind] = (failed[s.kind] ?? 0) + 1;
    byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), s.ms]);
  }
  const kinds = Object.fromEntries(
    [...byKind].map(([k, ms]) => [
      k,
      {
        n: ms.length,
        p99: quantile(
          ms.sort((a, b) => a - b),
          0.99,
        ),
      },
    ]),
  );
  const figures: MinuteFigures = {
    minute,
    requests: taken.length,
    p50: quantile(all, 0.5),
    p99: quantile(all, 0.99),
    max: quantile(all, 1),
    failed,
    kinds,
    streamMessages,
    streamsOpen,
  };
  streamMessages = 0;
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

const count = Math.round(o.seconds * o.rate);
let sent = 0;
let open = 0;
const start = performance.now();
let minute = 1;
await new Promise<void>((done) => {
  const finish = () => {
    if (sent === count && open === 0) done();
  };
  const fire = (n: number) => {
    const due = start + (n / o.rate) * 1000;
    const kind = kindAt(Math.random());
    const server = n % o.bases.length;
    open += 1;
    send(kind, server).then(
      (r) => {
        samples.push({ kind: r.kind, ms: performance.now() - due, ok: r.status >= 200 && r.status < 300 });
        open -= 1;
        finish();
      },
      () => {
        samples.push({ kind, ms: performance.now() - due, ok: false });
        open -= 1;
        finish();
      },
    );
  };
  const tick = () => {
    const elapsed = performance.now() - start;
    if (elapsed >= minute * 60_000 && minute * 60 < o.seconds) flush(minute++);
    const due = Math.min(count, Math.floor((elapsed / 1000) * o.rate));
    while (sent < due) fire(sent++);
    if (sent < count) setTimeout(tick, 1);
  };
  tick();
});
flush(minute);
for (const req of streamRequests) req.destroy();
for (const a of agents) a.destroy();
