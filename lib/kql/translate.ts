// Translates a KQL query (lets + one tabular pipeline) into one DuckDB SQL statement: a CTE per pipe operator,
// every value inlined as an escaped literal, now() fixed to the caller's instant so a run can be reproduced.
// The query first passes Kusto's own analysis against the tables (schema-check.ts), as on every source.
// Anything outside the supported subset (docs/kql.md) fails with KqlUnsupportedError; nothing is approximated.
import { tableSchemas } from '@/lib/tables/registry';
import type { ColumnDef } from '@/lib/tables/types';
import { child, descendants, firstToken, type KqlNode, listElements, requiredChild } from './kusto';
import { joinSql, sqlIdent } from './literal';
import type { PackedColumn } from './packed-columns';
import { parseKql } from './parse';
import { checkQueryAgainstSchema } from './schema-check';
import { scopedHitsSql } from './scoped-match';
import { hasHitsSql, keyableHasNeedle, type TestHits, termShadowSql } from './string-match';
import {
  asValue,
  type ColumnInfo,
  type ConstantValue,
  callArguments,
  callName,
  compileExpression,
  compilePredicate,
  compileRecalled,
  type DynamicShape,
  type ExpressionScope,
  nameOf,
  type PlainHasTest,
  type PlainScoped,
  plainHasTest,
  plainScoped,
  type ScalarType,
  SQL_TYPES,
  type SqlValue,
  type SubqueryColumn,
  semantic,
  unsupported,
  valueSql,
  whereConditionSql,
} from './translate-expression';

export interface TranslateOptions {
  /** The instant now() and ago() resolve to. */
  now: Date;
  /** The tables a query may read, by exact (case-sensitive) name; default: every registry table, as Defender has it. */
  tables?: Record<string, readonly ColumnDef[]>;
}

type ResolvedOptions = Required<TranslateOptions>;

interface Column {
  readonly name: string;
  readonly type: ScalarType;
  /** SQL NULL possible (for strings: stands for ''). */
  readonly nullable: boolean;
  readonly shape?: DynamicShape;
}

/** Rows in a known order: sort keys over the stage's columns, or a hidden row number carried along. */
type Ordering = { kind: 'none' } | { kind: 'keys'; keys: readonly string[] } | { kind: 'ordinal' };

interface Stage {
  /** The CTE to select from. */
  readonly from: string;
  readonly columns: readonly Column[];
  readonly ordering: Ordering;
  /**
   * The rows, when known at translation time (a datatable, and project or distinct of one): `in` and
   * `has_any` over them then take the constant-list path, one regex for many needles instead of a per-row
   * scan of the list.
   */
  readonly rows?: readonly (readonly ConstantValue[])[];
}

/** The beginning of every column name the translator makes for itself; queries may not name columns so. */
const RESERVED_PREFIX = '__kql_';
/** Carries a sort order through operators that reshape columns; never part of the visible result. */
const ORDINAL = '__kql_ordinal';
/** Prefix of the term shadow columns a summarize computes for its has tests (termShadowSql). */
const TERM_SHADOW = '__kql_terms_';
/** Prefix of the columns that hold, per row, which of a summarize's keys on one subject it passes (packedKeys). */
const HITS = '__kql_hits_';
/** From this many has keys, or scoped keys, on one subject, a summarize groups by their hits list instead. */
const PACKED_KEYS = 8;
const MAKE_SET_MAX = 1_048_576n;

class Translator {
  private readonly ctes: string[] = [];
  private readonly lets = new Map<string, SqlValue>();
  /** Tabular lets, translated once: every reference selects from the same CTE. */
  private readonly tabularLets = new Map<string, Stage>();
  /** Stages that unpack a summarize's packed keys, by name: what they read and what they rebuild. */
  private readonly unpacks = new Map<string, { grouped: string; hits: string[]; packed: PackedColumn[] }>();
  private readonly nowMicros: bigint;

  constructor(
    readonly text: string,
    private readonly options: ResolvedOptions,
  ) {
    const ms = options.now.getTime();
    if (!Number.isFinite(ms)) throw new Error('translateKql: options.now is not a valid Date');
    this.nowMicros = BigInt(ms) * 1000n;
  }

  translate(root: KqlNode): string {
    return this.finish(this.query(root));
  }

  /** translate's query, ending at its last packed summarize when there is one (translateKqlRows). */
  translateRows(root: KqlNode): TranslatedRows {
    const stage = this.query(root);
    const unpack = this.unpacks.get(stage.from);
    const last = this.ctes[this.ctes.length - 1];
    if (!unpack || stage.ordering.kind !== 'none' || !last?.startsWith(`${stage.from} AS (`))
      return { sql: this.finish(stage), packed: [], order: stage.columns.map((c) => c.name) };
    // The unpacking stage is the last one and nothing reads it: the result is the grouped stage's.
    this.ctes.pop();
    const packed = new Set(unpack.packed.map((p) => p.name));
    const select = [
      ...stage.columns.filter((c) => !packed.has(c.name)).map(finalColumn),
      ...unpack.hits.map(sqlIdent),
    ];
    return {
      sql: `WITH\n  ${joinSql(this.ctes, ',\n  ')}\nSELECT ${select.join(', ')} FROM ${unpack.grouped}`,
      packed: unpack.packed,
      order: stage.columns.map((c) => c.name),
    };
  }

  private query(root: KqlNode): Stage {
    const directives = listElements(child(root, 'Directives'));
    if (directives[0]) throw unsupported(this, 'directive', directives[0]);
    const statements = listElements(child(root, 'Statements'));
    let query: KqlNode | undefined;
    for (const statement of statements) {
      if (query)
        throw unsupported(this, 'statement after the query (one tabular expression per query)', statement);
      if (statement.kind === 'LetStatement') this.let(statement);
      else if (statement.kind === 'ExpressionStatement') query = requiredChild(statement, 'Expression');
      else throw unsupported(this, `'${firstToken(statement)?.text ?? statement.kind}' statement`, statement);
    }
    if (!query) throw semantic(this, 'The query has no tabular expression to run', root);
    return this.tabular(query);
  }

  // -------------------------------------------------------------------------------------------------------
  // Statements

  private let(statement: KqlNode): void {
    const name = nameOf(this, requiredChild(statement, 'Name'));
    const expression = requiredChild(statement, 'Expression');
    if (expression.kind === 'FunctionDeclaration')
      throw unsupported(this, 'let with a function body', expression);
    if (this.isTabular(expression)) {
      const stage = this.tabular(expression);
      this.lets.delete(name);
      this.tabularLets.set(name, stage);
      return;
    }
    const value = compileExpression(this.scope([]), expression);
    if (!value.constant) throw unsupported(this, 'let with a value that is not a constant', expression);
    this.tabularLets.delete(name);
    this.lets.set(name, value);
  }

  /** A tabular expression by its syntax: a pipeline, a datatable, or the name of a table or tabular let. */
  private isTabular(node: KqlNode): boolean {
    let inner = node;
    while (inner.kind === 'ParenthesizedExpression') inner = requiredChild(inner, 'Expression');
    if (inner.kind === 'PipeExpression' || inner.kind === 'DataTableExpression') return true;
    if (inner.kind.endsWith('Operator')) return true;
    if (inner.kind !== 'NameReference') return false;
    const name = nameOf(this, inner);
    return this.tabularLets.has(name) || (!this.lets.has(name) && Object.hasOwn(this.options.tables, name));
  }

  // -------------------------------------------------------------------------------------------------------
  // Tabular expressions

  private tabular(node: KqlNode): Stage {
    switch (node.kind) {
      case 'ParenthesizedExpression':
        return this.tabular(requiredChild(node, 'Expression'));
      case 'NameReference':
        return this.table(node);
      case 'DataTableExpression':
        return this.datatable(node);
      case 'PipeExpression': {
        const op = requiredChild(node, 'Operator');
        if (op.kind === 'FilterOperator') {
          // Consecutive wheres become one stage: see compileConditions.
          const filters = [op];
          let source = requiredChild(node, 'Expression');
          while (source.kind === 'PipeExpression') {
            const previous = requiredChild(source, 'Operator');
            if (previous.kind !== 'FilterOperator') break;
            filters.unshift(previous);
            source = requiredChild(source, 'Expression');
          }
          const input = this.tabular(source);
          for (const filter of filters) this.checkNoParameters(filter);
          return this.where(input, filters);
        }
        return this.operator(this.tabular(requiredChild(node, 'Expression')), op);
      }
      default:
        throw unsupported(this, `'${firstToken(node)?.text ?? node.kind}' as a table source`, node);
    }
  }

  private table(node: KqlNode): Stage {
    const name = nameOf(this, node);
    // A let shadows a table of the same name, as in Kusto.
    const bound = this.tabularLets.get(name);
    if (bound) return bound;
    const defs = Object.hasOwn(this.options.tables, name) ? this.options.tables[name] : undefined;
    if (this.lets.has(name)) throw semantic(this, `'${name}' is a scalar let, not a table`, node);
    if (!defs) throw semantic(this, `Unknown table '${name}'`, node);
    const columns: Column[] = [];
    for (const def of defs) {
      this.checkNewName(columns, def.name, node);
      // Kusto's int is a narrower long; the translator reasons about one integer type.
      columns.push({ name: def.name, type: def.type === 'int' ? 'long' : def.type, nullable: true });
    }
    const select = columns.map((c) => sqlIdent(c.name)).join(', ');
    return this.stage(`SELECT ${select} FROM ${sqlIdent(name)}`, columns, { kind: 'none' });
  }

  private checkNoParameters(op: KqlNode): void {
    const keyword = firstToken(op)?.text ?? op.kind;
    const parameters = listElements(child(op, 'Parameters'));
    if (parameters[0])
      throw unsupported(this, `${keyword} parameter '${this.slice(parameters[0])}'`, parameters[0]);
  }

  private operator(input: Stage, op: KqlNode): Stage {
    this.checkNoParameters(op);
    const keyword = firstToken(op)?.text ?? op.kind;
    switch (op.kind) {
      case 'FilterOperator':
        return this.where(input, [op]);
      case 'ExtendOperator':
        return this.extend(input, op);
      case 'ProjectOperator':
        return this.project(input, op);
      case 'SummarizeOperator':
        return this.summarize(input, op);
      case 'SortOperator':
        return this.sort(input, op);
      case 'TakeOperator':
        return this.take(input, this.constantCount(input, requiredChild(op, 'Expression')));
      case 'TopOperator':
        return this.top(input, op);
      case 'DistinctOperator':
        return this.distinct(input, op);
      case 'MvExpandOperator':
        return this.mvExpand(input, op);
      case 'CountOperator':
        return this.stage(`SELECT count(*) AS ${sqlIdent('Count')} FROM ${input.from}`, [
          { name: 'Count', type: 'long', nullable: false },
        ]);
      default:
        throw unsupported(this, keyword, op);
    }
  }

  /**
   * datatable(Name:type, ...)[values]: the values, row by row, as constants of their column's type. A long
   * may stand in a real column; null only as a typed null such as long(null).
   */
  private datatable(node: KqlNode): Stage {
    const schema = requiredChild(node, 'Schema');
    const columns: Column[] = [];
    for (const declaration of listElements(child(schema, 'Columns'))) {
      const name = nameOf(this, requiredChild(declaration, 'Name'));
      const typeNode = requiredChild(declaration, 'Type');
      const keyword = firstToken(typeNode)?.text ?? typeNode.kind;
      const type = DATATABLE_TYPES[keyword];
      if (!type || typeNode.kind !== 'PrimitiveTypeExpression')
        throw unsupported(this, `datatable column type '${keyword}'`, typeNode);
      if (columns.some((c) => c.name === name))
        throw semantic(this, `Column '${name}' is declared twice`, declaration);
      this.checkNewName(columns, name, declaration);
      columns.push({ name, type, nullable: false });
    }
    if (columns.length === 0) throw semantic(this, 'datatable needs at least one column', schema);
    const values = listElements(child(node, 'Values'));
    if (values.length % columns.length !== 0) {
      throw semantic(
        this,
        `datatable has ${values.length} values for ${columns.length} columns; give a whole number of rows`,
        node,
      );
    }
    const scope = this.scope([]);
    const rows: string[][] = [];
    const known: ConstantValue[][] = [];
    values.forEach((item, i) => {
      const index = i % columns.length;
      const column = columns[index] as Column;
      let v = compileExpression(scope, item);
      if (!v.constant) throw unsupported(this, 'datatable value that is not a constant', item);
      const c = v.constant.value;
      if (column.type === 'real' && v.type === 'long') {
        v = { ...v, type: 'real', sql: c === null ? 'CAST(NULL AS DOUBLE)' : `CAST(${String(c)} AS DOUBLE)` };
      }
      if (v.type !== column.type) {
        throw semantic(
          this,
          `datatable column '${column.name}' is ${column.type}, this value is ${v.type}`,
          item,
        );
      }
      if (c === null) columns[index] = { ...column, nullable: true };
      if (index === 0) {
        rows.push([]);
        known.push([]);
      }
      rows[rows.length - 1]?.push(v.sql);
      known[known.length - 1]?.push(column.type === 'real' && typeof c === 'bigint' ? Number(c) : c);
    });
    const names = columns.map((c) => sqlIdent(c.name));
    if (rows.length === 0) {
      const select = columns.map((c) => `CAST(NULL AS ${SQL_TYPES[c.type]}) AS ${sqlIdent(c.name)}`);
      return { ...this.stage(`SELECT ${select.join(', ')} WHERE FALSE`, columns), rows: [] };
    }
    const tuples = rows.map((r) => `(${r.join(', ')})`).join(', ');
    const stage = this.stage(
      `SELECT * FROM (VALUES ${tuples}) AS kql_datatable(${names.join(', ')})`,
      columns,
    );
    return { ...stage, rows: known };
  }

  /** distinct A, B or distinct *: one row per distinct combination; '' and a NULL string are one value. */
  private distinct(input: Stage, op: KqlNode): Stage {
    const items = listElements(child(op, 'Expressions'));
    let chosen: Column[];
    if (items.length === 1 && items[0]?.kind === 'StarExpression') chosen = [...input.columns];
    else {
      chosen = items.map((item) => {
        if (item.kind !== 'NameReference')
          throw unsupported(this, 'distinct of an expression (name a column)', item);
        const name = nameOf(this, item);
        const column = input.columns.find((c) => c.name === name);
        if (!column) throw semantic(this, `Unknown column '${name}'`, item);
        return column;
      });
    }
    const columns: Column[] = [];
    const select: string[] = [];
    for (const [i, c] of chosen.entries()) {
      const node = items[Math.min(i, items.length - 1)] as KqlNode;
      if (columns.some((x) => x.name === c.name))
        throw semantic(this, `Column '${c.name}' appears twice in distinct`, node);
      if (c.type === 'dynamic') throw unsupported(this, 'distinct of a dynamic column', node);
      const string = c.type === 'string' && c.nullable;
      columns.push(string ? { ...c, nullable: false } : c);
      select.push(string ? `coalesce(${sqlIdent(c.name)}, '') AS ${sqlIdent(c.name)}` : sqlIdent(c.name));
    }
    const stage = this.stage(`SELECT DISTINCT ${select.join(', ')} FROM ${input.from}`, columns);
    if (!input.rows) return stage;
    const indexes = chosen.map((c) => input.columns.indexOf(c));
    const seen = new Map<string, ConstantValue[]>();
    for (const row of input.rows) {
      const picked = indexes.map((i) => row[i] as ConstantValue);
      seen.set(picked.map((v) => `${typeof v}:${String(v)}`).join('\u0000'), picked);
    }
    return { ...stage, rows: [...seen.values()] };
  }

  /**
   * mv-expand Name = pack_array(a, b, ...) to typeof(T): one row per element, the element in Name; every
   * element must be a scalar of type T (a long may stand in a real). The only form supported: expanding a
   * dynamic column needs its elements' types, which the translator does not know.
   */
  private mvExpand(source: Stage, op: KqlNode): Stage {
    const items = listElements(child(op, 'Expressions'));
    const item = items[0];
    if (!item) throw semantic(this, 'mv-expand needs a column or an array', op);
    if (items[1]) throw unsupported(this, 'mv-expand of several arrays at once', items[1]);
    for (const name of ['WithItemIndex', 'LimitClause']) {
      const clause = child(op, name);
      if (clause) throw unsupported(this, `mv-expand ${firstToken(clause)?.text ?? name}`, clause);
    }
    const toTypeOf = child(item, 'ToTypeOf');
    const { name, expression } = this.splitNamed(requiredChild(item, 'Expression'));
    let call = expression;
    while (call.kind === 'ParenthesizedExpression') call = requiredChild(call, 'Expression');
    if (name === undefined || call.kind !== 'FunctionCallExpression' || callName(this, call) !== 'pack_array')
      throw unsupported(this, 'mv-expand of anything but Name = pack_array(...) to typeof(...)', item);
    if (!toTypeOf) throw unsupported(this, 'mv-expand without to typeof(...)', item);
    const types = listElements(child(requiredChild(toTypeOf, 'TypeOf'), 'Types'));
    const keyword = types[0] ? (firstToken(types[0])?.text ?? '') : '';
    const type = DATATABLE_TYPES[keyword];
    if (!type || types.length !== 1 || type === 'dynamic')
      throw unsupported(this, `mv-expand to typeof(${keyword})`, toTypeOf);
    const input = this.withOrdinal(source);
    // The fleet sweep's tags: one element per hunt, each the hunt's filter; has tests read term shadows.
    const { scope, shadowed } = this.withTermShadows(input);
    const elements = callArguments(call).map((arg) => {
      const v = asValue(compileExpression(scope, arg));
      if (v.type === type) return v.sql;
      if (type === 'real' && v.type === 'long') return `CAST(${v.sql} AS DOUBLE)`;
      throw semantic(this, `This pack_array element is ${v.type}, not ${type} as the mv-expand says`, arg);
    });
    if (elements.length === 0) throw semantic(this, 'pack_array() needs at least one element', call);
    const columns = input.columns.filter((c) => c.name !== name);
    this.checkNewName(columns, name, item);
    columns.push({ name, type, nullable: true });
    const select = [
      ...input.columns.filter((c) => c.name !== name).map((c) => sqlIdent(c.name)),
      `unnest([${elements.join(', ')}]) AS ${sqlIdent(name)}`,
    ];
    return this.reshape(shadowed(), select, columns);
  }

  private where(input: Stage, ops: readonly KqlNode[]): Stage {
    const condition = whereConditionSql(
      this.scope(input.columns),
      ops.map((op) => requiredChild(op, 'Condition')),
      'The where condition',
    );
    // SQL WHERE keeps a row only when the condition is TRUE: Kusto's rule, for NULL (false or null) as well.
    return this.stage(`SELECT * FROM ${input.from} WHERE ${condition}`, input.columns, input.ordering);
  }

  private extend(source: Stage, op: KqlNode): Stage {
    const input = this.withOrdinal(source);
    const columns = [...input.columns];
    const expressions = new Map<string, string>();
    const infos = new Map<string, ColumnInfo>(input.columns.map((c) => [c.name, this.info(c)]));
    for (const item of listElements(child(op, 'Expressions'))) {
      // Kusto's analysis refuses a column that an earlier item of the same extend adds; one that an earlier
      // item replaces could mean the old value or the new one, so it is refused rather than guessed.
      const replaced = this.referenceTo(item, expressions);
      if (replaced) throw unsupported(this, 'a column replaced earlier in the same extend', replaced);
      const { name, value } = this.namedItem(infos, item, 'extend');
      const v = asValue(value);
      const index = columns.findIndex((c) => c.name === name);
      const column: Column = { name, type: v.type, nullable: v.nullable, ...(v.shape && { shape: v.shape }) };
      if (index >= 0) columns[index] = column;
      else {
        this.checkNewName(columns, name, item);
        columns.push(column);
      }
      expressions.set(name, v.sql);
      infos.set(name, { ...column, sql: `(${v.sql})` });
    }
    const select = columns.map((c) => {
      const sql = expressions.get(c.name);
      return sql === undefined ? sqlIdent(c.name) : `${sql} AS ${sqlIdent(c.name)}`;
    });
    return this.reshape(input, select, columns);
  }

  /** The first reference under `node` to a column in `names` (function names aside). */
  private referenceTo(node: KqlNode, names: ReadonlyMap<string, unknown>): KqlNode | undefined {
    const functionNames = new Set<KqlNode>();
    for (const n of descendants(node)) {
      if (n.kind === 'FunctionCallExpression') functionNames.add(requiredChild(n, 'Name'));
      else if (n.kind === 'NameReference' && !functionNames.has(n) && names.has(nameOf(this, n))) return n;
    }
    return undefined;
  }

  private project(source: Stage, op: KqlNode): Stage {
    const input = this.withOrdinal(source);
    const infos = new Map<string, ColumnInfo>(input.columns.map((c) => [c.name, this.info(c)]));
    const columns: Column[] = [];
    const select: string[] = [];
    const sources: number[] = [];
    for (const item of listElements(child(op, 'Expressions'))) {
      // Every item reads the input columns only (as in Kusto), so `infos` is not extended here.
      const plain = this.plainColumnName(this.splitNamed(item).expression);
      sources.push(plain === undefined ? -1 : input.columns.findIndex((c) => c.name === plain));
      const { name, value } = this.namedItem(infos, item, 'project');
      if (columns.some((c) => c.name === name))
        throw semantic(this, `Column '${name}' is projected twice`, item);
      this.checkNewName(columns, name, item);
      const v = asValue(value);
      columns.push({ name, type: v.type, nullable: v.nullable, ...(v.shape && { shape: v.shape }) });
      select.push(v.sql === sqlIdent(name) ? v.sql : `${v.sql} AS ${sqlIdent(name)}`);
    }
    const stage = this.reshape(input, select, columns);
    if (!input.rows || sources.some((i) => i < 0)) return stage;
    return { ...stage, rows: input.rows.map((row) => sources.map((i) => row[i] as ConstantValue)) };
  }

  /**
   * A scope whose has tests read term shadows (termShadowSql), and `shadowed`, the input with those shadows
   * computed once per row: for operators that test many has needles per row (a summarize's keys, the fleet
   * sweep's tags), each test is then a substring test instead of a regex of its own.
   */
  private withTermShadows(input: Stage): {
    scope: ExpressionScope;
    shadowed: (used?: (name: string) => boolean) => Stage;
  } {
    const shadows = new Map<string, string>();
    const scope: ExpressionScope = {
      ...this.scope(input.columns),
      termShadow: (subject) => {
        let name = shadows.get(subject);
        if (name === undefined) {
          name = sqlIdent(`${TERM_SHADOW}${shadows.size}`);
          shadows.set(subject, name);
        }
        return name;
      },
    };
    const shadowed = (used: (name: string) => boolean = () => true) => {
      const computed = [...shadows]
        .filter(([, name]) => used(name))
        .map(([subject, name]) => `${termShadowSql(subject)} AS ${name}`);
      if (computed.length === 0) return input;
      return this.stage(`SELECT *, ${computed.join(', ')} FROM ${input.from}`, input.columns, input.ordering);
    };
    return { scope, shadowed };
  }

  private summarize(input: Stage, op: KqlNode): Stage {
    // The group keys of a query that measures many exclusions are one has test each (`by Match_0=(x has 'a'),
    // Match_1=…`); they share one term shadow per column, computed once per row before the grouping, or, when
    // many test one column, are answered together by one list per row (packedKeys).
    const { scope, shadowed } = this.withTermShadows(input);
    const columns: Column[] = [];
    const names = new Set<string>();
    const checkName = (name: string, node: KqlNode): void => {
      if (names.has(name)) throw semantic(this, `Column '${name}' appears twice in summarize`, node);
      this.checkNewName(columns, name, node);
      names.add(name);
    };
    const byClause = child(op, 'ByClause');
    const keyItems = listElements(byClause ? child(byClause, 'Expressions') : undefined);
    const keys: PackableKey[] = [];
    for (const item of keyItems) {
      const { name, expression } = this.splitNamed(item);
      const compiled = compileRecalled(scope, expression);
      const value = asValue(compiled);
      if (value.type === 'dynamic') throw unsupported(this, 'summarize by a dynamic value', expression);
      const keyName = name ?? this.defaultKeyName(expression);
      if (keyName === undefined) throw semantic(this, 'Name this group key: by Name = expression', item);
      checkName(keyName, item);
      columns.push({ name: keyName, type: value.type, nullable: value.nullable });
      keys.push({ name: keyName, value, has: plainHasTest(compiled), scoped: plainScoped(compiled) });
    }
    const aggregates: string[] = [];
    for (const item of listElements(child(op, 'Aggregates'))) {
      const { name, expression } = this.splitNamed(item);
      const aggregate = this.aggregate(scope, expression);
      const aggName = name ?? aggregate.defaultName;
      if (aggName === undefined) throw semantic(this, 'Name this aggregate: Name = aggregate(...)', item);
      checkName(aggName, item);
      columns.push({ name: aggName, type: aggregate.type, nullable: aggregate.nullable });
      aggregates.push(`${aggregate.sql} AS ${sqlIdent(aggName)}`);
    }
    if (columns.length === 0) throw semantic(this, 'summarize needs an aggregate or a by clause', op);
    const packed = packedKeys(keys);
    // Grouped by the keys that stay and the hits lists; each packed key is read from its list afterwards.
    const kept = keys
      .filter((_, i) => !packed.byKey.has(i))
      .map((k) => `${k.value.sql} AS ${sqlIdent(k.name)}`);
    const grouped = [...kept, ...packed.lists.map((hits, j) => `${hits.sql} AS ${sqlIdent(`${HITS}${j}`)}`)];
    const select = [...grouped, ...aggregates];
    // A term shadow is computed only when a key that stays or an aggregate reads it (the lists compute their own).
    const from = shadowed((name) => [...kept, ...aggregates].some((sql) => sql.includes(name))).from;
    const groupBy = grouped.length > 0 ? ` GROUP BY ${grouped.map((_, i) => i + 1).join(', ')}` : '';
    const stage = this.stage(`SELECT ${joinSql(select, ', ')} FROM ${from}${groupBy}`, columns);
    if (packed.byKey.size === 0) return stage;
    const hitsName = (list: number) => `${HITS}${list}`;
    const unpacked = columns.map((c, i) => {
      const at = packed.byKey.get(i);
      if (at === undefined) return sqlIdent(c.name);
      const hits = packed.lists[at.list] as TestHits;
      return `${hits.test(at.test, sqlIdent(hitsName(at.list)))} AS ${sqlIdent(c.name)}`;
    });
    const result = this.stage(`SELECT ${unpacked.join(', ')} FROM ${stage.from}`, columns);
    this.unpacks.set(result.from, {
      grouped: stage.from,
      hits: packed.lists.map((_, j) => hitsName(j)),
      packed: [...packed.byKey].map(([key, at]) => ({
        name: (columns[key] as Column).name,
        hits: hitsName(at.list),
        numbers: (packed.lists[at.list] as TestHits).numbers(at.test),
      })),
    });
    return result;
  }

  private aggregate(
    scope: ExpressionScope,
    node: KqlNode,
  ): { sql: string; type: ScalarType; nullable: boolean; defaultName: string | undefined } {
    let call = node;
    while (call.kind === 'ParenthesizedExpression') call = requiredChild(call, 'Expression');
    if (call.kind !== 'FunctionCallExpression')
      throw unsupported(this, 'summarize item that is not an aggregate call', node);
    const fn = callName(this, call);
    const args = callArguments(call);
    const arity = (min: number, max = min): void => {
      if (args.length < min || args.length > max) {
        throw semantic(
          this,
          `${fn}() takes ${min === max ? min : `${min} to ${max}`} argument(s), got ${args.length}`,
          call,
        );
      }
    };
    const first = args[0];
    const argName = first ? this.plainColumnName(first) : undefined;
    const named = (prefix: string): string | undefined =>
      argName === undefined ? undefined : `${prefix}_${argName}`;
    const value = (): SqlValue => {
      const v = asValue(compileExpression(scope, first as KqlNode));
      if (v.type === 'dynamic') throw unsupported(this, `${fn}() of a dynamic value`, first as KqlNode);
      return v;
    };
    switch (fn) {
      case 'count':
        arity(0);
        return { sql: 'count(*)', type: 'long', nullable: false, defaultName: 'count_' };
      case 'countif': {
        arity(1);
        const condition = compilePredicate(scope, first as KqlNode, 'The countif condition');
        return {
          sql: `count(*) FILTER (WHERE ${condition.sql})`,
          type: 'long',
          nullable: false,
          defaultName: 'countif_',
        };
      }
      case 'dcount': {
        arity(1, 2);
        if (args[1]) this.constantOfType(scope, args[1], 'long', 'dcount() accuracy');
        // Exact distinct count; Kusto's is an estimate of the same number.
        return {
          sql: `count(DISTINCT ${value().sql})`,
          type: 'long',
          nullable: false,
          defaultName: named('dcount'),
        };
      }
      case 'min':
      case 'max': {
        arity(1);
        const v = value();
        if (v.type === 'bool') throw unsupported(this, `${fn}() of a bool`, call);
        return { sql: `${fn}(${v.sql})`, type: v.type, nullable: true, defaultName: named(fn) };
      }
      case 'sum':
      case 'avg': {
        arity(1);
        const v = value();
        if (v.type !== 'long' && v.type !== 'real') throw unsupported(this, `${fn}() of ${v.type}`, call);
        if (fn === 'avg')
          return { sql: `avg(${v.sql})`, type: 'real', nullable: true, defaultName: named('avg') };
        // DuckDB sums BIGINT into HUGEINT; Kusto's sum of longs is a long.
        const sql = v.type === 'long' ? `CAST(sum(${v.sql}) AS BIGINT)` : `sum(${v.sql})`;
        return { sql, type: v.type, nullable: true, defaultName: named('sum') };
      }
      case 'make_set':
      case 'make_set_if': {
        const conditional = fn === 'make_set_if';
        arity(conditional ? 2 : 1, conditional ? 3 : 2);
        const v = value();
        const sizeArg = args[conditional ? 2 : 1];
        let max = MAKE_SET_MAX;
        if (sizeArg) {
          max = this.constantOfType(scope, sizeArg, 'long', `${fn}() size`) as bigint;
          if (max < 1n) throw semantic(this, `${fn}() size must be positive`, sizeArg);
          if (max > MAKE_SET_MAX) max = MAKE_SET_MAX;
        }
        const only = conditional
          ? ` AND ${compilePredicate(scope, args[1] as KqlNode, 'The make_set_if condition').sql}`
          : '';
        const list = `list(DISTINCT ${v.sql}) FILTER (WHERE ${v.sql} IS NOT NULL${only})`;
        // Kusto returns [] for a group whose values are all null; DuckDB's list() would return NULL.
        const sql = `list_slice(coalesce(${list}, CAST([] AS ${SQL_TYPES[v.type]}[])), 1, ${max})`;
        return { sql, type: 'dynamic', nullable: false, defaultName: named('set') };
      }
      default:
        throw unsupported(this, `aggregate function '${fn}'`, call);
    }
  }

  private sort(source: Stage, op: KqlNode): Stage {
    const scope = this.scope(source.columns);
    const keys = listElements(child(op, 'Expressions')).map((item) => this.orderKey(scope, item));
    return { ...source, ordering: { kind: 'keys', keys } };
  }

  private top(input: Stage, op: KqlNode): Stage {
    const count = this.constantCount(input, requiredChild(op, 'Expression'));
    const key = this.orderKey(this.scope(input.columns), requiredChild(op, 'ByExpression'));
    return this.take({ ...input, ordering: { kind: 'keys', keys: [key] } }, count);
  }

  private take(input: Stage, count: bigint): Stage {
    return this.stage(
      `SELECT * FROM ${input.from}${this.orderBy(input.ordering)} LIMIT ${count}`,
      input.columns,
      input.ordering,
    );
  }

  /** Kusto sorts descending by default; nulls go last when descending and first when ascending. */
  private orderKey(scope: ExpressionScope, item: KqlNode): string {
    const expression = item.kind === 'OrderedExpression' ? requiredChild(item, 'Expression') : item;
    const ordering = item.kind === 'OrderedExpression' ? child(item, 'Ordering') : undefined;
    const direction = ordering ? child(ordering, 'AscOrDescKeyword')?.text : undefined;
    const nullsClause = ordering ? child(ordering, 'NullsClause') : undefined;
    const nulls = nullsClause ? child(nullsClause, 'FirstOrLastKeyword')?.text : undefined;
    const v = asValue(compileExpression(scope, expression));
    if (v.type === 'dynamic') throw unsupported(this, 'sorting by a dynamic value', expression);
    const descending = direction !== 'asc';
    const nullsFirst = nulls === undefined ? !descending : nulls === 'first';
    return `${valueSql(v)} ${descending ? 'DESC' : 'ASC'} NULLS ${nullsFirst ? 'FIRST' : 'LAST'}`;
  }

  // -------------------------------------------------------------------------------------------------------
  // Stages and SQL assembly

  private stage(select: string, columns: readonly Column[], ordering: Ordering = { kind: 'none' }): Stage {
    const name = `kql_${this.ctes.length}`;
    this.ctes.push(`${name} AS (${select})`);
    return { from: name, columns, ordering };
  }

  /** A stage whose select list is given; the hidden ordinal rides along when the input is ordered. */
  private reshape(input: Stage, select: string[], columns: readonly Column[]): Stage {
    const list = input.ordering.kind === 'ordinal' ? [...select, sqlIdent(ORDINAL)] : select;
    return this.stage(`SELECT ${list.join(', ')} FROM ${input.from}`, columns, input.ordering);
  }

  /** Sort keys refer to columns an extend or project may replace, so the order is fixed as a row number first. */
  private withOrdinal(input: Stage): Stage {
    if (input.ordering.kind !== 'keys') return input;
    const order = input.ordering.keys.join(', ');
    return this.stage(
      `SELECT *, row_number() OVER (ORDER BY ${order}) AS ${sqlIdent(ORDINAL)} FROM ${input.from}`,
      input.columns,
      {
        kind: 'ordinal',
      },
    );
  }

  private orderBy(ordering: Ordering): string {
    if (ordering.kind === 'keys') return ` ORDER BY ${ordering.keys.join(', ')}`;
    if (ordering.kind === 'ordinal') return ` ORDER BY ${sqlIdent(ORDINAL)}`;
    return '';
  }

  private finish(stage: Stage): string {
    const select = stage.columns.map(finalColumn);
    const sql = `SELECT ${select.join(', ')} FROM ${stage.from}${this.orderBy(stage.ordering)}`;
    return `WITH\n  ${joinSql(this.ctes, ',\n  ')}\n${sql}`;
  }

  // -------------------------------------------------------------------------------------------------------
  // Helpers

  private scope(columns: readonly Column[]): ExpressionScope {
    return this.scopeOf(new Map(columns.map((c) => [c.name, this.info(c)])));
  }

  private scopeOf(columns: ReadonlyMap<string, ColumnInfo>): ExpressionScope {
    return {
      text: this.text,
      nowMicros: this.nowMicros,
      columns,
      lets: this.lets,
      subquery: (node) => this.subquery(columns, node),
    };
  }

  /** The first column of `node` when it is tabular here: a column or scalar let of that name wins over a table. */
  private subquery(columns: ReadonlyMap<string, ColumnInfo>, node: KqlNode): SubqueryColumn | undefined {
    let inner = node;
    while (inner.kind === 'ParenthesizedExpression') inner = requiredChild(inner, 'Expression');
    if (inner.kind === 'NameReference' && columns.has(nameOf(this, inner))) return undefined;
    if (!this.isTabular(inner)) return undefined;
    const stage = this.tabular(inner);
    const first = stage.columns[0];
    if (!first) throw semantic(this, 'The tabular expression has no columns', node);
    if (first.type === 'dynamic')
      throw unsupported(this, 'a tabular expression whose first column is dynamic', node);
    const values = stage.rows?.map((row) => row[0] as ConstantValue);
    return { from: stage.from, column: sqlIdent(first.name), type: first.type, ...(values && { values }) };
  }

  private info(c: Column): ColumnInfo {
    return {
      name: c.name,
      type: c.type,
      nullable: c.nullable,
      sql: sqlIdent(c.name),
      ...(c.shape && { shape: c.shape }),
    };
  }

  private slice(node: KqlNode): string {
    return this.text.slice(node.start, node.end);
  }

  /** DuckDB matches names case-insensitively, so two columns differing only in case cannot coexist. */
  private checkNewName(columns: readonly Column[], name: string, node: KqlNode): void {
    const lower = name.toLowerCase();
    // The translator's own columns (the ordinal, term shadows, hits lists) all begin so.
    if (lower.startsWith(RESERVED_PREFIX))
      throw unsupported(
        this,
        `column name '${name}' (names beginning '${RESERVED_PREFIX}' are reserved)`,
        node,
      );
    const clash = columns.find((c) => c.name !== name && c.name.toLowerCase() === lower);
    if (clash) throw unsupported(this, `columns '${clash.name}' and '${name}' differing only in case`, node);
  }

  private splitNamed(item: KqlNode): { name: string | undefined; expression: KqlNode } {
    if (item.kind === 'SimpleNamedExpression') {
      return {
        name: nameOf(this, requiredChild(item, 'Name')),
        expression: requiredChild(item, 'Expression'),
      };
    }
    if (item.kind === 'CompoundNamedExpression') throw unsupported(this, '(a, b) = ... assignment', item);
    return { name: undefined, expression: item };
  }

  private namedItem(
    infos: ReadonlyMap<string, ColumnInfo>,
    item: KqlNode,
    operator: string,
  ): { name: string; value: SqlValue } {
    const { name, expression } = this.splitNamed(item);
    const scope = this.scopeOf(infos);
    const value = compileExpression(scope, expression);
    const finalName = name ?? this.plainColumnName(expression);
    if (finalName === undefined)
      throw semantic(this, `Name this ${operator} column: Name = expression`, item);
    return { name: finalName, value };
  }

  private plainColumnName(node: KqlNode): string | undefined {
    let n = node;
    while (n.kind === 'ParenthesizedExpression') n = requiredChild(n, 'Expression');
    return n.kind === 'NameReference' ? nameOf(this, n) : undefined;
  }

  /** Kusto names `by bin(Timestamp, 1d)` after the binned column. */
  private defaultKeyName(node: KqlNode): string | undefined {
    const plain = this.plainColumnName(node);
    if (plain !== undefined) return plain;
    if (node.kind === 'FunctionCallExpression') {
      const fn = callName(this, node);
      const first = callArguments(node)[0];
      if ((fn === 'bin' || fn === 'floor') && first) return this.plainColumnName(first);
    }
    return undefined;
  }

  private constantOfType(scope: ExpressionScope, node: KqlNode, type: ScalarType, what: string): unknown {
    const v = compileExpression(scope, node);
    if (v.type !== type || !v.constant || v.constant.value === null) {
      throw unsupported(this, `${what} that is not a constant ${type}`, node);
    }
    return v.constant.value;
  }

  private constantCount(input: Stage, node: KqlNode): bigint {
    const count = this.constantOfType(this.scope(input.columns), node, 'long', 'row count') as bigint;
    if (count < 0n) throw semantic(this, 'The row count must not be negative', node);
    return count;
  }
}

/** The datatable column types the translator reads, by Kusto's keyword (synonyms included). */
const DATATABLE_TYPES: Record<string, ScalarType> = {
  string: 'string',
  long: 'long',
  int: 'long',
  real: 'real',
  double: 'real',
  bool: 'bool',
  boolean: 'bool',
  datetime: 'datetime',
  date: 'datetime',
  timespan: 'timespan',
  time: 'timespan',
};

/** A query's SQL when some result columns are rebuilt after it runs (unpackColumns). */
export interface TranslatedRows {
  sql: string;
  /** The columns to rebuild from hits columns of the SQL's result. */
  packed: readonly PackedColumn[];
  /** The query's columns, in order. */
  order: readonly string[];
}

/**
 * translateKql's query for a caller that reads the rows itself: when the query ends with a summarize whose
 * keys are packed (many exclusions measured at once), the SQL returns their hits lists and `packed` says how
 * unpackColumns rebuilds each key. Same answer as translateKql's SQL, without binding a function per key.
 */
export function translateKqlRows(text: string, options: TranslateOptions): TranslatedRows {
  const { translator, root } = checkedTranslator(text, options);
  return translator.translateRows(root);
}

/**
 * Translates a KQL query into DuckDB SQL over the given tables. The query must first pass Kusto's analysis
 * against those tables (KqlSemanticError with the parser's message, position and nearest columns otherwise).
 */
export function translateKql(text: string, options: TranslateOptions): string {
  const { translator, root } = checkedTranslator(text, options);
  return translator.translate(root);
}

/** The query checked by Kusto's analysis against the tables, parsed, with a translator for it. */
function checkedTranslator(
  text: string,
  options: TranslateOptions,
): { translator: Translator; root: KqlNode } {
  const tables = options.tables ?? tableSchemas();
  checkQueryAgainstSchema(
    text,
    Object.entries(tables).map(([name, columns]) => ({ name, columns })),
  );
  return { translator: new Translator(text, { ...options, tables }), root: parseKql(text).root };
}

interface PackableKey {
  name: string;
  value: SqlValue;
  has: PlainHasTest | undefined;
  scoped: PlainScoped | undefined;
}

/**
 * A summarize's group keys that are has tests on one subject, or conditions scoped by one subject (`DeviceId
 * == 'd' and …`), when there are at least PACKED_KEYS of them: the query that measures a hunt's exclusions has
 * one key per exclusion. The rows are grouped by one list per subject instead, the numbers of the keys each
 * row passes (hasHitsSql, scopedHitsSql), and each key is read from it after grouping. The answer is the same;
 * the work per row is one gate and one list instead of a test and a group column per key.
 */
function packedKeys(keys: readonly PackableKey[]): {
  lists: TestHits[];
  /** Per packed key (by its index among the keys): its list and its test's index in it. */
  byKey: Map<number, { list: number; test: number }>;
} {
  const lists: TestHits[] = [];
  const byKey = new Map<number, { list: number; test: number }>();
  const pack = <T>(
    groups: Map<string, { item: T; key: number }[]>,
    hits: (items: T[]) => TestHits | undefined,
  ) => {
    for (const group of groups.values()) {
      if (group.length < PACKED_KEYS) continue;
      const packed = hits(group.map((g) => g.item));
      if (!packed) continue;
      group.forEach((g, test) => {
        byKey.set(g.key, { list: lists.length, test });
      });
      lists.push(packed);
    }
  };
  // Has tests whose needles can all be keyed, by subject and case rule.
  pack(
    groupBy(keys, (k) => (k.has?.needles.every(keyableHasNeedle) ? k.has : undefined)),
    (tests) =>
      hasHitsSql(
        tests[0]?.subject ?? '',
        tests.map((t) => t.needles),
        tests[0]?.caseSensitive ?? false,
      ),
  );
  pack(
    groupBy(keys, (k) => k.scoped),
    (scoped) => scopedHitsSql(scoped[0]?.subject ?? '', scoped),
  );
  return { lists, byKey };
}

/** The keys (by index) that `pick` gives an item for, grouped by the item's group. */
function groupBy<T extends { group: string }>(
  keys: readonly PackableKey[],
  pick: (key: PackableKey) => T | undefined,
): Map<string, { item: T; key: number }[]> {
  const groups = new Map<string, { item: T; key: number }[]>();
  keys.forEach((k, key) => {
    const item = pick(k);
    if (!item) return;
    const group = groups.get(item.group) ?? [];
    group.push({ item, key });
    groups.set(item.group, group);
  });
  return groups;
}

/** A result column as it leaves the query: Kusto strings are never null, so NULLs from imported data leave as ''. */
function finalColumn(c: Column): string {
  return c.type === 'string' && c.nullable
    ? `coalesce(${sqlIdent(c.name)}, '') AS ${sqlIdent(c.name)}`
    : sqlIdent(c.name);
}
