// Builds the browser assets into public/ (gitignored):
//   public/stylesheets/application.css   compiled from src/web/assets/application.scss
//   public/javascripts/govuk-frontend.min.js, moj-frontend.min.js (+ source maps)
//   public/assets/images/…               MOJ Frontend's component icons, Concord's icon
//   public/assets/manifest.json          Concord's web app manifest
//   public/asset-manifest.json           logical path → fingerprinted path of every asset a page
//                                        links to (application.<hash>.css …), each with .gz and .br
//                                        beside it, precompressed once here (ADR 0075)
//
// Concord is not a GOV.UK service, so GOV.UK Frontend's images (crown favicons,
// crest, OpenGraph image) and its manifest ("GOV.UK" icons) are deliberately not
// copied; Concord ships its own icon and manifest instead.
//
// Runs before every `npm start` and `npm test`, so it does nothing when every
// output is newer than every input.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import * as sass from 'sass';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...parts: string[]): string => path.join(root, ...parts);

const govukDist = at('node_modules', 'govuk-frontend', 'dist', 'govuk');
const mojDist = at('node_modules', '@ministryofjustice', 'frontend', 'moj');
const scssDir = at('src', 'web', 'assets');
const entry = path.join(scssDir, 'application.scss');

/** MOJ Frontend images that its CSS refers to (icons), not its logos or crest. */
const isMojIcon = (name: string): boolean => name.startsWith('icon-');

const BRAND = '#0b5563';

const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img" aria-label="Concord">
  <rect width="64" height="64" rx="12" fill="${BRAND}"/>
  <path d="M44 22.5a15 15 0 1 0 0 19" fill="none" stroke="#ffffff" stroke-width="7" stroke-linecap="round"/>
</svg>
`;

const MANIFEST = {
  name: 'Concord',
  short_name: 'Concord',
  description: 'Multi-agency information sharing to safeguard children',
  start_url: '/',
  display: 'browser',
  theme_color: BRAND,
  background_color: '#ffffff',
  icons: [{ src: 'images/concord-icon.svg', type: 'image/svg+xml', sizes: 'any', purpose: 'any' }],
};

/** The assets every page links to: served at a fingerprinted name, cached for a year (ADR 0075). */
const FINGERPRINTED = ['/stylesheets/application.css', '/javascripts/govuk-frontend.min.js', '/javascripts/moj-frontend.min.js', '/assets/images/concord-icon.svg', '/assets/manifest.json'];
const ASSET_MANIFEST = at('public', 'asset-manifest.json');
/** A fingerprinted name: `name.<10 hex>.ext`, and its precompressed copies. */
const FINGERPRINT = /\.[0-9a-f]{10}\.(css|js|svg|json)(\.gz|\.br)?$/;

interface Copy {
  from: string;
  to: string;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function mtime(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return undefined;
  }
}

async function plan(): Promise<{ copies: Copy[]; outputs: string[]; inputs: string[] }> {
  const copies: Copy[] = [
    { from: path.join(govukDist, 'govuk-frontend.min.js'), to: at('public', 'javascripts', 'govuk-frontend.min.js') },
    { from: path.join(govukDist, 'govuk-frontend.min.js.map'), to: at('public', 'javascripts', 'govuk-frontend.min.js.map') },
    { from: path.join(mojDist, 'moj-frontend.min.js'), to: at('public', 'javascripts', 'moj-frontend.min.js') },
    { from: path.join(mojDist, 'moj-frontend.min.js.map'), to: at('public', 'javascripts', 'moj-frontend.min.js.map') },
  ];
  const mojImages = path.join(mojDist, 'assets', 'images');
  for (const name of (await readdir(mojImages)).filter(isMojIcon).sort()) {
    copies.push({ from: path.join(mojImages, name), to: at('public', 'assets', 'images', name) });
  }

  const css = at('public', 'stylesheets', 'application.css');
  const generated = [at('public', 'assets', 'images', 'concord-icon.svg'), at('public', 'assets', 'manifest.json')];
  const outputs = [css, ...generated, ...copies.map((c) => c.to), ASSET_MANIFEST];
  const inputs = [
    fileURLToPath(import.meta.url),
    ...(await listFiles(scssDir)).filter((f) => f.endsWith('.scss')),
    at('node_modules', 'govuk-frontend', 'package.json'),
    at('node_modules', '@ministryofjustice', 'frontend', 'package.json'),
    at('node_modules', 'sass', 'package.json'),
    ...copies.map((c) => c.from),
  ];
  return { copies, outputs, inputs };
}

async function upToDate(inputs: string[], outputs: string[]): Promise<boolean> {
  let newestInput = 0;
  for (const file of inputs) {
    const t = await mtime(file);
    if (t === undefined) throw new Error(`build-assets: missing input ${path.relative(root, file)} (run npm ci?)`);
    newestInput = Math.max(newestInput, t);
  }
  for (const file of outputs) {
    const t = await mtime(file);
    if (t === undefined || t <= newestInput) return false;
  }
  return true;
}

/** True when a Sass warning comes from a package rather than from our own Sass. */
function fromDependency(options: { span?: sass.SourceSpan; stack?: string }): boolean {
  const url = options.span?.url?.pathname ?? '';
  if (url.includes('/node_modules/')) return true;
  const firstFrame = options.stack?.trimStart().split('\n')[0] ?? '';
  return firstFrame.startsWith('node_modules/') || firstFrame.includes('/node_modules/');
}

function compileCss(): { css: string; silenced: number } {
  let silenced = 0;
  const result = sass.compile(entry, {
    style: 'compressed',
    // `@use "node_modules/…"` (what MOJ Frontend itself does) resolves from the
    // project root; `@use "pkg:govuk-frontend"` resolves through package.json.
    loadPaths: [root, at('node_modules')],
    importers: [new sass.NodePackageImporter(root)],
    quietDeps: true,
    logger: {
      warn(message, options) {
        if (fromDependency(options)) {
          silenced += 1;
          return;
        }
        const where = options.span ? ` (${options.span.url?.pathname ?? ''}:${options.span.start.line + 1})` : '';
        process.stderr.write(`build-assets: Sass warning${where}: ${message}\n`);
      },
      debug(message) {
        process.stderr.write(`build-assets: Sass debug: ${message}\n`);
      },
    },
  });
  return { css: result.css, silenced };
}

async function write(file: string, contents: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, contents);
}

/** Write each page asset under a name carrying its content's hash, with gzip and brotli copies
 *  beside it (served by Accept-Encoding), and the manifest the layout reads the names from. */
async function fingerprint(): Promise<{ raw: number; br: number }> {
  const manifest: Record<string, string> = {};
  let raw = 0;
  let br = 0;
  for (const logical of FINGERPRINTED) {
    const file = at('public', ...logical.split('/').filter(Boolean));
    const dir = path.dirname(file);
    const ext = path.extname(file);
    const base = path.basename(file, ext);
    for (const old of await readdir(dir)) {
      if (old.startsWith(`${base}.`) && FINGERPRINT.test(old)) await rm(path.join(dir, old));
    }
    const content = await readFile(file);
    const name = `${base}.${createHash('sha256').update(content).digest('hex').slice(0, 10)}${ext}`;
    const brotli = brotliCompressSync(content, { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: content.length } });
    await writeFile(path.join(dir, name), content);
    await writeFile(path.join(dir, `${name}.gz`), gzipSync(content, { level: 9 }));
    await writeFile(path.join(dir, `${name}.br`), brotli);
    manifest[logical] = `${path.posix.dirname(logical)}/${name}`;
    raw += content.length;
    br += brotli.length;
  }
  await write(ASSET_MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  return { raw, br };
}

async function main(): Promise<void> {
  const started = performance.now();
  const { copies, outputs, inputs } = await plan();
  if (await upToDate(inputs, outputs)) {
    console.log('build-assets: public/ is up to date');
    return;
  }

  const { css, silenced } = compileCss();
  await write(at('public', 'stylesheets', 'application.css'), `${css}\n`);
  for (const { from, to } of copies) {
    await mkdir(path.dirname(to), { recursive: true });
    await copyFile(from, to);
  }
  await write(at('public', 'assets', 'images', 'concord-icon.svg'), ICON_SVG);
  await write(at('public', 'assets', 'manifest.json'), `${JSON.stringify(MANIFEST, null, 2)}\n`);
  const sizes = await fingerprint();

  const ms = Math.round(performance.now() - started);
  const kb = Math.round(Buffer.byteLength(css) / 1024);
  const quiet = silenced > 0 ? `, ${silenced} dependency warning${silenced === 1 ? '' : 's'} silenced` : '';
  const pages = `page assets ${Math.round(sizes.raw / 1024)} KB, ${Math.round(sizes.br / 1024)} KB with brotli`;
  console.log(`build-assets: built public/ (application.css ${kb} KB, ${pages}, ${copies.length} files copied${quiet}) in ${ms} ms`);
}

await main();
