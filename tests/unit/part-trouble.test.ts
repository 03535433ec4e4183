import { describe, expect, it } from 'vitest';
import { partTrouble } from '../../src/lib/ui/part-trouble';

const NOW = 1_800_000_000_000;

describe('partTrouble', () => {
  it('names the part, what happened and what to do, and that the values shown are the last kept', () => {
    const trouble = partTrouble({ source: 'api', failure: { kind: 'server', status: 503, detail: undefined } }, 'exposure score', NOW);
    expect(trouble.title).toMatch(/^The exposure score could not be read: /);
    expect(trouble.body).toContain('The values shown are the last ones kept; the device score is not affected.');
  });

  it('gives the wait of a throttled part, and the permission when the API refuses', () => {
    expect(partTrouble({ source: 'api', failure: { kind: 'throttled', retryAt: NOW + 90_000, detail: undefined } }, 'device groups', NOW).body).toMatch(/next try is allowed in/i);
    expect(partTrouble({ source: 'api', failure: { kind: 'forbidden', detail: undefined } }, 'device groups', NOW).body).toContain('Score.Read');
  });

  it('says a sign-in problem as the sign-in notice does', () => {
    const trouble = partTrouble({ source: 'auth', failure: { kind: 'sign-in-expired', errorCode: 'interaction_required', aadsts: undefined } }, 'exposure score', NOW);
    expect(trouble.title).toMatch(/^The exposure score could not be read: /);
    expect(trouble.body.length).toBeGreaterThan(40);
  });
});
