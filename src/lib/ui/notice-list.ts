import type { DismissibleNotice } from '../state/app.svelte';
import { noticeSources, type NoticeFacts, type NoticeSource } from './notice-facts';
import { apiFailureNotice, authFailureNotice, storageNotice, type Notice } from './notices';

export type { NoticeFacts };

export interface ShownNotice {
  /** Where it comes from; each place shows at most one notice. */
  slot: 'storage' | DismissibleNotice;
  notice: Notice;
}

/** The notices to show, in words, in the order of `noticeSources`. */
export function noticesToShow(facts: NoticeFacts): ShownNotice[] {
  return noticesIn(noticeSources(facts), facts);
}

/** The sources' notices in words. */
export function noticesIn(sources: readonly NoticeSource[], facts: Pick<NoticeFacts, 'adminConsentUrl' | 'now'>): ShownNotice[] {
  return sources.map((source) => ({ slot: source.slot, notice: inWords(source, facts) }));
}

function inWords(source: NoticeSource, { adminConsentUrl, now }: Pick<NoticeFacts, 'adminConsentUrl' | 'now'>): Notice {
  switch (source.slot) {
    case 'storage':
      return storageNotice(source.kind);
    case 'refresh':
      return source.problem.source === 'api' ? apiFailureNotice(source.problem.failure, now) : authFailureNotice(source.problem.failure, adminConsentUrl);
    case 'sign-in':
      return authFailureNotice(source.failure, adminConsentUrl);
  }
}
