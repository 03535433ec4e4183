import type { ExportKind } from './export-common';

const MAX_FILE_LABEL_LENGTH = 60;

/** e.g. `scoreline-contoso.example-2026-11-28.csv`, dated in the user's time zone (the day they see). */
export function exportFileName(tenantLabel: string, kind: ExportKind, now: number): string {
  return `scoreline-${fileNameLabel(tenantLabel)}-${localDate(now)}.${kind}`;
}

function fileNameLabel(label: string): string {
  const safe = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // é → e rather than a dash
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .slice(0, MAX_FILE_LABEL_LENGTH)
    // Leading dots would hide the file on some systems; trailing ones confuse the extension.
    .replace(/^[.-]+|[.-]+$/g, '');
  return safe || 'tenant';
}

function localDate(epochMs: number): string {
  const date = new Date(epochMs);
  const twoDigits = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${twoDigits(date.getMonth() + 1)}-${twoDigits(date.getDate())}`;
}
