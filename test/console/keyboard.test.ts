import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, keepScreenshot, startConsole, type ConsoleHarness } from './console-browser.js';

/** How far a key is pressed looking for an element before the element counts as unreachable. */
const MAX_PRESSES = 60;

/** The little of the browser's DOM the checks read in the page (tests compile without the DOM's types). */
interface PageElement {
  tagName: string;
  id: string;
  textContent: string | null;
  type?: string;
  labels?: ArrayLike<{ textContent: string | null }> | null;
  getAttribute(name: string): string | null;
  closest(selector: string): PageElement | null;
}
interface PageGlobals {
  document: { activeElement: PageElement | null; body: PageElement };
  getComputedStyle(element: PageElement): { outlineStyle: string; outlineWidth: string; boxShadow: string };
}

/**
 * The focused element: what it is (for failure messages), its id, whether it is inside a dialog, and whether it
 * draws a focus indicator of its own (an outline or a box shadow): a keyboard user has to see where the next key
 * press goes.
 */
const focusOf = (page: Page) =>
  page.evaluate(() => {
    const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
    const el = document.activeElement;
    if (!el || el === document.body) return { what: 'the page body', id: '', inDialog: false, ring: false };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const label = el.tagName === 'INPUT' ? el.labels?.[0]?.textContent : null;
    const name = el.getAttribute('aria-label') ?? label ?? el.textContent?.trim().slice(0, 40) ?? '';
    const type = el.tagName === 'INPUT' ? ` type=${el.type}` : '';
    return {
      what: `<${el.tagName.toLowerCase()}${type}> ${name}`,
      id: el.id,
      inDialog: Boolean(el.closest('[role="dialog"]')),
      ring: outline || style.boxShadow !== 'none',
    };
  });

const hasFocus = (target: Locator) =>
  target.evaluate((el) => el === (globalThis as unknown as PageGlobals).document.activeElement);

describe('console: everything by keyboard', { timeout: 600_000 }, () => {
  let h: ConsoleHarness;

  beforeAll(async () => {
    h = await startConsole();
  });
  afterAll(() => h?.close());

  it('signs in, creates a user, opens them and assigns a product with the keyboard alone', async () => {
    const bought = await h.t.admin.post('/purchases', {
      product: 'cc-pro',
      quantity: 1,
      bindingMonths: 12,
      termsAccepted: true,
    });
    expect(bought.status, JSON.stringify(bought.body)).toBe(201);
    const { page, context, problems } = await h.newPage();
    // Every element the Tab key (or an arrow key) lands on, checked for a visible focus indicator.
    const withoutRing: string[] = [];
    const press = async (key: string) => {
      await page.keyboard.press(key);
      const focus = await focusOf(page);
      if (!focus.ring) withoutRing.push(`${key} → ${focus.what}`);
    };
    /** Presses `key` until `target` has the focus; fails if it never gets it. */
    const pressUntil = async (key: string, target: Locator) => {
      for (let i = 0; i < MAX_PRESSES; i++) {
        await press(key);
        if (await hasFocus(target)) return;
      }
      throw new Error(
        `${key} never reached ${target.toString()}; the focus is on ${(await focusOf(page)).what}`,
      );
    };

    // Sign in: the token field has the focus when the page opens.
    await page.goto('/');
    const token = page.getByLabel('Admin token');
    await token.waitFor();
    expect(await hasFocus(token)).toBe(true);
    await page.keyboard.type(h.t.tenant.adminToken);
    await page.keyboard.press('Enter');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.waitFor();

    // The first Tab stop is the skip link; it takes the focus past the navigation to the page.
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await press('Tab');
    expect(await hasFocus(skip)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focusOf(page)).id).toBe('main');

    // Back into the navigation (Shift+Tab) to Users; the focus lands on the new page's heading.
    const usersLink = nav.getByRole('link', { name: 'Users' });
    await pressUntil('Shift+Tab', usersLink);
    await page.keyboard.press('Enter');
    const usersHeading = page.getByRole('heading', { level: 1, name: 'Users' });
    await usersHeading.waitFor();
    await expect.poll(() => hasFocus(usersHeading)).toBe(true);

    // New user → Create a user, through the menu with the arrow keys.
    await pressUntil('Tab', page.getByRole('button', { name: 'New user' }));
    await page.keyboard.press('Enter');
    const createItem = page.getByRole('menuitem', { name: 'Create a user' });
    await createItem.waitFor();
    if (!(await hasFocus(createItem))) await pressUntil('ArrowDown', createItem);
    await page.keyboard.press('Enter');
    const form = page.getByRole('dialog', { name: 'Create a user' });
    await form.waitFor();
    for (const [label, value] of [
      ['First name', 'Ada'],
      ['Surname', 'Lovelace'],
      ['E-mail', 'ada@example.com'],
      ['Country (ISO code, e.g. SE)', 'SE'],
    ] as const) {
      const field = form.getByRole('textbox', { name: label });
      if (!(await hasFocus(field))) await pressUntil('Tab', field);
      await page.keyboard.type(value);
    }
    // The onboarding e-mail, by Space on its checkbox.
    const onboarding = form.getByRole('checkbox', { name: 'Send an onboarding e-mail' });
    await pressUntil('Shift+Tab', onboarding);
    await page.keyboard.press('Space');
    expect(await onboarding.isChecked()).toBe(true);
    await pressUntil('Tab', form.getByRole('button', { name: 'Confirm' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
    const created = await h.t.admin.get('/users?q=ada%40example.com');
    expect(created.body.items).toEqual([expect.objectContaining({ displayName: 'Ada Lovelace' })]);
    const adaId = created.body.items[0].id as string;

    // Back to the list by the page's own link, and the user opened from the table.
    await pressUntil('Shift+Tab', page.getByRole('link', { name: '← Users' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => hasFocus(usersHeading)).toBe(true);
    await pressUntil(
      'Tab',
      page.getByRole('table', { name: 'Users' }).getByRole('link', { name: 'Ada Lovelace' }),
    );
    await page.keyboard.press('Enter');
    const adaHeading = page.getByRole('heading', { level: 1, name: 'Ada Lovelace' });
    await adaHeading.waitFor();
    await expect.poll(() => hasFocus(adaHeading)).toBe(true);

    // Assign a product: the dialog keeps the focus inside while it is open.
    const assignButton = page.getByRole('button', { name: 'Assign license' });
    await pressUntil('Tab', assignButton);
    await page.keyboard.press('Enter');
    const assign = page.getByRole('dialog', { name: 'Assign a license' });
    await assign.waitFor();
    const insideDialog = async () => (await focusOf(page)).inDialog;
    await expect.poll(insideDialog).toBe(true);
    for (const key of [...Array<string>(12).fill('Tab'), ...Array<string>(12).fill('Shift+Tab')]) {
      await press(key);
      expect(await insideDialog(), `${key} left the dialog for ${(await focusOf(page)).what}`).toBe(true);
    }
    // The track by the arrow keys, then the product by Space.
    const contactCentre = assign.getByRole('radio', { name: 'Contact centre' });
    await pressUntil('Tab', assign.getByRole('radio').first());
    if (!(await hasFocus(contactCentre))) await pressUntil('ArrowRight', contactCentre);
    const ccPro = assign.getByRole('radio', { name: 'CC Pro' });
    await ccPro.waitFor();
    await pressUntil('Tab', ccPro);
    await page.keyboard.press('Space');
    expect(await ccPro.isChecked()).toBe(true);
    await pressUntil('Tab', assign.getByRole('button', { name: 'Next' }));
    await page.keyboard.press('Enter');
    await assign.getByText('CC Pro needs nothing else.').waitFor();
    await pressUntil('Tab', assign.getByRole('button', { name: 'Next' }));
    await page.keyboard.press('Enter');
    const confirm = assign.getByRole('button', { name: 'Confirm' });
    await confirm.waitFor();
    await pressUntil('Tab', confirm);
    await page.keyboard.press('Enter');
    await expect.poll(() => assign.getByRole('status').textContent()).toMatch(/The license is active/);
    await pressUntil('Tab', assign.getByRole('button', { name: 'Close', exact: true }));
    await page.keyboard.press('Enter');
    await assign.waitFor({ state: 'detached' });
    // Closed, the dialog gives the focus back to the button that opened it.
    await expect.poll(() => hasFocus(assignButton)).toBe(true);

    const licenses = page.getByRole('table', { name: 'Licenses' });
    await licenses.getByRole('cell', { name: 'CC Pro', exact: true }).waitFor();
    const stored = await h.t.admin.get(`/assignments?userId=${adaId}`);
    expect(stored.body.items).toEqual([expect.objectContaining({ product: 'cc-pro', state: 'active' })]);

    expect(withoutRing).toEqual([]);
    await keepScreenshot(page, 'keyboard-assign');
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  });
});
