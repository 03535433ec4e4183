import { describe, expect, it } from 'vitest';
import { findTokens } from '../e2e/token-search';

const ACCESS = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhdmVyeSJ9.c2lnbmF0dXJlLW9mLXRoZS1hY2Nlc3MtdG9rZW4tMDEyMzQ1Njc4OQ';
const REFRESH = 'b64-refresh-token-Xq9v2LkP0aZ7mN4tR8sW1yU6hJ3gF5dC';

describe('findTokens', () => {
  it('finds a planted token in the place it was planted, and only there', () => {
    const dumps = {
      localStorage: JSON.stringify({ 'msal.cache': { secret: REFRESH } }),
      sessionStorage: '{}',
      indexedDB: JSON.stringify({ runs: [{ score: 412 }] }),
    };
    expect(findTokens(dumps, { access: [ACCESS], refresh: [REFRESH] })).toEqual([{ place: 'localStorage', kind: 'refresh' }]);
  });

  it('finds a JWT by its signature when the rest was re-encoded', () => {
    const signature = ACCESS.split('.')[2] ?? '';
    expect(findTokens({ cookies: `token=${encodeURIComponent('{"h":1}')}.${signature}` }, { access: [ACCESS] })).toEqual([{ place: 'cookies', kind: 'access' }]);
  });

  it('finds nothing in encrypted or unrelated text', () => {
    const dumps = { localStorage: JSON.stringify({ id: 'a7e1c2d3', data: 'AAAAaGVsbG8gd29ybGQ=', nonce: 'eyJhbGciOiJSUzI1NiJ9' }) };
    expect(findTokens(dumps, { access: [ACCESS], refresh: [REFRESH] })).toEqual([]);
  });
});
