// The terminal chat: `npm start` without a token. Same handlers as Discord; on
// a terminal, a prompt with line editing and history; when input is piped, one
// answer per input line and nothing else on stdout. After a list, its pager
// words and menu numbers work; outside one they say so rather than being
// taken for questions.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Dispatcher } from '../bot/dispatch.js';
import { answerInput } from '../bot/input.js';
import type { Invoker } from '../bot/types.js';
import type { ReplyPayload } from '../replies/index.js';
import { describeControls, readControls, renderPayload, terminalWidth, type TerminalControls } from './render.js';
import { wrapText } from './wrap.js';

export interface ChatOptions {
  /** A dispatcher for the terminal (surface "terminal"), so that replies speak of what works here. */
  dispatcher: Dispatcher;
  name: string;
  input: Readable;
  output: Writable & { isTTY?: boolean; columns?: number };
  /** Where the welcome goes when piped (so stdout holds only answers). */
  notices: Writable;
  interactive: boolean;
  colour: boolean;
}

const USER: Invoker = { id: '0', name: 'terminal' };

/** What the pager and menus answer to; anything else typed is a command or a question. */
const CONTROL_WORD = /^(?:next|prev|previous|back|\d{1,4})$/;

export function welcome(name: string): string {
  return [
    `No DISCORD_TOKEN found, so this is the terminal chat with ${name}'s portfolio.`,
    'To run the Discord bot, copy .env.example to .env, set DISCORD_TOKEN (see README), and run npm start again.',
    `Type /help, a slash command like /projects, or a question like "what has ${name} built?". exit quits.`,
  ].join('\n');
}

/** Why a pager word or number does nothing here, and what does. */
export function unusableControl(word: string, controls: TerminalControls): string {
  if (controls.actions.length === 0) return 'No list is open: next, prev and numbers work after a list, e.g. /projects.';
  const reason =
    word === 'next'
      ? 'There is no next page.'
      : word === 'prev' || word === 'previous'
        ? 'There is no previous page.'
        : word === 'back'
          ? 'There is no list to go back to.'
          : controls.menu
            ? `There is no ${word} in the menu.`
            : 'There is no menu to choose from.';
  // The menu is on screen just above: name its numbers rather than list it again.
  return `${reason} ${describeControls(controls, controls.menu?.customId)}`;
}

export function runTerminalChat(options: ChatOptions): Promise<number> {
  const { dispatcher, interactive, output } = options;
  const rl = createInterface({ input: options.input, output, terminal: interactive, historySize: interactive ? 500 : 0, prompt: '> ' });
  const width = () => terminalWidth(output);
  (interactive ? output : options.notices).write(wrapText(welcome(options.name), width()) + '\n\n');
  let controls: TerminalControls = { actions: [], words: [] };

  const answer = (line: string): string | null => {
    const text = line.trim();
    if (!text) return null;
    const word = text.toLowerCase();
    const action = controls.actions.find((candidate) => candidate.trigger === (word === 'previous' ? 'prev' : word));
    if (!action && CONTROL_WORD.test(word)) return wrapText(unusableControl(word, controls), width());
    let payload: ReplyPayload;
    let chosenFrom: string | undefined;
    if (action) {
      payload = dispatcher.component(action.customId, action.values, USER).payload;
      if (action.values.length > 0) chosenFrom = action.customId;
    } else {
      payload = answerInput(text, dispatcher, USER);
    }
    controls = readControls(payload);
    return renderPayload(payload, { colour: options.colour, width: width(), controls: true, ...(chosenFrom ? { chosenFrom } : {}) });
  };

  return new Promise((resolve) => {
    let closed = false;
    rl.on('line', (line) => {
      // Piped input already read past "exit" still arrives after close: it is not answered.
      if (closed) return;
      if (/^(exit|quit|\.exit)$/i.test(line.trim())) {
        closed = true;
        rl.close();
        return;
      }
      const rendered = answer(line);
      if (rendered !== null) output.write(rendered + '\n\n');
      if (interactive) rl.prompt();
    });
    rl.on('close', () => resolve(0));
    if (interactive) rl.prompt();
  });
}
