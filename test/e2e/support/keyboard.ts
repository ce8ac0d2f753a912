import type { Page } from 'playwright-core';
import type { BrowserGlobals } from './browser-globals';

export interface Focused {
  tag: string;
  id: string;
  /** What a label, aria-label or the element's own text says (whitespace folded). */
  name: string;
  /** A focus ring or halo is drawn (WCAG 2.4.7). */
  visible: boolean;
}

/** The element that has the keyboard focus, as a reader of the screen would find it. */
export function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const { document, getComputedStyle } = globalThis as unknown as BrowserGlobals;
    const element = document.activeElement;
    if (!element || element === document.body) return { tag: 'body', id: '', name: '', visible: false };
    const labels = element.labels;
    const raw = element.getAttribute('aria-label') ?? (labels && labels[0] ? labels[0].textContent : element.textContent) ?? '';
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return {
      tag: element.tagName.toLowerCase(),
      id: element.id,
      name: raw.replace(/\s+/g, ' ').trim(),
      visible: element.matches(':focus-visible') && (outline || style.boxShadow !== 'none'),
    };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focus reaches an element whose name matches, checking on
 * the way that every element reached shows its focus. Fails with the path taken when it never does.
 */
export async function tabTo(page: Page, name: RegExp, { backwards = false, maxPresses = 40 } = {}): Promise<Focused> {
  const path: string[] = [];
  for (let press = 0; press < maxPresses; press++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    path.push(`${now.tag}${now.id ? `#${now.id}` : ''} "${now.name.slice(0, 60)}"`);
    if (now.tag !== 'body' && !now.visible) throw new Error(`No visible focus on ${path.at(-1)}`);
    if (name.test(now.name)) return now;
  }
  throw new Error(`${backwards ? 'Shift+Tab' : 'Tab'} never reached ${name} in ${maxPresses} presses:\n  ${path.join('\n  ')}`);
}

/** Changes a focused, closed <select> with the arrow keys until `label` is chosen. */
export async function arrowToOption(page: Page, label: string, maxPresses = 100): Promise<void> {
  const chosen = () =>
    page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.activeElement?.selectedOptions?.[0]?.textContent?.trim() ?? '');
  for (let press = 0; press < maxPresses && (await chosen()) !== label; press++) await page.keyboard.press('ArrowDown');
  if ((await chosen()) !== label) throw new Error(`The arrow keys never chose "${label}"`);
}

/** Moves through a focused group of radio buttons with the arrow keys until `name` is checked. */
export async function arrowToRadio(page: Page, name: RegExp, maxPresses = 20): Promise<void> {
  // Tab lands on the first choice of a group where none is checked, without checking it.
  await page.keyboard.press('Space');
  for (let press = 0; press < maxPresses && !name.test((await focused(page)).name); press++) await page.keyboard.press('ArrowDown');
  const now = await focused(page);
  const checked = await page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.activeElement?.checked === true);
  if (!name.test(now.name) || !checked) throw new Error(`The arrow keys never checked ${name} (focus on "${now.name}")`);
}
