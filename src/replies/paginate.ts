// Paging through long lists, with the state in the buttons (see custom-id.ts).
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { encodeCustomId, MAX_PAGE, type CustomIdState } from './custom-id.js';
import type { ActionButton } from './types.js';

export interface Page<T> {
  items: T[];
  /** 0-based index of the page shown, clamped to the pages that exist. */
  page: number;
  /** Number of pages, at least 1 (an empty list has one empty page). */
  pages: number;
}

/**
 * Cuts `items` into pages of `pageSize` (at least 1) and returns the page asked
 * for, clamped: a page below 0 shows the first page, one past the end the last.
 */
export function paginate<T>(items: readonly T[], pageSize: number, page: number): Page<T> {
  const size = Number.isFinite(pageSize) ? Math.max(1, Math.floor(pageSize)) : 1;
  const pages = Math.max(1, Math.ceil(items.length / size));
  const wanted = Number.isFinite(page) ? Math.floor(page) : 0;
  const current = Math.min(pages - 1, Math.max(0, wanted));
  return { items: items.slice(current * size, current * size + size), page: current, pages };
}

/**
 * A row of three buttons: "Previous", "Page X of Y" (always disabled) and "Next".
 * Previous and Next carry `state` with the page they lead to (0-based) and are
 * disabled at the ends. Pages past 999 cannot be encoded, so Next stops there.
 * Buttons that cannot be clicked carry the actions "noop", "noop-prev" and
 * "noop-next": they only keep the custom_ids of one message distinct, which
 * Discord requires.
 * Throws only when `state` itself cannot be encoded (see `encodeCustomId`).
 */
export function pagerRow(
  state: Omit<CustomIdState, 'page'>,
  page: number,
  pages: number,
): { type: ComponentType.ActionRow; components: ActionButton[] } {
  const total = Number.isFinite(pages) ? Math.max(1, Math.floor(pages)) : 1;
  const last = Math.min(total - 1, MAX_PAGE);
  const current = Number.isFinite(page) ? Math.min(last, Math.max(0, Math.floor(page))) : 0;
  const hasPrevious = current > 0;
  const hasNext = current < last;

  const button = (label: string, customId: string, disabled: boolean): ActionButton => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label,
    custom_id: customId,
    disabled,
  });
  return {
    type: ComponentType.ActionRow,
    components: [
      button(
        'Previous',
        encodeCustomId(hasPrevious ? { ...state, page: current - 1 } : { ...state, action: 'noop-prev', page: current }),
        !hasPrevious,
      ),
      button(`Page ${current + 1} of ${total}`, encodeCustomId({ ...state, action: 'noop', page: current }), true),
      button(
        'Next',
        encodeCustomId(hasNext ? { ...state, page: current + 1 } : { ...state, action: 'noop-next', page: current }),
        !hasNext,
      ),
    ],
  };
}
