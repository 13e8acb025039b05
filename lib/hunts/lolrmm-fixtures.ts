// Small LOLRMM tool entries in the format of magicsword-io/LOLRMM's `yaml/` files, written for the tests with
// the odd entries the published files have: PEMetadata as a mapping or a list, null and empty values, paths and
// globs among installation paths, domain placeholders, addresses, ports, patterns, inner wildcards, too-broad
// names, signer fragments, repeated values in another case, and a tool described by two files.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';

export const REMOTELY_YAML = `Name: Remotely Pro
Category: RMM
Description: 'A remote support tool.

    '
Author: Someone
Created: 2024-01-02
Details:
    Website: https://remotely.example
    PEMetadata:
        Filename: RemotelyAgent.exe
        OriginalFileName: remotelyagent.EXE
        Description: Remotely Agent
    Privileges: User
    Free: true
    SupportedOS:
        - Windows
    Capabilities: []
    InstallationPaths:
        - C:\\Program Files\\Remotely\\*
        - C:\\Program Files\\Remotely\\RemotelyViewer.exe
        - rm_helper.exe
        - rmsetup*.exe
        - setup.exe
        -
        - /opt/remotely/remotely-agent
Artifacts:
    Disk: []
    Network:
        - Description: Relays
          Domains:
              - '*.remotely-relay.com'
              - api.remotely-relay.com
              - Portal.Remotely.IO
              - user_managed
              - '*.user_managed'
              - N/A
              - <customer server>
              - 10.20.30.40
              - relay-[0-9]{4}.remotely-relay.com:443
              - gw.remotely.io:8443
              - https://download.remotely.io/agent
              - auth*.remotely.io
              - github.com
              - '*.amazonaws.com'
              - remotely-bucket.s3.amazonaws.com
          Ports:
              - 443
        - Description: N/A
          Domains: []
        - Description: N/A
          Domains:
Detections: []
CodeSigning:
    certificates:
        - signer_name: Remotely Software Ltd
          certificate_thumbprint: 0011
        - signer_name: remotely software ltd
        - signer_name: Remotely\\
        - signer_name:
    signer_names:
        - Remotely Software Ltd
        - Microsoft Corporation
        - .NET
`;

/** A tool whose every artefact is a placeholder, a pattern or too broad: no hunt, a note. */
export const NOTHING_YAML = `Name: Nothing Usable
Category: RAT
Details:
    PEMetadata:
        - Filename: ''
          OriginalFileName:
        - null
    InstallationPaths:
        - C:\\Program Files\\Nothing\\*
        - svchost.exe
Artifacts:
    Network:
        - Domains:
              - user_managed
              - 192.168.0.0/16
`;

/** PEMetadata as a list, signers only through `signer_names`, installation paths under Artifacts. */
export const LISTED_YAML = `Name: Listed Desk
Details:
    PEMetadata:
        - Filename: listed.exe
          OriginalFileName: ListedDesk.exe
        - Filename: listed_svc.exe
          Description: Listed service
    InstallationPaths:
Artifacts:
    InstallationPaths:
        - '%ProgramFiles%\\Listed\\LISTED.EXE'
    Network:
        - Domains:
              - listed.example.net
CodeSigning:
    signer_names:
        - Listed Desk GmbH
`;

/** The same tool name as LISTED_YAML, in a second file. */
export const LISTED_AGAIN_YAML = `Name: Listed Desk
Details:
    PEMetadata:
        Filename: listed2.exe
Artifacts:
    Network: []
`;

/** A wrong type, at a known place: line 5, column 19. */
export const WRONG_TYPE_YAML = `Name: Broken Tool
Details:
    PEMetadata:
        - Filename: ok.exe
        - Filename: [not, a, name]
`;

export const FIXTURE_FILES: Readonly<Record<string, string>> = {
  'remotely_pro.yaml': REMOTELY_YAML,
  'nothing_usable.yml': NOTHING_YAML,
  'listed_desk.yaml': LISTED_YAML,
  'listeddesk.yaml': LISTED_AGAIN_YAML,
};

/** Writes the fixture tools as LOLRMM's `yaml/` folder holds them. */
export async function writeLolrmmFolder(dir: string): Promise<void> {
  for (const [name, text] of Object.entries(FIXTURE_FILES)) await writeFile(path.join(dir, name), text);
}

/** The same tools as the site's export holds them: one JSON array of the tool objects, in file order. */
export function lolrmmExportJson(): string {
  const tools = Object.keys(FIXTURE_FILES)
    .sort()
    .map((name) => parse(FIXTURE_FILES[name] ?? ''));
  return JSON.stringify(tools, null, 4);
}
