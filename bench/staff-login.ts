/** Signs a staff account in on the app under test: its `schuss_session=…` cookie (the run's and the soak's). */
export async function login(appUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${appUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: appUrl },
    body: JSON.stringify({ email, password }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('schuss_session='));
  if (!response.ok || !cookie) {
    throw new Error(`Staff login failed for ${email}: ${response.status} ${await response.text()}`);
  }
  return cookie;
}
