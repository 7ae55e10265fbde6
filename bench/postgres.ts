import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { findPgBin, startCluster } from '../test/support/postgres-cluster.js';
import { benchPortalToken } from './seed.js';

/**
 * `npm run bench -- --postgres`: a throwaway PostgreSQL cluster for one run, started the way the
 * test setup starts its own (`test/support/postgres-cluster.ts`: Debian's binaries, a free
 * loopback port, fsync off), with a `bench` database in it. `stop()` stops the cluster and
 * deletes its directory. Without the binaries, the error names the package to install.
 */
export async function startBenchPostgres(): Promise<{ url: string; stop(): void }> {
  const cluster = findPgBin() ? await startCluster() : null;
  if (!cluster) {
    throw new Error(
      '--postgres needs PostgreSQL’s server binaries (/usr/lib/postgresql/<version>/bin/initdb): `apt-get install postgresql`, or set DATABASE_URL to a throwaway database.',
    );
  }
  try {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    try {
      await admin.query('create database bench');
    } finally {
      await admin.end();
    }
  } catch (error) {
    cluster.stop();
    throw error;
  }
  const url = new URL(cluster.url);
  url.pathname = '/bench';
  return { url: url.toString(), stop: () => cluster.stop() };
}

/**
 * An SMTP server on loopback that only counts: every message's Message-ID (the outbox gives each
 * row its own, stable across retries), so a row sent twice shows as a repeated id.
 */
export async function startCountingSmtpSink(): Promise<{
  url: string;
  messageIds: string[];
  close(): Promise<void>;
}> {
  const messageIds: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 16_384) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        messageIds.push(/^message-id:\s*(\S+)/im.exec(head)?.[1] ?? `(none ${messageIds.length})`);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messageIds,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const EMAIL_KINDS = ['email', 'customer_email', 'staff_email'];

/** The e-mail rows of the outbox: delivered, and still waiting (due now, not parked). */
async function countOutbox(databaseUrl: string): Promise<{ delivered: number; due: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ delivered: string; due: string }>(
      `select count(*) filter (where delivered_at is not null) as delivered,
         count(*) filter (where delivered_at is null and parked_at is null and available_at <= $2) as due
       from outbox where kind = any($1)`,
      [EMAIL_KINDS, new Date().toISOString()],
    );
    return { delivered: Number(rows[0]!.delivered), due: Number(rows[0]!.due) };
  } finally {
    await client.end();
  }
}

/** Delivered e-mail rows before the app first started: `checkNoDoubleSending` counts from there. */
export async function outboxDeliveredNow(databaseUrl: string): Promise<number> {
  return (await countOutbox(databaseUrl)).delivered;
}

/** Waits (120 s at most) until the outbox has no due e-mail row left; answers how many are still due. */
export async function waitForOutbox(databaseUrl: string): Promise<number> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { due } = await countOutbox(databaseUrl);
    if (due === 0 || Date.now() > deadline) return due;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Reads an SSE stream until `until` holds or `timeoutMs` passes; `ready` resolves on the server's first event. */
function openStaffStream(url: string, cookie: string) {
  const events: { type: string; data: Record<string, unknown>; at: number }[] = [];
  const controller = new AbortController();
  let wake = () => {};
  const ready = (async () => {
    const response = await fetch(`${url}/api/events`, { headers: { cookie }, signal: controller.signal });
    if (!response.ok || !response.body) throw new Error(`GET /api/events → ${response.status}`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let markReady = () => {};
    const isReady = new Promise<void>((resolve) => (markReady = resolve));
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        buffer += value;
        for (let index = buffer.indexOf('\n\n'); index >= 0; index = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, index);
          buffer = buffer.slice(index + 2);
          const type = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!type) continue;
          events.push({ type, data: data ? JSON.parse(data) : {}, at: performance.now() });
          if (type === 'ready') markReady();
          wake();
        }
      }
    })();
    await isReady;
  })();
  return {
    ready,
    async waitFor(
      match: (event: { type: string; data: Record<string, unknown> }) => boolean,
      timeoutMs: number,
    ) {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const found = events.find(match);
        if (found) return found;
        const left = deadline - performance.now();
        if (left <= 0) return null;
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, left);
        });
      }
    },
    close: () => controller.abort(),
  };
}

/**
 * What must hold across app processes on one PostgreSQL (LISTEN/NOTIFY, src/db/pg-event-bus.ts):
 * a staff member's live stream on the last process sees a staff reply and a customer's reply
 * (and the staff notification it makes) written on the first; and every e-mail the outbox
 * delivered meanwhile, by whichever process, reached the SMTP server once.
 */
export async function checkAcrossProcesses(input: {
  urls: string[];
  cookie: string;
  dataset: { sampleRequestIds: string[] };
  databaseUrl: string;
  sink: { messageIds: string[] };
}): Promise<string[]> {
  const { urls, cookie } = input;
  const writer = urls[0]!;
  const reader = urls[urls.length - 1]!;
  const lines: string[] = [];
  const stream = openStaffStream(reader, cookie);
  try {
    await stream.ready;
    const ids = input.dataset.sampleRequestIds;
    const staffTarget = ids[ids.length - 1]!;
    const customerTarget = ids[ids.length - 2]!;
    let t0 = performance.now();
    const reply = await fetch(`${writer}/api/requests/${encodeURIComponent(staffTarget)}/messages`, {
      method: 'POST',
      headers: { cookie, origin: writer, 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'Réponse écrite sur le processus 1 (bench --processes).' }),
    });
    const seen = reply.ok
      ? await stream.waitFor((e) => e.type === 'request.changed' && e.data.requestId === staffTarget, 5_000)
      : null;
    lines.push(
      seen
        ? `PASS — live events across processes: a staff reply posted on ${writer} reached a staff stream on ${reader} in ${(performance.now() - t0).toFixed(0)} ms`
        : `FAIL — live events across processes: a staff reply on ${writer} (${reply.status}) never reached the stream on ${reader} within 5 s`,
    );
    t0 = performance.now();
    const customer = await fetch(`${writer}/c/${benchPortalToken(customerTarget)}/messages`, {
      method: 'POST',
      headers: { origin: writer, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ body: 'Message du client, écrit sur le processus 1.' }).toString(),
      redirect: 'manual',
    });
    const notified =
      customer.status < 400
        ? await stream.waitFor((e) => e.type === 'notification' && e.data.requestId === customerTarget, 5_000)
        : null;
    lines.push(
      notified
        ? `PASS — notifications across processes: a customer's reply on ${writer} notified the staff stream on ${reader} in ${(performance.now() - t0).toFixed(0)} ms`
        : `FAIL — notifications across processes: a customer's reply on ${writer} (${customer.status}) gave no notification on ${reader} within 5 s`,
    );
  } finally {
    stream.close();
  }
  return lines;
}

/** Every e-mail row delivered since `deliveredBefore` reached the SMTP server exactly once. */
export async function checkNoDoubleSending(
  databaseUrl: string,
  deliveredBefore: number,
  sink: { messageIds: string[] },
): Promise<string[]> {
  const left = await waitForOutbox(databaseUrl);
  const { delivered } = await countOutbox(databaseUrl);
  const sent = sink.messageIds.length;
  const distinct = new Set(sink.messageIds).size;
  const marked = delivered - deliveredBefore;
  const isOk = sent === distinct && distinct === marked;
  return [
    `${isOk ? 'PASS' : 'FAIL'} — outbox across processes: ${marked} e-mail rows marked delivered, ${sent} messages received by the SMTP server, ${distinct} distinct Message-IDs (${sent - distinct} sent twice)${left > 0 ? `, ${left} still due after 120 s` : ''}`,
  ];
}
