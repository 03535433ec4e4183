import { describe, expect, it } from 'vitest';
import { getGraphToken, graphScopes, type ScopedTokenSource } from '../../src/lib/auth/graph-token';
import { ok } from '../../src/lib/util/result';

describe('graphScopes', () => {
  it('names each permission after the cloud\'s Graph resource, once', () => {
    expect(graphScopes('https://graph.microsoft.us/', ['SecurityEvents.Read.All', 'SecurityEvents.Read.All', 'Files.ReadWrite.AppFolder'])).toEqual([
      'https://graph.microsoft.us/SecurityEvents.Read.All',
      'https://graph.microsoft.us/Files.ReadWrite.AppFolder',
    ]);
  });
});

describe('getGraphToken', () => {
  it('asks silently unless a click allows the consent page, and names the permission a consent failure is about', async () => {
    const asked: Parameters<ScopedTokenSource>[] = [];
    const source: ScopedTokenSource = async (...args) => (asked.push(args), ok({ accessToken: 'graph-token' }));
    await getGraphToken(source, 'https://graph.microsoft.com', { tenantId: 't1', permissions: ['SecurityEvents.Read.All'] });
    await getGraphToken(source, 'https://dod-graph.microsoft.us', { tenantId: 't2', permissions: ['Files.ReadWrite.AppFolder'], interactive: true });
    expect(asked).toEqual([
      ['t1', ['https://graph.microsoft.com/SecurityEvents.Read.All'], { interactive: false, forceRefresh: false, consentFor: 'SecurityEvents.Read.All' }],
      ['t2', ['https://dod-graph.microsoft.us/Files.ReadWrite.AppFolder'], { interactive: true, forceRefresh: false, consentFor: 'Files.ReadWrite.AppFolder' }],
    ]);
  });
});
