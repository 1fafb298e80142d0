import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  AdminUnitsFileError,
  kindKey,
  parseNewToOldFile,
  parseOldToNewFile,
  parseUnitsFile,
  type SourceKinds,
  type SourceOldProvince,
  type SourceOldUnit,
  type SourceProvince,
} from './admin-units-json.js';
import {
  COUNTRY_CODE,
  REFORM_2025_EFFECTIVE_FROM,
  vietnamRoot,
  type JurisdictionUnit,
  type OldUnitLevel,
  type OldUnitMapping,
} from './domain/jurisdiction-unit.js';

export { AdminUnitsFileError };

export const OLD_TO_NEW_FILE = 'mapping_2025_old_to_new.json';
export const NEW_TO_OLD_FILE = 'mapping_2025_new_to_old.json';
const UNITS_FILE = /^vn_units_.+\.json$/;

export interface AdminUnitsData {
  units: JurisdictionUnit[];
  mappings: OldUnitMapping[];
  /** Disagreements between the files that were resolved or skipped; show them to whoever imports. */
  warnings: string[];
  files: { units: string; oldToNew: string; newToOld: string };
}

export interface JsonSource {
  file: string;
  json: unknown;
}

/** `<repo>/../shared/data/admin-units`, where the data lives beside the repository. */
export function defaultAdminUnitsDir(repoRoot: string): string {
  return path.resolve(repoRoot, '..', 'shared', 'data', 'admin-units');
}

/** Reads vn_units_*.json (the newest by name), the old→new and the new→old mapping from `dir`. */
export async function readAdminUnits(dir: string): Promise<AdminUnitsData> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw new Error(`Administrative-unit data directory not found or unreadable: ${dir}`);
  }
  const unitsName = names
    .filter((n) => UNITS_FILE.test(n))
    .sort()
    .at(-1);
  if (!unitsName) throw new Error(`${dir}: no vn_units_*.json file (expected it beside ${OLD_TO_NEW_FILE})`);
  const [units, oldToNew, newToOld] = await Promise.all(
    [unitsName, OLD_TO_NEW_FILE, NEW_TO_OLD_FILE].map((name) => readJson(path.join(dir, name))),
  );
  return mapAdminUnits({ units: units!, oldToNew: oldToNew!, newToOld: newToOld! });
}

async function readJson(file: string): Promise<JsonSource> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
  try {
    return { file, json: JSON.parse(text) };
  } catch (error) {
    throw new AdminUnitsFileError(file, '', `not valid JSON (${(error as Error).message})`);
  }
}

/** Validates the three parsed files and turns them into units and mappings for one tree. */
export function mapAdminUnits(sources: { units: JsonSource; oldToNew: JsonSource; newToOld: JsonSource }): AdminUnitsData {
  const provinces = parseUnitsFile(sources.units.file, sources.units.json);
  const units = toUnits(sources.units.file, provinces);
  const oldProvinces = parseOldToNewFile(sources.oldToNew.file, sources.oldToNew.json);
  const kinds = parseNewToOldFile(sources.newToOld.file, sources.newToOld.json);
  const { mappings, warnings } = new MappingBuilder(units, kinds, sources).build(oldProvinces);
  return {
    units,
    mappings,
    warnings,
    files: { units: sources.units.file, oldToNew: sources.oldToNew.file, newToOld: sources.newToOld.file },
  };
}

function toUnits(file: string, provinces: SourceProvince[]): JurisdictionUnit[] {
  const from = REFORM_2025_EFFECTIVE_FROM;
  const units: JurisdictionUnit[] = [vietnamRoot(from)];
  const seen = new Set<string>();
  for (const p of provinces) {
    if (seen.has(p.Code)) throw new AdminUnitsFileError(file, p.at, `province ${p.Code} is listed twice`, { ...p, Wards: [] });
    seen.add(p.Code);
    units.push({
      code: p.Code,
      level: 'province',
      name: p.Name,
      nameEn: p.NameEn,
      fullName: p.FullName,
      parentCode: COUNTRY_CODE,
      validFrom: from,
      validTo: null,
    });
    for (const w of p.Wards) {
      if (w.ProvinceCode !== p.Code)
        throw new AdminUnitsFileError(file, w.at, `ProvinceCode ${w.ProvinceCode} differs from the enclosing province ${p.Code}`, w);
      if (seen.has(w.Code)) throw new AdminUnitsFileError(file, w.at, `commune ${w.Code} is listed twice`, w);
      seen.add(w.Code);
      units.push({
        code: w.Code,
        level: 'commune',
        name: w.Name,
        nameEn: w.NameEn,
        fullName: w.FullName,
        parentCode: p.Code,
        validFrom: from,
        validTo: null,
      });
    }
  }
  return units;
}

/** A resolved current unit, and the id the source files used for it (to look up its kind). */
interface Target {
  code: string;
  rawId: string;
}

/**
 * Turns old→new entries into mappings. Kind: `partial` when new→old marks the pair partial or the
 * old unit went to more than one unit; otherwise `full`. A target code missing from the units file
 * is matched by full name within the old unit's new province(s), or skipped; both are reported.
 */
class MappingBuilder {
  private readonly byCode: Map<string, JurisdictionUnit>;
  private readonly byProvinceAndName = new Map<string, string[]>();
  private readonly mappings: OldUnitMapping[] = [];
  private readonly warnings: string[] = [];
  private readonly resolved = new Map<string, { to: string | null; entries: string[]; name: string; provinces: string[] }>();
  private readonly seenPairs = new Set<string>();
  private readonly conflicts: string[] = [];
  private readonly crossProvince: string[] = [];

  constructor(
    units: JurisdictionUnit[],
    private readonly kinds: SourceKinds,
    private readonly sources: { units: JsonSource; oldToNew: JsonSource; newToOld: JsonSource },
  ) {
    this.byCode = new Map(units.map((u) => [u.code, u]));
    for (const u of units) {
      if (u.level !== 'commune') continue;
      const key = `${u.parentCode}|${nameKey(u.fullName)}`;
      this.byProvinceAndName.set(key, [...(this.byProvinceAndName.get(key) ?? []), u.code]);
    }
  }

  build(oldProvinces: SourceOldProvince[]): { mappings: OldUnitMapping[]; warnings: string[] } {
    const file = this.sources.oldToNew.file;
    const seenOld = new Set<string>();
    for (const province of oldProvinces) {
      const newProvinces = province.splits.map((s) => s.newId);
      for (const code of newProvinces) {
        if (this.byCode.get(code)?.level !== 'province') {
          throw new AdminUnitsFileError(file, province.at, `new province ${code} is not in ${path.basename(this.sources.units.file)}`, {
            ...province,
            communes: [],
            districts: [],
          });
        }
      }
      const oldUnits: Array<[SourceOldUnit, OldUnitLevel]> = [
        [province, 'province'],
        ...province.districts.map((d): [SourceOldUnit, OldUnitLevel] => [d, 'district']),
        ...province.communes.map((c): [SourceOldUnit, OldUnitLevel] => [c, 'commune']),
      ];
      for (const [unit, level] of oldUnits) {
        if (seenOld.has(unit.id)) throw new AdminUnitsFileError(file, unit.at, `old ${level} ${unit.id} is listed twice`, unit);
        seenOld.add(unit.id);
        const targets =
          level === 'province' ? newProvinces.map((code) => ({ code, rawId: code })) : this.resolveTargets(unit, newProvinces);
        this.add(unit, level, level === 'province' ? null : province.id, targets, newProvinces);
      }
    }
    this.report();
    return { mappings: this.mappings, warnings: this.warnings };
  }

  private resolveTargets(unit: SourceOldUnit, newProvinces: string[]): Target[] {
    const targets: Target[] = [];
    for (const split of unit.splits) {
      let code: string | null = split.newId;
      if (!this.byCode.has(code)) {
        const known = this.resolved.get(split.newId);
        if (known) {
          code = known.to;
          known.entries.push(unit.at);
        } else {
          const matches = newProvinces.flatMap((p) => this.byProvinceAndName.get(`${p}|${nameKey(split.name)}`) ?? []);
          code = matches.length === 1 ? matches[0]! : null;
          this.resolved.set(split.newId, { to: code, entries: [unit.at], name: split.name, provinces: newProvinces });
        }
      }
      if (code !== null && !targets.some((t) => t.code === code)) targets.push({ code, rawId: split.newId });
    }
    return targets;
  }

  private add(unit: SourceOldUnit, level: OldUnitLevel, oldProvinceCode: string | null, list: Target[], newProvinces: string[]): void {
    // Split counts from the source, so a piece skipped as unresolvable does not make the rest look whole.
    const spread = list.length > 1 || new Set(unit.splits.map((s) => s.newId)).size > 1;
    for (const { code, rawId } of list) {
      const marked = this.kinds.get(kindKey(unit.id, rawId));
      this.seenPairs.add(kindKey(unit.id, rawId));
      if (marked === 'full' && spread) this.conflicts.push(`${unit.at} (${unit.id}→${rawId})`);
      const kind = marked === 'partial' || spread ? 'partial' : 'full';
      const target = this.byCode.get(code)!;
      const province = target.level === 'province' ? code : target.parentCode!;
      if (!newProvinces.includes(province))
        this.crossProvince.push(
          `${unit.at}: old ${level} ${unit.id} "${unit.name}" → ${code} in province ${province}, not ${newProvinces.join('/')}`,
        );
      this.mappings.push({
        oldCode: unit.id,
        oldLevel: level,
        oldName: unit.name,
        oldProvinceCode,
        newCode: code,
        kind,
        effectiveFrom: REFORM_2025_EFFECTIVE_FROM,
      });
    }
  }

  private report(): void {
    const oldToNew = path.basename(this.sources.oldToNew.file);
    const newToOld = path.basename(this.sources.newToOld.file);
    const unitsFile = path.basename(this.sources.units.file);
    for (const [rawId, r] of this.resolved) {
      const where = `${oldToNew}: new unit ${rawId} "${r.name}" (${r.entries.length} entr${r.entries.length === 1 ? 'y' : 'ies'}, first ${r.entries[0]}) is not in ${unitsFile}`;
      if (r.to)
        this.warnings.push(
          `${where}; matched by name in province ${r.provinces.join('/')} to ${r.to} "${this.byCode.get(r.to)!.fullName}"`,
        );
      else this.warnings.push(`${where}; no unique unit of that name in province ${r.provinces.join('/')}, so these pieces were skipped`);
    }
    for (const line of this.crossProvince) this.warnings.push(`${oldToNew}: ${line}`);
    if (this.conflicts.length > 0) {
      this.warnings.push(
        `${newToOld} marks ${this.conflicts.length} piece(s) "full" although the old unit went to several units; taken as partial: ${sample(this.conflicts)}`,
      );
    }
    const missing = [...this.seenPairs].filter((pair) => !this.kinds.has(pair));
    if (missing.length > 0)
      this.warnings.push(
        `${newToOld} has no kind for ${missing.length} old→new piece(s) of ${oldToNew}; kind taken from the number of splits: ${sample(missing)}`,
      );
    const extra = [...this.kinds.keys()].filter((pair) => !this.seenPairs.has(pair));
    if (extra.length > 0)
      this.warnings.push(`${newToOld} lists ${extra.length} old→new piece(s) that ${oldToNew} does not; ignored: ${sample(extra)}`);
  }
}

function sample(items: string[]): string {
  return items.slice(0, 5).join(', ') + (items.length > 5 ? `, … ${items.length - 5} more` : '');
}

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** Compares names across the files: case, spacing and tone-mark placement ("Hòa" / "Hoà") do not matter. */
export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .map((syllable) => syllable.replace(TONE_MARKS, '') + (syllable.match(TONE_MARKS) ?? []).join(''))
    .join(' ');
}
