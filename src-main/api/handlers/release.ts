import type { releaseChannels } from '../../../shared/api/release.js';
import { DeskError } from '../../core/errors.js';
import type { HandlerGroup } from '../handler-types.js';

// PLACEHOLDER owned by the releases engine work: replaced with real handlers.
const pending = async (): Promise<never> => {
  throw new DeskError('internal', 'not implemented yet');
};

export const releaseHandlers: HandlerGroup<keyof typeof releaseChannels> = {
  'release.plan': pending,
  'release.changelog': pending,
  'release.create': pending,
};
