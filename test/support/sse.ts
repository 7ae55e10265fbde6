import { request as httpRequest } from 'node:http';

/** Opens an SSE stream on a listening app and collects its events until `until` is satisfied. */
export function openStream(port: number, cookie: string) {
  const events: { type: string; data: Record<string, unknown> }[] = [];
  let wake: (() => void) | null = null;
  const req = httpRequest({
    host: '127.0.0.1',
    port,
    path: '/api/events',
    headers: { cookie: `schuss_session=${cookie}` },
  });
  let status = 0;
  let markEnded: () => void = () => {};
  /** Resolves when the server ends the stream. */
  const ended = new Promise<void>((resolve) => (markEnded = resolve));
  const ready = new Promise<void>((resolve, reject) => {
    req.on('response', (res) => {
      status = res.statusCode ?? 0;
      res.on('end', () => markEnded());
      res.on('close', () => markEnded());
      if (status !== 200) resolve();
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let index = buffer.indexOf('\n\n');
        while (index >= 0) {
          const block = buffer.slice(0, index);
          buffer = buffer.slice(index + 2);
          const type = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (type) {
            events.push({ type, data: data ? JSON.parse(data) : {} });
            if (type === 'ready') resolve();
            wake?.();
          }
          index = buffer.indexOf('\n\n');
        }
      });
    });
    req.on('error', reject);
  });
  req.end();
  return {
    events,
    ready,
    ended,
    /** The HTTP status of the stream's response, once `ready`. */
    status: () => status,
    async waitFor(predicate: (e: { type: string; data: Record<string, unknown> }) => boolean) {
      while (!events.some(predicate)) await new Promise<void>((resolve) => (wake = resolve));
      return events.find(predicate)!;
    },
    close: () => req.destroy(),
  };
}
