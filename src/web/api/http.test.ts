import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The real catalogue needs a browser (localStorage, <html lang>); the API client only reads the language.
const screens = vi.hoisted(() => ({ language: 'fr' }));
vi.mock('../i18n/i18n', () => ({
  i18n: {
    get language() {
      return screens.language;
    },
    t: (key: string) => key,
  },
}));

const { apiRequest } = await import('./http');

describe('apiRequest', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    fetchMock.mockImplementation(async () => new Response(JSON.stringify({ ok: true }), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockReset();
  });

  function sentHeaders(call: number): Record<string, string> {
    return fetchMock.mock.calls[call]?.[1]?.headers as Record<string, string>;
  }

  it('asks the server to answer in the language of the screens, on every call', async () => {
    screens.language = 'en';
    await apiRequest('POST', '/api/auth/login', { body: { email: 'a@b.fr', password: 'x' } });
    screens.language = 'fr';
    await apiRequest('GET', '/api/requests');

    expect(sentHeaders(0)['Accept-Language']).toBe('en');
    expect(sentHeaders(1)['Accept-Language']).toBe('fr');
  });
});
