import type { PromotionDetail } from '../../../shared/domain/promotion.js';
import { actingCore } from '../acting-core.js';
import { callApi } from '../api-call.js';
import { requireOption, stringOption } from '../args.js';
import type { CliCommand, CommandContext } from '../command.js';
import { EXIT_OK } from '../command.js';
import { printJson } from '../output.js';
import { repoPath } from '../repo-option.js';
import { gatesJson, printDetail, targetOptions, versionArgument } from './gates.js';

/** The promotion a people action is on, as the channels take it. */
interface Target {
  path: string;
  version: string;
  environment: string;
}

type Action = (
  core: ReturnType<typeof actingCore>,
  target: Target,
  text: Record<string, unknown>,
) => Promise<PromotionDetail>;

/** One of the people actions on an open promotion; prints the gates as they stand afterwards. */
function peopleCommand(
  name: string,
  usage: string,
  extraOptions: CliCommand['options'],
  act: Action,
  done: (detail: PromotionDetail) => string,
): CliCommand {
  return {
    name,
    usage,
    options: { ...targetOptions, ...extraOptions },
    positionals: true,
    async run({ values, positionals }, ctx: CommandContext) {
      const version = versionArgument(positionals);
      const environment = requireOption(values, 'env');
      const target = { path: repoPath(values, ctx.io), version, environment };
      const detail = await act(actingCore(ctx), target, values);
      if (values.json) printJson(ctx.io, gatesJson(detail));
      else {
        ctx.io.stdout(`${done(detail)}\n`);
        if (detail.finished) ctx.io.stdout(`${detail.finished}\n`);
        printDetail(ctx.io, detail);
      }
      return EXIT_OK;
    },
  };
}

const id = (detail: PromotionDetail) => detail.promotion?.id ?? detail.tag;

export const tickCommand = peopleCommand(
  'tick',
  'release-desk tick VERSION --env ENV --item TEXT [--note TEXT] [--repo DIR] [--json]',
  { item: { type: 'string' }, note: { type: 'string' } },
  (core, target, values) =>
    callApi(core, 'promotion.tick', {
      ...target,
      item: requireOption(values, 'item'),
      note: stringOption(values, 'note'),
    }),
  (detail) => `Ticked for ${id(detail)}.`,
);

export const approveCommand = peopleCommand(
  'approve',
  'release-desk approve VERSION --env ENV [--comment TEXT] [--repo DIR] [--json]',
  { comment: { type: 'string' } },
  (core, target, values) =>
    callApi(core, 'promotion.approve', { ...target, comment: stringOption(values, 'comment') }),
  (detail) => `Approved ${id(detail)} as ${detail.actor ?? 'you'}.`,
);

export const rejectCommand = peopleCommand(
  'reject',
  'release-desk reject VERSION --env ENV --comment TEXT [--repo DIR] [--json]',
  { comment: { type: 'string' } },
  (core, target, values) =>
    callApi(core, 'promotion.reject', { ...target, comment: requireOption(values, 'comment') }),
  (detail) => `Rejected ${id(detail)}.`,
);

export const overrideWindowCommand = peopleCommand(
  'override-window',
  'release-desk override-window VERSION --env ENV --reason TEXT [--repo DIR] [--json]',
  { reason: { type: 'string' } },
  (core, target, values) =>
    callApi(core, 'promotion.overrideWindow', { ...target, reason: requireOption(values, 'reason') }),
  (detail) => `Window overridden for ${id(detail)}.`,
);
