// The fake Discord's files and permissions against the real discord.js Client (no bot code): a
// user's upload in an attachment option (type 11) resolved and served at a signed CDN-like url on
// loopback, the bot's files sent as multipart `files[n]` and kept with their bytes, members'
// computed permissions in `member.permissions`, and `default_member_permissions` deciding who can
// run a command unless the server overrides it.
import { once } from 'node:events';
import {
  ApplicationCommandOptionType,
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Partials,
  PermissionFlagsBits,
  type Interaction,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { ATTACHMENT_SIZE_LIMIT, startFakeDiscord, type FakeDiscord } from './fake-discord/index.js';

let discord: FakeDiscord | undefined;
let client: Client | undefined;
let handlerErrors: unknown[] = [];

afterEach(async () => {
  await client?.destroy();
  await discord?.close();
  client = undefined;
  discord = undefined;
  handlerErrors = [];
});

/** What the test bot saw of the attachment, and the bytes it fetched from its url. */
let seen: { name: string; size: number; contentType: string | null; url: string; fetched: string; status: number } | undefined;

async function handle(interaction: Interaction): Promise<void> {
  if (!interaction.isChatInputCommand()) return;
  switch (interaction.commandName) {
    case 'upload': {
      const file = interaction.options.getAttachment('file', true);
      const response = await fetch(file.url);
      seen = {
        name: file.name,
        size: file.size,
        contentType: file.contentType,
        url: file.url,
        fetched: await response.text(),
        status: response.status,
      };
      await interaction.reply({
        content: 'here it is back',
        files: [{ attachment: Buffer.from(seen.fetched.toUpperCase()), name: 'back.yaml' }],
        flags: MessageFlags.Ephemeral,
      });
      await interaction.followUp({ files: [{ attachment: Buffer.from('second'), name: 'second.txt' }], flags: MessageFlags.Ephemeral });
      return;
    }
    case 'perms':
      await interaction.reply({ content: interaction.memberPermissions?.bitfield.toString() ?? 'none' });
      return;
    case 'huge':
      await interaction.reply({ files: [{ attachment: Buffer.alloc(ATTACHMENT_SIZE_LIMIT + 1), name: 'huge.bin' }] });
      return;
    default:
      await interaction.reply({ content: `unknown ${interaction.commandName}` });
  }
}

async function start(): Promise<FakeDiscord> {
  discord = await startFakeDiscord();
  client = new Client({
    intents: [GatewayIntentBits.Guilds],
    partials: [Partials.Channel],
    rest: { api: discord.apiUrl },
    allowedMentions: { parse: [] },
  });
  client.on(Events.InteractionCreate, (interaction) => {
    handle(interaction).catch((error: unknown) => handlerErrors.push(error));
  });
  const ready = once(client, Events.ClientReady);
  await client.login(discord.token);
  await ready;
  return discord;
}

describe('fake Discord: files', () => {
  it('resolves an attachment option, serves its bytes at a signed url, and keeps the files the bot sends', async () => {
    const discord = await start();
    const text = 'version: 1\nname: Priya\n';
    const upload = discord.sendCommand({
      name: 'upload',
      attachments: { file: { filename: 'priya.yaml', content: text, contentType: 'application/x-yaml' } },
    });
    const reply = await upload.finalMessage();
    expect(reply).toMatchObject({
      content: 'here it is back',
      flags: MessageFlags.Ephemeral,
      attachments: [{ id: '0' }],
    });
    await upload.waitForFollowup();

    // What the interaction carried, as Discord shapes it.
    const data = upload.payload['data'] as { options: { name: string; type: number; value: string }[]; resolved: { attachments: object } };
    const [option] = data.options;
    expect(option).toMatchObject({ name: 'file', type: ApplicationCommandOptionType.Attachment });
    expect(data.resolved.attachments).toEqual({
      [option!.value]: {
        id: option!.value,
        filename: 'priya.yaml',
        size: Buffer.byteLength(text),
        url: expect.stringMatching(
          /^http:\/\/127\.0\.0\.1:\d+\/ephemeral-attachments\/\d+\/\d+\/priya\.yaml\?ex=[0-9a-f]+&is=[0-9a-f]+&hm=[0-9a-f]{64}&$/,
        ),
        proxy_url: expect.stringMatching(/^http:\/\/localhost:\d+\/ephemeral-attachments\//),
        content_type: 'application/x-yaml',
        ephemeral: true,
      },
    });
    expect(seen).toMatchObject({
      name: 'priya.yaml',
      size: Buffer.byteLength(text),
      contentType: 'application/x-yaml',
      fetched: text,
      status: 200,
    });

    // The signature is checked, as the CDN does: a tampered or missing one is a 404.
    const tampered = seen!.url.replace(/hm=[0-9a-f]/, (match) => (match.endsWith('0') ? 'hm=1' : 'hm=0'));
    expect((await fetch(tampered)).status).toBe(404);
    expect((await fetch(seen!.url.split('?')[0]!)).status).toBe(404);
    expect(discord.attachments.fetches.map((each) => each.status)).toEqual([200, 404, 404]);

    // The bot's files, with their bytes, and the message describing them.
    expect(upload.files.map((file) => [file.field, file.filename, file.bytes.toString()])).toEqual([
      ['files[0]', 'back.yaml', text.toUpperCase()],
      ['files[0]', 'second.txt', 'second'],
    ]);
    expect(upload.responses[0]!.files?.map((file) => file.filename)).toEqual(['back.yaml']);
    expect(upload.original?.attachments).toEqual([upload.files[0]!.attachment]);
    const served = await fetch(upload.files[0]!.attachment.url);
    expect(await served.text()).toBe(text.toUpperCase());

    expect(discord.rejections).toEqual([]);
    expect(handlerErrors).toEqual([]);
  });

  it('refuses a file over the upload limit', async () => {
    const discord = await start();
    const huge = discord.sendCommand({ name: 'huge' });
    const rejection = await huge.waitForRejection();
    expect(rejection).toMatchObject({ status: 400, code: 50035 });
    expect(rejection.reason).toBe(`huge.bin is ${ATTACHMENT_SIZE_LIMIT + 1} bytes, over the ${ATTACHMENT_SIZE_LIMIT} byte upload limit`);
  });
});

describe('fake Discord: member permissions', () => {
  it("carries each member's computed permissions: @everyone's by default, all for the owner and an Administrator", async () => {
    const discord = await start();
    const plain = discord.user(undefined, 'plain');
    const moderator = discord.user(undefined, 'moderator');
    const admin = discord.user(undefined, 'admin');
    discord.setMemberPermissions(moderator, PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages);
    discord.setMemberPermissions(admin, PermissionFlagsBits.Administrator);
    const all = Object.values(PermissionFlagsBits).reduce((sum, bit) => sum | bit, 0n);
    const contentFor = async (user = discord.defaultUser) => (await discord.sendCommand({ name: 'perms', user }).finalMessage())['content'];

    expect(await contentFor(plain)).toBe(discord.memberPermissions(plain));
    expect(BigInt(discord.memberPermissions(plain)) & PermissionFlagsBits.ManageGuild).toBe(0n);
    expect(await contentFor(moderator)).toBe(String(PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages));
    expect(await contentFor(admin)).toBe(String(all));
    expect(await contentFor()).toBe(String(all));
    // In a DM there is no member, so no member permissions.
    expect((await discord.sendCommand({ name: 'perms', user: plain, guild: false }).finalMessage())['content']).toBe('none');
    expect(discord.rejections).toEqual([]);
  });

  it('lets only members with default_member_permissions run the command, unless the server overrides it', async () => {
    const discord = await start();
    const registered = await fetch(`${discord.apiUrl}/v10/applications/${discord.applicationId}/guilds/${discord.guildId}/commands`, {
      method: 'PUT',
      headers: { authorization: `Bot ${discord.token}`, 'content-type': 'application/json' },
      body: JSON.stringify([
        { name: 'perms', description: 'Permissions', default_member_permissions: String(PermissionFlagsBits.ManageGuild) },
      ]),
    });
    expect(registered.status).toBe(200);
    const plain = discord.user(undefined, 'plain');
    const moderator = discord.user(undefined, 'moderator');
    discord.setMemberPermissions(moderator, PermissionFlagsBits.ManageGuild);

    expect(() => discord.sendCommand({ name: 'perms', user: plain })).toThrow(
      /^Discord does not show \/perms to plain: it needs permissions 32 \(default_member_permissions\)/,
    );
    expect((await discord.sendCommand({ name: 'perms', user: moderator }).finalMessage())['content']).toBe('32');
    discord.allowCommand('perms', plain);
    expect((await discord.sendCommand({ name: 'perms', user: plain }).finalMessage())['content']).toBe(discord.memberPermissions(plain));
  });
});
