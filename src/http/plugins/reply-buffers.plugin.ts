import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** Replies shorter than this stay strings: Node writes a short string at once, from the stack. */
export const BUFFERED_MIN_CHARS = 8 * 1024;
/** Each pooled buffer holds a reply of up to this many UTF-8 bytes; longer ones stay strings. */
const BUFFER_BYTES = 128 * 1024;
/** At most this many buffers exist (16 MiB): with more long replies in flight, the rest stay strings. */
const POOL_SIZE = 128;

const LENT = Symbol('schuss.replyBuffer');
type WithBuffer = FastifyRequest & { [LENT]?: Buffer };

/**
 * Long replies (a list page is 33 KB of JSON) are written from UTF-8 bytes encoded once into a
 * buffer lent from a fixed pool, and given back once the reply has been handed to the kernel
 * (`finish`). As a string, a reply was measured for its Content-Length and then encoded again to
 * be written, each time flattening the serializer's rope of pieces (≈ 40 µs each for a list
 * page); a new Buffer per reply instead costs an allocation outside the heap, which the garbage
 * collector then pays for. A reply whose response fails is not given back: its buffer is left
 * to the garbage collector and a new one is made.
 */
export const replyBuffersPlugin = fp(async (app: FastifyInstance) => {
  const free: Buffer[] = [];
  let made = 0;
  const lend = (): Buffer | undefined => {
    const buffer = free.pop();
    if (buffer) return buffer;
    if (made >= POOL_SIZE) return undefined;
    made++;
    return Buffer.allocUnsafeSlow(BUFFER_BYTES);
  };

  app.addHook('onSend', (request: WithBuffer, _reply, payload, done) => {
    if (
      typeof payload !== 'string' ||
      payload.length < BUFFERED_MIN_CHARS ||
      payload.length * 3 > BUFFER_BYTES ||
      request[LENT]
    ) {
      done(null, payload);
      return;
    }
    const buffer = lend();
    if (!buffer) {
      done(null, payload);
      return;
    }
    request[LENT] = buffer;
    const written = buffer.write(payload, 0, 'utf8');
    done(null, buffer.subarray(0, written));
  });

  app.addHook('onResponse', (request: WithBuffer, reply: FastifyReply, done) => {
    const buffer = request[LENT];
    if (buffer) {
      request[LENT] = undefined;
      // Made once the last write completed: the kernel has the bytes, the buffer is free again.
      if (reply.raw.writableFinished) free.push(buffer);
      else made--;
    }
    done();
  });
});
