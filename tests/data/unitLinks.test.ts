import { catalog } from '../../data/catalog';
import type { UnitId } from '../../data/types';

/**
 * Every regional unit's website, as a user is sent to it: the unit's own public page (or, where the unit is a force,
 * the force's own), checked with a date, or marked unverified and then never shown. The review (2026-12-06) is the
 * table below: for each unit the site that is its own. A link to another body's page (TARIAN's was a South Wales
 * Police careers page) or to recruitment pages fails here.
 */

/** The unit's own site, as reviewed with the search tool on 2026-12-06 (README, "Where the facts come from"). */
const OWN_SITES: Record<UnitId, string | null> = {
  COLP: 'www.cityoflondon.police.uk',
  MET: 'www.met.police.uk',
  EMSOU: 'www.emsou.police.uk',
  WMROCU: 'www.wmrocu.org.uk',
  ERSOU: 'ersou.police.uk',
  NERSOU: 'nerccu.police.uk',
  NWROCU: 'www.nwrocu.police.uk',
  SEROCU: 'serocu.police.uk',
  SWROCU: 'www.swrocu.police.uk',
  // No public page of its own could be verified: its website is marked unverified and not shown.
  TARIAN: null,
  YHROCU: 'www.yhrocu.org.uk',
  PSNI: 'www.psni.police.uk',
  SCOT: 'www.scotland.police.uk',
};

const REVIEWED_ON = '2026-12-06';

describe("every unit's website is its own public page, reviewed and dated, or is not shown", () => {
  test('the review covers every unit in the data', () => {
    expect(Object.keys(OWN_SITES).sort()).toEqual(Object.keys(catalog.units).sort());
  });

  test.each(Object.entries(OWN_SITES) as Array<[UnitId, string | null]>)('%s', (id, ownSite) => {
    const website = catalog.units[id].website;
    expect(website.verifiedOn >= REVIEWED_ON).toBe(true);
    // The source says how it was checked: the reference research or the search tool, naming the page's site.
    expect(website.source).toMatch(/contacts\.md|search tool/);
    if (ownSite === null) {
      expect(website.confidence).toBe('unverified');
      return;
    }
    const url = new URL(website.url);
    expect(url.protocol).toBe('https:');
    expect(url.host).toBe(ownSite);
    expect(website.confidence).not.toBe('unverified');
    expect(website.source).toContain(ownSite.replace(/^www\./, ''));
    // Not a page for another audience: recruitment, vacancies, internal resources.
    expect(url.pathname).not.toMatch(/careers|vacanc|recruit|jobs|internal/i);
  });
});
