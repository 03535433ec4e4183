import type { Recommendation } from '../recommendations/recommendation';
import { formatCount } from './format';

const CATEGORY_LABELS: Readonly<Record<string, string>> = {
  Accounts: 'Accounts',
  Application: 'Application',
  Network: 'Network',
  OS: 'OS',
  SecurityControls: 'Security controls',
};

const REMEDIATION_LABELS: Readonly<Record<string, string>> = {
  ConfigurationChange: 'Configuration change',
  Update: 'Update',
  Upgrade: 'Upgrade',
  Uninstall: 'Uninstall',
};

/** A category as people read it ("Security controls"); one Microsoft adds later is shown as it comes, or "Uncategorised". */
export function categoryLabel(category: string): string {
  return CATEGORY_LABELS[category] ?? (category.trim() || 'Uncategorised');
}

/** "Configuration change" for ConfigurationChange; any other text as it comes. */
export function remediationLabel(remediationType: string): string {
  return REMEDIATION_LABELS[remediationType] ?? remediationType.trim();
}

/** "Network · Firewall", or the category alone when there is no sub-category. */
export function categoryLine(recommendation: Pick<Recommendation, 'category' | 'subCategory'>): string {
  const sub = recommendation.subCategory.trim();
  return sub ? `${categoryLabel(recommendation.category)} · ${sub}` : categoryLabel(recommendation.category);
}

/** "12 of 240 devices exposed"; "1 of 1 device exposed". */
export function exposedDevices(recommendation: Pick<Recommendation, 'exposedMachines' | 'totalMachines'>): string {
  const { exposedMachines, totalMachines } = recommendation;
  return `${formatCount(exposedMachines)} of ${formatCount(totalMachines)} ${totalMachines === 1 ? 'device' : 'devices'} exposed`;
}

/** "1 device", "12 devices". */
export function formatDevices(count: number): string {
  return `${formatCount(count)} ${count === 1 ? 'device' : 'devices'}`;
}

/** "1 recommendation", "34 recommendations"; with `adjective`, "34 active recommendations". */
export function formatRecommendations(count: number, adjective?: string): string {
  return [formatCount(count), adjective, count === 1 ? 'recommendation' : 'recommendations'].filter(Boolean).join(' ');
}

const tenthsFormat = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const MINUS = '\u2212';

/** Points to one decimal, as the portal shows impacts: "9.3", "0.0". */
export function formatTenths(points: number): string {
  const shown = tenthsFormat.format(Math.abs(points));
  return isZeroInTenths(points) || points > 0 ? shown : `${MINUS}${shown}`;
}

/** A signed change to one decimal: "+14.2", "−8.0" (a true minus sign), "±0.0" for what rounds to nothing. */
export function formatSignedTenths(points: number): string {
  if (isZeroInTenths(points)) return `±${tenthsFormat.format(0)}`;
  return points > 0 ? `+${tenthsFormat.format(points)}` : `${MINUS}${tenthsFormat.format(-points)}`;
}

/** Words for screen readers: "up 14.2 points", "down 8.0 points", "no change". */
export function describeSignedTenths(points: number): string {
  if (isZeroInTenths(points)) return 'no change';
  return `${points > 0 ? 'up' : 'down'} ${tenthsFormat.format(Math.abs(points))} points`;
}

function isZeroInTenths(points: number): boolean {
  return Math.abs(points) < 0.05;
}
