/**
 * Builds the Microsoft Teams app package for the bot: `npm run teams:package`.
 *
 * 1. Reads configuration from the environment, and from `.env` in the repo root if present (the environment wins),
 *    and the deployment settings file named by DEPLOYMENT_SETTINGS (server/deployment.ts: the Teams app names,
 *    developer name and brand colour; the file wins over the variables).
 * 2. Fills in appPackage/manifest.template.json ({{NAME}} placeholders) and writes appPackage/build/manifest.json.
 * 3. Validates the manifest against Microsoft's published JSON schema for its manifestVersion (shipped in the
 *    @microsoft/app-manifest npm package) and checks the icons (color.png 192×192, outline.png 32×32 white on
 *    transparent).
 * 4. Writes a language file for each language with content besides English (dialogs/content/<language>.json, its
 *    `teams` words: cy.json for Welsh), named in the manifest's localizationInfo and validated against Microsoft's
 *    localization schema, so Teams shows the app's name, description and commands in the user's language.
 * 5. Writes appPackage/build/cyber-triage-teams.zip with manifest.json, the language files, color.png and
 *    outline.png at its root: the file to upload to Teams.
 *
 * Exits non-zero with a clear message if MicrosoftAppId is missing or anything fails validation.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { contentFor, fill, SUPPORTED_LANGUAGES } from '../dialogs/content';
import { contactFacts } from '../dialogs/facts';
import { DeploymentSettingsError, resolveDeploymentSettings } from '../server/deployment';
import { STATEMENT_PATHS, TERMS_SECTION_ID } from '../web/statements';

export const REPO_ROOT = resolve(__dirname, '..');
export const APP_PACKAGE_DIR = join(REPO_ROOT, 'appPackage');
export const TEMPLATE_PATH = join(APP_PACKAGE_DIR, 'manifest.template.json');
export const DEFAULT_OUT_DIR = join(APP_PACKAGE_DIR, 'build');
export const ZIP_NAME = 'cyber-triage-teams.zip';
export const DEFAULT_PUBLIC_BASE_URL = 'https://example.police.uk';
export const DEFAULT_DEVELOPER_NAME = 'Police force (replace me)';
export const DEFAULT_SHORT_NAME = 'Cyber triage';
export const DEFAULT_FULL_NAME = 'Cyber incident triage (police)';
export const DEFAULT_ACCENT_COLOR = '#1d3b6f';

/** The icons in the package, with the pixel size Teams requires. */
export const ICONS = [
  { file: 'color.png', size: 192 },
  { file: 'outline.png', size: 32 },
] as const;

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

export class TeamsPackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TeamsPackageError';
  }
}

export type Env = Record<string, string | undefined>;

/** The values substituted into the template's {{NAME}} placeholders. */
export interface TeamsConfig {
  APP_VERSION: string;
  MicrosoftAppId: string;
  TEAMS_APP_ID: string;
  PUBLIC_BASE_URL: string;
  TEAMS_DEVELOPER_NAME: string;
  /** The app's names in Teams: teams.shortName / teams.fullName in the settings file, or TEAMS_APP_SHORT_NAME / TEAMS_APP_FULL_NAME. */
  TEAMS_APP_SHORT_NAME: string;
  TEAMS_APP_FULL_NAME: string;
  /** The app's accent colour in Teams: the deployment's brand colour. */
  TEAMS_ACCENT_COLOR: string;
  TEAMS_WEBSITE_URL: string;
  TEAMS_PRIVACY_URL: string;
  TEAMS_TERMS_URL: string;
  VALID_DOMAINS: string[];
  /** The app's description and commands in English, from dialogs/content/en.json (`teams`). */
  TEAMS_DESCRIPTION_SHORT: string;
  TEAMS_DESCRIPTION_FULL: string;
  TEAMS_COMMAND_START_AGAIN: string;
  TEAMS_COMMAND_START_AGAIN_DESCRIPTION: string;
  TEAMS_COMMAND_HELP: string;
  TEAMS_COMMAND_HELP_DESCRIPTION: string;
  /** localizationInfo.additionalLanguages: one language file per language with content besides English. */
  LANGUAGE_FILES: LanguageFile[];
  /** Whether the app's names are the defaults (then each language file has its own language's names). */
  defaultNames: boolean;
  /** Settings still at their placeholder defaults: a force must set them before publishing. */
  placeholders: string[];
}

export interface LanguageFile {
  languageTag: string;
  file: string;
}

/** The manifest's words in one language, from that language's content file (`teams`), numbers from data/. */
export function teamsWords(language: string) {
  const words = contentFor(language).teams;
  const facts = contactFacts(contentFor(language));
  return { ...words, descriptionFull: fill(words.descriptionFull, facts) };
}

/** Every language with a content file besides English, as the manifest names its language file. */
export function languageFiles(): LanguageFile[] {
  return SUPPORTED_LANGUAGES.filter((language) => language !== 'en').map((language) => ({
    languageTag: contentFor(language).locale.toLowerCase(),
    file: `${language}.json`,
  }));
}

/** Parses simple KEY=VALUE lines (optionally `export KEY=VALUE`, quoted values, # comments). */
export function parseDotEnv(text: string): Env {
  const env: Env = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2];
    const quoted = /^(['"])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2];
    else value = value.replace(/\s+#.*$/, '').trim();
    env[match[1]] = value;
  }
  return env;
}

/** The environment with `.env` (if the file exists) underneath it: a variable set in the environment wins. */
export function loadEnv(dotEnvPath: string = join(REPO_ROOT, '.env'), env: Env = process.env): Env {
  const fromFile = existsSync(dotEnvPath) ? parseDotEnv(readFileSync(dotEnvPath, 'utf8')) : {};
  const merged: Env = { ...fromFile };
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') merged[key] = value;
  }
  return merged;
}

function setting(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function httpsUrl(name: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TeamsPackageError(`${name} must be an https URL; got "${value}".`);
  }
  if (url.protocol !== 'https:') throw new TeamsPackageError(`${name} must be an https URL; got "${value}".`);
  return url;
}

function readPackageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version?: string };
  if (!pkg.version) throw new TeamsPackageError('package.json has no "version".');
  return pkg.version;
}

/** Works out the manifest settings from the environment; throws TeamsPackageError on a missing or bad value. */
export function resolveConfig(env: Env, version: string = readPackageVersion()): TeamsConfig {
  const placeholders: string[] = [];

  const appId = setting(env, 'MicrosoftAppId');
  if (!appId) {
    throw new TeamsPackageError(
      'MicrosoftAppId is not set. Set it in .env (or the environment) to the Microsoft App ID of the Azure Bot ' +
        "resource (the app registration's or managed identity's client id, a GUID), then run npm run teams:package again.",
    );
  }
  if (!GUID.test(appId)) {
    throw new TeamsPackageError(`MicrosoftAppId must be a GUID like 00000000-0000-0000-0000-000000000000; got "${appId}".`);
  }

  const teamsAppId = setting(env, 'TEAMS_APP_ID') ?? appId;
  if (!GUID.test(teamsAppId)) {
    throw new TeamsPackageError(`TEAMS_APP_ID must be a GUID; got "${teamsAppId}". Leave it unset to use MicrosoftAppId.`);
  }

  const baseSetting = setting(env, 'PUBLIC_BASE_URL');
  if (!baseSetting) placeholders.push('PUBLIC_BASE_URL');
  const base = httpsUrl('PUBLIC_BASE_URL', baseSetting ?? DEFAULT_PUBLIC_BASE_URL);
  const baseUrl = base.href.replace(/\/+$/, '');

  const url = (name: string, path: string): string => {
    const value = setting(env, name);
    if (!value && !baseSetting) placeholders.push(name);
    return httpsUrl(name, value ?? `${baseUrl}${path}`).href;
  };

  const developerSetting = setting(env, 'TEAMS_DEVELOPER_NAME');
  if (developerSetting && developerSetting.length > 32) {
    throw new TeamsPackageError(`TEAMS_DEVELOPER_NAME can be at most 32 characters; "${developerSetting}" has ${developerSetting.length}.`);
  }
  let deployment;
  try {
    deployment = resolveDeploymentSettings(env);
  } catch (error) {
    if (error instanceof DeploymentSettingsError) throw new TeamsPackageError(error.message);
    throw error;
  }
  const developerName = deployment.teams.developerName;
  if (!developerName) placeholders.push('TEAMS_DEVELOPER_NAME');

  const domains = (setting(env, 'VALID_DOMAINS') ?? base.host)
    .split(',')
    .map((domain) => domain.trim())
    .filter(Boolean);
  for (const domain of domains) {
    if (/[/:\s]/.test(domain.replace(/:\d+$/, ''))) {
      throw new TeamsPackageError(`VALID_DOMAINS must be host names separated by commas (no https:// or paths); got "${domain}".`);
    }
  }

  const english = teamsWords('en');
  return {
    APP_VERSION: version,
    MicrosoftAppId: appId,
    TEAMS_APP_ID: teamsAppId,
    PUBLIC_BASE_URL: baseUrl,
    TEAMS_DEVELOPER_NAME: developerName ?? DEFAULT_DEVELOPER_NAME,
    TEAMS_APP_SHORT_NAME: deployment.teams.shortName ?? DEFAULT_SHORT_NAME,
    TEAMS_APP_FULL_NAME: deployment.teams.fullName ?? DEFAULT_FULL_NAME,
    TEAMS_DESCRIPTION_SHORT: english.descriptionShort,
    TEAMS_DESCRIPTION_FULL: english.descriptionFull,
    TEAMS_COMMAND_START_AGAIN: english.commandStartAgain,
    TEAMS_COMMAND_START_AGAIN_DESCRIPTION: english.commandStartAgainDescription,
    TEAMS_COMMAND_HELP: english.commandHelp,
    TEAMS_COMMAND_HELP_DESCRIPTION: english.commandHelpDescription,
    LANGUAGE_FILES: languageFiles(),
    defaultNames: !deployment.teams.shortName && !deployment.teams.fullName,
    TEAMS_ACCENT_COLOR: deployment.brandColour ?? DEFAULT_ACCENT_COLOR,
    TEAMS_WEBSITE_URL: url('TEAMS_WEBSITE_URL', '/'),
    // The service's own statements (web/statements.ts): the privacy statement, whose last section is its terms of use.
    TEAMS_PRIVACY_URL: url('TEAMS_PRIVACY_URL', STATEMENT_PATHS.privacy),
    TEAMS_TERMS_URL: url('TEAMS_TERMS_URL', `${STATEMENT_PATHS.privacy}#${TERMS_SECTION_ID}`),
    VALID_DOMAINS: [...new Set(domains)],
    placeholders,
  };
}

const PLACEHOLDER = /\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g;

/**
 * Replaces {{NAME}} placeholders in every string of the template. A list setting (VALID_DOMAINS) may only stand
 * alone as an array item, which is replaced by all of its values.
 */
export function fillTemplate(template: unknown, config: TeamsConfig): unknown {
  const values = config as unknown as Record<string, string | unknown[]>;
  const lookup = (name: string): string | unknown[] => {
    const value = values[name];
    if (value === undefined || name === 'placeholders' || typeof value === 'boolean') {
      throw new TeamsPackageError(`manifest.template.json uses an unknown placeholder {{${name}}}.`);
    }
    return value;
  };
  const fillString = (text: string): string =>
    text.replace(PLACEHOLDER, (_, name: string) => {
      const value = lookup(name);
      if (Array.isArray(value)) {
        throw new TeamsPackageError(`{{${name}}} is a list: use it alone as an array item in manifest.template.json.`);
      }
      return value;
    });
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return fillString(node);
    if (Array.isArray(node)) {
      return node.flatMap((item) => {
        const whole = typeof item === 'string' ? /^\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}$/.exec(item) : null;
        if (whole) {
          const value = lookup(whole[1]);
          if (Array.isArray(value)) return value;
        }
        return [walk(item)];
      });
    }
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, walk(value)]));
    }
    return node;
  };
  return walk(template);
}

export interface TeamsManifest {
  $schema: string;
  manifestVersion: string;
  localizationInfo?: { defaultLanguageTag: string; additionalLanguages?: LanguageFile[] };
  version: string;
  id: string;
  bots: Array<{ botId: string; scopes: string[]; commandLists?: Array<{ scopes: string[]; commands: Array<{ title: string; description?: string }> }> }>;
  validDomains?: string[];
  icons: { color: string; outline: string };
  [key: string]: unknown;
}

export function buildManifest(config: TeamsConfig, templatePath: string = TEMPLATE_PATH): TeamsManifest {
  const template = JSON.parse(readFileSync(templatePath, 'utf8')) as unknown;
  return fillTemplate(template, config) as TeamsManifest;
}

/** Path of Microsoft's schema for a manifest version, as shipped in the @microsoft/app-manifest package. */
export function schemaPath(manifestVersion: string): string {
  if (!/^(\d+\.\d+|devPreview)$/.test(manifestVersion)) {
    throw new TeamsPackageError(`manifestVersion "${manifestVersion}" is not a Teams manifest version.`);
  }
  const folder = manifestVersion === 'devPreview' ? 'vDevPreview' : `v${manifestVersion}`;
  const path = join(
    dirname(require.resolve('@microsoft/app-manifest/package.json')),
    'build',
    'json-schemas',
    'teams',
    folder,
    'MicrosoftTeams.schema.json',
  );
  if (!existsSync(path)) {
    throw new TeamsPackageError(`No schema for manifestVersion ${manifestVersion} in @microsoft/app-manifest (looked for ${path}).`);
  }
  return path;
}

export function loadSchema(manifestVersion: string): Record<string, unknown> {
  return JSON.parse(readFileSync(schemaPath(manifestVersion), 'utf8')) as Record<string, unknown>;
}

const validators = new Map<string, ValidateFunction>();

/** A compiled validator for Microsoft's schema of a manifest version (compiling the schema takes a second). */
export function schemaValidator(manifestVersion: string): ValidateFunction {
  let validate = validators.get(manifestVersion);
  if (!validate) {
    // The Teams schemas are draft-04. strict: false tolerates their descriptive extras.
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    validate = ajv.compile(loadSchema(manifestVersion));
    validators.set(manifestVersion, validate);
  }
  return validate;
}

/** Problems with the manifest: schema errors plus checks the schema can't express. Empty when it's valid. */
export function validateManifest(manifest: TeamsManifest): string[] {
  const validate = schemaValidator(manifest.manifestVersion);
  const problems: string[] = [];
  if (!validate(manifest)) {
    for (const error of validate.errors ?? []) {
      problems.push(`${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}${error.params ? ` ${JSON.stringify(error.params)}` : ''}`);
    }
  }
  const expectedSchema = `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`;
  if (manifest.$schema !== expectedSchema) {
    problems.push(`$schema should be ${expectedSchema} to match manifestVersion ${manifest.manifestVersion}.`);
  }
  if (!/^\d+\.\d+\.\d+$/.test(manifest.version)) {
    problems.push(`version "${manifest.version}" must be MAJOR.MINOR.PATCH (from package.json).`);
  }
  return problems;
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(data: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (data.length < 24 || !data.subarray(0, 8).equals(signature) || data.toString('latin1', 12, 16) !== 'IHDR') {
    throw new TeamsPackageError('not a PNG file');
  }
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/** Number of pixels in an outline icon that are neither white nor fully transparent. */
export function nonWhitePixels(data: Buffer): number {
  const png = PNG.sync.read(data);
  let count = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b, a] = [png.data[i], png.data[i + 1], png.data[i + 2], png.data[i + 3]];
    if (a !== 0 && (r !== 255 || g !== 255 || b !== 255)) count += 1;
  }
  return count;
}

/** Problems with the icons in a directory. Empty when they're right. */
export function checkIcons(iconDir: string = APP_PACKAGE_DIR): string[] {
  const problems: string[] = [];
  for (const { file, size } of ICONS) {
    const path = join(iconDir, file);
    if (!existsSync(path)) {
      problems.push(`${file} is missing from ${iconDir} (regenerate with npx tsx scripts/make-teams-icons.ts).`);
      continue;
    }
    const data = readFileSync(path);
    try {
      const { width, height } = pngSize(data);
      if (width !== size || height !== size) problems.push(`${file} is ${width}×${height}; Teams needs ${size}×${size}.`);
    } catch {
      problems.push(`${file} is not a PNG file.`);
      continue;
    }
    if (file === 'outline.png') {
      const bad = nonWhitePixels(data);
      if (bad > 0) problems.push(`outline.png has ${bad} pixels that are not white or fully transparent.`);
    }
  }
  return problems;
}

export interface BuildOptions {
  /** Settings (MicrosoftAppId, PUBLIC_BASE_URL, ...). Default: the environment over .env. */
  env?: Env;
  /** Where manifest.json and the zip go. Default: appPackage/build. */
  outDir?: string;
  templatePath?: string;
  iconDir?: string;
  version?: string;
}

export interface BuildResult {
  manifest: TeamsManifest;
  manifestPath: string;
  /** The language files written beside the manifest, by file name ("cy.json"). */
  languageFiles: Record<string, Record<string, string>>;
  zipPath: string;
  placeholders: string[];
}

/**
 * A language file (Microsoft's localization schema): the app's names, description and its command menu in one
 * language. The names are that language's defaults unless the deployment set its own (a name, not translated).
 */
export function buildLanguageFile(language: string, config: TeamsConfig, manifest: TeamsManifest): Record<string, string> {
  const words = teamsWords(language);
  const file: Record<string, string> = {
    $schema: `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.Localization.schema.json`,
    'name.short': config.defaultNames ? words.shortName : config.TEAMS_APP_SHORT_NAME,
    'name.full': config.defaultNames ? words.fullName : config.TEAMS_APP_FULL_NAME,
    'description.short': words.descriptionShort,
    'description.full': words.descriptionFull,
  };
  (manifest.bots[0].commandLists ?? []).forEach((_list, index) => {
    file[`bots[0].commandLists[${index}].commands[0].title`] = words.commandStartAgain;
    file[`bots[0].commandLists[${index}].commands[0].description`] = words.commandStartAgainDescription;
    file[`bots[0].commandLists[${index}].commands[1].title`] = words.commandHelp;
    file[`bots[0].commandLists[${index}].commands[1].description`] = words.commandHelpDescription;
  });
  return file;
}

/** Path of Microsoft's localization schema for a manifest version, shipped in @microsoft/app-manifest. */
export function localizationSchemaPath(manifestVersion: string): string {
  return schemaPath(manifestVersion).replace(/MicrosoftTeams\.schema\.json$/, 'MicrosoftTeams.Localization.schema.json');
}

const localizationValidators = new Map<string, ValidateFunction>();

/** Problems with a language file against Microsoft's localization schema. Empty when it's valid. */
export function validateLanguageFile(file: Record<string, unknown>, manifestVersion: string): string[] {
  let validate = localizationValidators.get(manifestVersion);
  if (!validate) {
    // unicodeRegExp: false: some of the schema's key patterns ("…\\b]\\.description$") are valid JavaScript
    // regular expressions only without the u flag, as Microsoft's own tools compile them.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(localizationSchemaPath(manifestVersion), 'utf8')) as Record<string, unknown>);
    localizationValidators.set(manifestVersion, validate);
  }
  if (validate(file)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}${error.params ? ` ${JSON.stringify(error.params)}` : ''}`);
}

export async function buildTeamsPackage(options: BuildOptions = {}): Promise<BuildResult> {
  const config = resolveConfig(options.env ?? loadEnv(), options.version);
  const manifest = buildManifest(config, options.templatePath);
  const iconDir = options.iconDir ?? APP_PACKAGE_DIR;

  const languageFileContents: Record<string, Record<string, string>> = {};
  for (const { file } of manifest.localizationInfo?.additionalLanguages ?? []) {
    languageFileContents[file] = buildLanguageFile(file.replace(/\.json$/, ''), config, manifest);
  }
  const problems = [
    ...validateManifest(manifest),
    ...Object.entries(languageFileContents).flatMap(([file, content]) => validateLanguageFile(content, manifest.manifestVersion).map((problem) => `${file}: ${problem}`)),
    ...checkIcons(iconDir),
  ];
  if (problems.length > 0) {
    throw new TeamsPackageError(`The Teams app package is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }

  const outDir = options.outDir ?? DEFAULT_OUT_DIR;
  mkdirSync(outDir, { recursive: true });
  const manifestJson = `${JSON.stringify(manifest, null, 2)}\n`;
  const manifestPath = join(outDir, 'manifest.json');
  writeFileSync(manifestPath, manifestJson);

  const zip = new JSZip();
  // A fixed date keeps the zip the same from one build to the next for the same inputs.
  const date = new Date(Date.UTC(2020, 0, 1));
  zip.file('manifest.json', manifestJson, { date });
  for (const [file, content] of Object.entries(languageFileContents)) {
    const json = `${JSON.stringify(content, null, 2)}\n`;
    writeFileSync(join(outDir, file), json);
    zip.file(file, json, { date });
  }
  for (const { file } of ICONS) zip.file(file, readFileSync(join(iconDir, file)), { date });
  const zipPath = join(outDir, ZIP_NAME);
  writeFileSync(zipPath, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'DOS' }));

  return { manifest, manifestPath, languageFiles: languageFileContents, zipPath, placeholders: config.placeholders };
}

async function main(): Promise<void> {
  try {
    const result = await buildTeamsPackage();
    console.log(`Teams manifest (manifestVersion ${result.manifest.manifestVersion}) is valid: ${result.manifestPath}`);
    console.log(`Teams app package: ${result.zipPath}`);
    console.log(`  app id ${result.manifest.id}, bot id ${result.manifest.bots[0].botId}`);
    console.log(`  valid domains: ${(result.manifest.validDomains ?? []).join(', ')}`);
    if (result.placeholders.length > 0) {
      console.warn(
        `Warning: still using placeholder values for ${result.placeholders.join(', ')}. ` +
          "Set them to your force's details before sharing this package beyond testing.",
      );
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`teams:package failed: ${message}`);
    process.exitCode = 1;
  }
}

if (require.main === module) {
  void main();
}
