/** Real next-auth sessions for scripts that drive the app (the bench, the crash test, the
 *  soak, the supervision test): sign in through the credentials endpoint the sign-in form
 *  uses and keep the cookies. */
import { fetchRetryingOnce } from "./fetch-retry";

class CookieJar {
  private readonly pairs = new Map<string, string>();
  constructor(initial = "") {
    for (const pair of initial.split("; ").filter(Boolean)) this.pairs.set(pair.slice(0, pair.indexOf("=")), pair);
  }
  keep(r: Response) {
    for (const c of r.headers.getSetCookie()) {
      const pair = c.split(";")[0]!;
      this.pairs.set(pair.slice(0, pair.indexOf("=")), pair);
    }
  }
  has(fragment: string) {
    return [...this.pairs.keys()].some((name) => name.includes(fragment));
  }
  toString() {
    return [...this.pairs.values()].join("; ");
  }
}

export interface Csrf {
  token: string;
  cookie: string;
}

/** next-auth's double-submit CSRF pair; one pair serves any number of sign-ins. */
export async function getCsrf(baseUrl: string): Promise<Csrf> {
  const r = await fetchRetryingOnce(`${baseUrl}/api/auth/csrf`);
  const jar = new CookieJar();
  jar.keep(r);
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  return { token: csrfToken, cookie: jar.toString() };
}

/**
 * Sign in as `email`; returns the Cookie header of the session. Throws unless next-auth set a
 * session cookie — and, with `confirm`, unless /api/auth/session then names the account.
 */
export async function signIn(baseUrl: string, email: string, password: string, options: { csrf?: Csrf; confirm?: boolean } = {}): Promise<string> {
  const csrf = options.csrf ?? (await getCsrf(baseUrl));
  const jar = new CookieJar(csrf.cookie);
  const r = await fetchRetryingOnce(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.toString() },
    body: new URLSearchParams({ csrfToken: csrf.token, email, password, json: "true" }),
  });
  jar.keep(r);
  await r.arrayBuffer();
  if (!jar.has("next-auth.session-token")) throw new Error(`signing in as ${email} set no session cookie (answered ${r.status})`);
  if (options.confirm) {
    const session = (await (await fetchRetryingOnce(`${baseUrl}/api/auth/session`, { headers: { Cookie: jar.toString() } })).json()) as { user?: { email?: string } };
    if (session.user?.email !== email) throw new Error(`signing in as ${email} gave no session (answered ${r.status})`);
  }
  return jar.toString();
}
