/**
 * A URL may carry credentials (`--endpoint-url http://user:pass@proxy`, a token as the user name).
 * They never reach a journal, report, log line or printed command: the user name stays (it says
 * whose), the password becomes ***; a user name alone may itself be a token and becomes ***.
 */
// A match never crosses a JSON string's closing '"' (an escaped \" is taken whole): a journal line
// with a bare URL and a later "author":"mei@example.com" is not run together into invalid JSON.
const WITH_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/)((?:[^\s/?#@:"\\]|\\.)*):(?:[^\s/?#@"\\]|\\.)*@/gi;
const USER_ONLY = /\b([a-z][a-z0-9+.-]*:\/\/)(?:[^\s/?#@:"\\]|\\.)+@/gi;

export function redactUrlCredentials(text: string): string {
  // Both need an '@': most texts (every journal line) have none, and the patterns are slow to rule out.
  if (!text.includes('@')) return text;
  return text.replace(WITH_PASSWORD, '$1$2:***@').replace(USER_ONLY, (match, scheme: string) => (match === `${scheme}***@` ? match : `${scheme}***@`));
}

/** The URL without its credentials, for a client that must not send them anywhere but the endpoint itself. */
export function withoutCredentials(url: URL): { url: URL; authorization?: string } {
  if (url.username === '' && url.password === '') return { url };
  const authorization = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
  const bare = new URL(url);
  bare.username = '';
  bare.password = '';
  return { url: bare, authorization };
}
