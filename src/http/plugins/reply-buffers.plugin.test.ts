import { connect } from 'node:net';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { BUFFERED_MIN_CHARS, replyBuffersPlugin } from './reply-buffers.plugin.js';

/** A long text with what makes UTF-8 longer than its characters: accents, ’, —, an emoji. */
function longText(seed: number, chars: number): string {
  const words = ['Élève', 'j’ai réglé', 'Flocon — 3e Étoile', 'Über', '⛷️ piste', `n°${seed}`];
  let text = '';
  for (let i = 0; text.length < chars; i++) text += `${words[(i + seed) % words.length]} `;
  return text;
}

describe('reply buffers', () => {
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await close?.();
    close = null;
  });

  async function serve() {
    const app = Fastify();
    await app.register(replyBuffersPlugin);
    app.get('/json/:seed', async (request) => {
      const seed = Number((request.params as { seed: string }).seed);
      return { seed, text: longText(seed, BUFFERED_MIN_CHARS + seed * 97) };
    });
    app.get('/short', async () => ({ text: 'Café' }));
    app.get('/html', async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(`<p>${longText(3, 20_000)}</p>`),
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    close = () => app.close();
    return `http://127.0.0.1:${port}`;
  }

  it('writes each long reply whole, with its exact byte length, even with many at once', async () => {
    const url = await serve();
    // More replies in flight than the pool's first buffers, each different: a buffer given back
    // before its reply was written would show up as another reply's bytes.
    for (let round = 0; round < 3; round++) {
      const responses = await Promise.all(
        Array.from({ length: 60 }, (_, seed) =>
          fetch(`${url}/json/${seed}`).then(async (r) => ({ r, seed })),
        ),
      );
      for (const { r, seed } of responses) {
        const bytes = Buffer.from(await r.arrayBuffer());
        expect(r.headers.get('content-length')).toBe(String(bytes.length));
        expect(JSON.parse(bytes.toString('utf8'))).toEqual({
          seed,
          text: longText(seed, BUFFERED_MIN_CHARS + seed * 97),
        });
      }
    }
  });

  it('keeps a reply’s bytes until they are written, when replies wait their turn on a connection', async () => {
    const url = new URL(await serve());
    // 40 pipelined requests on one connection: Node answers them in order, holding the later
    // replies in memory meanwhile; their buffers must not be lent again before they are written.
    const seeds = Array.from({ length: 40 }, (_, i) => i);
    const socket = connect(Number(url.port), url.hostname);
    const received: Buffer[] = [];
    socket.on('data', (chunk) => received.push(chunk));
    const ended = new Promise<void>((resolve) => socket.on('end', resolve));
    socket.write(
      seeds
        .map(
          (seed, i) =>
            `GET /json/${seed} HTTP/1.1\r\nHost: x\r\n${i === seeds.length - 1 ? 'Connection: close\r\n' : ''}\r\n`,
        )
        .join(''),
    );
    await ended;
    let rest = Buffer.concat(received);
    for (const seed of seeds) {
      const headerEnd = rest.indexOf('\r\n\r\n');
      const head = rest.subarray(0, headerEnd).toString('latin1');
      const length = Number(/content-length: (\d+)/i.exec(head)?.[1]);
      const body = rest.subarray(headerEnd + 4, headerEnd + 4 + length);
      expect(JSON.parse(body.toString('utf8'))).toEqual({
        seed,
        text: longText(seed, BUFFERED_MIN_CHARS + seed * 97),
      });
      rest = rest.subarray(headerEnd + 4 + length);
    }
    expect(rest.length).toBe(0);
  });

  it('leaves short replies and other content types as they are', async () => {
    const url = await serve();
    const short = await fetch(`${url}/short`);
    expect(await short.json()).toEqual({ text: 'Café' });
    const html = await fetch(`${url}/html`);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const body = await html.text();
    expect(body).toBe(`<p>${longText(3, 20_000)}</p>`);
    expect(html.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
  });
});
