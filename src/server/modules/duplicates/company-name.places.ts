/**
 * Places that companies put into their names for a subsidiary, a seat or a market ("ASML
 * Netherlands", "Shell Canada", "Müller Logistik Hamburg"): countries in English and their own
 * and neighbouring languages, regions, and large cities. A place on one side only says little
 * about identity; company-match.rules.ts weighs it lightly. Natural spelling; folded on load.
 */

/** canonical place → other names of it, `|`-separated; the canonical name is what tokens carry. */
export const PLACE_SYNONYMS: Readonly<Record<string, string>> = {
  netherlands: 'netherland|holland|nederland|niederlande|pays-bas|paises bajos|olanda',
  germany: 'deutschland|allemagne|alemania|germania|duitsland',
  usa: 'u.s.a.|united states|united states of america|vereinigte staaten|etats-unis|estados unidos',
  uk: 'united kingdom|great britain|grossbritannien|royaume-uni|britain',
  switzerland: 'schweiz|suisse|svizzera|svizra|zwitserland',
  austria: 'österreich|autriche|oostenrijk',
  belgium: 'belgien|belgique|belgië',
  france: 'frankreich|frankrijk|francia',
  italy: 'italia|italien|italie',
  spain: 'españa|spanien|espagne|spanje',
  sweden: 'sverige|schweden|suède|zweden',
  denmark: 'danmark|dänemark|danemark|denemarken',
  norway: 'norge|norwegen|norvège|noorwegen',
  finland: 'suomi|finnland|finlande',
  poland: 'polska|polen|pologne',
  japan: 'nippon|nihon|japon',
  china: 'prc|chine',
  canada: 'kanada',
  europe: 'europa|european|europäisch|européenne|europese',
};

/** Country codes, taken for places only as a name's last word ("ASML US", "Sara Lee/DE" is left alone elsewhere). */
export const COUNTRY_CODES = 'us|uk|gb|nl|de|fr|ch|at|be|lu|it|es|pt|se|no|dk|fi|pl|cz|hu|ca|au|nz|jp|cn|kr|in|br|mx|za|ie|sg|hk|tw|il|tr|ru|eu';

/** Countries, territories, regions and words of nationality, `|`-separated. */
export const PLACES = `
afghanistan|albania|algeria|andorra|angola|argentina|armenia|australia|azerbaijan|bahrain|bangladesh|belarus|bolivia|bosnia|
botswana|brazil|brasil|bulgaria|cambodia|cameroon|chile|colombia|costa rica|croatia|hrvatska|cuba|cyprus|czech republic|czechia|
cesko|ecuador|egypt|estonia|eesti|ethiopia|georgia|ghana|greece|hellas|guatemala|hong kong|hungary|magyarorszag|iceland|india|
indonesia|iran|iraq|ireland|eire|israel|ivory coast|jamaica|jordan|kazakhstan|kenya|korea|south korea|kosovo|kuwait|latvia|
lebanon|libya|liechtenstein|lithuania|luxembourg|luxemburg|macedonia|malaysia|malta|mexico|moldova|monaco|mongolia|montenegro|
morocco|mozambique|myanmar|namibia|nepal|new zealand|nigeria|oman|pakistan|panama|paraguay|peru|philippines|portugal|
puerto rico|qatar|romania|russia|rossiya|saudi arabia|scotland|senegal|serbia|singapore|slovakia|slovensko|slovenia|
south africa|sri lanka|sudan|syria|taiwan|tanzania|thailand|tunisia|turkey|turkiye|uganda|ukraine|united arab emirates|uae|
uruguay|uzbekistan|venezuela|vietnam|viet nam|wales|england|northern ireland|zambia|zimbabwe|
asia|asian|pacific|asia pacific|apac|emea|americas|american|latin america|latam|north america|south america|africa|
middle east|nordic|nordics|scandinavia|scandinavian|benelux|dach|baltic|balkan|iberia|iberian|mediterranean|
north|south|east|west|northern|southern|eastern|western|central|mitte|nord|sued|ost|noord|zuid|oost|
international|global|worldwide|world|overseas|intercontinental|
deutsch|german|dutch|french|british|swiss|austrian|belgian|italian|spanish|swedish|danish|norwegian|finnish|polish|japanese|
chinese|canadian|australian|irish|indian|korean|brazilian|mexican|russian|turkish|
`;

/** Large cities and company seats, for names like "Honeywell B.V., Amsterdam" or "Nordlicht Leipzig GmbH". */
export const CITIES = `
amsterdam|rotterdam|den haag|the hague|s gravenhage|utrecht|eindhoven|groningen|tilburg|almere|breda|nijmegen|apeldoorn|
haarlem|arnhem|arnheim|enschede|amersfoort|zaanstad|s hertogenbosch|den bosch|hertogenbosch|zwolle|leiden|maastricht|
dordrecht|zoetermeer|delft|venlo|antwerpen|antwerp|anvers|gent|ghent|brussel|brussels|bruxelles|liege|luik|charleroi|
leuven|brugge|bruges|namur|
berlin|hamburg|muenchen|munich|koeln|cologne|frankfurt|stuttgart|duesseldorf|dortmund|leipzig|bremen|dresden|hannover|
hanover|nuernberg|nuremberg|duisburg|bochum|wuppertal|bielefeld|bonn|muenster|karlsruhe|mannheim|augsburg|wiesbaden|
moenchengladbach|gelsenkirchen|aachen|braunschweig|kiel|chemnitz|magdeburg|freiburg|krefeld|mainz|luebeck|erfurt|
rostock|kassel|saarbruecken|potsdam|heidelberg|darmstadt|regensburg|ingolstadt|wuerzburg|wolfsburg|ulm|goettingen|
osnabrueck|jena|wien|vienna|graz|linz|salzburg|innsbruck|klagenfurt|villach|wels|zuerich|zurich|genf|geneve|geneva|basel|
bern|lausanne|luzern|lucerne|winterthur|st gallen|lugano|
paris|marseille|lyon|toulouse|nantes|strasbourg|montpellier|bordeaux|lille|rennes|reims|grenoble|toulon|dijon|nimes|
besancon|london|birmingham|manchester|leeds|glasgow|liverpool|bristol|sheffield|edinburgh|cardiff|belfast|leicester|
nottingham|newcastle|cambridge|oxford|dublin|
madrid|barcelona|valencia|sevilla|seville|zaragoza|malaga|bilbao|lisboa|lisbon|porto|oporto|braga|coimbra|roma|rome|
milano|milan|napoli|naples|torino|turin|palermo|genova|genoa|bologna|firenze|florence|venezia|venice|verona|
stockholm|goteborg|gothenburg|malmo|uppsala|linkoping|vasteras|kobenhavn|copenhagen|aarhus|odense|aalborg|oslo|
trondheim|stavanger|tromso|helsinki|espoo|tampere|oulu|turku|jyvaskyla|reykjavik|tallinn|riga|vilnius|
warszawa|warsaw|krakow|lodz|wroclaw|poznan|gdansk|katowice|szczecin|praha|prague|brno|ostrava|plzen|bratislava|kosice|
budapest|debrecen|szeged|gyor|bucuresti|bucharest|cluj|sofia|beograd|belgrade|zagreb|ljubljana|athina|athens|
thessaloniki|istanbul|ankara|izmir|moskva|moscow|sankt peterburg|st petersburg|kyiv|kiev|minsk|
new york|los angeles|chicago|houston|philadelphia|san antonio|san diego|dallas|san jose|jacksonville|
san francisco|fort worth|indianapolis|seattle|denver|boston|el paso|nashville|detroit|
portland|las vegas|louisville|baltimore|milwaukee|albuquerque|atlanta|miami|minneapolis|pittsburgh|raleigh|
cleveland|tampa|st louis|cincinnati|sacramento|kansas city|salt lake city|toronto|montreal|vancouver|calgary|
ottawa|edmonton|quebec|winnipeg|mexico city|monterrey|guadalajara|sao paulo|rio de janeiro|buenos aires|santiago|
bogota|lima|caracas|tokyo|osaka|nagoya|yokohama|kyoto|kobe|seoul|busan|beijing|peking|shanghai|shenzhen|guangzhou|
tianjin|chengdu|wuhan|taipei|mumbai|bombay|delhi|new delhi|bangalore|bengaluru|hyderabad|chennai|kolkata|pune|
bangkok|jakarta|manila|kuala lumpur|hanoi|ho chi minh|sydney|melbourne|brisbane|perth|adelaide|auckland|wellington|
dubai|abu dhabi|doha|riyadh|tel aviv|jerusalem|cairo|johannesburg|cape town|lagos|nairobi|casablanca|
`;
