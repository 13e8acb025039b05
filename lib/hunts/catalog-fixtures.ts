// Test fixtures: hunt files in the published RMM catalog's format (Sentinel hunting-query YAML), written by the
// tests into temporary folders, with the published `dataTypes:` indentation defect where asked.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export type HuntKind = 'createproc' | 'netconn' | 'filesig';

export const KIND_TABLE: Record<HuntKind, string> = {
  createproc: 'DeviceProcessEvents',
  netconn: 'DeviceNetworkEvents',
  filesig: 'DeviceFileCertificateInfo',
};

const KIND_TITLE: Record<HuntKind, string> = {
  createproc: 'Create Process',
  netconn: 'Network Connection',
  filesig: 'File Signature',
};

/** A query of the catalog's shape for each kind; `term` is the tool's product, domain or signer. */
export function kindQuery(kind: HuntKind, term: string): string {
  const filter = {
    createproc: `| where ProcessVersionInfoProductName has '${term}'`,
    netconn: `| where RemoteUrl has_any ('${term}.example', 'relay.${term}.example')`,
    filesig: `| where Signer has '${term}'`,
  }[kind];
  const by = kind === 'netconn' ? 'DeviceId, DeviceName, RemoteUrl' : 'DeviceId, DeviceName';
  return [
    'let Time_start = now(-5d);',
    'let Time_end = now();',
    KIND_TABLE[kind],
    '| where Timestamp between (Time_start..Time_end)',
    filter,
    '| summarize FirstSeen=min(Timestamp), LastSeen=max(Timestamp),',
    `    Report=make_set(ReportId), Count=count() by ${by}`,
  ].join('\n');
}

export interface FixtureHunt {
  id: string;
  tool: string;
  kind: HuntKind;
  /** Default: kindQuery(kind, tool in lower case). */
  query?: string;
  /** Write `dataTypes:` on the column of `- connectorId:`, as every published file does. Default true. */
  defect?: boolean;
  /** \r\n line ends, as the published files have. */
  crlf?: boolean;
}

/** The text of a hunt file in the published format; the query block starts on line QUERY_FIRST_LINE. */
export function publishedHuntText(hunt: FixtureHunt): string {
  const query = hunt.query ?? kindQuery(hunt.kind, hunt.tool.toLowerCase());
  const lines = [
    `id: ${hunt.id}`,
    `name: Remote Management and Monitoring tool - ${hunt.tool} - ${KIND_TITLE[hunt.kind]}`,
    'description: |',
    `    Flags ${hunt.tool} activity, which may be an administrator's or an intruder's.`,
    'requiredDataConnectors:',
    '    - connectorId: MicrosoftThreatProtection',
    `${hunt.defect === false ? '      ' : '    '}dataTypes:`,
    `        - ${KIND_TABLE[hunt.kind]}`,
    'tactics: CommandAndControl',
    'relevantTechniques: T1219',
    'query: |',
    ...query.split('\n').map((l) => `  ${l}`),
    '',
  ];
  return lines.join(hunt.crlf ? '\r\n' : '\n');
}

/** The file line of the query's first line in publishedHuntText. */
export const QUERY_FIRST_LINE = 12;
/** The query block's indentation in publishedHuntText. */
export const QUERY_INDENT = 2;

/** Writes `rmm_<Tool>_<kind>.yaml` (or `ext`) under `<dir>/RMM/<Tool>/`; returns its path. */
export async function writePublishedHunt(
  dir: string,
  hunt: FixtureHunt,
  { ext = 'yaml', text }: { ext?: 'yaml' | 'yml'; text?: string } = {},
): Promise<string> {
  const folder = path.join(dir, 'RMM', hunt.tool);
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, `rmm_${hunt.tool}_${hunt.kind}.${ext}`);
  await writeFile(file, text ?? publishedHuntText(hunt));
  return file;
}
