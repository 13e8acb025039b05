// The parser facade's answer store: every answer the parser gives is kept as JSON under a key of its question,
// schema and text, a kept answer serves in place of the parser and equals what the parser gives, and a store
// can refuse to let the parser load.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  analyzeColumnReads,
  analyzeRaw,
  type KqlTableSchema,
  type KustoAnswerStore,
  keepKustoAnswers,
  parseRaw,
} from './kusto';

const TABLES: KqlTableSchema[] = [
  { name: 'Events', schema: '(Timestamp:datetime, DeviceId:string, FileName:string, Port:int)' },
];

/** A store in memory that keeps answers as JSON text, as a file would. */
function jsonStore(hooks: Partial<KustoAnswerStore> = {}) {
  const kept = new Map<string, string>();
  const store: KustoAnswerStore = {
    get: (key) => {
      const text = kept.get(key);
      return text === undefined ? undefined : JSON.parse(text);
    },
    set: (key, answer) => {
      kept.set(key, JSON.stringify(answer));
    },
    ...hooks,
  };
  return { store, kept };
}

/** A query no other test parses, so that the facade's own memory of recent parses does not answer. */
const fresh = (query: string) => `// ${randomUUID()}\n${query}`;

afterEach(() => keepKustoAnswers(undefined));

describe('an answer store', () => {
  // First, while the parser has not loaded in this file's process.
  it('can refuse the parser: nothing loads, and the refusal is what the caller gets', () => {
    expect((globalThis as { Kusto?: unknown }).Kusto).toBeUndefined();
    const refusal = new Error('no parser here');
    let asked = 0;
    const { store } = jsonStore({
      beforeParserLoads: () => {
        asked++;
        throw refusal;
      },
    });
    keepKustoAnswers(store);
    expect(() => parseRaw(fresh('Events | take 1'))).toThrow(refusal);
    expect(() => analyzeRaw(fresh('Events | take 1'), TABLES)).toThrow(refusal);
    expect(asked).toBe(2);
    expect((globalThis as { Kusto?: unknown }).Kusto).toBeUndefined();
  });

  it('keeps each answer under its own key, and a kept answer equals the parser’s', () => {
    const { store, kept } = jsonStore();
    keepKustoAnswers(store);
    const text = fresh("Events | where FileName has 'x' and Port > 10 | summarize count() by DeviceId");
    const parsed = parseRaw(text);
    const diagnostics = analyzeRaw(`${text} | where Nope == 1`, TABLES);
    const reads = analyzeColumnReads(text, TABLES);
    expect(kept.size).toBe(3);
    expect(diagnostics.map((d) => d.message).join()).toMatch(/Nope/);
    expect([...(reads.tables.get('Events')?.columns ?? [])].sort()).toEqual(['DeviceId', 'FileName', 'Port']);

    keepKustoAnswers(undefined);
    const served = jsonStore().store;
    for (const [key, value] of kept) served.set(key, JSON.parse(value));
    keepKustoAnswers({ ...served, beforeParserLoads: () => expect.fail('the parser was asked') });
    // The facade remembers its last parses; these answers come from the store.
    const keys = [...kept.keys()];
    const parseKey = keys.find((k) => k.startsWith('["parse"'));
    expect(parseKey && served.get(parseKey)).toEqual(parsed);
    expect(analyzeRaw(`${text} | where Nope == 1`, TABLES)).toEqual(diagnostics);
    expect(analyzeColumnReads(text, TABLES)).toEqual(reads);
  });

  it('answers from what it keeps, before the parser', () => {
    const text = fresh('Events | take 1');
    const root = {
      kind: 'QueryBlock',
      isToken: false,
      isMissing: false,
      start: 0,
      end: 0,
      fullStart: 0,
      text: '',
      valueText: '',
      children: [],
    };
    const diagnostic = { message: 'kept', severity: 'Error', start: 0, length: 1 };
    const { store } = jsonStore({ beforeParserLoads: () => expect.fail('the parser was asked') });
    store.set(JSON.stringify(['parse', null, text]), { root, syntaxDiagnostics: [] });
    store.set(JSON.stringify(['diagnostics', TABLES, text]), [diagnostic]);
    store.set(JSON.stringify(['reads', TABLES, text]), {
      tables: [['Events', ['FileName'], true]],
      diagnostics: [],
    });
    keepKustoAnswers(store);
    expect(parseRaw(text)).toEqual({ root, syntaxDiagnostics: [] });
    expect(analyzeRaw(text, TABLES)).toEqual([diagnostic]);
    expect(analyzeColumnReads(text, TABLES)).toEqual({
      tables: new Map([['Events', { columns: new Set(['FileName']), everyColumn: true }]]),
      diagnostics: [],
    });
  });

  it('tells apart the same text asked against other tables', () => {
    const { store, kept } = jsonStore();
    keepKustoAnswers(store);
    const text = fresh('Events | project FileName');
    analyzeRaw(text, TABLES);
    const other = [{ name: 'Events', schema: '(Timestamp:datetime)' }];
    expect(
      analyzeRaw(text, other)
        .map((d) => d.message)
        .join(),
    ).toMatch(/FileName/);
    expect(kept.size).toBe(2);
  });
});

describe('the process’s memory of analyses', () => {
  it('answers a text analysed before without asking the parser or the store again, for many texts', () => {
    const asked: string[] = [];
    const { store } = jsonStore();
    keepKustoAnswers({
      ...store,
      get: (key) => {
        asked.push(key);
        return store.get(key);
      },
    });
    // More texts than the parser's own recent analyses hold, each asked once for diagnostics and column reads.
    const texts = Array.from({ length: 20 }, (_, i) =>
      fresh(`Events | where Port > ${i} | project FileName, Nope${i % 2 === 0 ? '' : 'Port'}`),
    );
    const first = texts.map((t) => [analyzeRaw(t, TABLES), analyzeColumnReads(t, TABLES)]);
    expect(asked).toHaveLength(40);
    const again = texts.map((t) => [analyzeRaw(t, TABLES), analyzeColumnReads(t, TABLES)]);
    expect(asked).toHaveLength(40);
    expect(again).toEqual(first);
    expect(first[0]?.[0]).not.toEqual([]);
  });
});
