// The Report button asks the reporter why (issue #17): a press answers with a
// form (interaction response type 9) holding one bounded text input, and the
// form's submit stores the report with the reason cleaned (no mentions, no
// invisible or bidi characters, one line, cut to its length). Through the
// dispatcher, and end to end: the real discord.js client against the fake
// Discord, which takes the form and sends its submit back.
import { once } from 'node:events';
import { ComponentType, Events, InteractionResponseType, MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayBot, type GatewayBot } from '../src/discord/client.js';
import { createHttpResponder } from '../src/http/respond.js';
import { silentLogger } from '../src/log.js';
import { cleanReason, REASON_MAX } from '../src/replies/cards/community.js';
import { communityRig, memberYaml, type CommunityRig } from './helpers/community.js';
import { startFakeDiscord, type FakeDiscord } from './fake-discord/index.js';

const PRIYA = { id: '420000000000000001', name: 'priya' };
const SAM = { id: '420000000000000002', name: 'sam' };
const MANAGE_GUILD = String(1 << 5);
const HOSTILE = 'Spam @everyone <@420000000000000009> <@&1234> \u202Eevil\u202C\u200B here\nnext line\u0000';

let rig: CommunityRig;
let guild = '';

function reportButton(payload: { components?: { components: unknown[] }[] | undefined }): string {
  const button = (payload.components ?? [])
    .flatMap((row) => row.components as { label?: string; custom_id?: string }[])
    .find((component) => component.label === 'Report');
  return button?.custom_id ?? '';
}

beforeAll(async () => {
  rig = await communityRig();
});
afterAll(() => rig.close());

describe('cleanReason', () => {
  it('keeps one plain line: no mention syntax, no invisible, bidi or control characters, at most REASON_MAX', () => {
    expect(cleanReason(HOSTILE)).toBe('Spam everyone @420000000000000009 @&1234 evil here next line');
    expect(cleanReason('\u200B\u2066 \u2069')).toBe('');
    expect([...cleanReason('é'.repeat(1000))]).toHaveLength(REASON_MAX);
  });
});

describe('the Report button through the dispatcher', () => {
  beforeAll(async () => {
    guild = '320000000000000001';
    const yaml = memberYaml({ name: 'Priya', projects: [{ id: 'a', name: 'AdamW', summary: 'Optimizers.', tags: ['optimizers'] }] });
    expect((await rig.community.submitText(guild, PRIYA, yaml, 'priya.yaml')).ok).toBe(true);
  });

  it('opens a form for the reason, and its submit stores the reason cleaned, which moderators list safely', async () => {
    const card = await rig.dispatcher.commandAsync('portfolio', {
      options: { member: PRIYA.id },
      user: SAM,
      guildId: guild,
      subcommand: 'show',
    });
    const customId = reportButton(card);
    const pressed = await rig.dispatcher.componentAsync(customId, [], SAM, { guildId: guild });
    expect(pressed.type).toBe('modal');
    if (pressed.type !== 'modal') return;
    expect(pressed.modal.title).toBe('Report this portfolio');
    expect(pressed.modal.components[0]!.components[0]).toMatchObject({ custom_id: 'reason', min_length: 3, max_length: REASON_MAX });

    const sent = await rig.dispatcher.modalAsync(pressed.modal.custom_id, { reason: HOSTILE }, SAM, { guildId: guild });
    expect(sent.content).toBe("Thanks: the server's moderators will see your report (/portfolio-mod reports).");
    expect(sent.flags).toBe(MessageFlags.Ephemeral);
    const [stored] = await rig.community.reports(guild, 5);
    expect(stored).toMatchObject({ memberId: PRIYA.id, reporterId: SAM.id, reason: cleanReason(HOSTILE) });

    const listed = await rig.dispatcher.commandAsync('portfolio-mod', {
      options: {},
      user: SAM,
      guildId: guild,
      subcommand: 'reports',
      memberPermissions: MANAGE_GUILD,
    });
    const text = listed.embeds![0]!.description!;
    expect(text).toMatch(/^• \*\*priya\*\* — Spam everyone @420000000000000009 @&1234 evil here next line \(by user 420000000000000002, /);
    expect(text).not.toMatch(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069<]/);
    expect(listed.allowed_mentions).toEqual({ parse: [] });
  });

  it('refuses an empty reason (after cleaning) and a form for a portfolio no longer shared, storing nothing', async () => {
    const form = reportButton(
      await rig.dispatcher.commandAsync('portfolio', { options: { member: PRIYA.id }, user: SAM, guildId: guild, subcommand: 'show' }),
    );
    const before = (await rig.community.reports(guild, 25)).length;
    const empty = await rig.dispatcher.modalAsync(form, { reason: ' \u200B\u202E <@> \u2066 ' }, SAM, { guildId: guild });
    expect(empty.content).toBe('Say in a few words what is wrong with this portfolio, then send the report again.');
    const elsewhere = await rig.dispatcher.modalAsync(form, { reason: 'spam spam' }, SAM, { guildId: '320000000000000009' });
    expect(elsewhere.content).toBe('That portfolio is no longer shared here.');
    const unknown = await rig.dispatcher.modalAsync('1|nothing|report', { reason: 'spam spam' }, SAM, { guildId: guild });
    expect(unknown.content).toBe("That form doesn't work any more. Press the button again for a fresh one.");
    expect(await rig.community.reports(guild, 25)).toHaveLength(before);
  });
});

describe('the Report button over the HTTP endpoint', () => {
  it('answers the press with a form (type 9) and the submit (type 5) with a private thanks', async () => {
    const respond = createHttpResponder(rig.dispatcher);
    const member = { user: { id: SAM.id, username: 'sam' }, permissions: '0' };
    const base = { id: '330000000000000001', application_id: '1', token: 't', version: 1, guild_id: guild, member };
    const customId = reportButton(
      await rig.dispatcher.commandAsync('portfolio', { options: { member: PRIYA.id }, user: SAM, guildId: guild, subcommand: 'show' }),
    );
    const press = { ...base, type: 3, data: { custom_id: customId, component_type: ComponentType.Button } };
    const form = await respond(press as never);
    expect(form.type).toBe(InteractionResponseType.Modal);
    const modalId = (form as { data: { custom_id: string } }).data.custom_id;
    const components = [{ type: 1, components: [{ type: 4, custom_id: 'reason', value: 'Not their work <@1> \u202Eflip' }] }];
    const submit = { ...base, id: '330000000000000002', type: 5, data: { custom_id: modalId, components } };
    const thanks = await respond(submit as never);
    expect(thanks).toMatchObject({
      type: InteractionResponseType.ChannelMessageWithSource,
      data: { content: "Thanks: the server's moderators will see your report (/portfolio-mod reports).", flags: MessageFlags.Ephemeral },
    });
    const [latest] = await rig.community.reports(guild, 1);
    expect(latest?.reason).toBe('Not their work @1 flip');
  });
});

describe('the Report button end to end (discord.js against the fake Discord)', () => {
  let discord: FakeDiscord;
  let gateway: GatewayBot;

  beforeAll(async () => {
    discord = await startFakeDiscord({ defaultTimeoutMs: 15_000 });
    guild = discord.guildId;
    const yaml = memberYaml({ name: 'Priya', projects: [{ id: 'a', name: 'AdamW', summary: 'Optimizers.', tags: ['optimizers'] }] });
    expect((await rig.community.submitText(guild, PRIYA, yaml, 'priya.yaml')).ok).toBe(true);
    gateway = createGatewayBot({ token: discord.token, apiUrl: discord.apiUrl, dispatcher: rig.dispatcher, logger: silentLogger });
    const ready = once(gateway.client, Events.ClientReady);
    await gateway.start();
    await ready;
  }, 30_000);
  afterAll(async () => {
    await gateway?.stop();
    await discord?.close();
  });

  it('answers the press with a form, and the submit with a private thanks; the report is stored cleaned', async () => {
    const customId = reportButton(
      await rig.dispatcher.commandAsync('portfolio', { options: { member: PRIYA.id }, user: SAM, guildId: guild, subcommand: 'show' }),
    );
    const press = discord.pressButton({ customId });
    const form = await press.response();
    expect(press.rejections).toEqual([]);
    expect(form.type).toBe(InteractionResponseType.Modal);
    const modal = form.data as { custom_id: string; components: { type: number; components: { type: number; custom_id: string }[] }[] };
    expect(modal.components[0]!.components[0]).toMatchObject({ type: ComponentType.TextInput, custom_id: 'reason' });

    const submit = discord.submitModal({ customId: modal.custom_id, fields: { reason: HOSTILE } });
    const thanks = await submit.response();
    expect(submit.rejections).toEqual([]);
    expect(thanks.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(thanks.data).toMatchObject({
      content: "Thanks: the server's moderators will see your report (/portfolio-mod reports).",
      flags: MessageFlags.Ephemeral,
    });
    const reporter = discord.defaultUser.id;
    const stored = (await rig.community.reports(guild, 25)).find((report) => report.reporterId === reporter);
    expect(stored?.reason).toBe(cleanReason(HOSTILE));
    expect(discord.rejections).toEqual([]);
  });
});
