import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorityForTenant, parseTenantReference, tenantReferenceProblemText, tenantSegment, type TenantReferenceProblem } from '../../src/lib/auth/tenant-reference';

describe('parseTenantReference', () => {
  it.each([
    ['c4a1d2e3-5b6f-4a7c-8d9e-0f1a2b3c4d33', { kind: 'id', tenantId: 'c4a1d2e3-5b6f-4a7c-8d9e-0f1a2b3c4d33' }],
    ['  C4A1D2E3-5B6F-4A7C-8D9E-0F1A2B3C4D33 ', { kind: 'id', tenantId: 'c4a1d2e3-5b6f-4a7c-8d9e-0f1a2b3c4d33' }],
    ['northwind.onmicrosoft.com', { kind: 'domain', domain: 'northwind.onmicrosoft.com' }],
    ['Northwind.Example.', { kind: 'domain', domain: 'northwind.example' }],
    ['xn--bcher-kva.example', { kind: 'domain', domain: 'xn--bcher-kva.example' }],
    ['a-b.c-d.co', { kind: 'domain', domain: 'a-b.c-d.co' }],
  ])('takes %j', (typed, reference) => {
    expect(parseTenantReference(typed)).toEqual({ ok: true, value: reference });
  });

  it.each<[string, TenantReferenceProblem]>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['organizations', 'not-a-tenant'],
    ['Common', 'not-a-tenant'],
    ['avery@northwind.example', 'an-address'],
    ['https://login.microsoftonline.com/northwind.example', 'a-link'],
    ['northwind.example/path', 'a-link'],
    ['north wind.example', 'a-link'],
    ['northwind', 'not-a-domain'],
    ['-northwind.example', 'not-a-domain'],
    ['northwind-.example', 'not-a-domain'],
    ['northwind..example', 'not-a-domain'],
    ['northwind.e', 'not-a-domain'],
    ['northwind.123', 'not-a-domain'],
    ['nörthwind.example', 'not-a-domain'],
    ['c4a1d2e3-5b6f-4a7c-8d9e-0f1a2b3c4d3', 'not-a-domain'],
    [`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com`, 'too-long'],
    [`${'a'.repeat(64)}.example`, 'not-a-domain'],
  ])('refuses %j as %s', (typed, problem) => {
    expect(parseTenantReference(typed)).toEqual({ ok: false, error: problem });
  });

  it('gives every problem words that say what to type', () => {
    const problems: TenantReferenceProblem[] = ['empty', 'not-a-tenant', 'an-address', 'a-link', 'too-long', 'not-a-domain'];
    for (const problem of problems) expect(tenantReferenceProblemText(problem)).toMatch(/Type|tenant ID/);
  });

  it('keeps what it takes safe to put in an authority’s path, and reads it back the same', () => {
    fc.assert(
      fc.property(fc.oneof(fc.domain(), fc.uuid(), fc.string()), (typed) => {
        const parsed = parseTenantReference(typed);
        if (!parsed.ok) return;
        const segment = tenantSegment(parsed.value);
        expect(segment).toMatch(/^[a-z0-9][a-z0-9.-]*$/);
        expect(parseTenantReference(segment)).toEqual(parsed);
      }),
    );
  });
});

describe('authorityForTenant', () => {
  it.each([
    ['https://login.microsoftonline.com/organizations', 'northwind.example', 'https://login.microsoftonline.com/northwind.example'],
    ['https://login.microsoftonline.com/common/', 'c4a1d2e3-5b6f-4a7c-8d9e-0f1a2b3c4d33', 'https://login.microsoftonline.com/c4a1d2e3-5b6f-4a7c-8d9e-0f1a2b3c4d33'],
    ['https://login.microsoftonline.us/3d0c6b6e-7a1f-4c3e-9d2a-5f1b8c4e0a11', 'northwind.example', 'https://login.microsoftonline.us/northwind.example'],
    ['https://login.scoreline.localhost/organizations/v2.0', 'northwind.example', 'https://login.scoreline.localhost/northwind.example/v2.0'],
    ['https://login.microsoftonline.com', 'northwind.example', 'https://login.microsoftonline.com/northwind.example'],
  ])('puts the tenant into %s', (authority, tenant, expected) => {
    expect(authorityForTenant(authority, tenant)).toBe(expected);
  });

  it('never changes the host, whatever the tenant says', () => {
    fc.assert(
      fc.property(fc.string(), (tenant) => {
        expect(new URL(authorityForTenant('https://login.microsoftonline.com/organizations', tenant)).origin).toBe('https://login.microsoftonline.com');
      }),
    );
  });
});
