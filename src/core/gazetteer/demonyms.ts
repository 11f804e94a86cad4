/**
 * English adjectives and demonyms of every ISO 3166 country, and of the regions, peoples and affiliations news
 * copy uses the same way ("Kurdish", "Sunni", "Western"). An adjective alone is neither a PLACE nor an ACTOR:
 * it describes (`Yemeni tribal leaders`, `13 Ukrainian troops`). Compiled for this project from the standard
 * English forms (as in the nationality entries of the CIA World Factbook, public domain); keyed by ISO alpha-2
 * code so every country of i18n-iso-countries has its row (checked by a unit test).
 */

/** ISO alpha-2 → "Adjective | other forms | plural nouns…"; plurals are told apart by `pluralDemonym`. */
export const COUNTRY_DEMONYMS: Readonly<Record<string, string>> = {
  AF: 'Afghan | Afghani | Afghans', AL: 'Albanian | Albanians', DZ: 'Algerian | Algerians', AS: 'American Samoan | American Samoans',
  AD: 'Andorran | Andorrans', AO: 'Angolan | Angolans', AI: 'Anguillan | Anguillans', AQ: 'Antarctic', AG: 'Antiguan | Barbudan | Antiguans',
  AR: 'Argentine | Argentinian | Argentinean | Argentines | Argentinians', AM: 'Armenian | Armenians', AW: 'Aruban | Arubans',
  AU: 'Australian | Australians', AT: 'Austrian | Austrians', AZ: 'Azerbaijani | Azeri | Azerbaijanis | Azeris', BS: 'Bahamian | Bahamians',
  BH: 'Bahraini | Bahrainis', BD: 'Bangladeshi | Bangladeshis', BB: 'Barbadian | Barbadians', BY: 'Belarusian | Belarussian | Belarusians',
  BE: 'Belgian | Belgians', BZ: 'Belizean | Belizeans', BJ: 'Beninese', BM: 'Bermudian | Bermudians', BT: 'Bhutanese', BO: 'Bolivian | Bolivians',
  BA: 'Bosnian | Herzegovinian | Bosnians', BW: 'Botswanan | Motswana | Batswana', BV: 'Bouvet Islander', BR: 'Brazilian | Brazilians',
  BN: 'Bruneian | Bruneians', BG: 'Bulgarian | Bulgarians', BF: 'Burkinabe | Burkinabé | Burkinabes',
  BI: 'Burundian | Burundians', KH: 'Cambodian | Khmer | Cambodians', CM: 'Cameroonian | Cameroonians', CA: 'Canadian | Canadians',
  CV: 'Cape Verdean | Cabo Verdean | Cape Verdeans', KY: 'Caymanian | Caymanians', CF: 'Central African | Central Africans', TD: 'Chadian | Chadians',
  CL: 'Chilean | Chileans', CN: 'Chinese', CX: 'Christmas Islander', CC: 'Cocos Islander', CO: 'Colombian | Colombians', KM: 'Comoran | Comorian | Comorans',
  CG: 'Congolese', CD: 'Congolese', CK: 'Cook Islander', CR: 'Costa Rican | Costa Ricans', CI: 'Ivorian | Ivoirian | Ivorians',
  HR: 'Croatian | Croat | Croatians | Croats', CU: 'Cuban | Cubans', CY: 'Cypriot | Cypriots', CZ: 'Czech | Czechs', DK: 'Danish | Dane | Danes',
  DJ: 'Djiboutian | Djiboutians', DM: 'Dominican | Dominicans', DO: 'Dominican | Dominicans', EC: 'Ecuadorian | Ecuadorean | Ecuadorians',
  EG: 'Egyptian | Egyptians', SV: 'Salvadoran | Salvadorean | Salvadorans', GQ: 'Equatorial Guinean | Equatoguinean | Equatorial Guineans',
  ER: 'Eritrean | Eritreans', EE: 'Estonian | Estonians', ET: 'Ethiopian | Ethiopians', FK: 'Falkland Islander | Falkland Islanders', FO: 'Faroese',
  FJ: 'Fijian | Fijians', FI: 'Finnish | Finn | Finns', FR: 'French | Frenchman | Frenchmen', GF: 'French Guianese', PF: 'French Polynesian | Tahitian',
  TF: 'French Southern', GA: 'Gabonese', GM: 'Gambian | Gambians', GE: 'Georgian | Georgians', DE: 'German | Germans', GH: 'Ghanaian | Ghanaians',
  GI: 'Gibraltarian | Gibraltarians', GR: 'Greek | Hellenic | Greeks', GL: 'Greenlandic | Greenlander | Greenlanders', GD: 'Grenadian | Grenadians',
  GP: 'Guadeloupean', GU: 'Guamanian | Chamorro', GT: 'Guatemalan | Guatemalans', GN: 'Guinean | Guineans', GW: 'Bissau-Guinean | Bissau-Guineans',
  GY: 'Guyanese', HT: 'Haitian | Haitians', HM: 'Heard Islander', VA: 'Vatican | Papal', HN: 'Honduran | Hondurans', HK: 'Hong Konger | Hongkongese',
  HU: 'Hungarian | Magyar | Hungarians', IS: 'Icelandic | Icelander | Icelanders', IN: 'Indian | Indians', ID: 'Indonesian | Indonesians',
  IR: 'Iranian | Persian | Iranians | Persians', IQ: 'Iraqi | Iraqis', IE: 'Irish | Irishman | Irishmen', IL: 'Israeli | Israelis', IT: 'Italian | Italians',
  JM: 'Jamaican | Jamaicans', JP: 'Japanese', JO: 'Jordanian | Jordanians', KZ: 'Kazakh | Kazakhstani | Kazakhs | Kazakhstanis', KE: 'Kenyan | Kenyans',
  KI: 'I-Kiribati', KP: 'North Korean | North Koreans', KR: 'South Korean | Korean | South Koreans | Koreans', KW: 'Kuwaiti | Kuwaitis',
  KG: 'Kyrgyz | Kyrgyzstani | Kirghiz', LA: 'Lao | Laotian | Laotians', LV: 'Latvian | Lettish | Latvians', LB: 'Lebanese', LS: 'Basotho | Mosotho',
  LR: 'Liberian | Liberians', LY: 'Libyan | Libyans', LI: 'Liechtensteiner | Liechtensteiners', LT: 'Lithuanian | Lithuanians',
  LU: 'Luxembourgish | Luxembourger | Luxembourgers', MO: 'Macanese', MG: 'Malagasy', MW: 'Malawian | Malawians', MY: 'Malaysian | Malaysians',
  MV: 'Maldivian | Maldivians', ML: 'Malian | Malians', MT: 'Maltese', MH: 'Marshallese', MQ: 'Martiniquais | Martinican', MR: 'Mauritanian | Mauritanians',
  MU: 'Mauritian | Mauritians', YT: 'Mahoran', MX: 'Mexican | Mexicans', FM: 'Micronesian | Micronesians', MD: 'Moldovan | Moldovans', MC: 'Monegasque | Monacan',
  MN: 'Mongolian | Mongol | Mongolians | Mongols', MS: 'Montserratian', MA: 'Moroccan | Moroccans', MZ: 'Mozambican | Mozambicans',
  MM: 'Burmese', NA: 'Namibian | Namibians', NR: 'Nauruan | Nauruans', NP: 'Nepali | Nepalese | Nepalis', NL: 'Dutch | Dutchman | Dutchmen',
  NC: 'New Caledonian | Kanak', NZ: 'New Zealander | Kiwi | New Zealanders', NI: 'Nicaraguan | Nicaraguans', NE: 'Nigerien | Nigeriens',
  NG: 'Nigerian | Nigerians', NU: 'Niuean', NF: 'Norfolk Islander', MK: 'Macedonian | North Macedonian | Macedonians', MP: 'Northern Marianan',
  NO: 'Norwegian | Norwegians', OM: 'Omani | Omanis', PK: 'Pakistani | Pakistanis', PW: 'Palauan', PS: 'Palestinian | Palestinians',
  PA: 'Panamanian | Panamanians', PG: 'Papua New Guinean | Papuan | Papua New Guineans', PY: 'Paraguayan | Paraguayans', PE: 'Peruvian | Peruvians',
  PH: 'Philippine | Filipino | Filipina | Filipinos', PN: 'Pitcairn Islander', PL: 'Polish | Pole | Poles', PT: 'Portuguese', PR: 'Puerto Rican | Puerto Ricans',
  QA: 'Qatari | Qataris', RE: 'Réunionese | Reunionese', RO: 'Romanian | Romanians', RU: 'Russian | Russians', RW: 'Rwandan | Rwandese | Rwandans',
  SH: 'Saint Helenian', KN: 'Kittitian | Nevisian', LC: 'Saint Lucian | Saint Lucians', PM: 'Saint-Pierrais', VC: 'Vincentian | Vincentians',
  WS: 'Samoan | Samoans', SM: 'Sammarinese', ST: 'São Toméan | Sao Tomean', SA: 'Saudi | Saudi Arabian | Saudis | Saudi Arabians',
  SN: 'Senegalese', SC: 'Seychellois', SL: 'Sierra Leonean | Sierra Leoneans', SG: 'Singaporean | Singaporeans', SK: 'Slovak | Slovakian | Slovaks',
  SI: 'Slovenian | Slovene | Slovenians | Slovenes', SB: 'Solomon Islander | Solomon Islanders', SO: 'Somali | Somalian | Somalis',
  ZA: 'South African | South Africans', GS: 'South Georgian', ES: 'Spanish | Spaniard | Spaniards', LK: 'Sri Lankan | Sinhalese | Sri Lankans',
  SD: 'Sudanese', SR: 'Surinamese', SZ: 'Swazi | Swazis', SE: 'Swedish | Swede | Swedes', CH: 'Swiss', SY: 'Syrian | Syrians',
  TW: 'Taiwanese', TJ: 'Tajik | Tajikistani | Tajiks', TZ: 'Tanzanian | Tanzanians', TH: 'Thai | Thais', TL: 'Timorese | East Timorese',
  TG: 'Togolese', TK: 'Tokelauan', TO: 'Tongan | Tongans', TT: 'Trinidadian | Tobagonian | Trinidadians', TN: 'Tunisian | Tunisians',
  TR: 'Turkish | Turk | Turks', TM: 'Turkmen | Turkmens', TC: 'Turks and Caicos Islander', TV: 'Tuvaluan | Tuvaluans', UG: 'Ugandan | Ugandans',
  UA: 'Ukrainian | Ukrainians', AE: 'Emirati | Emiratis', GB: 'British | Briton | Britons | English | Scottish | Welsh | Scots', US: 'American | Americans',
  UM: 'American', UY: 'Uruguayan | Uruguayans', UZ: 'Uzbek | Uzbekistani | Uzbeks', VU: 'Ni-Vanuatu | Vanuatuan', VE: 'Venezuelan | Venezuelans',
  VN: 'Vietnamese', VG: 'British Virgin Islander', VI: 'Virgin Islander', WF: 'Wallisian | Futunan', EH: 'Sahrawi | Sahrawian | Sahrawis',
  YE: 'Yemeni | Yemenite | Yemenis', ZM: 'Zambian | Zambians', ZW: 'Zimbabwean | Zimbabweans', AX: 'Ålandish | Åland Islander',
  BQ: 'Bonairean', CW: 'Curaçaoan', IM: 'Manx', ME: 'Montenegrin | Montenegrins', BL: 'Barthélemois',
  MF: 'Saint-Martinoise', RS: 'Serbian | Serb | Serbians | Serbs', SX: 'Sint Maartener', SS: 'South Sudanese', XK: 'Kosovar | Kosovan | Kosovars',
};

/**
 * Adjectives of regions, continents, peoples, religions and political camps that describe rather than name
 * ("Arab military intervention", "Kurdish forces", "Western diplomats", "Shiite Hazara community").
 */
export const GROUP_DEMONYMS = `
  Arab Arabs Arabian Western Westerner Westerners Eastern European Europeans African Africans Asian Asians Latin Latino
  Middle-Eastern Mideast Nordic Scandinavian Balkan Caucasian Baltic Slavic Sahelian Maghrebi Levantine Iberian
  Kurdish Kurd Kurds Pashtun Pashtuns Pushtun Hazara Hazaras Tajik Uzbek Baloch Baluch Balochi Sindhi Punjabi Bengali
  Tamil Tamils Sinhalese Rohingya Bamar Uyghur Uighur Uyghurs Uighurs Tibetan Tibetans
  Berber Berbers Amazigh Tuareg Tuaregs Fulani Peul Fula Hausa Yoruba Igbo Kanuri Dogon Bambara Songhai Mossi Zaghawa
  Masalit Misseriya Dinka Nuer Shilluk Murle Oromo Tigrayan Tigrayans Hutu Hutus Tutsi Tutsis Banyamulenge
  Lendu Hema Nande Luba Kikuyu Luo Kalenjin Maasai Acholi Druze Alawite Alawites Circassian Chechen Chechens Ingush Dagestani
  Ossetian Abkhaz Abkhazian Tatar Tatars Crimean Cossack Yazidi Yazidis Yezidi Assyrian Assyrians Chaldean Turkoman
  Turkmen Copt Coptic Copts Maronite Armenian Jewish Jew Jews Muslim Muslims Moslem Christian Christians Catholic Catholics
  Orthodox Protestant Protestants Evangelical Hindu Hindus Sikh Sikhs Buddhist Buddhists Sunni Sunnis Shia Shias Shiite Shiites
  Shi'ite Shi'ites Shi’ite Shi’ites Ismaili Sufi Salafi Salafist Salafists Wahhabi Zaidi Ibadi Islamist Islamists Islamic Jihadist
  Jihadists Zionist Baathist Baathists Kurdistani Palestinian Israeli Bedouin Bedouins Mestizo Afro-Colombian Indigenous Mapuche
  Quechua Aymara Papuan Moro Bangsamoro Karenni Naga Mizo Kuki Meitei Madhesi Tharu Pakhtun Bugti Marri
  Sahrawi Kabyle Toubou Tebu Teda Arabized Baggara Rizeigat Nuba Hadendowa Rashaida Shukriya Ja'alin Danagla Shaigiya
  Mandinka Wolof Serer Jola Diola Malinke Soninke Senufo Dioula Bete Baoule Ewe Ashanti Akan Dagomba Konkomba Tiv Jukun
  Ijaw Ogoni Efik Ibibio Kanembu Zaghawas Gorane Bantu Pygmy Twa Batwa Bakongo Ovimbundu Mbundu Makonde Makua Shona Ndebele
  Zulu Xhosa Sotho Tswana
`;

export type DemonymForm = 'adjective' | 'plural';

let forms: Map<string, DemonymForm> | undefined;

function buildForms(): Map<string, DemonymForm> {
  const out = new Map<string, DemonymForm>();
  const add = (w: string): void => {
    const key = w.replace(/’/g, "'");
    if (key) out.set(key, pluralDemonym(key) ? 'plural' : 'adjective');
  };
  for (const row of Object.values(COUNTRY_DEMONYMS)) for (const w of row.split(' | ')) add(w.trim());
  for (const w of GROUP_DEMONYMS.trim().split(/\s+/)) add(w);
  return out;
}

/**
 * Whether `text` (as written, one or more words) is a demonym or affiliation: 'adjective' ("Yemeni", "Saudi
 * Arabian", "French", "Shiite") or 'plural' ("Yemenis", "Kurds"); undefined for anything else.
 */
export function demonymForm(text: string): DemonymForm | undefined {
  forms ??= buildForms();
  return forms.get(text.indexOf('’') >= 0 ? text.replace(/’/g, "'") : text);
}

/** Words of plural form ("Afghans", "Kurds", "Shiites"): nouns for people, not adjectives. */
export function pluralDemonym(word: string): boolean {
  return /(?:[^s]s|men)$/.test(word) && !/(?:ss|ese|ais|ois|Swiss|Basotho|Batswana)$/.test(word);
}
