import { randomBytes } from 'node:crypto';
import { isPublished, publicIdFrom, type PublicationRule } from '@openenforce/domain/events';
import type { Config } from '../config.ts';

/** The county's Open311 publication rule (settings OPEN311_PUBLISH_SOURCES and OPEN311_PUBLISH_CATEGORIES). */
export function publicationRule(config: Pick<Config, 'OPEN311_PUBLISH_SOURCES' | 'OPEN311_PUBLISH_CATEGORIES'>) {
  return { sources: config.OPEN311_PUBLISH_SOURCES, categories: config.OPEN311_PUBLISH_CATEGORIES ?? null };
}

/** A new event's public id when the rule publishes it (random: published requests cannot be enumerated), else null. */
export function publicIdFor(rule: PublicationRule, e: { source: string; category: string }): string | null {
  return isPublished(rule, e) ? publicIdFrom(randomBytes(8)) : null;
}
