/**
 * The recommendations each demo tenant starts with: a fixed catalogue of security configurations and
 * software updates named as Defender names them, and a seeded pick per tenant, so every start and every
 * reset gives the same list. Impacts are sized so that no remediation can take a score out of its range.
 */
import { CONTOSO_TENANT_ID, FABRIKAM_TENANT_ID } from './accounts.mjs';

/** @typedef {import('./state.mjs').RecommendationState} RecommendationState */

/** The categories Defender sorts recommendations into. */
export const RECOMMENDATION_CATEGORIES = Object.freeze(['Accounts', 'Application', 'Network', 'OS', 'SecurityControls']);

/** @type {readonly [scid: number, name: string, category: string, subCategory: string, relatedComponent: string][]} */
const CONFIGURATIONS = [
  [4000, "Set 'Minimum password length' to '14 or more character(s)'", 'Accounts', 'Password policy', 'Security Policy'],
  [4001, "Set 'Enforce password history' to '24 or more password(s)'", 'Accounts', 'Password policy', 'Security Policy'],
  [4002, "Set 'Maximum password age' to '60 or fewer days, but not 0'", 'Accounts', 'Password policy', 'Security Policy'],
  [4003, "Set 'Account lockout threshold' to '1-10 invalid logon attempt(s)'", 'Accounts', 'Account lockout policy', 'Security Policy'],
  [4004, "Set 'Account lockout duration' to '15 or more minute(s)'", 'Accounts', 'Account lockout policy', 'Security Policy'],
  [29, "Disable 'Enumerate administrator accounts on elevation'", 'Accounts', 'Credential user interface', 'Windows'],
  [4005, 'Disable the built-in Administrator account', 'Accounts', 'Local accounts', 'Security Policy'],
  [4006, "Set 'Network access: Do not allow storage of passwords and credentials for network authentication' to 'Enabled'", 'Accounts', 'Security options', 'Security Policy'],
  [4007, "Set 'Interactive logon: Machine inactivity limit' to '900 or fewer second(s), but not 0'", 'Accounts', 'Security options', 'Security Policy'],
  [5001, 'Block Flash activation in Office documents', 'Application', 'Office', 'Microsoft Office'],
  [5002, 'Disable JavaScript on Adobe Reader DC', 'Application', 'Adobe Reader', 'Adobe Acrobat Reader DC'],
  [5003, "Disable 'Continue running background apps when Google Chrome is closed'", 'Application', 'Google Chrome', 'Chrome'],
  [5004, 'Block third party cookies in Google Chrome', 'Application', 'Google Chrome', 'Chrome'],
  [5005, "Enable 'Microsoft Defender SmartScreen' in Microsoft Edge", 'Application', 'Microsoft Edge', 'Edge'],
  [5006, "Disable 'Password Manager' in Google Chrome", 'Application', 'Google Chrome', 'Chrome'],
  [5007, 'Block macros from running in Office files from the Internet', 'Application', 'Office', 'Microsoft Office'],
  [2070, 'Turn on Microsoft Defender Firewall', 'Network', 'Firewall', 'Windows Firewall'],
  [2071, "Set Microsoft Defender Firewall inbound connections to 'Block' for the public profile", 'Network', 'Firewall', 'Windows Firewall'],
  [10000, 'Disable insecure administration protocol - Telnet', 'Network', '', 'Telnet'],
  [80, 'Disable SMBv1 client driver', 'Network', 'SMB', 'Windows'],
  [82, 'Disable SMBv1 server', 'Network', 'SMB', 'Windows'],
  [83, "Set 'Microsoft network client: Digitally sign communications (always)' to 'Enabled'", 'Network', 'SMB', 'Security Policy'],
  [84, "Set 'Microsoft network server: Digitally sign communications (always)' to 'Enabled'", 'Network', 'SMB', 'Security Policy'],
  [85, "Set 'Network security: LAN Manager authentication level' to 'Send NTLMv2 response only. Refuse LM & NTLM'", 'Network', 'NTLM', 'Security Policy'],
  [86, 'Disable IP source routing', 'Network', 'TCP/IP', 'Windows'],
  [87, 'Prohibit use of Internet Connection Sharing on your DNS domain network', 'Network', 'Network connections', 'Windows'],
  [2011, 'Update Microsoft Defender Antivirus definitions', 'OS', 'Antivirus', 'Microsoft Defender Antivirus'],
  [46, "Enable 'Local Security Authority (LSA) protection'", 'OS', 'Credential protection', 'Windows'],
  [64, "Disable 'Autoplay for non-volume devices'", 'OS', 'AutoPlay', 'Windows'],
  [65, "Disable 'Autoplay' for all drives", 'OS', 'AutoPlay', 'Windows'],
  [66, "Set default behavior for 'AutoRun' to 'Enabled: Do not execute any autorun commands'", 'OS', 'AutoPlay', 'Windows'],
  [2300, 'Encrypt all BitLocker-supported drives', 'OS', 'BitLocker', 'BitLocker'],
  [2301, "Enable 'Require additional authentication at startup'", 'OS', 'BitLocker', 'BitLocker'],
  [70, "Set 'User Account Control: Behavior of the elevation prompt for standard users' to 'Automatically deny elevation requests'", 'OS', 'User Account Control', 'Windows'],
  [71, "Enable 'Apply UAC restrictions to local accounts on network logons'", 'OS', 'User Account Control', 'Windows'],
  [44, "Disable 'Allow Basic authentication' for WinRM Client", 'OS', 'WinRM', 'Windows Remote Management'],
  [45, "Disable 'Allow Basic authentication' for WinRM Service", 'OS', 'WinRM', 'Windows Remote Management'],
  [36, "Disable 'Solicited Remote Assistance'", 'OS', 'Remote Assistance', 'Windows'],
  [91, "Enable 'Block credential stealing from the Windows local security authority subsystem (lsass.exe)'", 'SecurityControls', 'Attack Surface Reduction', 'Microsoft Defender Antivirus'],
  [90, 'Block executable content from email client and webmail', 'SecurityControls', 'Attack Surface Reduction', 'Microsoft Defender Antivirus'],
  [92, 'Block Office applications from creating executable content', 'SecurityControls', 'Attack Surface Reduction', 'Microsoft Defender Antivirus'],
  [93, 'Block Office applications from injecting code into other processes', 'SecurityControls', 'Attack Surface Reduction', 'Microsoft Defender Antivirus'],
  [94, 'Block all Office applications from creating child processes', 'SecurityControls', 'Attack Surface Reduction', 'Microsoft Defender Antivirus'],
  [95, 'Block JavaScript or VBScript from launching downloaded executable content', 'SecurityControls', 'Attack Surface Reduction', 'Microsoft Defender Antivirus'],
  [96, 'Block execution of potentially obfuscated scripts', 'SecurityControls', 'Attack Surface Reduction', 'Microsoft Defender Antivirus'],
  [97, 'Block Win32 API calls from Office macros', 'SecurityControls', 'Attack Surface Reduction', 'Microsoft Defender Antivirus'],
  [98, 'Block process creations originating from PSExec and WMI commands', 'SecurityControls', 'Attack Surface Reduction', 'Microsoft Defender Antivirus'],
  [2010, 'Turn on Microsoft Defender Antivirus', 'SecurityControls', 'Antivirus', 'Microsoft Defender Antivirus'],
  [2012, 'Turn on real-time protection', 'SecurityControls', 'Antivirus', 'Microsoft Defender Antivirus'],
  [2013, 'Turn on PUA protection in block mode', 'SecurityControls', 'Antivirus', 'Microsoft Defender Antivirus'],
  [2016, 'Turn on cloud-delivered protection', 'SecurityControls', 'Antivirus', 'Microsoft Defender Antivirus'],
  [2003, 'Turn on Tamper Protection', 'SecurityControls', 'Antivirus', 'Microsoft Defender Antivirus'],
  [2060, 'Enable Network Protection', 'SecurityControls', 'Exploit Guard', 'Microsoft Defender Antivirus'],
  [2090, 'Turn on Microsoft Defender Credential Guard', 'SecurityControls', 'Device Guard', 'Windows'],
];

/** @type {readonly [vendor: string, product: string, name: string, weaknesses: number, publicExploit: boolean, relatedComponent: string][]} */
const SOFTWARE = [
  ['microsoft', 'windows_11', 'Update Windows 11', 397, true, 'Windows 11'],
  ['google', 'chrome', 'Update Chrome', 38, false, 'Chrome'],
  ['mozilla', 'firefox', 'Update Firefox', 21, false, 'Firefox'],
  ['adobe', 'acrobat_reader_dc', 'Update Adobe Acrobat Reader DC', 12, true, 'Adobe Acrobat Reader DC'],
  ['oracle', 'jre', 'Update Java Runtime Environment', 64, false, 'JRE'],
];

/**
 * How each demo tenant's list is made: its devices, how many configurations and software updates it
 * lacks, and how many points (device score) and exposure points they hold between them.
 * @typedef {{ seed: string, devices: number, configurations: number, software: number, pointsAtStake: number, exposureAtStake: number }} TenantProfile
 */

/** @type {Record<string, TenantProfile>} */
const PROFILES = {
  [CONTOSO_TENANT_ID]: { seed: 'contoso', devices: 240, configurations: 36, software: 4, pointsAtStake: 128, exposureAtStake: 24 },
  [FABRIKAM_TENANT_ID]: { seed: 'fabrikam', devices: 85, configurations: 31, software: 3, pointsAtStake: 96, exposureAtStake: 40 },
};

/** Every demo tenant's starting list, by tenant id. @returns {Record<string, RecommendationState[]>} */
export function defaultRecommendations() {
  return Object.fromEntries(Object.entries(PROFILES).map(([tenantId, profile]) => [tenantId, recommendationsFor(profile)]));
}

/**
 * One tenant's list: the first configuration picked is the one an admin made an exception for.
 * @param {TenantProfile} profile
 * @returns {RecommendationState[]}
 */
function recommendationsFor(profile) {
  const random = seededRandom(profile.seed);
  const configurations = shuffled(CONFIGURATIONS, random).slice(0, profile.configurations);
  const software = shuffled(SOFTWARE, random).slice(0, profile.software);
  const points = shares(configurations.length, profile.pointsAtStake, random);
  const exposure = shares(configurations.length + software.length, profile.exposureAtStake, random);

  const list = configurations.map(([scid, name, category, subCategory, relatedComponent], index) => {
    const total = profile.devices - Math.floor(random() * random() * profile.devices * 0.2);
    const exposed = Math.max(1, Math.round(random() ** 1.5 * total));
    return recommendation({
      id: `sca-_-scid-${scid}`,
      recommendationName: name,
      productName: null,
      vendor: null,
      recommendationCategory: category,
      subCategory,
      remediationType: 'ConfigurationChange',
      status: index === 0 ? 'Exception' : 'Active',
      configScoreImpact: /** @type {number} */ (points[index]),
      exposureImpact: index === 0 ? 0 : /** @type {number} */ (exposure[index]),
      totalMachineCount: total,
      exposedMachinesCount: index === 0 ? total : exposed,
      weaknesses: 0,
      publicExploit: false,
      relatedComponent,
    });
  });
  software.forEach(([vendor, product, name, weaknesses, publicExploit, relatedComponent], index) => {
    const total = Math.max(2, Math.round(profile.devices * (0.15 + random() * 0.7)));
    list.push(
      recommendation({
        id: `va-_-${vendor}-_-${product}`,
        recommendationName: name,
        productName: product,
        vendor,
        recommendationCategory: 'Application',
        subCategory: '',
        remediationType: 'Update',
        status: 'Active',
        configScoreImpact: 0,
        exposureImpact: /** @type {number} */ (exposure[configurations.length + index]),
        totalMachineCount: total,
        exposedMachinesCount: Math.max(1, Math.round(random() * total)),
        weaknesses,
        publicExploit,
        relatedComponent,
      }),
    );
  });
  return list;
}

/**
 * A recommendation with its weights per exposed device, which a regression uses once it has left the list.
 * @param {Omit<RecommendationState, 'perDevice'>} fields
 * @returns {RecommendationState}
 */
export function recommendation(fields) {
  return { ...fields, perDevice: perDevice(fields) };
}

/**
 * Points and exposure each exposed device holds; unchanged by remediating or regressing part of it.
 * @param {Pick<RecommendationState, 'configScoreImpact' | 'exposureImpact' | 'exposedMachinesCount'>} fields
 */
export function perDevice({ configScoreImpact, exposureImpact, exposedMachinesCount }) {
  return { configScoreImpact: configScoreImpact / exposedMachinesCount, exposureImpact: exposureImpact / exposedMachinesCount };
}

/**
 * `count` amounts to two decimals, each above zero, summing to about `total`; a few large, most small, as in a real tenant.
 * @param {number} count
 * @param {number} total
 * @param {() => number} random
 */
function shares(count, total, random) {
  const weights = Array.from({ length: count }, () => 0.05 + random() ** 3);
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((weight) => Math.max(0.01, Math.round((weight / sum) * total * 100) / 100));
}

/**
 * @template T
 * @param {readonly T[]} items
 * @param {() => number} random
 */
function shuffled(items, random) {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = /** @type {[T, T]} */ ([copy[j], copy[i]]);
  }
  return copy;
}

/**
 * mulberry32, seeded with a text's FNV-1a hash: the same text gives the same sequence on every run.
 * @param {string} text
 */
function seededRandom(text) {
  let seed = 0x811c9dc5;
  for (const char of text) seed = Math.imul(seed ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
