// The approval matcher: which tool use on which device an approval covers (scope, case, host part), and that
// an approval stops approving at the instant it expires; a property test checks globs against a reference.
import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';
import {
  approvalMatcher,
  approvingMatcher,
  globToRegExp,
  type ToolApproval,
  toolApprovalInputSchema,
} from './approvals';

const NOW = new Date('2026-12-05T10:00:00Z');
const actor = { id: 'u', name: 'U' };

function approval(partial: Partial<ToolApproval> & Pick<ToolApproval, 'scope'>): ToolApproval {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    tool: 'AnyDesk',
    reason: 'help desk',
    owner: 'IT',
    version: 1,
    createdBy: actor,
    createdAt: NOW.toISOString(),
    updatedBy: actor,
    updatedAt: NOW.toISOString(),
    ...partial,
  } as ToolApproval;
}

const device = (DeviceName: string) => ({ DeviceId: `id-${DeviceName}`, DeviceName });

describe('approvalMatcher', () => {
  const cases: [string, ToolApproval, string, string, boolean][] = [
    ['all devices', approval({ scope: 'all' }), 'AnyDesk', 'ws-0142.corp.example', true],
    ['tool name in another case', approval({ scope: 'all' }), 'anydesk', 'ws-0142', true],
    ['another tool', approval({ scope: 'all' }), 'TeamViewer', 'ws-0142', false],
    ['pattern prefix', approval({ scope: 'pattern', pattern: 'jump-*' }), 'AnyDesk', 'JUMP-01.corp', true],
    ['pattern elsewhere', approval({ scope: 'pattern', pattern: 'jump-*' }), 'AnyDesk', 'ws-jump-01', false],
    ['? is one character', approval({ scope: 'pattern', pattern: 'jump-0?' }), 'AnyDesk', 'jump-01', true],
    ['? is not two', approval({ scope: 'pattern', pattern: 'jump-0?' }), 'AnyDesk', 'jump-012', false],
    ['? is not none', approval({ scope: 'pattern', pattern: 'jump-0?' }), 'AnyDesk', 'jump-0', false],
    ['. is literal', approval({ scope: 'pattern', pattern: 'a.b' }), 'AnyDesk', 'axb', false],
    ['list, exact', approval({ scope: 'devices', devices: ['SRV-DB02'] }), 'AnyDesk', 'srv-db02', true],
    [
      'list, host part',
      approval({ scope: 'devices', devices: ['srv-db02'] }),
      'AnyDesk',
      'SRV-DB02.corp',
      true,
    ],
    [
      'list, other device',
      approval({ scope: 'devices', devices: ['srv-db02'] }),
      'AnyDesk',
      'srv-db03',
      false,
    ],
    [
      'list, prefix only',
      approval({ scope: 'devices', devices: ['srv'] }),
      'AnyDesk',
      'srv-db02.corp',
      false,
    ],
  ];
  it.each(cases)('%s', (_title, given, tool, name, expected) => {
    expect(approvalMatcher([given], NOW)(tool, device(name))).toBe(expected);
  });

  it('stops approving at the instant of expiry, not a millisecond later', () => {
    const expiring = approval({ scope: 'all', expiresAt: NOW.toISOString() });
    expect(approvalMatcher([expiring], new Date(NOW.getTime() - 1))('AnyDesk', device('a'))).toBe(true);
    expect(approvalMatcher([expiring], NOW)('AnyDesk', device('a'))).toBe(false);
    expect(approvalMatcher([expiring], new Date(NOW.getTime() + 1))('AnyDesk', device('a'))).toBe(false);
  });

  it('approves when any approval in force covers the device', () => {
    const matcher = approvalMatcher(
      [
        approval({ scope: 'pattern', pattern: 'jump-*', expiresAt: '2026-01-01T00:00:00Z' }),
        approval({ scope: 'devices', devices: ['ws-1'] }),
      ],
      NOW,
    );
    expect(matcher('AnyDesk', device('jump-01'))).toBe(false);
    expect(matcher('AnyDesk', device('ws-1'))).toBe(true);
  });

  it('names every approval in force that covers the device, and none that has expired', () => {
    const jump = approval({ id: 'a-jump', scope: 'pattern', pattern: 'jump-*' });
    const all = approval({ id: 'a-all', scope: 'all', tool: 'anydesk' });
    const lapsed = approval({ id: 'a-lapsed', scope: 'all', expiresAt: '2026-01-01T00:00:00Z' });
    const other = approval({ id: 'a-other', scope: 'all', tool: 'TeamViewer' });
    const approving = approvingMatcher([jump, all, lapsed, other], NOW);
    expect(approving('AnyDesk', device('JUMP-01'))).toEqual(['a-jump', 'a-all']);
    expect(approving('AnyDesk', device('ws-1'))).toEqual(['a-all']);
    expect(approving('Atera', device('ws-1'))).toEqual([]);
  });

  it('approves nothing without approvals', () => {
    expect(approvalMatcher([], NOW)('AnyDesk', device('ws-1'))).toBe(false);
  });
});

/** A reference glob matcher by dynamic programming, independent of regular expressions. */
function globMatches(pattern: string, name: string): boolean {
  const p = [...pattern.toLowerCase()];
  const s = [...name.toLowerCase()];
  let row = Array.from({ length: s.length + 1 }, (_, j) => j === 0);
  for (const c of p) {
    const next = [c === '*' && row[0] === true];
    for (let j = 1; j <= s.length; j++)
      next[j] =
        c === '*'
          ? (next[j - 1] ?? false) || (row[j] ?? false)
          : (row[j - 1] ?? false) && (c === '?' || c === s[j - 1]);
    row = next;
  }
  return row[s.length] ?? false;
}

test('a glob matches exactly the names the reference matcher accepts (2,000 cases)', () => {
  const alphabet = fc.constantFrom('a', 'B', '-', '.', '*', '?', '[', '\\', '(', '$', '^', '+', 'é');
  const text = (max: number) => fc.array(alphabet, { maxLength: max }).map((cs) => cs.join(''));
  fc.assert(
    fc.property(text(8), text(10), (pattern, name) => {
      expect(globToRegExp(pattern).test(name)).toBe(globMatches(pattern, name));
    }),
    { numRuns: 2_000 },
  );
});

describe('the approval input', () => {
  it('requires a reason and an owner, and the scope its own field', () => {
    const base = { tool: 'AnyDesk', reason: 'help desk', owner: 'IT' };
    expect(toolApprovalInputSchema.safeParse({ ...base, scope: 'all' }).success).toBe(true);
    expect(toolApprovalInputSchema.safeParse({ ...base, scope: 'all', reason: '  ' }).success).toBe(false);
    expect(toolApprovalInputSchema.safeParse({ ...base, scope: 'all', owner: undefined }).success).toBe(
      false,
    );
    expect(toolApprovalInputSchema.safeParse({ ...base, scope: 'pattern' }).success).toBe(false);
    expect(toolApprovalInputSchema.safeParse({ ...base, scope: 'devices', devices: [] }).success).toBe(false);
    expect(toolApprovalInputSchema.safeParse({ ...base, scope: 'some' }).success).toBe(false);
  });

  it('refuses a pattern past 200 characters and a list past 500 names, naming the limit', () => {
    const base = { tool: 'AnyDesk', reason: 'help desk', owner: 'IT' };
    const long = toolApprovalInputSchema.safeParse({ ...base, scope: 'pattern', pattern: 'a'.repeat(201) });
    expect(long.error?.issues[0]?.message).toBe('must be at most 200 characters');
    expect(
      toolApprovalInputSchema.safeParse({ ...base, scope: 'pattern', pattern: 'a'.repeat(200) }).success,
    ).toBe(true);
    const many = Array.from({ length: 501 }, (_, i) => `ws-${i}`);
    const list = toolApprovalInputSchema.safeParse({ ...base, scope: 'devices', devices: many });
    expect(list.error?.issues[0]?.message).toBe('must name at most 500 devices');
    expect(list.error?.issues[0]?.path).toEqual(['devices']);
  });

  it('refuses NUL in any text', () => {
    const result = toolApprovalInputSchema.safeParse({
      tool: 'Any\0Desk',
      reason: 'r',
      owner: 'o',
      scope: 'all',
    });
    expect(result.success).toBe(false);
  });
});
