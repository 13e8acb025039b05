// DeviceFileCertificateInfo: certificate information of signed files, one row per signed file seen (Defender
// XDR advanced hunting). Join to process events on SHA1.
import { b, d, defineTable, j, l, s } from './types';

export const deviceFileCertificateInfo = defineTable({
  name: 'DeviceFileCertificateInfo',
  label: 'file signer',
  columns: [
    d('Timestamp'),
    s('DeviceId'),
    s('DeviceName'),
    s('SHA1'),
    b('IsSigned'),
    s('SignatureType'),
    s('Signer'),
    s('SignerHash'),
    s('Issuer'),
    s('IssuerHash'),
    s('CertificateSerialNumber'),
    j('CrlDistributionPointUrls'),
    d('CertificateCreationTime'),
    d('CertificateExpirationTime'),
    d('CertificateCountersignatureTime'),
    b('IsTrusted'),
    b('IsRootSignerMicrosoft'),
    l('ReportId'),
  ],
  // Log Analytics keeps the CRL distribution points as text.
  sentinelAsString: ['CrlDistributionPointUrls'],
  // A signer row names a file by its hash: no process, parent, account or path, so only the device facts apply.
  signalFacts: {},
  evidenceColumns: [
    'Timestamp',
    'Signer',
    'Issuer',
    'IsTrusted',
    'IsSigned',
    'SignatureType',
    'SHA1',
    'ReportId',
  ],
});
