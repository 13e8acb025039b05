// The LOLRMM import as the catalog sees it: one tool entry (a file of LOLRMM's `yaml/` folder, or an element of
// its JSON export) becomes catalog entries, one per generated hunt, each carrying the artefacts left out as
// warnings at their line and column; a tool with nothing usable becomes one entry with a note saying why.
import path from 'node:path';
import type { CatalogEntry, Hunt } from './catalog';
import type { FilePosition, YamlWarning } from './catalog-yaml';
import { type FieldPath, lolrmmArtefacts, lolrmmToolSchema, type SkippedArtefact } from './lolrmm-artefacts';
import { LOLRMM_LOOKBACK_MS, type LolrmmHuntKind, lolrmmHuntTexts, lolrmmSlug } from './lolrmm-hunts';

export { isLolrmmExport, isLolrmmTool } from './lolrmm-artefacts';

/** Generated ids start with this, so a lookup by id knows to read the catalog the way readCatalog does. */
export const LOLRMM_ID_PREFIX = 'lolrmm-';

/** Shared by the tool entries of one catalog read: which entry first took each tool's id. */
export interface LolrmmContext {
  slugs: Map<string, string>;
}

export function newLolrmmContext(): LolrmmContext {
  return { slugs: new Map() };
}

/** Where one tool entry sits: its file, where its fields are, and its path inside the file (its index in an export). */
export interface LolrmmSource {
  file: string;
  positionOf(path: readonly PropertyKey[]): FilePosition;
  prefix: FieldPath;
}

const KIND_OF: Record<SkippedArtefact['kind'], LolrmmHuntKind> = {
  executable: 'createproc',
  domain: 'netconn',
  signer: 'filesig',
};

function placeOf(source: LolrmmSource): string {
  const index = source.prefix[0];
  return typeof index === 'number' ? `${source.file} (tool ${index + 1})` : source.file;
}

/** A second entry for the same tool name keeps its hunts apart: the file's name (or the export index) joins the id. */
function idBase(
  name: string,
  source: LolrmmSource,
  context: LolrmmContext,
): { base: string; warning?: string } {
  const slug = lolrmmSlug(name);
  const first = context.slugs.get(slug);
  if (first === undefined) {
    context.slugs.set(slug, placeOf(source));
    return { base: `${LOLRMM_ID_PREFIX}${slug}` };
  }
  const index = source.prefix[0];
  const label =
    typeof index === 'number' ? String(index + 1) : path.basename(source.file).replace(/\.[^.]*$/, '');
  let base = `${slug}-${lolrmmSlug(label)}`;
  for (let n = 2; context.slugs.has(base); n++) base = `${slug}-${lolrmmSlug(label)}-${n}`;
  context.slugs.set(base, placeOf(source));
  return {
    base: `${LOLRMM_ID_PREFIX}${base}`,
    warning: `the tool '${name}' is also described by ${first}; this entry's hunts are ${LOLRMM_ID_PREFIX}${base}-…`,
  };
}

type Issue = { path: PropertyKey[]; message: string; code?: string; errors?: Issue[][] };

/** Of a union's alternatives, the issue that got furthest into the value says best what is wrong. */
function deepestIssue(issues: readonly Issue[], prefix: PropertyKey[] = []): Issue | undefined {
  let best: Issue | undefined;
  for (const issue of issues) {
    const here = { ...issue, path: [...prefix, ...issue.path] };
    const inner =
      issue.code === 'invalid_union' ? deepestIssue((issue.errors ?? []).flat(), here.path) : undefined;
    const candidate = inner && inner.path.length > here.path.length ? inner : here;
    if (!best || candidate.path.length > best.path.length) best = candidate;
  }
  return best;
}

/** The catalog entries of one LOLRMM tool entry: its hunts, or the problem with it, or a note that it has none. */
export function lolrmmToolEntries(
  value: unknown,
  source: LolrmmSource,
  context: LolrmmContext,
): CatalogEntry[] {
  const { file, prefix } = source;
  const at = (p: readonly PropertyKey[]) => source.positionOf([...prefix, ...p]);
  const parsed = lolrmmToolSchema.safeParse(value);
  if (!parsed.success) {
    const issue = deepestIssue(parsed.error.issues);
    const fieldPath = [...prefix, ...(issue?.path ?? [])] as PropertyKey[];
    const field = fieldPath.length ? fieldPath.map(String).join('.') : '(document)';
    const named = value && typeof value === 'object' ? (value as { Name?: unknown }).Name : undefined;
    const tool = typeof named === 'string' && named.trim() ? named.trim() : null;
    const problem = {
      file,
      ...source.positionOf(fieldPath),
      cause: 'yaml' as const,
      message: `LOLRMM tool entry: field '${field}' ${issue?.message ?? 'is invalid'}`,
    };
    return [{ file, id: null, name: null, tool, problem, warnings: [] }];
  }
  const tool = parsed.data;
  const artefacts = lolrmmArtefacts(tool);
  const toolPosition = at(['Name']);
  const { base, warning } = idBase(artefacts.name, source, context);
  const texts = lolrmmHuntTexts(artefacts, base);
  const skippedWarning = (s: SkippedArtefact): YamlWarning => ({
    ...at(s.path),
    message: `${s.kind} '${s.value}' left out: ${s.reason}`,
  });
  const general: YamlWarning[] = warning ? [{ ...toolPosition, message: warning }] : [];
  if (!texts.length) {
    const left = artefacts.skipped.length;
    const note = `no hunt generated: no usable process file name (*.exe), domain or signer${left ? ` (${left} entr${left === 1 ? 'y' : 'ies'} left out, see the warnings)` : ''}`;
    const warnings = [...general, ...artefacts.skipped.map(skippedWarning)];
    return [{ file, id: null, name: null, tool: artefacts.name, note, notePosition: toolPosition, warnings }];
  }
  return texts.map((text, i) => {
    const own = artefacts.skipped.filter((s) => {
      const kind = KIND_OF[s.kind];
      return kind === text.kind || (i === 0 && !texts.some((t) => t.kind === kind));
    });
    const hunt: Hunt = {
      id: text.id,
      name: text.name,
      description: text.description,
      requiredDataConnectors: [{ connectorId: 'MicrosoftThreatProtection', dataTypes: [text.table] }],
      tactics: ['CommandAndControl'],
      relevantTechniques: ['T1219'],
      query: text.query,
      file,
      tool: artefacts.name,
      tables: [text.table],
      lookbackMs: LOLRMM_LOOKBACK_MS,
      exclusions: [],
    };
    return {
      file,
      id: hunt.id,
      name: hunt.name,
      tool: hunt.tool,
      hunt,
      warnings: [...(i === 0 ? general : []), ...own.map(skippedWarning)],
      idPosition: toolPosition,
      // The query is generated: a place in it is the tool's entry in the file.
      queryPosition: () => toolPosition,
    };
  });
}
