// Neither Intl nor i18n-iso-countries knows ISO 3166-2 subdivisions and no maintained library
// for them is installed, so this small table covers the two countries PayTrace merchants ship
// to most: US states, DC and territories, and Canadian provinces and territories.

const US = `AL Alabama|AK Alaska|AZ Arizona|AR Arkansas|CA California|CO Colorado|CT Connecticut|
DE Delaware|DC District of Columbia|FL Florida|GA Georgia|HI Hawaii|ID Idaho|IL Illinois|
IN Indiana|IA Iowa|KS Kansas|KY Kentucky|LA Louisiana|ME Maine|MD Maryland|MA Massachusetts|
MI Michigan|MN Minnesota|MS Mississippi|MO Missouri|MT Montana|NE Nebraska|NV Nevada|
NH New Hampshire|NJ New Jersey|NM New Mexico|NY New York|NC North Carolina|ND North Dakota|
OH Ohio|OK Oklahoma|OR Oregon|PA Pennsylvania|RI Rhode Island|SC South Carolina|
SD South Dakota|TN Tennessee|TX Texas|UT Utah|VT Vermont|VA Virginia|WA Washington|
WV West Virginia|WI Wisconsin|WY Wyoming|AS American Samoa|GU Guam|MP Northern Mariana Islands|
PR Puerto Rico|VI Virgin Islands|UM United States Minor Outlying Islands|
AA Armed Forces Americas|AE Armed Forces Europe|AP Armed Forces Pacific`;

const CA = `AB Alberta|BC British Columbia|MB Manitoba|NB New Brunswick|NL Newfoundland and Labrador|
NS Nova Scotia|NT Northwest Territories|NU Nunavut|ON Ontario|PE Prince Edward Island|
QC Quebec|SK Saskatchewan|YT Yukon`;

// Accents, case, punctuation and "&" versus "and" do not matter: "Québec" is "quebec".
function key(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function parse(table: string): Map<string, string> {
  const byName = new Map<string, string>();
  for (const entry of table.split('|')) {
    const [code = '', ...words] = entry.trim().split(' ');
    byName.set(key(words.join(' ')), code);
    byName.set(key(code), code);
  }
  return byName;
}

const ALIASES: Record<string, [string, string][]> = {
  US: [
    ['Washington DC', 'DC'],
    ['Washington D C', 'DC'],
    ['US Virgin Islands', 'VI'],
    ['U S Virgin Islands', 'VI'],
  ],
  CA: [
    ['Newfoundland', 'NL'],
    ['Labrador', 'NL'],
    ['Yukon Territory', 'YT'],
    ['PEI', 'PE'],
  ],
};

const TABLES: Record<string, Map<string, string>> = { US: parse(US), CA: parse(CA) };
for (const [country, aliases] of Object.entries(ALIASES)) {
  for (const [name, code] of aliases) TABLES[country]?.set(key(name), code);
}

/** The subdivision code of a US/Canadian state or province name ("Ontario" → "ON"), if known. */
export function subdivisionCodeOf(countryAlpha2: string, name: string): string | undefined {
  return TABLES[countryAlpha2]?.get(key(name));
}
