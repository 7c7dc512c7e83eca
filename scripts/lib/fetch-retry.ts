/** fetch for scripts that drive the app from outside (sign-ins, one-off GETs), not for
 *  measured load: one retry when the connection breaks before any answer — a kept-alive
 *  socket the server closed just as it was reused (ECONNRESET) is a race of keep-alive
 *  timing, not an answer from the app. */
export async function fetchRetryingOnce(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    await new Promise((r) => setTimeout(r, 200));
    return fetch(url, init);
  }
}
