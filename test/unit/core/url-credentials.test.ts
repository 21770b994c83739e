import { describe, expect, it } from 'vitest';
import { redactUrlCredentials, withoutCredentials } from '../../../src/core/url-credentials.js';

describe('URL credentials', () => {
  it('the password (or a user name that may be a token) becomes ***, wherever the URL sits in a text', () => {
    expect(redactUrlCredentials('--endpoint-url http://user:pass@127.0.0.1:4566')).toBe('--endpoint-url http://user:***@127.0.0.1:4566');
    expect(redactUrlCredentials('"endpoint":"https://ghp_token123@proxy.example/path"')).toBe('"endpoint":"https://***@proxy.example/path"');
    expect(redactUrlCredentials('a http://u:p%40ss@h/x and http://h2/ b')).toBe('a http://u:***@h/x and http://h2/ b');
    expect(redactUrlCredentials('mail ops@example.com, http://example.com/a@b')).toBe('mail ops@example.com, http://example.com/a@b');
    expect(redactUrlCredentials(redactUrlCredentials('http://user:pass@h'))).toBe('http://user:***@h');
    // A journal line: a URL at the end of one string, an '@' in a later one. Nothing to redact, and the JSON stays whole.
    for (const line of [
      JSON.stringify({ type: 'note', text: 'dashboard: https://grafana.example.com', author: 'mei@example.com' }),
      JSON.stringify({ type: 'api-problem', message: 'connect ECONNREFUSED http://127.0.0.1:4566', data: { by: 'ops@example.com' } }),
    ]) expect(redactUrlCredentials(line)).toBe(line);
    expect(redactUrlCredentials(JSON.stringify({ endpoint: 'http://user:pass@h', by: 'a@b' }))).toBe('{"endpoint":"http://user:***@h","by":"a@b"}');
    // A '"' typed into the credentials is escaped in JSON, and still redacted.
    expect(redactUrlCredentials(JSON.stringify({ endpoint: 'http://user:pa"ss@h', token: 'http://to"ken@h' }))).toBe('{"endpoint":"http://user:***@h","token":"http://***@h"}');
  });

  it('a client that cannot take credentials in the URL gets them as Basic authorization', () => {
    const { url, authorization } = withoutCredentials(new URL('http://us%20er:p%40ss@127.0.0.1:9/_sandbox/state'));
    expect(url.href).toBe('http://127.0.0.1:9/_sandbox/state');
    expect(authorization).toBe(`Basic ${Buffer.from('us er:p@ss').toString('base64')}`);
    expect(withoutCredentials(new URL('http://127.0.0.1:9/')).authorization).toBeUndefined();
  });
});
