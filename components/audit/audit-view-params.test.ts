import { describe, expect, it } from 'vitest';
import { auditFilterOf, isUtcDay, parseAuditViewParams, writeAuditViewParams } from './audit-view-params';

const parse = (search: string) => parseAuditViewParams(new URLSearchParams(search));

describe('the audit view in the URL', () => {
  it('reads the filters and writes them back unchanged', () => {
    const search = '?hunt=h-1&entity=exclusion&from=2026-11-01&to=2026-11-30';
    const { params, dropped } = parse(search);
    expect(params).toEqual({ hunt: 'h-1', entity: 'exclusion', from: '2026-11-01', to: '2026-11-30' });
    expect(dropped).toEqual([]);
    expect(writeAuditViewParams(params)).toBe(search);
  });

  it('drops what the API would refuse and names it', () => {
    expect(parse('?entity=device&from=2026-02-30&to=yesterday')).toEqual({
      params: { hunt: null, entity: null, from: null, to: null },
      dropped: ['entity', 'from', 'to'],
    });
    expect(parse('?from=2026-12-02&to=2026-12-01')).toEqual({
      params: { hunt: null, entity: null, from: '2026-12-02', to: null },
      dropped: ['to'],
    });
    expect(parse(`?hunt=${'x'.repeat(201)}`).dropped).toEqual(['hunt']);
  });

  it('has no params for the default view', () => {
    expect(writeAuditViewParams(parse('').params)).toBe('');
  });

  it('asks the API for whole UTC days, the last one inclusive', () => {
    expect(auditFilterOf(parse('?from=2026-11-01&to=2026-11-02&entity=verdict').params)).toEqual({
      entity: 'verdict',
      since: '2026-11-01T00:00:00.000Z',
      until: '2026-11-02T23:59:59.999Z',
    });
  });

  it('knows the calendar', () => {
    expect(['2024-02-29', '2026-12-31'].every(isUtcDay)).toBe(true);
    expect(['2026-02-29', '2026-13-01', '26-01-01', '0999-01-01', ''].some(isUtcDay)).toBe(false);
  });
});
