/** Word lists for the demo generator: Flemish card systems, their postcodes, names, themes. */
export const CARD_SYSTEMS = [
  { key: 'uitpas-gent', name: 'UiTPAS Gent', city: 'Gent', postcodes: ['9000', '9030', '9031', '9032', '9040', '9041', '9050', '9051', '9052'] },
  { key: 'uitpas-leuven', name: 'UiTPAS Leuven', city: 'Leuven', postcodes: ['3000', '3001', '3010', '3012', '3018'] },
  { key: 'uitpas-oostende', name: 'UiTPAS Oostende', city: 'Oostende', postcodes: ['8400'] },
  { key: 'uitpas-aalst', name: 'UiTPAS Aalst', city: 'Aalst', postcodes: ['9300', '9308', '9310', '9320'] },
  { key: 'uitpas-mechelen', name: 'UiTPAS Mechelen', city: 'Mechelen', postcodes: ['2800', '2801', '2811', '2812'] },
  { key: 'uitpas-kortrijk', name: 'UiTPAS Kortrijk', city: 'Kortrijk', postcodes: ['8500', '8501', '8510', '8511'] },
  { key: 'uitpas-brugge', name: 'UiTPAS Brugge', city: 'Brugge', postcodes: ['8000', '8200', '8310', '8380'] },
  { key: 'uitpas-dender', name: 'UiTPAS Dender', city: 'Ninove', postcodes: ['9400', '9402', '9450', '9470', '9500'] },
] as const;

export const COUNTER_TYPES = ['Festival', 'Concert', 'Bibliotheek', 'Museum', 'Theater', 'Sportcentrum', 'Cultuurcentrum', 'Jeugdhuis'] as const;

export const THEMES = [
  'jazz en blues', 'klassieke muziek', 'pop en rock', 'theater', 'film', 'sport', 'kinderen',
  'erfgoed', 'literatuur', 'dans', 'tentoonstelling', 'workshop',
] as const;

export const FIRST_NAMES = [
  'Emma', 'Louise', 'Olivia', 'Elena', 'Marie', 'Noor', 'Lina', 'Mila', 'Julie', 'Fien', 'Nore', 'Anna', 'Chloé', 'Lotte', 'Sara',
  'Noah', 'Arthur', 'Louis', 'Jules', 'Lucas', 'Adam', 'Liam', 'Finn', 'Victor', 'Mohamed', 'Vic', 'Warre', 'Stan', 'Seppe', 'Lars',
  'An', 'Els', 'Katrien', 'Sofie', 'Bart', 'Dirk', 'Koen', 'Pieter', 'Hilde', 'Marc', 'Rita', 'Jan', 'Luc', 'Greet', 'Yasmina',
] as const;

export const LAST_NAMES = [
  'Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet', 'Dubois', 'Lambert',
  'Dupont', 'Hermans', 'Vermeulen', 'Pauwels', 'Van den Broeck', 'De Clercq', 'Vandenberghe', 'Declercq', 'Smets', 'Van Damme',
  'De Backer', 'Verstraete', 'Michiels', 'Desmet', 'Coppens', "D'Hondt", 'El Amrani', 'Yilmaz',
] as const;

export const STREETS = [
  'Kerkstraat', 'Stationsstraat', 'Dorpsstraat', 'Molenstraat', 'Nieuwstraat', 'Kouter', 'Veldstraat', 'Schoolstraat',
  'Lindenlaan', 'Kapelstraat', 'Grote Markt', 'Brugsesteenweg', 'Bosstraat', 'Ringlaan', 'Hoogstraat',
] as const;
