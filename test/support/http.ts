import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import type { App } from '../../src/http/types.js';
import { PASSWORD } from './factories.js';
import type { TestContext } from './harness.js';
import { TEST_ORIGIN } from './harness.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** An HTTP client over app.inject that keeps a session cookie, like a browser on our origin. */
export class Client {
  cookie: string | null = null;
  constructor(
    readonly app: App,
    readonly ip = '203.0.113.7',
  ) {}

  async request(
    method: Method,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method,
      url,
      remoteAddress: this.ip,
      headers: {
        ...(method !== 'GET' && { origin: TEST_ORIGIN }),
        ...(this.cookie && { cookie: `schuss_session=${this.cookie}` }),
        ...headers,
      },
      ...(body !== undefined && { payload: body as object }),
    });
    const setCookie = response.cookies.find((c) => c.name === 'schuss_session');
    if (setCookie) this.cookie = setCookie.value || null;
    return response;
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, undefined, headers);
  }
  post(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', url, body ?? {}, headers);
  }
  patch(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('PATCH', url, body ?? {}, headers);
  }

  async login(email: string, password = PASSWORD): Promise<LightMyRequestResponse> {
    const response = await this.post('/api/auth/login', { email, password });
    if (response.statusCode !== 200) throw new Error(`login failed for ${email}: ${response.body}`);
    return response;
  }
}

export async function appFor(ctx: TestContext): Promise<App> {
  const app = await buildApp(ctx.deps, { webDir: '/nonexistent' });
  await app.ready();
  return app;
}
