import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_GROUP_KEY, DEMO_PASSWORD } from '../../server/demo-data.ts';
import { ROUTES, parseRoute } from '../../src/app/routes.ts';
import { groupScope, participantScope } from '../../src/domain/index.ts';
import { phoneContext } from '../../tooling/chromium.ts';
import { expectNoAxeViolations, signIn, unlock, waitForSync } from '../support/app-driver.ts';
import { duringNextSession, useServerAndBrowser } from '../support/e2e.ts';

/**
 * Every screen of every kind of person, in every language, on a phone and a laptop: saved
 * as PNGs for people to look at (the folder is printed), and checked on the way that the
 * screen speaks the chosen language with no catalogue key left showing and no axe violation.
 */
const OUT = resolve(process.env.POLKU_SCREENSHOTS ?? 'test-results/screens');
const LANGS = ['fi', 'sv', 'en'] as const;
const SIZES = [
  [360, 740],
  [1280, 800],
] as const;
const scope = encodeURIComponent(groupScope(DEMO_GROUP_KEY));
const mine = encodeURIComponent(participantScope('aino0001'));
const next = 'session%3Ademo0003';
const held = 'session%3Ademo0000';

/** A screen: its file name, address, something (besides its h1) that shows its data has arrived, and a tab to open first. */
type Screen = [name: string, hash: string, ready?: string, tab?: number];
const jussi = `#/participant/${scope}/participant%3Ajussi004`;
const PEOPLE: Record<string, { at?: () => Date; screens: Screen[] }> = {
  ohjaaja2: {
    at: duringNextSession,
    screens: [
      ['staff-start', '#/', '[data-testid=next-session]'],
      ['staff-new-session', `#/new/${scope}`, 'form'],
      ['staff-attendance', `#/session/${scope}/${next}`, '[data-testid=attendance-row]'],
      ['staff-edit-session', `#/edit/${scope}/${next}`, 'form'],
      ['staff-rides', `#/rides/${scope}/${next}`, '[data-testid=ride-row]'],
      ['staff-attendance-sheet', `#/sheet/${scope}/${next}`, 'table'],
      ['staff-roster', `#/roster/${scope}`, 'a[href*="participant"]'],
      ['staff-participant', `#/participant/${scope}/participant%3Aaino0001`],
      ['staff-participant-path', jussi, '[role=tab]', 1],
      ['staff-participant-meetings', `#/participant/${scope}/participant%3Aaino0001`, '[role=tab]', 2],
      ['staff-participant-timeline', jussi, '[role=tab]', 4],
      ['staff-partners', `#/partners/${scope}`, '.partner-list'],
      ['staff-sync', '#/sync'],
    ],
  },
  aino: {
    screens: [
      ['participant-start', '#/', '[data-testid=my-next]'],
      ['participant-ride', `#/ride/${mine}/${next}`, 'main select'],
      ['participant-checkin', `#/checkin/${mine}/${held}`, 'form'],
      ['participant-goals', '#/goals', '[data-testid=my-stage]'],
      ['participant-wishes', '#/wishes', '[data-testid=my-wish]'],
      ['participant-sync', '#/sync'],
    ],
  },
  koordinaattori: {
    screens: [
      ['coordinator-dashboard', '#/dashboard', 'table'],
      ['coordinator-funder-report', '#/funder-report', '.esf-table'],
      ['coordinator-admin', '#/admin', 'form'],
      ['coordinator-participant-data', `#/participant-data/${scope}/participant%3Aaino0001`, '[data-testid=access-note]'],
    ],
  },
};

const fi: Record<string, string> = JSON.parse(readFileSync('src/i18n/messages/fi.json', 'utf8'));
const families = new Set(Object.keys(fi).map((k) => k.split('.')[0]));
/** Words shaped like a catalogue key of a known family: what the app shows when a key has no text. */
const rawKeys = (text: string) => (text.match(/\b[a-z][a-zA-Z0-9]*(?:\.[a-zA-Z0-9]+)+\b/g) ?? []).filter((w) => families.has(w.split('.')[0]!));

const e2e = useServerAndBrowser();

async function shoot(page: Page, lang: string, name: string, ready?: string, tab?: number) {
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    if (ready) await page.locator(ready).first().waitFor();
    if (tab !== undefined) await page.getByRole('tab').nth(tab).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang), { message: name }).toBe(lang);
    expect(rawKeys(await page.locator('body').innerText()), `${name} in ${lang}`).toEqual([]);
    if (width === 360) await expectNoAxeViolations(page, `${name} in ${lang}`);
    const dir = join(OUT, lang, `${width}x${height}`);
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
  }
}

async function inLanguage(context: BrowserContext, lang: string) {
  await context.addInitScript((l) => localStorage.setItem('polku.lang', l), lang);
}

describe('screenshots of every screen', () => {
  it('cover every route', () => {
    const shot = new Set(Object.values(PEOPLE).flatMap((p) => p.screens.map(([, hash]) => parseRoute(hash.replace(/%3A/g, ':')).name)));
    expect([...shot].sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it(`are saved for fi, sv and en at 360×740 and 1280×800, each screen in its language`, async () => {
    for (const lang of LANGS) {
      const out = await phoneContext(e2e.browser, e2e.server.url);
      await inLanguage(out, lang);
      const signInPage = await out.newPage();
      await signInPage.goto('/');
      await shoot(signInPage, lang, 'sign-in', 'form');
      await out.close();

      for (const [user, { at, screens }] of Object.entries(PEOPLE)) {
        const context = await phoneContext(e2e.browser, e2e.server.url, at?.());
        const page = await context.newPage();
        await page.goto('/');
        await signIn(page, user, DEMO_PASSWORD);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await waitForSync(page);
        await inLanguage(context, lang);
        await page.reload();
        // Every start of a staff device is locked: the lock screen is shot (once) and opened.
        if (await page.locator('#lock-secret').count()) {
          if (user === 'ohjaaja2') await shoot(page, lang, 'staff-lock', '#lock-secret');
          await unlock(page);
        }
        for (const [name, hash, ready, tab] of screens) {
          await page.goto(`/${hash}`);
          await shoot(page, lang, name, ready, tab);
        }
        await context.close();
      }
    }
    console.log(`Screenshots of every screen (fi, sv, en; 360×740 and 1280×800): ${OUT}`);
  });
});
