import { describe, expect, it } from 'vitest';
import { weekChangeText, weekOverWeek } from './chart-data';
import type { TrendDay } from './trend-report';

type Day = Pick<TrendDay, 'partial' | 'origin' | 'events' | 'devices' | 'newDevices' | 'verdictsSet'>;
const day = (events: number | null, extra: Partial<Day> = {}): Day => ({
  partial: false,
  origin: 'source',
  events,
  devices: events === null ? null : Math.ceil(events / 10),
  newDevices: 0,
  verdictsSet: 0,
  ...extra,
});

describe('week over week', () => {
  it('compares the last seven whole days with the seven before, leaving out today’s partial day', () => {
    const days = [
      ...Array.from({ length: 7 }, () => day(10)),
      ...Array.from({ length: 7 }, () => day(12)),
      day(1, { partial: true }),
    ];
    expect(weekOverWeek(days, 'events')).toEqual({ current: 84, previous: 70, percent: 20 });
    expect(weekChangeText(weekOverWeek(days, 'events'))).toBe('▲ 20% on the week before');
  });

  it('takes a daily mean where days must not be added up', () => {
    const days = [...Array.from({ length: 7 }, () => day(20)), ...Array.from({ length: 7 }, () => day(10))];
    expect(weekOverWeek(days, 'devices', 'mean')).toEqual({ current: 1, previous: 2, percent: -50 });
    expect(weekChangeText(weekOverWeek(days, 'devices', 'mean'))).toBe('▼ 50% on the week before');
  });

  it('cannot say with fewer than fourteen whole days or a day without data', () => {
    expect(
      weekOverWeek(
        Array.from({ length: 13 }, () => day(5)),
        'events',
      ),
    ).toBeNull();
    const gap = Array.from({ length: 14 }, (_, i) => (i === 3 ? day(null, { origin: 'none' }) : day(5)));
    expect(weekOverWeek(gap, 'events')).toBeNull();
    expect(weekChangeText(null)).toBe('');
  });

  it('says so when the week before had nothing', () => {
    const days = [...Array.from({ length: 7 }, () => day(0)), ...Array.from({ length: 7 }, () => day(3))];
    expect(weekChangeText(weekOverWeek(days, 'events'))).toBe('none the week before');
    expect(
      weekChangeText(
        weekOverWeek(
          Array.from({ length: 14 }, () => day(0)),
          'events',
        ),
      ),
    ).toBe('none this week or the week before');
    const same = Array.from({ length: 14 }, () => day(4));
    expect(weekChangeText(weekOverWeek(same, 'events'))).toBe('same as the week before');
  });
});
