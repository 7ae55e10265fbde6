import { BlockList, isIPv6 } from 'node:net';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** How many first requests are looked at before deciding that the server sits behind a proxy. */
export const PROXY_SAMPLE = 20;

export const PROXY_WARNING =
  'Every request so far came from a private or loopback address with an X-Forwarded-For header, ' +
  'and TRUST_PROXY is off: the server sees the proxy, not the visitors. Rate limits then treat ' +
  'all visitors as one. Set TRUST_PROXY (the hop count or the proxy addresses).';

const PRIVATE = new BlockList();
PRIVATE.addSubnet('127.0.0.0', 8);
PRIVATE.addSubnet('10.0.0.0', 8);
PRIVATE.addSubnet('172.16.0.0', 12);
PRIVATE.addSubnet('192.168.0.0', 16);
PRIVATE.addSubnet('169.254.0.0', 16);
PRIVATE.addSubnet('100.64.0.0', 10);
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');
PRIVATE.addSubnet('fe80::', 10, 'ipv6');

function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return PRIVATE.check(mapped[1], 'ipv4');
  return PRIVATE.check(address, isIPv6(address) ? 'ipv6' : 'ipv4');
}

/**
 * Without TRUST_PROXY, a server behind a reverse proxy sees one address for everybody. When its
 * first requests all look proxied (a private or loopback peer, an X-Forwarded-For header), this
 * says so in the log, once. The first request that does not look proxied ends the watch.
 */
export const proxyWarningPlugin = fp(async (app: FastifyInstance, options: { trustProxy: unknown }) => {
  if (options.trustProxy !== false) return;
  let seen = 0;
  let isDone = false;
  app.addHook('onRequest', (request, _reply, done) => {
    if (!isDone) {
      const peer = request.socket.remoteAddress ?? '';
      if (!request.headers['x-forwarded-for'] || !isPrivateAddress(peer)) {
        isDone = true;
      } else if (++seen >= PROXY_SAMPLE) {
        isDone = true;
        app.log.warn({ proxyAddress: peer }, PROXY_WARNING);
      }
    }
    done();
  });
});
