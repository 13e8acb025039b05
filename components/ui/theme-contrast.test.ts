// The colour tokens of app/globals.css, read from the file itself, meet WCAG AA (4.5:1) where they carry
// words or name a series: muted text and the Unreviewed grey on every surface, and each verdict colour on its
// soft background, in both themes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contrastRatio } from './contrast';

const css = readFileSync(join(process.cwd(), 'app/globals.css'), 'utf8');

function tokens(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  const block = css.slice(start, css.indexOf('\n}', start));
  return Object.fromEntries(
    [...block.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6});/g)].map((m) => [m[1], m[2]]),
  );
}

const THEMES = { light: tokens(':root'), dark: tokens('.dark') };
const SURFACES = ['bg', 'surface', 'surface-2'];
const PAIRS: [string, string][] = [
  ...SURFACES.flatMap((surface): [string, string][] => [
    ['fg-muted', surface],
    ['chart-unreviewed', surface],
  ]),
  ['verdict-benign', 'verdict-benign-soft'],
  ['verdict-suspicious', 'verdict-suspicious-soft'],
  ['verdict-malicious', 'verdict-malicious-soft'],
];

describe('colour contrast', () => {
  for (const [theme, colours] of Object.entries(THEMES)) {
    for (const [fg, bg] of PAIRS) {
      it(`${theme}: --${fg} on --${bg} is at least 4.5:1`, () => {
        const a = colours[fg];
        const b = colours[bg];
        expect(a, `--${fg}`).toBeDefined();
        expect(b, `--${bg}`).toBeDefined();
        expect(contrastRatio(a as string, b as string)).toBeGreaterThanOrEqual(4.5);
      });
    }
  }

  it('computes the known ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#a3acb9', '#ffffff')).toBeCloseTo(2.29, 2);
  });
});
