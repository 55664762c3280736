// npm run data:check [-- SOURCE_DIR] [same file flags as data:geo]
//
// Resolves every postcode in Code-Point Open and every place in the gazetteer through resolveLocation, exactly as
// a typed answer would be, and compares the result with the official data: right (the right unit, no question),
// asked (a choice that includes the right force), wrong (another unit, or a choice without the right force) and
// unknown. Exits non-zero on any wrong answer.
import { resolveLocation } from '../../data/location';
import { forceById } from '../../data/catalog';
import { allPlaces, isHiddenName } from '../../data/places';
import type { ForceId, LocationResolution, UnitId } from '../../data/types';
import { parseArguments } from './build';
import { codePointRows, districtForces, forceOfDistrict, forceOfOpenNamesRow, openNamesRows, type OpenNamesRow } from './sources';

type Verdict = 'right' | 'asked' | 'wrong' | 'unknown' | 'suggested' | 'outside';

/** How a resolution fares for a place whose force is known. */
function verdict(resolution: LocationResolution, force: ForceId, unitOnly = false): Verdict {
  const unit: UnitId = forceById(force).unitId;
  switch (resolution.kind) {
    case 'unit':
      return resolution.unitId === unit && (unitOnly || resolution.forceIds.includes(force)) ? 'right' : 'wrong';
    case 'choice':
      return resolution.candidates.some((candidate) => candidate.forceId === force || (!candidate.forceId && candidate.unitId === unit))
        ? 'asked'
        : 'wrong';
    case 'unknown':
      return 'unknown';
    case 'suggestion':
      return 'suggested';
    default:
      return 'outside';
  }
}

/** A postcode part (area, district, sector) typed alone is right when it names one unit that all its postcodes are in. */
function partVerdict(resolution: LocationResolution, forces: Set<ForceId>): Verdict {
  const units = new Set([...forces].map((force) => forceById(force).unitId));
  if (resolution.kind === 'unit') return units.size === 1 && units.has(resolution.unitId) && [...forces].every((force) => resolution.forceIds.includes(force)) ? 'right' : 'wrong';
  if (resolution.kind === 'choice') return [...forces].every((force) => resolution.candidates.some((candidate) => candidate.forceId === force)) ? 'asked' : 'wrong';
  return resolution.kind === 'unknown' ? 'unknown' : 'wrong';
}

class Tally {
  readonly counts = new Map<Verdict, number>();
  readonly examples = new Map<Verdict, string[]>();
  add(verdict: Verdict, example: string): void {
    this.counts.set(verdict, (this.counts.get(verdict) ?? 0) + 1);
    const list = this.examples.get(verdict) ?? [];
    if (list.length < 8) list.push(example);
    this.examples.set(verdict, list);
  }
  get total(): number {
    return [...this.counts.values()].reduce((sum, count) => sum + count, 0);
  }
  get(verdict: Verdict): number {
    return this.counts.get(verdict) ?? 0;
  }
  line(title: string, verdicts: Verdict[] = ['right', 'asked', 'wrong', 'unknown']): string {
    const total = this.total;
    const cells = verdicts.map((each) => `${each} ${this.get(each).toLocaleString('en-GB')} (${((100 * this.get(each)) / Math.max(total, 1)).toFixed(2)}%)`);
    const others = [...this.counts.keys()].filter((each) => !verdicts.includes(each));
    const extra = others.map((each) => `${each} ${this.get(each).toLocaleString('en-GB')}`);
    return `${title}: ${total.toLocaleString('en-GB')} — ${[...cells, ...extra].join(', ')}`;
  }
  problems(): string[] {
    return (['wrong', 'unknown', 'suggested'] as Verdict[]).flatMap((each) =>
      this.get(each) > 0 ? [`    ${each}, e.g.: ${this.examples.get(each)!.join('; ')}`] : [],
    );
  }
}

function checkPostcodes(options: ReturnType<typeof parseArguments>): { tallies: Record<string, Tally>; wrong: number } {
  const forcesOfDistrict = districtForces(options.files);
  const full = new Tally();
  const withoutDistrict = new Tally();
  const parts = { area: new Map<string, Set<ForceId>>(), district: new Map<string, Set<ForceId>>(), sector: new Map<string, Set<ForceId>>() };
  const note = (map: Map<string, Set<ForceId>>, key: string, force: ForceId) => {
    const set = map.get(key) ?? new Set<ForceId>();
    set.add(force);
    map.set(key, set);
  };
  for (const row of codePointRows(options.files)) {
    const resolution = resolveLocation(row.postcode);
    if (!row.district) {
      withoutDistrict.add(resolution.kind === 'unit' ? 'right' : resolution.kind === 'choice' ? 'asked' : 'unknown', row.postcode);
      continue;
    }
    const force = forceOfDistrict(row.district, forcesOfDistrict)!;
    const result = verdict(resolution, force);
    full.add(result, `${row.postcode} → ${JSON.stringify(resolution)} (expected ${force})`);
    note(parts.area, /^[A-Z]+/.exec(row.outward)![0], force);
    note(parts.district, row.outward, force);
    note(parts.sector, `${row.outward} ${row.inward[0]}`, force);
  }
  const tallies: Record<string, Tally> = { full, withoutDistrict };
  for (const [name, map] of Object.entries(parts)) {
    const tally = new Tally();
    for (const [key, forces] of map) tally.add(partVerdict(resolveLocation(key), forces), `${key} → ${JSON.stringify(resolveLocation(key))}`);
    tallies[name] = tally;
  }
  const wrong = full.get('wrong') + full.get('unknown') + full.get('asked') + tallies.district.get('wrong') + tallies.sector.get('wrong') + tallies.area.get('wrong');
  return { tallies, wrong };
}

/** The county part of a candidate's label in the generated table, rebuilt from the row as the build does. */
function qualifiedName(row: OpenNamesRow, name: string): string {
  let county = row.countyUnitary || row.districtBorough || row.ladName || row.region;
  if (county.includes(' - ')) county = county.split(' - ').pop()!;
  return `${name}, ${county.replace(/^(County of|City of|the) /i, '')}`;
}

function checkPlaces(options: ReturnType<typeof parseArguments>) {
  const openNames = new Tally();
  const shadowed = new Tally();
  const handKept = new Tally();
  for (const row of openNamesRows(options.files)) {
    const force = forceOfOpenNamesRow(row) ?? (row.country === 'Scotland' ? 'police-scotland' : null);
    if (!force) continue;
    for (const name of [row.name1, row.name2].filter(Boolean)) {
      const resolution = resolveLocation(name);
      let result = verdict(resolution, force);
      if (result !== 'right' && result !== 'asked' && isHiddenName(name)) {
        // A hand-kept city, county, nation or country takes the name, or it is a filler word: found with its county.
        const qualified = qualifiedName(row, name);
        shadowed.add(verdict(resolveLocation(qualified), force), `${qualified} → ${JSON.stringify(resolveLocation(qualified)).slice(0, 200)} (expected ${force})`);
        continue;
      }
      if (result === 'outside') result = 'wrong';
      openNames.add(result, `${name} (${row.countyUnitary || row.districtBorough}) → ${JSON.stringify(resolution).slice(0, 200)} (expected ${force})`);
    }
  }
  for (const place of allPlaces()) {
    for (const name of [place.name, ...place.aliases]) {
      const resolution = resolveLocation(name);
      let result: Verdict;
      if (place.forces.length === 0) {
        const expected = place.kind === 'nation' || place.kind === 'uk-or-abroad' ? ['unit', 'choice'] : place.kind === 'vague' ? ['unknown'] : [place.kind];
        result = expected.includes(resolution.kind) ? 'right' : 'wrong';
      } else {
        const verdicts = place.forces.map((force) => verdict(resolution, force, true));
        result = verdicts.every((each) => each === 'right') ? 'right' : verdicts.every((each) => each === 'right' || each === 'asked') ? 'asked' : verdicts.includes('wrong') ? 'wrong' : verdicts[0];
      }
      handKept.add(result, `${name} → ${JSON.stringify(resolution).slice(0, 200)} (expected ${place.forces.join('+') || place.kind})`);
    }
  }
  return { openNames, shadowed, handKept, wrong: openNames.get('wrong') + shadowed.get('wrong') + shadowed.get('unknown') + handKept.get('wrong') };
}

if (require.main === module) {
  const started = Date.now();
  const options = parseArguments(process.argv.slice(2));
  console.log(`Checking against ${options.files.codePoint} and ${options.files.openNames}`);
  const postcodes = checkPostcodes(options);
  const { tallies } = postcodes;
  console.log(tallies.full.line('Full postcodes (Code-Point Open, placed in a district)'));
  for (const line of tallies.full.problems()) console.log(line);
  console.log(tallies.withoutDistrict.line('Full postcodes with no district in the source (resolved by sector)', ['right', 'asked', 'unknown']).replace('right', 'resolved'));
  console.log(tallies.sector.line('Sectors typed alone', ['right', 'asked', 'wrong', 'unknown']).replace('right', 'resolved'));
  console.log(tallies.district.line('Districts typed alone', ['right', 'asked', 'wrong', 'unknown']).replace('right', 'resolved'));
  console.log(tallies.area.line('Areas typed alone (always ask for more)', ['right', 'asked', 'wrong', 'unknown']).replace('right', 'resolved'));
  const places = checkPlaces(options);
  console.log(places.openNames.line('OS Open Names places (each name, English and Welsh/Gaelic)'));
  for (const line of places.openNames.problems()) console.log(line);
  console.log(places.shadowed.line('  plus names a hand-kept city, county, nation or country takes, or filler words ("Well"), typed with their county'));
  for (const line of places.shadowed.problems()) console.log(line);
  console.log(places.handKept.line('Hand-kept places.json (every name and alias; forces from general knowledge; right = right unit)'));
  for (const line of places.handKept.problems()) console.log(line);
  const wrong = postcodes.wrong + places.wrong;
  console.log(`${wrong === 0 ? 'OK' : 'FAILED'}: ${wrong} wrong in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.exitCode = wrong === 0 ? 0 : 1;
}
