// Artefacts that LOLRMM lists for a tool but that would flag nearly every machine: Windows' own programs and
// generic installer names, shared cloud and CDN hosts, publishers that sign half of a desktop. The LOLRMM import
// leaves these out of the hunts it generates and reports each one (docs/catalog.md, "LOLRMM"). Kept small on
// purpose: an entry here is a judgement that the name says nothing about which tool is present.

/** Process file names (compared case-insensitively) and why each is too broad. */
export const TOO_BROAD_EXECUTABLES: Readonly<Record<string, string>> = {
  'setup.exe': 'the generic installer name of countless products',
  'install.exe': 'a generic installer name',
  'installer.exe': 'a generic installer name',
  'update.exe': 'a generic updater name',
  'updater.exe': 'a generic updater name',
  'autoupdate.exe': 'a generic updater name',
  'uninstall.exe': 'a generic uninstaller name',
  'client.exe': 'a generic program name',
  'agent.exe': 'a generic program name',
  'service.exe': 'a generic program name',
  'launcher.exe': 'a generic program name',
  'upload.exe': 'a generic program name',
  'svchost.exe': 'a Windows system process',
  'dwm.exe': 'a Windows system process',
  'explorer.exe': 'a Windows system process',
  'rundll32.exe': 'a Windows system process',
  'msiexec.exe': 'a Windows system process',
  'mstsc.exe': "Windows' own Remote Desktop client, present on every Windows machine",
  'plink.exe': "PuTTY's command-line client, shipped inside many unrelated products",
};

/**
 * Domains (lower case) shared by many unrelated services: an entry equal to one of these, or a wildcard over one,
 * is too broad. A tool's own host under them (`tool-bucket.s3.amazonaws.com`) is kept.
 */
export const TOO_BROAD_DOMAINS: Readonly<Record<string, string>> = {
  'amazonaws.com': 'Amazon Web Services, shared by all its customers',
  's3.amazonaws.com': 'Amazon S3, shared by all its customers',
  'cloudfront.net': "Amazon's CDN, shared by all its customers",
  'googleapis.com': "Google's APIs, used by every browser and Android device",
  'google.com': 'Google',
  'github.com': 'GitHub, used by every developer',
  'githubusercontent.com': "GitHub's file hosting",
  'objects.githubusercontent.com': "GitHub's release downloads, shared by every project",
  'raw.githubusercontent.com': "GitHub's raw file hosting, shared by every project",
  'github.io': 'GitHub Pages, shared by every project',
  'azure.com': 'Microsoft Azure',
  'microsoft.com': 'Microsoft, reached by every Windows machine',
  'windows.net': 'Microsoft Azure services, shared by all customers',
  'blob.core.windows.net': 'Azure Blob Storage, shared by all customers',
  'azurewebsites.net': 'Azure App Service, shared by all customers',
  'cloudflare.net': "Cloudflare's network, shared by all its customers",
  'cloudflarestorage.com': 'Cloudflare R2 storage, shared by all its customers',
  'akamaihd.net': "Akamai's CDN, shared by all its customers",
  'akamaized.net': "Akamai's CDN, shared by all its customers",
  'firebaseapp.com': 'Google Firebase hosting, shared by all its customers',
};

/** Code-signing subjects (compared case-insensitively) that sign software on nearly every machine. */
export const TOO_BROAD_SIGNERS: Readonly<Record<string, string>> = {
  'microsoft corporation': "signs Windows' own files",
  'microsoft windows': "signs Windows' own files",
  'microsoft windows component publisher': "signs Windows' own files",
  'google llc': 'signs Chrome and most Google software',
  'adobe systems incorporated': 'signs Acrobat Reader and most Adobe software',
  'adobe inc.': 'signs Acrobat Reader and most Adobe software',
  'certification authority': 'a certificate authority, not a publisher',
};
