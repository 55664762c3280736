import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FORCE_IDS, type ForceId } from '../../data/types';
import { DataFileError } from '../../data/loadJson';
import {
  PLACES_FILE,
  allPlaceNames,
  allPlaces,
  loadPlacesFile,
  lookupPlace,
  normaliseTokens,
  placesProvenance,
  type PlaceMatch,
} from '../../data/places';

const dataDir = join(__dirname, '../../data');

function area(label: string, ...forceIds: ForceId[]): PlaceMatch {
  return { kind: 'force-area', forceIds, label };
}

describe('lookupPlace: places people type', () => {
  it.each<[string, PlaceMatch]>([
    ['Leeds', area('Leeds', 'west-yorkshire')],
    ['leeds', area('Leeds', 'west-yorkshire')],
    ['  LEEDS!! ', area('Leeds', 'west-yorkshire')],
    ["we're a school in Leeds", area('Leeds', 'west-yorkshire')],
    ['I live near Huddersfield', area('Huddersfield', 'west-yorkshire')],
    ['based in Manchester', area('Manchester', 'greater-manchester')],
    ['from Cardiff', area('Cardiff', 'south-wales')],
    ['Caerdydd', area('Cardiff', 'south-wales')],
    ['Abertawe', area('Swansea', 'south-wales')],
    ['Casnewydd', area('Newport, Wales', 'gwent')],
    ['Wrecsam', area('Wrexham', 'north-wales')],
    ['Ynys Môn', area('Anglesey', 'north-wales')],
    ['Anglesey', area('Anglesey', 'north-wales')],
    ['St Albans', area('St Albans', 'hertfordshire')],
    ['St. Albans', area('St Albans', 'hertfordshire')],
    ['Saint Albans', area('St Albans', 'hertfordshire')],
    ['Tonbridge', area('Tonbridge', 'kent')],
    ['Tunbridge Wells', area('Royal Tunbridge Wells', 'kent')],
    ['Llandrindod Wells', area('Llandrindod Wells', 'dyfed-powys')],
    ["King's Lynn", area("King's Lynn", 'norfolk')],
    ['Kings Lynn', area("King's Lynn", 'norfolk')],
    ['Stoke-on-Trent', area('Stoke-on-Trent', 'staffordshire')],
    ['stoke on trent', area('Stoke-on-Trent', 'staffordshire')],
    ['Brighton & Hove', area('Brighton and Hove', 'sussex')],
    ['Tyne & Wear', area('Tyne and Wear', 'northumbria')],
    ['Hull', area('Kingston upon Hull', 'humberside')],
    ['Derry', area('Derry', 'psni')],
    ['Londonderry', area('Derry', 'psni')],
    ['Co Down', area('County Down', 'psni')],
    ['Antrim', area('Antrim', 'psni')],
    ['County Tyrone', area('County Tyrone', 'psni')],
    ['Fermanagh', area('County Fermanagh', 'psni')],
    ['Belfast', area('Belfast', 'psni')],
    ['Glasgow', area('Glasgow', 'police-scotland')],
    ['Fife', area('Fife', 'police-scotland')],
    ['Outer Hebrides', area('Na h-Eileanan Siar', 'police-scotland')],
    ['Merseyside', area('Merseyside', 'merseyside')],
    ['the Wirral', area('the Wirral', 'merseyside', 'cheshire')],
    ['Teesside', area('Teesside', 'cleveland')],
    ['Isle of Wight', area('Isle of Wight', 'hampshire')],
    ['IOW', area('Isle of Wight', 'hampshire')],
    ['Isles of Scilly', area('Isles of Scilly', 'devon-and-cornwall')],
    ['Rutland', area('Rutland', 'leicestershire')],
    ['Sutton, Surrey', area('Sutton, London', 'metropolitan')],
    ['Kingston upon Thames', area('Kingston upon Thames', 'metropolitan')],
    ['Cardiff, Wales', area('Cardiff', 'south-wales')],
    ['Glasgow, Scotland', area('Glasgow', 'police-scotland')],
    ['Leeds, UK', area('Leeds', 'west-yorkshire')],
    ["I'm in Edinburgh and bank with the Royal Bank of Scotland", area('Edinburgh', 'police-scotland')],
  ])('%j → %j', (text, expected) => {
    expect(lookupPlace(text)).toEqual(expected);
  });
});

describe('lookupPlace: London and the City', () => {
  it.each<[string, PlaceMatch]>([
    ['London', area('London', 'metropolitan', 'city-of-london')],
    ['Greater London', area('London', 'metropolitan', 'city-of-london')],
    ['London, UK', area('London', 'metropolitan', 'city-of-london')],
    ['City of London', area('City of London', 'city-of-london')],
    ['the City', area('City of London', 'city-of-london')],
    ["we're in the City", area('City of London', 'city-of-london')],
    ['Square Mile', area('City of London', 'city-of-london')],
    ['East Central London', area('East Central London', 'city-of-london', 'metropolitan')],
    ['Wembley', area('Wembley', 'metropolitan')],
  ])('%j → %j', (text, expected) => {
    expect(lookupPlace(text)).toEqual(expected);
  });

  it('does not read "city" on its own, or "the city centre", as the City of London', () => {
    expect(lookupPlace('city')).toBeNull();
    expect(lookupPlace('in the city centre')).toBeNull();
  });
});

describe('lookupPlace: the longest name wins', () => {
  it.each<[string, PlaceMatch]>([
    ['West Yorkshire', area('West Yorkshire', 'west-yorkshire')],
    ['North Yorkshire', area('North Yorkshire', 'north-yorkshire', 'cleveland')],
    ['York', area('York', 'north-yorkshire')],
    ['Newport Pagnell', area('Newport Pagnell', 'thames-valley')],
    ['Newport, Isle of Wight', area('Newport, Isle of Wight', 'hampshire')],
    ['Newport, Shropshire', area('Newport, Shropshire', 'west-mercia')],
    ['Newport South Wales', area('Newport, Wales', 'gwent')],
    ['Bradford on Avon', area('Bradford on Avon', 'wiltshire')],
    ['Chester-le-Street', area('Chester-le-Street', 'durham')],
    ['Newcastle upon Tyne', area('Newcastle upon Tyne', 'northumbria')],
    ['Newcastle-under-Lyme', area('Newcastle-under-Lyme', 'staffordshire')],
    ['Stratford-upon-Avon', area('Stratford-upon-Avon', 'warwickshire')],
    ['Kingston upon Hull', area('Kingston upon Hull', 'humberside')],
    ['Richmond, North Yorkshire', area('Richmond, North Yorkshire', 'north-yorkshire')],
    ['Bury St Edmunds', area('Bury St Edmunds', 'suffolk')],
    ['North Berwick', area('North Berwick', 'police-scotland')],
    ['Leeds, West Yorkshire', area('Leeds', 'west-yorkshire')],
    ['Sutton Coldfield, West Midlands', area('Sutton Coldfield', 'west-midlands')],
    ['we are near Newport Pagnell', area('Newport Pagnell', 'thames-valley')],
  ])('%j → %j', (text, expected) => {
    expect(lookupPlace(text)).toEqual(expected);
  });

  it('returns null when two different places match equally well', () => {
    expect(lookupPlace('Leeds or Manchester')).toBeNull();
    expect(lookupPlace("I'm not in London, I'm in Leeds")).toBeNull();
  });
});

describe('lookupPlace: names shared by more than one force area ask rather than guess', () => {
  // OS Open Names has more places of these names than the hand-kept list knew (Newport in Essex, Pembrokeshire,
  // Highland …): every one is offered, labelled with its county, the best-known first.
  it.each<[string, string[]]>([
    ['Newport', ['Newport (Newport, Wales)', 'Newport (Isle of Wight)', 'Newport (Shropshire)', 'Newport (Pembrokeshire, Wales)', 'Newport (Essex)']],
    ['Richmond', ['Richmond (London)', 'Richmond (North Yorkshire)']],
    ['Bangor', ['Bangor (Gwynedd, Wales)', 'Bangor (County Down, Northern Ireland)']],
    ['Newcastle', ['Newcastle (Tyne and Wear)', 'Newcastle (Staffordshire)', 'Newcastle (County Down, Northern Ireland)']],
    ['Ashford', ['Ashford (Kent)', 'Ashford (Surrey)', 'Ashford (Devon)']],
    ['Gillingham', ['Gillingham (Kent)', 'Gillingham (Dorset)', 'Gillingham (Norfolk)']],
    ['St Ives', ['St Ives (Cornwall)', 'St Ives (Cambridgeshire)', 'St Ives (Dorset)']],
    ['Stratford', ['Stratford (London)', 'Stratford (Warwickshire)']],
    ['Kingston', ['Kingston (London)', 'Kingston (East Yorkshire)']],
    ['Sutton', ['Sutton (London)', 'Sutton (West Midlands)', 'Sutton (Nottinghamshire)', 'Sutton (Suffolk)', 'Sutton (Pembrokeshire, Wales)']],
    ['Wellington', ['Wellington (Somerset)', 'Wellington (Shropshire or Herefordshire)', 'Wellington (Cumbria)']],
    ['Saint Helens', ['St Helens (Merseyside)', 'St Helens (Isle of Wight)']],
  ])('%s → one candidate per force, with the county: %j …', (text, labels) => {
    const match = lookupPlace(text);
    if (match?.kind !== 'force-area' || !match.candidates) throw new Error(`${text} gave ${JSON.stringify(match)}`);
    const offered = match.candidates.map((candidate) => candidate.label);
    for (const label of labels) expect(offered).toContain(label);
    expect(new Set(match.candidates.map((candidate) => candidate.forceId)).size).toBe(match.candidates.length);
    expect(match.label).toBe(match.label.trim());
  });

  it('offers the best-known places first: Newport (Newport, Wales) / (Isle of Wight) / (Shropshire)', () => {
    const match = lookupPlace('Newport');
    expect(match?.kind === 'force-area' && match.candidates?.slice(0, 3)).toEqual([
      { forceId: 'gwent', unitId: 'TARIAN', label: 'Newport (Newport, Wales)', parts: { name: 'Newport', place: 'Newport, Wales', counties: ['Newport, Wales'] } },
      { forceId: 'hampshire', unitId: 'SEROCU', label: 'Newport (Isle of Wight)', parts: { name: 'Newport', place: 'Newport, Isle of Wight', counties: ['Isle of Wight'] } },
      { forceId: 'west-mercia', unitId: 'WMROCU', label: 'Newport (Shropshire)', parts: { name: 'Newport', place: 'Newport, Shropshire', counties: ['Shropshire'] } },
    ]);
    // Several places of one name: asked as such, not as one place across force areas.
    expect(match?.kind === 'force-area' && match.sharedName).toBe(true);
  });

  it('a county, region or nation alongside the name picks the place', () => {
    expect(lookupPlace('Newport, Isle of Wight')).toEqual(area('Newport, Isle of Wight', 'hampshire'));
    expect(lookupPlace('Newport Essex')).toEqual(area('Newport', 'essex'));
    expect(lookupPlace('Sutton, Suffolk')).toEqual(area('Sutton', 'suffolk'));
    // Which Newport it is goes with the label, so a Welsh conversation names it Trefdraeth (not Casnewydd).
    expect(lookupPlace('Newport, Pembrokeshire')).toEqual({ ...area('Newport', 'dyfed-powys'), of: { county: 'Pembrokeshire, Wales' } });
    expect(lookupPlace('Leeds, Kent')).toEqual(area('Leeds', 'kent'));
    expect(lookupPlace('Stoke in Devon')).toEqual(area('Stoke', 'devon-and-cornwall'));
  });

  it('a qualifier that fits none of the places changes nothing ("Richmond, Kent" still asks)', () => {
    const match = lookupPlace('Richmond, Kent');
    expect(match?.kind === 'force-area' && match.candidates?.map((candidate) => candidate.forceId)).toEqual(['metropolitan', 'north-yorkshire']);
  });

  // Round A's blind set: "a bakery in Stroud", "a plumber in Bolton", "Croydon" were asked "which one?" for a hamlet.
  it.each<[string, ForceId, string]>([
    ['Croydon', 'metropolitan', 'Croydon, Cambridgeshire'],
    ['Stockton', 'cleveland', 'Stockton, Wiltshire'],
    ['Stroud', 'gloucestershire', 'Stroud, Hampshire'],
    ['Luton', 'bedfordshire', 'Luton, Devon'],
    ['Worthing', 'sussex', 'Worthing, Norfolk'],
    ['Bolton', 'greater-manchester', 'Bolton, Cumbria'],
  ])('a town whose namesakes in other force areas are only villages or hamlets is the town: %s → %s (the village is found with its county: %s)', (town, forceId, village) => {
    const match = lookupPlace(town);
    expect(match?.kind === 'force-area' && !match.candidates && match.forceIds).toEqual([forceId]);
    const other = lookupPlace(village);
    expect(other?.kind === 'force-area' && other.forceIds).not.toEqual([forceId]);
  });

  it('a name two towns share is still asked ("Newport", "Richmond", "Ashford"; "Bury": Greater Manchester or Bury St Edmunds)', () => {
    for (const name of ['Newport', 'Richmond', 'Ashford', 'bury']) {
      const match = lookupPlace(name);
      expect(match?.kind === 'force-area' && (match.candidates?.length ?? 0) > 1).toBe(true);
    }
  });

  it.each<[string, ForceId[]]>([
    ['Middlesex', ['metropolitan', 'surrey', 'hertfordshire']],
    ['Lincolnshire', ['lincolnshire', 'humberside']],
    ['County Durham', ['durham', 'cleveland']],
  ])('an area across forces, %s, lists them: %j', (text, forceIds) => {
    expect(lookupPlace(text)).toMatchObject({ kind: 'force-area', forceIds });
  });

  it('a city keeps its name: the village of Leeds in Kent is found with its county', () => {
    expect(lookupPlace('Leeds')).toEqual(area('Leeds', 'west-yorkshire'));
    expect(lookupPlace('Derby')).toEqual(area('Derby', 'derbyshire'));
    expect(lookupPlace('Leeds Kent')).toEqual(area('Leeds', 'kent'));
  });
});

describe('lookupPlace: nations, Crown Dependencies, abroad and too vague', () => {
  it.each<[string, PlaceMatch]>([
    ['England', { kind: 'nation', nation: 'england', label: 'England' }],
    ['Wales', { kind: 'nation', nation: 'wales', label: 'Wales' }],
    ['Cymru', { kind: 'nation', nation: 'wales', label: 'Wales' }],
    ['Scotland', { kind: 'nation', nation: 'scotland', label: 'Scotland' }],
    ['Northern Ireland', { kind: 'nation', nation: 'northern-ireland', label: 'Northern Ireland' }],
    ['NI', { kind: 'nation', nation: 'northern-ireland', label: 'Northern Ireland' }],
    ['Guernsey', { kind: 'crown-dependency', territory: 'GY', label: 'Guernsey' }],
    ['Alderney', { kind: 'crown-dependency', territory: 'GY', label: 'Alderney' }],
    ['Sark', { kind: 'crown-dependency', territory: 'GY', label: 'Sark' }],
    ['Herm', { kind: 'crown-dependency', territory: 'GY', label: 'Herm' }],
    ['St Peter Port', { kind: 'crown-dependency', territory: 'GY', label: 'Guernsey' }],
    ['Jersey', { kind: 'crown-dependency', territory: 'JE', label: 'Jersey' }],
    ['St Helier', { kind: 'crown-dependency', territory: 'JE', label: 'Jersey' }],
    ['Isle of Man', { kind: 'crown-dependency', territory: 'IM', label: 'Isle of Man' }],
    ['Douglas', { kind: 'crown-dependency', territory: 'IM', label: 'Isle of Man' }],
    ['Republic of Ireland', { kind: 'abroad', label: 'Republic of Ireland' }],
    ['Dublin', { kind: 'abroad', label: 'Republic of Ireland' }],
    ['Dublin, Ireland', { kind: 'abroad', label: 'Republic of Ireland' }],
    ['France', { kind: 'abroad', label: 'France' }],
    ['Spain', { kind: 'abroad', label: 'Spain' }],
    ['Germany', { kind: 'abroad', label: 'Germany' }],
    ['USA', { kind: 'abroad', label: 'United States' }],
    ['United States', { kind: 'abroad', label: 'United States' }],
    ['America', { kind: 'abroad', label: 'United States' }],
    ['New York', { kind: 'abroad', label: 'United States' }],
    ['New Jersey', { kind: 'abroad', label: 'United States' }],
    ['Canada', { kind: 'abroad', label: 'Canada' }],
    ['London, Ontario', { kind: 'abroad', label: 'Canada' }],
    ['Australia', { kind: 'abroad', label: 'Australia' }],
    ['Perth, Australia', { kind: 'abroad', label: 'Australia' }],
    ['New South Wales', { kind: 'abroad', label: 'Australia' }],
    ['India', { kind: 'abroad', label: 'India' }],
    ['Netherlands', { kind: 'abroad', label: 'Netherlands' }],
    ['Belgium', { kind: 'abroad', label: 'Belgium' }],
    ['Italy', { kind: 'abroad', label: 'Italy' }],
    ['Portugal', { kind: 'abroad', label: 'Portugal' }],
    ['Poland', { kind: 'abroad', label: 'Poland' }],
    ['abroad', { kind: 'abroad', label: 'Abroad' }],
    ['overseas', { kind: 'abroad', label: 'Abroad' }],
    ['outside the UK', { kind: 'abroad', label: 'Abroad' }],
    ['outside uk', { kind: 'abroad', label: 'Abroad' }],
    ['Europe', { kind: 'abroad', label: 'Abroad' }],
    ['EU', { kind: 'abroad', label: 'Abroad' }],
    ['UK', { kind: 'vague', label: 'United Kingdom' }],
    ['United Kingdom', { kind: 'vague', label: 'United Kingdom' }],
    ['Great Britain', { kind: 'vague', label: 'United Kingdom' }],
    ['Britain', { kind: 'vague', label: 'United Kingdom' }],
    ["we're in the UK", { kind: 'vague', label: 'United Kingdom' }],
    // The island: Northern Ireland or the Republic, so the user is asked which (never "not a place in the UK").
    ['Ireland', { kind: 'uk-or-abroad', nation: 'northern-ireland', abroad: 'Republic of Ireland', label: 'Ireland' }],
    ['the Midlands', { kind: 'vague', label: 'the Midlands' }],
    ['Channel Islands', { kind: 'vague', label: 'Channel Islands' }],
  ])('%j → %j', (text, expected) => {
    expect(lookupPlace(text)).toEqual(expected);
  });

  it('a town beats its nation and the UK: "Belfast, Ireland" is Belfast', () => {
    expect(lookupPlace('Belfast, Ireland')).toEqual(area('Belfast', 'psni'));
    expect(lookupPlace('Swansea, UK')).toEqual(area('Swansea', 'south-wales'));
  });
});

describe('lookupPlace: ordinary words are not places', () => {
  it.each([
    'yes', 'no', 'help', 'back', 'me', 'start again', 'not sure', 'business', 'hello', 'asdfgh', '', '   ', '?!',
    'I don\'t know', 'my email was hacked', 'we got ransomware on our server', 'someone stole money from my bank account',
    'I clicked a link in a text message', 'our payroll was diverted', 'it\'s a small business', 'we are a charity', 'help us',
    'we had a data leek', 'my Halifax account was hacked', 'Bank of Scotland', 'Scotland Yard', 'city', 'north', 'LS1 4AP', '5 GB of files',
    'we went down the road', 'it happened in March', 'we made a deal', 'reading my emails', 'we are a school in Bath',
    'a street near the station', 'they want 50 bucks', 'what does that mean', 'someone is threatening me',
  ])('%j → null', (text) => {
    expect(lookupPlace(text)).toBeNull();
  });

  it('does not match a long description, even one that names a place', () => {
    const description =
      'yesterday afternoon someone phoned our finance team pretending to be from the bank and we paid an invoice to an account in Leeds';
    expect(lookupPlace(description)).toBeNull();
  });
});

describe('lookupPlace: place names that are ordinary words match only on their own', () => {
  it.each<[string, string, ForceId]>([
    ['Reading', 'Reading', 'thames-valley'],
    ["I'm in Reading", 'Reading', 'thames-valley'],
    ['we are based in reading, berkshire', 'Reading', 'thames-valley'],
    ['Bath', 'Bath', 'avon-and-somerset'],
    ['near Bath', 'Bath', 'avon-and-somerset'],
    ['March', 'March', 'cambridgeshire'],
    ['in March, Cambs', 'March', 'cambridgeshire'],
    ['Deal', 'Deal', 'kent'],
    ['Wells', 'Wells', 'avon-and-somerset'],
    ['Halifax', 'Halifax', 'west-yorkshire'],
    ['Down', 'County Down', 'psni'],
    ['Rugby', 'Rugby', 'warwickshire'],
  ])('%j → %s', (text, label, force) => {
    expect(lookupPlace(text)).toEqual(area(label, force));
  });

  it('a common-word place inside a sentence is left for the postcode question', () => {
    expect(lookupPlace('we are a school in Bath')).toBeNull();
    expect(lookupPlace('the attack started in March')).toBeNull();
  });

  it('with its county it is distinctive again: "Bath, Somerset", "a school in Reading, Berkshire"', () => {
    expect(lookupPlace('Bath, Somerset')).toEqual(area('Bath', 'avon-and-somerset'));
    expect(lookupPlace('we are a school in Bath, Somerset')).toEqual(area('Bath', 'avon-and-somerset'));
    expect(lookupPlace('we are a school in Reading, Berkshire')).toEqual(area('Reading', 'thames-valley'));
  });
});

describe('the gazetteer', () => {
  const places = allPlaces();
  const ukAreas = places.filter((place) => ['city', 'town', 'county', 'region'].includes(place.kind));

  it('is large enough that most people find their town', () => {
    const townsAndCities = places.filter((place) => place.kind === 'city' || place.kind === 'town');
    expect(townsAndCities.length).toBeGreaterThanOrEqual(350);
  });

  it('gives every UK place at least one known force, and only known forces', () => {
    const known = new Set<string>(FORCE_IDS);
    expect(ukAreas.filter((place) => place.forces.length === 0).map((place) => place.name)).toEqual([]);
    expect(ukAreas.flatMap((place) => place.forces.filter((force) => !known.has(force)))).toEqual([]);
  });

  it('reaches every one of the 45 forces', () => {
    const reached = new Set(ukAreas.flatMap((place) => place.forces));
    expect([...FORCE_IDS].filter((force) => !reached.has(force))).toEqual([]);
  });

  it('gives no force to nations, Crown Dependencies, abroad or vague answers', () => {
    const others = places.filter((place) => !ukAreas.includes(place));
    expect(others.filter((place) => place.forces.length > 0).map((place) => place.name)).toEqual([]);
  });

  it('has a city or town entry for every UK city', () => {
    const cities = [
      'Bath', 'Birmingham', 'Bradford', 'Brighton and Hove', 'Bristol', 'Cambridge', 'Canterbury', 'Carlisle', 'Chelmsford', 'Chester', 'Chichester',
      'Colchester', 'Coventry', 'Derby', 'Doncaster', 'Durham', 'Ely', 'Exeter', 'Gloucester', 'Hereford', 'Kingston upon Hull', 'Lancaster', 'Leeds',
      'Leicester', 'Lichfield', 'Lincoln', 'Liverpool', 'London', 'City of London', 'Manchester', 'Milton Keynes', 'Newcastle upon Tyne', 'Norwich',
      'Nottingham', 'Oxford', 'Peterborough', 'Plymouth', 'Portsmouth', 'Preston', 'Ripon', 'Salford', 'Salisbury', 'Sheffield', 'Southampton',
      'Southend-on-Sea', 'St Albans', 'Stoke-on-Trent', 'Sunderland', 'Truro', 'Wakefield', 'Wells', 'Westminster', 'Winchester', 'Wolverhampton',
      'Worcester', 'York', 'Bangor, Gwynedd', 'Cardiff', 'Newport, Wales', 'St Asaph', 'St Davids', 'Swansea', 'Wrexham', 'Aberdeen', 'Dundee',
      'Dunfermline', 'Edinburgh', 'Glasgow', 'Inverness', 'Perth', 'Stirling', 'Armagh', 'Bangor, County Down', 'Belfast', 'Lisburn', 'Derry', 'Newry',
    ];
    const names = new Set(places.filter((place) => place.kind === 'city' || place.kind === 'town').map((place) => place.name));
    expect(cities.filter((city) => !names.has(city))).toEqual([]);
  });

  it('finds every postcode area name in the reference CSV', () => {
    const csv = readFileSync(join(__dirname, 'fixtures', 'postcode-areas.csv'), 'utf8').trim().split('\n').slice(1);
    const missing: string[] = [];
    for (const line of csv) {
      const [, areaCode, quoted, plain] = /^([A-Z]+),(?:"([^"]*)"|([^,]*))/.exec(line) ?? [];
      const name = (quoted ?? plain ?? '').replace(/\(.*?\)/g, '');
      for (const part of name.split('/').map((part) => part.trim())) {
        // "Galashiels/Tweed": the Tweed is a river, not a post town.
        if (part && part !== 'Tweed' && lookupPlace(part) === null) missing.push(`${areaCode}: ${part}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('finds every name and alias, typed on its own: as its own entry, or among the places of that name', () => {
    const wrong: string[] = [];
    for (const place of places) {
      for (const name of [place.name, ...place.aliases]) {
        const match = lookupPlace(name);
        const found =
          match?.label === place.name ||
          (match?.kind === 'force-area' && match.candidates !== undefined && place.forces.every((force) => match.candidates!.some((candidate) => candidate.forceId === force)));
        if (!found) wrong.push(`${name} → ${JSON.stringify(match)} (expected ${place.name})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lists every name and alias', () => {
    const names = allPlaceNames();
    expect(names).toContain('Caerdydd');
    expect(names).toContain('Llandrindod Wells');
    // Every name and alias of places.json, and the Welsh names data/place-names adds to them ("Henffordd" is Hereford).
    expect(names).toEqual(expect.arrayContaining(places.flatMap((place) => [place.name, ...place.aliases])));
    expect(names).toEqual(expect.arrayContaining(['Henffordd', 'Yr Alban', 'Lloegr', 'Gogledd Iwerddon', 'Ynys Manaw', 'Llundain', 'Caer']));
    expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(names.length);
  });

  it('carries its provenance, on the file and on every entry', () => {
    expect(placesProvenance).toEqual({
      source: 'General knowledge of UK geography; force areas per contacts.md §4 — verify',
      verifiedOn: '2026-11-22',
      confidence: 'general-knowledge',
    });
    expect(places.filter((place) => !place.source.trim()).map((place) => place.name)).toEqual([]);
    // Beyond general knowledge, an entry names the page it was checked on and when (Alderney, Sark, Herm: HMICFRS).
    const checked = places.filter((place) => place.confidence !== 'general-knowledge');
    expect(checked.map((place) => place.name)).toEqual(['Alderney', 'Sark', 'Herm']);
    for (const place of checked) expect(place.source).toMatch(/\.gov\.uk\/.*\d{4}-\d{2}-\d{2}/);
  });
});

describe('normaliseTokens', () => {
  it('ignores case, accents, punctuation and apostrophes; reads & as and and Saint as St', () => {
    expect(normaliseTokens("  St. Alban's & Saint-Helens, YNYS MÔN!  ")).toEqual(['st', 'albans', 'and', 'st', 'helens', 'ynys', 'mon']);
  });
});

describe('a corrupted places.json', () => {
  function loadCorrupted(corrupt: (file: any) => void): () => unknown {
    const file = JSON.parse(readFileSync(join(dataDir, PLACES_FILE), 'utf8'));
    corrupt(file);
    const dir = mkdtempSync(join(tmpdir(), 'places-'));
    writeFileSync(join(dir, PLACES_FILE), JSON.stringify(file));
    return () => loadPlacesFile(dir);
  }

  function indexOf(file: any, name: string): number {
    return file.places.findIndex((place: { name: string }) => place.name === name);
  }

  function expectFailure(load: () => unknown, field: RegExp): void {
    expect(load).toThrow(DataFileError);
    expect(load).toThrow(new RegExp(`^Bad data file places\\.json: field "${field.source}"`));
  }

  it('the real file loads', () => {
    expect(() => loadPlacesFile(dataDir)).not.toThrow();
  });

  it('names an unknown force id', () => {
    expectFailure(loadCorrupted((file) => (file.places[indexOf(file, 'Leeds')].forces = ['west-yorks'])), /places\.\d+\.forces\.0/);
  });

  it('names a missing source', () => {
    expectFailure(loadCorrupted((file) => delete file.places[indexOf(file, 'Leeds')].source), /places\.\d+\.source/);
  });

  it('names a missing file-level verifiedOn', () => {
    expectFailure(loadCorrupted((file) => delete file.verifiedOn), /verifiedOn/);
  });

  it('names an alias that leads to a different force than the same name elsewhere', () => {
    expectFailure(
      loadCorrupted((file) => file.places[indexOf(file, 'Manchester')].aliases.push('Leeds')),
      /places\.\d+\.aliases\.\d+/,
    );
  });

  it('names a UK place with no force', () => {
    expectFailure(loadCorrupted((file) => (file.places[indexOf(file, 'York')].forces = [])), /places\.\d+\.forces/);
  });

  it('names a nation that does not match the forces', () => {
    expectFailure(loadCorrupted((file) => (file.places[indexOf(file, 'Cardiff')].nation = 'england')), /places\.\d+\.nation/);
  });

  it('names a Crown Dependency without its territory', () => {
    expectFailure(loadCorrupted((file) => delete file.places[indexOf(file, 'Jersey')].territory), /places\.\d+\.territory/);
  });

  it('names an unknown kind', () => {
    expectFailure(loadCorrupted((file) => (file.places[indexOf(file, 'Leeds')].kind = 'village')), /places\.\d+\.kind/);
  });

  it('names a standalone-only word that is not one of the place names', () => {
    expectFailure(loadCorrupted((file) => (file.places[indexOf(file, 'Reading')].standaloneOnly = ['Readin'])), /places\.\d+\.standaloneOnly\.0/);
  });
});
