// The stylesheet's cascade for a few layout rules, computed by jsdom (no layout, but the rules that win).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';

beforeAll(() => {
  const style = document.createElement('style');
  style.textContent = readFileSync('src/app/app.css', 'utf8');
  document.head.append(style);
});

const make = (html: string) => {
  const box = document.createElement('div');
  box.innerHTML = html;
  document.body.append(box);
  return box.firstElementChild as HTMLElement;
};

describe('app.css', () => {
  it('puts a checkbox beside its label, not above it', () => {
    const field = make('<div class="field field-check"><input type="checkbox" id="c"><label for="c">Suostumus</label></div>');
    expect(getComputedStyle(field).display).toBe('flex');
    expect(getComputedStyle(field).flexDirection).toBe('row');
  });

  it('keeps a height for the next-session card, and lays the update notice over the screen, not in its flow (no layout shift)', () => {
    expect(getComputedStyle(make('<div class="card next-session"></div>')).minHeight).toBe('15rem');
    expect(getComputedStyle(make('<div class="toast"></div>')).position).toBe('fixed');
  });

  it('shows no list bullets in the roster, the ride requests or the pickup list', () => {
    for (const list of ['<ul class="roster-list"></ul>', '<ul class="ride-list"></ul>', '<ol class="pickup-stops"></ol>', '<ul class="pickup-riders"></ul>']) {
      expect(getComputedStyle(make(list)).listStyleType, list).toBe('none');
    }
  });

  it('keeps a form control within its card on a narrow phone: no control wider than its container, no field or fieldset stretched by a long option', () => {
    for (const control of ['<select></select>', '<input>', '<textarea></textarea>']) {
      expect(getComputedStyle(make(control)).maxWidth, control).toBe('100%');
    }
    for (const box of ['<div class="field"></div>', '<fieldset></fieldset>', '<form></form>']) {
      expect(getComputedStyle(make(box)).minWidth, box).toBe('0px');
    }
  });

  it('draws a quiet control plainer and smaller than a button, yet a 44 px touch target', () => {
    const quiet = getComputedStyle(make('<button class="quiet">Piilota</button>'));
    expect(quiet.minHeight).toBe('44px');
    expect(quiet.backgroundColor).toBe('rgba(0, 0, 0, 0)');
    expect(quiet.fontWeight).toBe('400');
    expect(quiet.fontSize).toBe('0.9rem');
  });
});
