// Read a protocol pack from YAML, resolve `extends` against the packs directory (protocols/), merge
// and validate. Errors name the file, the line where the YAML has it, the path and what is wrong.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Document, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { mergePack, type Pack, validatePack } from '../../domain/protocol/pack.ts';

export interface PackFileError {
  file: string;
  line?: number;
  path: string;
  message: string;
}

export type PackFileResult = { ok: true; pack: Pack; sources: string[] } | { ok: false; errors: PackFileError[] };

interface RawPack {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
  value: Record<string, unknown>;
}

async function readRaw(file: string): Promise<RawPack | PackFileError[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return [{ file, path: '(file)', message: code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? 'error'})` }];
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    // One message per line: a single slip often trips several YAML errors at the same place.
    const errors = doc.errors.map((e) => ({ file, line: lines.linePos(e.pos[0]).line, path: '(yaml)', message: e.message.split('\n')[0]! }));
    return errors.filter((e, i) => errors.findIndex((o) => o.line === e.line) === i);
  }
  const value = doc.toJS({ maxAliasCount: 50 }) as unknown;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [{ file, line: 1, path: '(top level)', message: 'a pack must be a YAML mapping of sections' }];
  return { file, doc, lines, value: value as Record<string, unknown> };
}

/**
 * The line of the deepest part of `dotted` that exists in this file, if any: the line of the key
 * itself for a mapping entry ("presumedFromAge:" rather than the value under it), of the item for
 * a list entry.
 */
function lineOf(raw: RawPack, dotted: string): number | undefined {
  const parts = dotted.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const line = (node: unknown): number | undefined => (isNode(node) && node.range ? raw.lines.linePos(node.range[0]).line : undefined);
  for (let n = parts.length; n > 0; n--) {
    const parent = n === 1 ? raw.doc.contents : raw.doc.getIn(parts.slice(0, n - 1), true);
    const last = parts[n - 1]!;
    if (isMap(parent)) {
      const pair = parent.items.find((item) => (isScalar(item.key) ? item.key.value : item.key) === last);
      const found = line(pair?.key) ?? line(pair?.value);
      if (found !== undefined) return found;
    } else if (isSeq(parent) && typeof last === 'number') {
      const found = line(parent.items[last]);
      if (found !== undefined) return found;
    }
  }
  const top = raw.doc.contents;
  return isMap(top) ? undefined : 1;
}

/** Where the pack named `ref` (id@version) lives: protocols/<id>/pack.yaml, checked for the version. */
export function packFileFor(packsDir: string, ref: string): string {
  const id = ref.split('@')[0]!;
  return path.join(packsDir, id, 'pack.yaml');
}

export async function readPackFile(file: string, packsDir: string, seen: string[] = []): Promise<PackFileResult> {
  const raw = await readRaw(file);
  if (Array.isArray(raw)) return { ok: false, errors: raw };
  let merged = raw.value;
  const sources = [file];
  const parentRef = raw.value.extends;
  if (parentRef !== undefined) {
    if (typeof parentRef !== 'string' || !/^[a-z0-9_-]+@[0-9A-Za-z.-]+$/.test(parentRef)) {
      return { ok: false, errors: [{ file, line: lineOf(raw, 'extends'), path: 'extends', message: 'write the parent as id@version, e.g. national-baseline@2026.4' }] };
    }
    if (seen.includes(parentRef))
      return { ok: false, errors: [{ file, line: lineOf(raw, 'extends'), path: 'extends', message: `packs extend each other in a circle: ${[...seen, parentRef].join(' → ')}` }] };
    const parentFile = packFileFor(packsDir, parentRef);
    const parent = await readPackFile(parentFile, packsDir, [...seen, parentRef]);
    if (!parent.ok) {
      return { ok: false, errors: [{ file, line: lineOf(raw, 'extends'), path: 'extends', message: `the parent pack ${parentRef} cannot be used` }, ...parent.errors] };
    }
    const wanted = parentRef.split('@')[1];
    if (parent.pack.version !== wanted) {
      return { ok: false, errors: [{ file, line: lineOf(raw, 'extends'), path: 'extends', message: `${parentFile} is version ${parent.pack.version}, not ${wanted}` }] };
    }
    const { extends: _ignored, ...parentValue } = parent.pack;
    merged = mergePack(parentValue as Record<string, unknown>, raw.value);
    sources.push(...parent.sources);
  }
  const v = validatePack(merged);
  if (!v.ok) return { ok: false, errors: v.errors.map((e) => ({ file, line: lineOf(raw, e.path), path: e.path, message: e.message })) };
  return { ok: true, pack: v.pack, sources };
}

export function formatPackErrors(errors: PackFileError[]): string {
  return errors.map((e) => `${e.file}${e.line ? `:${e.line}` : ''}: ${e.path}: ${e.message}`).join('\n');
}
