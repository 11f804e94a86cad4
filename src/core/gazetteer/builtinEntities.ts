/**
 * Built-in actors and places that GeoNames does not cover: armed groups, state bodies, international
 * organisations and media seen across today's conflicts, and the places of the sample corpus's conflict
 * (Iraq and Syria, 2014) that GeoNames' populated-place list lacks. A workspace `conflict-gazetteer.yaml`
 * adds to these and wins over them.
 */
import type { Entity, EntityKind, MentionLabel } from '../model';

type Row = [id: string, kind: EntityKind, names: string, inter?: number, country?: string];

/** `names`: canonical name first, then aliases, separated by " | ". */
const ACTORS: Row[] = [
  // armed groups
  ['isil', 'armed_group', "Islamic State of Iraq and the Levant | ISIL | ISIS | Isil | Isis | Daesh | Da'ish | Daish | Islamic State | Islamic State in Iraq and Syria | Islamic State of Iraq and Syria | Islamic State in Iraq and the Levant | IS", 2],
  ['al-qaeda', 'armed_group', 'al-Qaeda | Al-Qaeda | al-Qaida | Al Qaeda | Qaeda | AQ', 2],
  ['aqap', 'armed_group', 'al-Qaeda in the Arabian Peninsula | AQAP', 2, 'YE'],
  ['aqim', 'armed_group', 'al-Qaeda in the Islamic Maghreb | AQIM', 2],
  ['nusra', 'armed_group', 'al-Nusra Front | Nusra Front | al-Nusra | Jabhat al-Nusra | Nusra', 2, 'SY'],
  ['hts', 'armed_group', 'Hayat Tahrir al-Sham | HTS', 2, 'SY'],
  ['fsa', 'armed_group', 'Free Syrian Army | FSA', 2, 'SY'],
  ['sdf', 'armed_group', 'Syrian Democratic Forces | SDF', 2, 'SY'],
  ['ypg', 'armed_group', "People's Protection Units | YPG", 2, 'SY'],
  ['pkk', 'armed_group', "Kurdistan Workers' Party | PKK", 2, 'TR'],
  ['peshmerga', 'state_force', 'Peshmerga | Kurdish Peshmerga', 1, 'IQ'],
  ['pmf', 'armed_group', 'Popular Mobilization Forces | Popular Mobilisation Forces | PMF | Hashd al-Shaabi | Hashed al-Shaabi', 3, 'IQ'],
  ['mahdi-army', 'armed_group', 'Mahdi Army | Jaysh al-Mahdi', 3, 'IQ'],
  ['naqshbandia', 'armed_group', 'Men of the Army of the Naqshbandia Order | Naqshbandia | Naqshbandi Army | JRTN', 2, 'IQ'],
  ['asaib-ahl-al-haq', 'armed_group', "Asa'ib Ahl al-Haq | Asaib Ahl al-Haq", 3, 'IQ'],
  ['kataib-hezbollah', 'armed_group', "Kata'ib Hezbollah | Kataib Hezbollah", 3, 'IQ'],
  ['hezbollah', 'armed_group', 'Hezbollah | Hizbollah | Hizballah', 3, 'LB'],
  ['hamas', 'armed_group', 'Hamas | Izz ad-Din al-Qassam Brigades | Qassam Brigades', 2, 'PS'],
  ['pij', 'armed_group', 'Palestinian Islamic Jihad | Islamic Jihad', 2, 'PS'],
  ['houthis', 'armed_group', 'Houthis | Houthi | Ansar Allah | Ansarallah', 2, 'YE'],
  ['stc', 'armed_group', 'Southern Transitional Council | STC', 3, 'YE'],
  ['taliban', 'armed_group', 'Taliban | Afghan Taliban', 2, 'AF'],
  ['iskp', 'armed_group', 'Islamic State Khorasan Province | ISKP | ISIS-K | IS-K', 2, 'AF'],
  ['ttp', 'armed_group', 'Tehrik-i-Taliban Pakistan | Pakistani Taliban | TTP', 2, 'PK'],
  ['al-shabaab', 'armed_group', 'al-Shabaab | Al-Shabaab | al-Shabab | Shabaab | Shabab', 2, 'SO'],
  ['boko-haram', 'armed_group', 'Boko Haram | JAS', 2, 'NG'],
  ['iswap', 'armed_group', 'Islamic State West Africa Province | ISWAP', 2, 'NG'],
  ['jnim', 'armed_group', "Jama'at Nusrat al-Islam wal-Muslimin | JNIM | GSIM", 2, 'ML'],
  ['is-sahel', 'armed_group', 'Islamic State Sahel Province | Islamic State in the Greater Sahara | ISGS', 2, 'ML'],
  ['rsf', 'armed_group', 'Rapid Support Forces | RSF', 2, 'SD'],
  ['saf', 'state_force', 'Sudanese Armed Forces | SAF', 1, 'SD'],
  ['m23', 'armed_group', 'M23 | March 23 Movement | Mouvement du 23 mars', 2, 'CD'],
  ['adf', 'armed_group', 'Allied Democratic Forces | ADF', 2, 'CD'],
  ['fardc', 'state_force', 'FARDC | Armed Forces of the Democratic Republic of the Congo', 1, 'CD'],
  ['wagner', 'armed_group', 'Wagner Group | Wagner | Africa Corps', 8, 'RU'],
  ['fano', 'armed_group', 'Fano', 4, 'ET'],
  ['tplf', 'armed_group', "Tigray People's Liberation Front | TPLF", 2, 'ET'],
  ['quds-force', 'state_force', 'Quds Force', 1, 'IR'],
  ['irgc', 'state_force', 'Islamic Revolutionary Guard Corps | Revolutionary Guards | IRGC', 1, 'IR'],
  ['idf', 'state_force', 'Israel Defense Forces | Israeli Defense Forces | IDF', 1, 'IL'],
  ['baath', 'organisation', "Ba'ath Party | Baath Party | Ba'th Party"],
  // international organisations and NGOs
  ['un', 'igo_ngo', 'United Nations | UN | U.N.', 8],
  ['unsc', 'igo_ngo', 'UN Security Council | Security Council | United Nations Security Council', 8],
  ['unhcr', 'igo_ngo', 'UNHCR | UN refugee agency | Office of the United Nations High Commissioner for Refugees', 8],
  ['unicef', 'igo_ngo', 'UNICEF | Unicef', 8],
  ['wfp', 'igo_ngo', 'World Food Programme | World Food Program | WFP', 8],
  ['who', 'igo_ngo', 'World Health Organization | World Health Organisation | WHO', 8],
  ['ocha', 'igo_ngo', 'OCHA | UN Office for the Coordination of Humanitarian Affairs', 8],
  ['nato', 'igo_ngo', 'NATO | Nato | North Atlantic Treaty Organization', 8],
  ['eu', 'igo_ngo', 'European Union | EU', 8],
  ['au', 'igo_ngo', 'African Union | AU', 8],
  ['ecowas', 'igo_ngo', 'ECOWAS | Economic Community of West African States', 8],
  ['arab-league', 'igo_ngo', 'Arab League | League of Arab States', 8],
  ['icrc', 'igo_ngo', 'International Committee of the Red Cross | ICRC | Red Cross', 8],
  ['msf', 'igo_ngo', 'Doctors Without Borders | Medecins Sans Frontieres | Médecins Sans Frontières | MSF', 8],
  ['hrw', 'igo_ngo', 'Human Rights Watch | HRW', 8],
  ['amnesty', 'igo_ngo', 'Amnesty International | Amnesty', 8],
  ['sohr', 'igo_ngo', 'Syrian Observatory for Human Rights | SOHR | Observatory', undefined, 'SY'],
  ['acled', 'igo_ngo', 'Armed Conflict Location and Event Data | ACLED'],
  // governments and state bodies
  ['white-house', 'government', 'White House', 1, 'US'],
  ['pentagon', 'government', 'Pentagon', 1, 'US'],
  ['state-department', 'government', 'State Department | US State Department', 1, 'US'],
  ['kremlin', 'government', 'Kremlin', 1, 'RU'],
  ['krg', 'government', 'Kurdistan Regional Government | KRG', 1, 'IQ'],
  // media
  ['reuters', 'media', 'Reuters'],
  ['afp', 'media', 'Agence France-Presse | AFP'],
  ['ap', 'media', 'Associated Press | AP'],
  ['bbc', 'media', 'BBC'],
  ['cnn', 'media', 'CNN'],
  ['abc', 'media', 'ABC'],
  ['al-jazeera', 'media', 'Al Jazeera | Al-Jazeera | Aljazeera'],
  ['al-arabiya', 'media', 'Al Arabiya | Al-Arabiya'],
  ['nyt', 'media', 'New York Times | The New York Times'],
  ['washington-post', 'media', 'Washington Post | The Washington Post'],
  ['guardian', 'media', 'The Guardian'],
  ['daily-star', 'media', 'Daily Star | The Daily Star'],
  ['sana', 'media', 'SANA | Syrian Arab News Agency'],
  ['iraqiya', 'media', 'Iraqiya | Al-Iraqiya'],
  // people of the sample corpus's conflict
  ['maliki', 'person', 'Nouri al-Maliki | Nuri al-Maliki | Nuri Kamal al-Maliki | al-Maliki | Maliki', undefined, 'IQ'],
  ['assad', 'person', 'Bashar al-Assad | Bashar Assad | al-Assad | Assad', undefined, 'SY'],
  ['baghdadi', 'person', 'Abu Bakr al-Baghdadi | al-Baghdadi | Baghdadi', undefined, 'IQ'],
  ['sadr', 'person', 'Moqtada al-Sadr | Muqtada al-Sadr | Moqtada Sadr | Muqtada Sadr | Sadr', undefined, 'IQ'],
  ['sistani', 'person', 'Ali al-Sistani | Grand Ayatollah Ali al-Sistani | al-Sistani | Sistani', undefined, 'IQ'],
];

type PlaceRow = [id: string, kind: EntityKind, names: string, country: string, lat: number, lon: number];

/** Places of the sample conflict missing from GeoNames' populated-place list, with their usual spellings. */
const PLACES: PlaceRow[] = [
  ['iq-al-qaim', 'city', "Al-Qaim | Al Qaim | al-Qa'im | Qaim | Husaybah", 'IQ', 34.37, 41.09],
  ['sy-albu-kamal', 'city', 'Albu Kamal | Abu Kamal | Albukamal | Al-Bukamal | Bukamal', 'SY', 34.45, 40.92],
  ['iq-tikrit', 'city', 'Tikrit', 'IQ', 34.6, 43.68],
  ['iq-fallujah', 'city', 'Fallujah | Falluja', 'IQ', 33.35, 43.78],
  ['iq-samarra', 'city', 'Samarra', 'IQ', 34.2, 43.87],
  ['iq-tal-afar', 'city', 'Tal Afar | Tall Afar | Tel Afar', 'IQ', 36.37, 42.45],
  ['iq-baiji', 'city', 'Baiji | Bayji', 'IQ', 34.93, 43.49],
  ['iq-haditha', 'city', 'Haditha', 'IQ', 34.14, 42.38],
  ['iq-rutba', 'city', 'Rutba | Ar Rutbah | Rutbah', 'IQ', 33.04, 40.28],
  ['iq-anah', 'city', 'Anah | Ana', 'IQ', 34.47, 41.99],
  ['iq-rawa', 'city', 'Rawa | Rawah', 'IQ', 34.48, 41.92],
  ['iq-sinjar', 'city', 'Sinjar', 'IQ', 36.32, 41.87],
  ['iq-anbar', 'admin_area', 'Anbar | Al Anbar | Anbar province', 'IQ', 33.37, 42.0],
  ['iq-nineveh', 'admin_area', 'Nineveh | Ninewa | Nineveh province', 'IQ', 36.0, 42.5],
  ['iq-salahuddin', 'admin_area', 'Salahuddin | Salah al-Din | Salaheddin', 'IQ', 34.5, 43.5],
  ['iq-diyala', 'admin_area', 'Diyala', 'IQ', 33.9, 45.0],
  ['iq-kurdistan', 'region', 'Kurdistan | Iraqi Kurdistan | Kurdistan Region', 'IQ', 36.2, 44.0],
  ['sy-raqqa', 'city', 'Raqqa | Raqqah | Ar Raqqah', 'SY', 35.95, 39.01],
  ['sy-deir-ez-zor', 'city', 'Deir ez-Zor | Deir al-Zour | Deir Ezzor | Deir el-Zour | Dayr az Zawr', 'SY', 35.33, 40.14],
  ['sy-damascus', 'city', 'Damascus', 'SY', 33.51, 36.29],
  ['iq-sadr-city', 'city', 'Sadr City', 'IQ', 33.39, 44.46],
  ['iq-green-zone', 'facility', 'Green Zone', 'IQ', 33.3, 44.38],
];

/** Seas, gulfs and regions that news copy names and GeoNames' populated places lack (no country: they span several). */
const REGIONS: Array<[id: string, names: string, lat: number, lon: number]> = [
  ['region-red-sea', 'Red Sea', 20, 38.5],
  ['region-mediterranean', 'Mediterranean | Mediterranean Sea', 35, 18],
  ['region-black-sea', 'Black Sea', 43.4, 34.3],
  ['region-caspian', 'Caspian Sea', 41.9, 50.6],
  ['region-persian-gulf', 'Persian Gulf | Arabian Gulf | the Gulf', 26.9, 51.5],
  ['region-gulf-of-aden', 'Gulf of Aden', 12.5, 48],
  ['region-bab-el-mandeb', 'Bab el-Mandeb | Bab al-Mandab', 12.6, 43.3],
  ['region-strait-of-hormuz', 'Strait of Hormuz', 26.6, 56.3],
  ['region-sahel', 'Sahel', 15, 2],
  ['region-sahara', 'Sahara', 23, 13],
  ['region-horn-of-africa', 'Horn of Africa', 8, 45],
  ['region-great-lakes', 'Great Lakes region | African Great Lakes', -2, 30],
  ['region-lake-chad', 'Lake Chad | Lake Chad Basin', 13, 14.5],
  ['region-middle-east', 'Middle East', 29, 41],
  ['region-levant', 'Levant', 33.5, 36],
  ['region-maghreb', 'Maghreb', 32, 3],
  ['region-balkans', 'Balkans', 43, 21],
  ['region-caucasus', 'Caucasus', 42.5, 44],
  ['region-central-asia', 'Central Asia', 45, 68],
  ['region-sinai', 'Sinai | Sinai Peninsula', 29.5, 33.8],
  ['region-darfur', 'Darfur', 13.5, 24],
  ['region-kordofan', 'Kordofan', 12.5, 29.5],
  ['region-donbas', 'Donbas | Donbass', 48, 38.5],
  ['region-crimea', 'Crimea', 45.3, 34.4],
  ['region-tigray', 'Tigray', 14, 39],
  ['region-amhara', 'Amhara', 11.5, 38],
  ['region-kashmir', 'Kashmir', 34, 76],
  ['region-balochistan', 'Balochistan | Baluchistan', 28.5, 65],
  ['region-idlib', 'Idlib province', 35.8, 36.6],
  ['region-golan', 'Golan Heights | Golan', 33, 35.8],
  ['region-kivu', 'North Kivu | South Kivu | Kivu', -1, 29],
  ['region-ituri', 'Ituri', 1.8, 30],
  ['region-cabo-delgado', 'Cabo Delgado', -12, 39.5],
  ['region-nagorno-karabakh', 'Nagorno-Karabakh | Karabakh', 39.9, 46.7],
];

/** GeoNames places by id whose everyday name GeoNames lacks ("New York" for New York City). */
export const PLACE_SHORT_NAMES: Readonly<Record<number, string>> = { 5128581: 'New York' };

/** Common short names the ISO list lacks or spells formally ("Syria", "Iran", "Britain"). */
export const COUNTRY_SHORT_NAMES: Readonly<Record<string, string>> = {
  SY: 'Syria', IR: 'Iran', RU: 'Russia', GB: 'Britain | U.K.', US: 'America', CD: 'DR Congo | DRC | Congo-Kinshasa | Democratic Republic of Congo',
  CG: 'Congo-Brazzaville', KR: 'South Korea', KP: 'North Korea', VE: 'Venezuela', BO: 'Bolivia', TZ: 'Tanzania',
  LA: 'Laos', MD: 'Moldova', VN: 'Vietnam', PS: 'Palestinian territories | Gaza Strip | Gaza | West Bank', TW: 'Taiwan',
  CI: "Ivory Coast | Cote d'Ivoire", MM: 'Burma', CZ: 'Czech Republic', TR: 'Turkey | Türkiye',
};

function split(names: string): [string, string[]] {
  const list = names.split(' | ').map((s) => s.trim());
  return [list[0], list.slice(1)];
}

export function builtinActors(): Entity[] {
  return ACTORS.map(([id, kind, names, inter, country]) => {
    const [name, aliases] = split(names);
    return { id, name, label: 'ACTOR' as MentionLabel, kind, aliases, ...(inter ? { inter } : {}), ...(country ? { country } : {}) };
  });
}

export function builtinPlaces(): Entity[] {
  const places = PLACES.map(([id, kind, names, country, lat, lon]) => {
    const [name, aliases] = split(names);
    return { id, name, label: 'PLACE' as MentionLabel, kind, aliases, country, lat, lon };
  });
  const regions = REGIONS.map(([id, names, lat, lon]) => {
    const [name, aliases] = split(names);
    return { id, name, label: 'PLACE' as MentionLabel, kind: 'region' as EntityKind, aliases, lat, lon };
  });
  return [...places, ...regions];
}
