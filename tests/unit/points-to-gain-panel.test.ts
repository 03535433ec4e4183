// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import PointsToGainPanel from '../../src/lib/ui/PointsToGainPanel.svelte';
import { RecommendationsState, type RecommendationsProblem } from '../../src/lib/state/recommendations.svelte';
import type { Recommendation } from '../../src/lib/recommendations/recommendation';
import { at, chrome, fakeAccess, firewall, gate, lsass, recordingStore, smb, TENANT } from './recommendation-views-fakes';

const NOW = at(30);

async function panel(options: { optedIn?: boolean; problem?: RecommendationsProblem; reads?: Recommendation[][]; canAsk?: boolean; hold?: boolean } = {}) {
  const store = recordingStore();
  for (const [index, read] of (options.reads ?? []).entries()) await store.addRecommendationRead(TENANT, at(index), read);
  const held = gate();
  if (options.hold) store.gate = held.promise;
  const access = fakeAccess({ optedIn: options.optedIn, problem: options.problem });
  const recommendations = new RecommendationsState({ store: () => store, access });
  render(PointsToGainPanel, { recommendations, tenantId: TENANT, version: 0, now: NOW, canAsk: options.canAsk ?? true });
  return { access, held, store };
}

const many: Recommendation[] = Array.from({ length: 12 }, (_, index) => ({ ...firewall, id: `sca-_-scid-${index}`, name: `Check ${index + 1}`, configScoreImpact: 20 - index }));

describe('PointsToGainPanel', () => {
  it('explains the choice when recommendations are not chosen, and asks for the permission on a click', async () => {
    const { access } = await panel({ optedIn: false });
    const section = screen.getByRole('region', { name: 'Points to gain' });
    expect(section).toHaveTextContent('SecurityRecommendation.Read of WindowsDefenderATP');
    expect(section).toHaveTextContent('The score keeps working without it.');
    await fireEvent.click(screen.getByRole('button', { name: 'Show recommendations' }));
    expect(access.enabled).toBe(1);
  });

  it('offers the choice only for the tenant signed in, and says so', async () => {
    await panel({ optedIn: false, canAsk: false });
    expect(screen.getByRole('button', { name: 'Show recommendations' })).toBeDisabled();
    expect(screen.getByText('Sign in to this tenant to choose.')).toBeInTheDocument();
  });

  it('says exactly what an administrator must grant when consent is missing, and that the score keeps refreshing', async () => {
    await panel({ optedIn: true, problem: { source: 'auth', failure: { kind: 'consent-required', errorCode: 'invalid_grant', aadsts: 'AADSTS65001' } } });
    const status = await screen.findByText('The permission SecurityRecommendation.Read is not granted');
    const box = status.closest('[role="status"]') as HTMLElement;
    expect(box).toHaveTextContent('delegated API permission SecurityRecommendation.Read of WindowsDefenderATP');
    expect(box).toHaveTextContent('grant admin consent for the organisation');
    expect(box).toHaveTextContent('The device score keeps refreshing without them.');
    expect(box).toHaveTextContent('AADSTS65001');
    expect(screen.queryByRole('button', { name: 'Show recommendations' })).not.toBeInTheDocument();
  });

  it('says it is reading, then shows what was read', async () => {
    const { held } = await panel({ optedIn: true, reads: [[firewall]], hold: true });
    expect(screen.getByText('Reading the stored recommendations…')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Points to gain' })).toHaveAttribute('aria-busy', 'true');
    held.open();
    expect(await screen.findByText(firewall.name, { exact: false })).toBeInTheDocument();
  });

  it('says the recommendations come with the next refresh when none were read yet', async () => {
    await panel({ optedIn: true });
    expect(await screen.findByText(/No recommendations read yet/)).toBeInTheDocument();
  });

  it('shows the points still available, the split by category with numbers, and the first 10 by points', async () => {
    const controls = { ...lsass, configScoreImpact: 12.7 };
    await panel({ optedIn: true, reads: [[...many, smb, controls, { ...chrome }, { ...firewall, id: 'exc', name: 'Excepted check', status: 'Exception', configScoreImpact: 4 }]] });
    await screen.findByText(/points still available/);
    const network = many.reduce((sum, r) => sum + r.configScoreImpact, 0);
    const total = network + smb.configScoreImpact + controls.configScoreImpact;
    expect(screen.getByText(/points still available/)).toHaveTextContent(`${total.toFixed(1)} points still available from 14 active recommendations`);
    expect(screen.getByText(/Recommendations read/)).toBeInTheDocument();

    const categories = within(screen.getByRole('list', { name: 'By category' })).getAllByRole('listitem');
    expect(categories.map((item) => item.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Accounts 0.0 points, 0 recommendations',
      'Application 0.0 points, 0 recommendations',
      `Network ${network.toFixed(1)} points, 12 recommendations`,
      'OS 2.6 points, 1 recommendation',
      'Security controls 12.7 points, 1 recommendation',
    ]);

    const ranked = screen.getByRole('list', { name: 'Recommendations, most points first' });
    const rows = within(ranked).getAllByRole('listitem');
    expect(rows).toHaveLength(10);
    expect(rows[0]).toHaveTextContent('Check 1');
    expect(rows[0]).toHaveTextContent('20.0 points');
    expect(rows[0]).toHaveTextContent('Network · Firewall · 12 of 240 devices exposed · Configuration change');
    expect(rows[8]).toHaveTextContent(lsass.name);

    await fireEvent.click(screen.getByRole('button', { name: 'Show all 14' }));
    expect(within(ranked).getAllByRole('listitem')).toHaveLength(14);

    const exceptions = within(screen.getByRole('list', { name: 'Exceptions' })).getAllByRole('listitem');
    expect(exceptions).toHaveLength(1);
    expect(exceptions[0]).toHaveTextContent('Excepted check');
    expect(within(ranked).queryByText('Excepted check')).not.toBeInTheDocument();
    expect(screen.getByText(/1 recommendation for software move only the exposure score/)).toBeInTheDocument();
  });

  it('shows what the API sends as text, never as markup', async () => {
    const name = '<img src=x onerror="alert(1)"> Enable <b>firewall</b>';
    await panel({ optedIn: true, reads: [[{ ...firewall, name }]] });
    expect(await screen.findByText(name, { exact: false })).toBeInTheDocument();
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('section b')).toBeNull();
  });

  it('keeps showing the last read with the trouble of the latest one above it', async () => {
    await panel({ optedIn: true, reads: [[firewall]], problem: { source: 'api', failure: { kind: 'server', status: 503, detail: undefined } } });
    expect(await screen.findByText(firewall.name, { exact: false })).toBeInTheDocument();
    expect(screen.getByText('The recommendations could not be read')).toBeInTheDocument();
  });
});
