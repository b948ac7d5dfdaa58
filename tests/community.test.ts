// The community showcase through the dispatcher, on a real SQLite store: members
// submit (url and attachment, fetched from a loopback server as
// FETCH_ALLOW_LOOPBACK allows in tests), /who ranks them, the search commands
// label whose each entry is, members manage their own, moderators others', and
// a server without member profiles answers exactly as before.
import { MessageFlags } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandInput, OptionValue } from '../src/bot/types.js';
import type { ReplyPayload } from '../src/replies/index.js';
import { communityRig, memberYaml, startFileServer, type CommunityRig, type FileServer } from './helpers/community.js';
import { expectWithinLimits, testDispatcher, textOf } from './helpers/bot.js';

const GUILD = '300000000000000001';
const OTHER_GUILD = '300000000000000002';
const PRIYA = { id: '400000000000000001', name: 'priya' };
const SAM = { id: '400000000000000002', name: 'sam' };
const LEE = { id: '400000000000000003', name: 'lee' };
const MOD = { id: '400000000000000009', name: 'mod' };
const MANAGE_GUILD = String(1 << 5);

const PRIYA_YAML = memberYaml({
  name: 'Priya',
  phone: '+44 7700 900123',
  projects: [
    { id: 'adamw', name: 'AdamW from scratch', summary: 'Optimizers compared on CIFAR: Adam, AdamW, Lion.', tags: ['optimizers'] },
    { id: 'notes', name: 'Course notes', summary: 'Notes for lesson 3. Call me on +44 7700 900123.', tags: ['notes'] },
  ],
});
const SAM_YAML = memberYaml({
  name: 'Sam',
  projects: [{ id: 'sat', name: 'Satellite imagery segmentation', summary: 'U-Net on Sentinel-2 tiles.', tags: ['satellite imagery'] }],
});
// Lee submits a JSON Resume: made into a profile by the same importer as `portfolio-bot import`.
const LEE_RESUME = JSON.stringify({
  basics: {
    name: 'Lee',
    label: 'Learner',
    summary: 'Learning deep learning.',
    profiles: [{ network: 'GitHub', url: 'https://github.com/lee', username: 'lee' }],
  },
  projects: [
    {
      name: 'Learning rate finder',
      description: 'A learning rate schedule study; one optimizer only.',
      keywords: ['training'],
      url: 'https://github.com/lee/lr',
    },
  ],
});

let rig: CommunityRig;
let files: FileServer;

function run(name: string, options: Record<string, OptionValue> = {}, more: Partial<CommandInput> = {}, user = PRIYA) {
  return rig.dispatcher.commandAsync(name, { options, user, guildId: GUILD, ...more });
}
const submitUrl = (user: typeof PRIYA, path: string, guildId = GUILD) =>
  run('portfolio', { url: `${files.base}${path}` }, { subcommand: 'submit', guildId }, user);

function embedText(payload: ReplyPayload): string {
  return (payload.embeds ?? [])
    .map((embed) => [embed.title, embed.description, ...(embed.fields ?? []).map((f) => f.value)].join('\n'))
    .join('\n');
}

beforeAll(async () => {
  files = await startFileServer();
  files.files.set('/priya.yaml', { body: PRIYA_YAML });
  files.files.set('/sam.yaml', { body: SAM_YAML });
  files.files.set('/resume.json', { body: LEE_RESUME, headers: { 'content-type': 'application/json' } });
  rig = await communityRig();
});
afterAll(async () => {
  await rig.close();
  await files.close();
});

describe('a server without member profiles', () => {
  it('answers /search, /projects and /ask exactly as a DM does', async () => {
    const plain = await testDispatcher();
    for (const [name, options] of [
      ['search', { query: 'optimizers' }],
      ['projects', {}],
      ['projects', { query: 'segmentation' }],
      ['ask', { question: 'what has she built with pytorch?' }],
    ] as const) {
      const inServer = await rig.dispatcher.commandAsync(name, { options, user: PRIYA, guildId: OTHER_GUILD });
      expect(inServer).toEqual(plain.command(name, { options, user: PRIYA }));
    }
  });

  it('says how to share one when /who finds no portfolios', async () => {
    const reply = await rig.dispatcher.commandAsync('who', { options: { query: 'optimizers' }, user: SAM, guildId: OTHER_GUILD });
    expect(reply.content).toBe('No one in this server has shared a portfolio yet: /portfolio submit adds yours.');
  });
});

describe('members sharing their portfolios', () => {
  beforeAll(async () => {
    expect((await submitUrl(PRIYA, '/priya.yaml')).content).toBe(
      'Your portfolio is saved: 4 entries, searchable in this server now (/who, /search, /projects). ' +
        '/portfolio show to see your card, /portfolio remove to take it down.',
    );
    const attachment = { id: '1', filename: 'profile.yaml', size: SAM_YAML.length, url: `${files.base}/sam.yaml` };
    const sam = await run('portfolio', {}, { subcommand: 'submit', attachments: { file: attachment } }, SAM);
    expect(sam.content).toMatch(/^Your portfolio is saved: \d+ entries/);
    expect((await submitUrl(LEE, '/resume.json')).content).toMatch(/^Your portfolio is saved/);
  });

  it('/who ranks the members whose portfolios match, best first, with a button to open each card', async () => {
    const reply = await run('who', { query: 'optimizers' }, {}, SAM);
    expectWithinLimits(reply);
    const lines = reply.embeds![0]!.description!.split('\n');
    expect(lines[0]).toMatch(/^\*\*1\. priya\*\* — AdamW from scratch/);
    expect(lines[1]).toMatch(/^\*\*2\. lee\*\* — \[Learning rate finder\]\(https:\/\/github.com\/lee\/lr\)/);
    expect(lines).toHaveLength(2);
    const buttons = reply.components!.flatMap((row) => row.components);
    expect(buttons.map((button) => ('label' in button ? button.label : ''))).toEqual(['priya', 'lee']);
    const open = buttons[0]!;
    const card = await rig.dispatcher.componentAsync('custom_id' in open ? open.custom_id : '', [], SAM, { guildId: GUILD });
    if (card.type === 'modal') throw new Error('the Open button answered with a form');
    expect(card.payload.embeds![0]!.title).toBe('Priya');
    expect(card.payload.flags).toBe(MessageFlags.Ephemeral);
  });

  it('/search and /projects search every profile of the server and name whose each entry is', async () => {
    const search = await run('search', { query: 'satellite imagery' });
    expectWithinLimits(search);
    expect(embedText(search)).toContain('Satellite imagery segmentation** · sam');
    const projects = await run('projects', { query: 'optimizers' });
    const lines = projects.embeds![0]!.description!.split('\n');
    // The owner's projects are searched too, and named as theirs.
    expect(lines.some((line) => line.startsWith('• **AdamW from scratch** · priya'))).toBe(true);
    expect(lines.some((line) => line.includes(` · ${rig.owner.profile.identity.name}`))).toBe(true);
    const all = await run('projects');
    expect(embedText(all)).toContain('· sam');
    expect(embedText(all)).toContain('· priya');
  });

  it('member: narrows a command to one person, and says whose portfolio it is', async () => {
    const reply = await run('projects', { member: SAM.id });
    expect(reply.embeds![0]!.author?.name).toBe("sam's portfolio");
    expect(textOf(reply)).toContain('Satellite imagery segmentation');
    expect(textOf(reply)).not.toContain('AdamW');
    const nobody = await run('search', { query: 'x', member: '400000000000000077' });
    expect(nobody.content).toBe("That member hasn't shared a portfolio in this server.");
  });

  it('never shows a private field, even where the profile repeats it elsewhere', async () => {
    const reply = await run('search', { query: 'course notes lesson' });
    expect(textOf(reply)).toContain('Course notes');
    expect(textOf(reply)).not.toContain('7700 900123');
  });

  it('keeps a profile to the server it was submitted in', async () => {
    const reply = await rig.dispatcher.commandAsync('who', { options: { query: 'optimizers' }, user: PRIYA, guildId: OTHER_GUILD });
    expect(reply.content).toBe('No one in this server has shared a portfolio yet: /portfolio submit adds yours.');
    const show = await rig.dispatcher.commandAsync('portfolio', { options: {}, user: PRIYA, guildId: OTHER_GUILD, subcommand: 'show' });
    expect(show.content).toBe("You haven't shared a portfolio in this server yet: /portfolio submit adds yours.");
  });

  it('shows problems with line and column, privately, and saves nothing', async () => {
    files.files.set('/broken.yaml', { body: PRIYA_YAML.replace('pronoun: they', 'pronoun: it') });
    const reply = await submitUrl(MOD, '/broken.yaml');
    expect(reply.flags).toBe(MessageFlags.Ephemeral);
    expect(reply.content).toMatch(/^Your profile has 1 problem, so it was not saved:\nbroken\.yaml:\d+:\d+: identity\.pronoun: /);
    expect((await run('portfolio', {}, { subcommand: 'show' }, MOD)).content).toBe(
      "You haven't shared a portfolio in this server yet: /portfolio submit adds yours.",
    );
  });

  it('a member exports their own document, as they submitted it, in a private file named for its format', async () => {
    const reply = await run('portfolio', {}, { subcommand: 'export' }, SAM);
    expect(reply).toEqual({
      content: `Your portfolio as stored in this server: profile.yaml (${Buffer.byteLength(SAM_YAML)} bytes), as you submitted it.`,
      files: [{ name: 'profile.yaml', text: SAM_YAML }],
      flags: MessageFlags.Ephemeral,
      allowed_mentions: { parse: [] },
    });
    const resume = await run('portfolio', {}, { subcommand: 'export' }, LEE);
    expect(resume.files).toEqual([{ name: 'resume.json', text: LEE_RESUME }]);
    expect(resume.content).toBe(
      `Your portfolio as stored in this server: resume.json (${Buffer.byteLength(LEE_RESUME)} bytes), as you submitted it.`,
    );
  });

  it("exports a private value as it was submitted: the file is the member's own, for them alone", async () => {
    const reply = await run('portfolio', {}, { subcommand: 'export' }, PRIYA);
    expect(reply.files?.[0]?.text).toBe(PRIYA_YAML);
    expect(reply.files?.[0]?.text).toContain('+44 7700 900123');
    expect(reply.content).not.toContain('+44');
  });

  it('shows a JSON Resume the importer refuses, with its problems, and saves nothing', async () => {
    files.files.set('/bad-resume.json', { body: JSON.stringify({ basics: { name: 5 } }) });
    const reply = await submitUrl(MOD, '/bad-resume.json');
    expect(reply.content).toMatch(/^Your profile has \d+ problems?, so it was not saved:\n/);
    expect(reply.content).toContain('basics.name');
  });

  it('Report stores a report that moderators list; members without Manage Server cannot list or remove', async () => {
    const card = await run('portfolio', { member: LEE.id }, { subcommand: 'show' }, SAM);
    const report = card.components!.flatMap((row) => row.components).find((c) => 'label' in c && c.label === 'Report')!;
    const pressed = await rig.dispatcher.componentAsync('custom_id' in report ? report.custom_id : '', [], SAM, { guildId: GUILD });
    // The button asks why (a form); the form's submit stores the report.
    if (pressed.type !== 'modal') throw new Error('the Report button did not open a form');
    const sent = await rig.dispatcher.modalAsync(pressed.modal.custom_id, { reason: 'Copied from someone else' }, SAM, { guildId: GUILD });
    expect(sent.content).toBe("Thanks: the server's moderators will see your report (/portfolio-mod reports).");
    const refused = await run('portfolio-mod', {}, { subcommand: 'reports', memberPermissions: '0' }, SAM);
    expect(refused.content).toBe('Only members with the Manage Server permission can moderate portfolios.');
    const refusedRemove = await run(
      'portfolio-mod',
      { member: LEE.id, reason: 'x' },
      { subcommand: 'remove', memberPermissions: '0' },
      SAM,
    );
    expect(refusedRemove.content).toBe('Only members with the Manage Server permission can moderate portfolios.');
    const listed = await run('portfolio-mod', {}, { subcommand: 'reports', memberPermissions: MANAGE_GUILD }, MOD);
    expect(listed.embeds![0]!.description).toMatch(/^• \*\*lee\*\* — Copied from someone else \(by user 400000000000000002, /);
  });

  it('a moderator removes a member: gone from the store and from search at once', async () => {
    const reply = await run(
      'portfolio-mod',
      { member: LEE.id, reason: 'spam' },
      { subcommand: 'remove', memberPermissions: MANAGE_GUILD },
      MOD,
    );
    expect(reply.content).toBe("Removed lee's portfolio from this server (reason: spam).");
    const who = await run('who', { query: 'optimizers' }, {}, SAM);
    expect(who.embeds![0]!.description!.split('\n')).toHaveLength(1);
    expect(await rig.community.exportOf(GUILD, LEE.id)).toBeUndefined();
  });

  it('a member removes their own, and only their own', async () => {
    const reply = await run('portfolio', {}, { subcommand: 'remove' }, SAM);
    expect(reply.content).toBe('Your portfolio is removed from this server: deleted from the database and from search, now.');
    expect((await run('search', { query: 'satellite' })).embeds?.[0]?.title).not.toContain('Satellite');
    expect(await rig.community.exportOf(GUILD, PRIYA.id)).toBeDefined();
  });

  it('limits how often one member submits', async () => {
    const again = await submitUrl(PRIYA, '/priya.yaml');
    expect(again.content).toMatch(/^Your portfolio is replaced/);
    await submitUrl(PRIYA, '/priya.yaml');
    const refused = await submitUrl(PRIYA, '/priya.yaml');
    expect(refused.content).toBe('You can submit 3 times every 10 minutes; try again later.');
  });
});
