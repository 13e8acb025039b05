// MITRE ATT&CK tactic ids as catalogs write them (CommandAndControl) turned into words.

const TACTIC_NAMES: Record<string, string> = {
  Reconnaissance: 'Reconnaissance',
  ResourceDevelopment: 'Resource Development',
  InitialAccess: 'Initial Access',
  Execution: 'Execution',
  Persistence: 'Persistence',
  PrivilegeEscalation: 'Privilege Escalation',
  DefenseEvasion: 'Defense Evasion',
  CredentialAccess: 'Credential Access',
  Discovery: 'Discovery',
  LateralMovement: 'Lateral Movement',
  Collection: 'Collection',
  CommandAndControl: 'Command and Control',
  Exfiltration: 'Exfiltration',
  Impact: 'Impact',
  PreAttack: 'Pre-Attack',
  ImpairProcessControl: 'Impair Process Control',
  InhibitResponseFunction: 'Inhibit Response Function',
};

export function tacticName(id: string): string {
  return TACTIC_NAMES[id] ?? id.replace(/([a-z])([A-Z])/g, '$1 $2');
}

/** "T1219 · Command and Control" */
export function attackLabel(hunt: { techniques: readonly string[]; tactics: readonly string[] }): string {
  return [hunt.techniques.join(', '), hunt.tactics.map(tacticName).join(', ')].filter(Boolean).join(' · ');
}
