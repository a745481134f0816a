/**
 * A browser's session against a portal on a real port (a PortalProcess): cookies kept, redirects not followed,
 * CSRF tokens read from the forms. Built on fetch, so a request can carry a timeout.
 */
export class WebSession {
  private readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  /** Signs in through the login form; throws unless the portal answers 303. */
  static async signIn(baseUrl: string, email: string, password: string): Promise<WebSession> {
    const session = new WebSession(baseUrl);
    const res = await session.postForm('/ingresar', { _csrf: await session.csrf('/ingresar'), email, password });
    if (res.status !== 303) throw new Error(`no se pudo ingresar como ${email}: ${res.status}`);
    return session;
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async fetch(path: string, init: RequestInit = {}, timeoutMs = 60_000): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('Cookie', this.cookieHeader);
    const res = await fetch(`${this.baseUrl}${path}`, {
      ...init,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    return res;
  }

  /** The `_csrf` token of the first form on `path`. */
  async csrf(path: string): Promise<string> {
    const res = await this.fetch(path);
    const m = /name="_csrf" value="([^"]+)"/.exec(await res.text());
    if (!m) throw new Error(`no hay token CSRF en ${path} (${res.status})`);
    return m[1];
  }

  postForm(path: string, body: Record<string, string>, timeoutMs?: number): Promise<Response> {
    return this.fetch(
      path,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body).toString(),
      },
      timeoutMs,
    );
  }

  postMultipart(path: string, form: FormData, timeoutMs?: number): Promise<Response> {
    return this.fetch(path, { method: 'POST', body: form }, timeoutMs);
  }
}
