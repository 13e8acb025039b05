// DeviceNetworkEvents and DeviceFileCertificateInfo rows built in JavaScript, for the demo's hand-shaped
// events: a connection made by a process the story launched, and the signer of a file it ran.
import type { Binary } from './demo-binaries';
import { type EventRow, fillUser, type ProcessSpec } from './demo-event-row';
import type { DemoDevice } from './demo-fleet';
import { defaultIntegrity, tokenElevation } from './demo-noise-templates';
import type { ToolDestination } from './demo-tool-story';

/** A device's address on the corporate network: one per device, stable for a fleet. */
export function deviceLocalIp(deviceIndex: number): string {
  return `10.20.${Math.floor(deviceIndex / 250) % 256}.${(deviceIndex % 250) + 2}`;
}

const isPrivate = (ip: string) => /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(ip);

export interface ConnectionSpec {
  device: DemoDevice;
  timeMs: number;
  dayIndex: number;
  /** The process that connects, and the one that started it. */
  process: ProcessSpec;
  parent: ProcessSpec;
  destination: ToolDestination;
  localPort: number;
}

export function buildNetworkRow(spec: ConnectionSpec): EventRow {
  const { device, process: p, parent, destination } = spec;
  const account = device.accounts[p.account];
  const integrity = p.integrity ?? defaultIntegrity(p.account);
  const inbound = destination.actionType === 'InboundConnectionAccepted';
  return {
    Timestamp: new Date(spec.timeMs),
    DeviceId: device.deviceId,
    DeviceName: device.deviceName,
    ActionType: destination.actionType ?? 'ConnectionSuccess',
    RemoteIP: destination.remoteIp,
    RemotePort: inbound ? spec.localPort : destination.remotePort,
    RemoteUrl: destination.url,
    LocalIP: deviceLocalIp(device.index),
    LocalPort: inbound ? destination.remotePort : spec.localPort,
    Protocol: 'Tcp',
    LocalIPType: 'Private',
    RemoteIPType: isPrivate(destination.remoteIp) ? 'Private' : 'Public',
    InitiatingProcessSHA1: p.binary.sha1,
    InitiatingProcessSHA256: p.binary.sha256,
    InitiatingProcessMD5: p.binary.md5,
    InitiatingProcessFileName: p.binary.fileName,
    InitiatingProcessFileSize: BigInt(p.binary.size),
    InitiatingProcessVersionInfoCompanyName: p.binary.company,
    InitiatingProcessVersionInfoProductName: p.binary.product,
    InitiatingProcessVersionInfoProductVersion: p.binary.version,
    InitiatingProcessVersionInfoInternalFileName: p.binary.internalName,
    InitiatingProcessVersionInfoOriginalFileName: p.binary.originalName,
    InitiatingProcessVersionInfoFileDescription: p.binary.description,
    InitiatingProcessId: BigInt(p.processId),
    InitiatingProcessCommandLine: fillUser(p.command, account),
    InitiatingProcessCreationTime: new Date(p.createdMs),
    InitiatingProcessFolderPath: fillUser(p.binary.folderPath, account),
    InitiatingProcessParentFileName: parent.binary.fileName,
    InitiatingProcessParentId: BigInt(parent.processId),
    InitiatingProcessParentCreationTime: new Date(parent.createdMs),
    InitiatingProcessAccountDomain: account.domain,
    InitiatingProcessAccountName: account.name,
    InitiatingProcessAccountSid: account.sid,
    InitiatingProcessAccountUpn: account.upn,
    InitiatingProcessAccountObjectId: account.objectId,
    InitiatingProcessIntegrityLevel: integrity,
    InitiatingProcessTokenElevation: tokenElevation(p.account, integrity),
    ReportId: 0n,
    AppGuardContainerId: '',
    AdditionalFields: '',
  };
}

/** A code-signing certificate as DeviceFileCertificateInfo describes it. */
export interface Certificate {
  signer: string;
  issuer: string;
  isTrusted: boolean;
  signerHash: string;
  issuerHash: string;
  serialNumber: string;
  crlUrls: readonly string[];
  createdMs: number;
  expiresMs: number;
  countersignedMs: number;
  rootIsMicrosoft: boolean;
}

export function buildCertificateRow(spec: {
  device: DemoDevice;
  timeMs: number;
  binary: Binary;
  certificate: Certificate;
}): EventRow {
  const { device, binary, certificate: c } = spec;
  return {
    Timestamp: new Date(spec.timeMs),
    DeviceId: device.deviceId,
    DeviceName: device.deviceName,
    SHA1: binary.sha1,
    IsSigned: true,
    SignatureType: 'Embedded',
    Signer: c.signer,
    SignerHash: c.signerHash,
    Issuer: c.issuer,
    IssuerHash: c.issuerHash,
    CertificateSerialNumber: c.serialNumber,
    CrlDistributionPointUrls: JSON.stringify(c.crlUrls),
    CertificateCreationTime: new Date(c.createdMs),
    CertificateExpirationTime: new Date(c.expiresMs),
    CertificateCountersignatureTime: new Date(c.countersignedMs),
    IsTrusted: c.isTrusted,
    IsRootSignerMicrosoft: c.rootIsMicrosoft,
    ReportId: 0n,
  };
}

/** The CRL a certificate authority of this name would publish, for plausible-looking rows. */
export function crlUrlFor(issuer: string): string {
  const slug = issuer.replace(/[^A-Za-z0-9]+/g, '');
  if (/digicert/i.test(issuer)) return `http://crl3.digicert.com/${slug}.crl`;
  if (/sectigo/i.test(issuer)) return `http://crl.sectigo.com/${slug}.crl`;
  if (/certum/i.test(issuer)) return `http://crl.certum.pl/${slug}.crl`;
  if (/microsoft/i.test(issuer)) return `http://www.microsoft.com/pkiops/crl/${slug}.crl`;
  return `http://crl.${slug.toLowerCase()}.example/ca.crl`;
}
