//! The phrase rules of [`super::lexicon`] for Spanish, French, German and Portuguese, the other
//! languages aimini makes games in, over the same [`super::normalise`]d text. Accented letters
//! survive normalising, so each accent is written to match with or without it (`compa(?:ñ|n)er`,
//! `(?:é|e)l(?:è|e)ves`, `(?:ü|u|ue)`), as people often leave accents out.
//!
//! The choice: phrase rules per language with the same word classes as the English ones (groups of
//! people, calls to harm, dehumanising words, possessive real people, ways of picking on someone,
//! real places), not translated copies of English sentences and not a translation step before the
//! English rules (no model, microseconds). The same policy holds: make-believe game violence
//! ("matar zombis", "tuer les monstres", "Aliens abschießen", "atirar nos alienígenas", a bomb to
//! defuse) is allowed; rules need a real target. Words that are also colours or adjectives ("el
//! caballero negro", "um gato preto", "dragones chinos") only count as a group with an article
//! ("los negros") or a word for people ("gente negra"), and German, whose verbs end a clause
//! ("in dem ich meinen Nachbarn ersteche"), also has rules with the target first. Unlike English,
//! a real person takes a first-person possessive only ("su", "seu" also mean "your"), only small
//! words may stand between a verb and that person ("matar zombis con mi hermano" passes), and
//! kidnapping is no violence verb ("el dragón secuestra a mi hermana" is a rescue story). Every
//! rule applies to every text, whatever its language, and is exercised by the labelled set
//! `prompts/evals/safety_intl.jsonl`.

use super::Category::{self, *};

/// One language's word classes, each an alternation in `(?:...)`, named as in [`super::lexicon`].
struct Lang {
    /// Groups of people, named as people (an article or "people" before a word that is also an
    /// adjective or a colour).
    groups: &'static str,
    /// Calls to harm or remove a group.
    hatred: &'static str,
    /// "are", then what dehumanising speech says a group is.
    are: &'static str,
    dehumanise: &'static str,
    /// "should", then "die", "be deported" and the like.
    must: &'static str,
    fate: &'static str,
    /// "jokes about".
    jokes: &'static str,
    /// A real person: a first-person possessive ("mi", "ma", "meine", "minha") and a relative,
    /// classmate, teacher, neighbour or colleague.
    people: &'static str,
    /// Small words allowed between a verb and its person ("a", "à", "auch", "o").
    gap: &'static str,
    /// Violence done to a person.
    violence: &'static str,
    /// Verb-final forms (German subordinate clauses) of violence; empty elsewhere.
    after: &'static str,
    /// Ways of picking on someone; where ("in my class"); "because he is"; "is" and insults.
    mocking: &'static str,
    place: &'static str,
    because: &'static str,
    is: &'static str,
    insult: &'static str,
    /// Fixed phrases per category.
    injection: &'static str,
    self_harm: &'static str,
    real_violence: &'static str,
    sexual: &'static str,
}

/// The English frame "bringing a weapon to a real place" ([`super::frames`]) per language: a verb of
/// bringing or smuggling, or a word for an attack, then a weapon, then a place people gather. The
/// weapon is what makes it real: "une attaque de zombies dans l'école" is a game.
/// (bring or attack, weapon, place) per language.
const ARMED: [(&str, &str, &str); 4] = [
    (
        r"(?:llevar|llevo|lleva|meter|meto|colar|cuelo|entrar|entro|esconder|escondo|pasar|ataques?|atentados?|asaltos?|agresi(?:ó|o)n)",
        r"(?:cuchillos?|navajas?|machetes?|hacha|escopetas?|pistolas?|rifles?|fusil(?:es)?|armas?|bombas?|explosivos?|(?:á|a)cido|veneno)",
        r"(?:escuela|colegio|cole|instituto|insti|clase|aula|iglesia|mezquita|sinagoga|concierto|estadio|estaci(?:ó|o)n|multitud|fiesta|mercado|hospital|guarder(?:í|i)a|cabalgata|procesi(?:ó|o)n)",
    ),
    (
        r"(?:amener|am(?:è|e)ne|apporter|apporte|ramener|ram(?:è|e)ne|rentrer|rentre|entrer|cacher|cache|planquer|glisser|faire passer|attaques?|attentats?|assauts?|agressions?)",
        r"(?:couteaux?|lames?|machettes?|haches?|fusils?|flingues?|pistolets?|revolvers?|armes?|bombes?|explosifs?|acide|poison)",
        r"(?:(?:l|d)?(?:é|e)coles?|coll(?:è|e)ges?|lyc(?:é|e)es?|bahut|classes?|(?:l|d)?(?:é|e)glises?|mosqu(?:é|e)es?|synagogues?|concerts?|stades?|gares?|foule|f(?:ê|e)tes?|march(?:é|e)s?|h(?:ô|o)pital|cr(?:è|e)ches?|maternelles?)",
    ),
    (
        r"(?:mitnehmen|mitnehme|mitbringen|mitbringe|reinbringen|reinschmuggeln|schmuggeln|schmuggle|verstecken|verstecke|angriff|angriffe|anschlag|anschl(?:ä|a|ae)ge|attentat|(?:ü|u|ue)berfall)",
        r"(?:messer|macheten?|axt|gewehre?|pistolen?|waffen?|bomben?|sprengstoff|s(?:ä|a|ae)ure|gift)",
        r"(?:\w*schulen?|gymnasium|klassen?|klassenzimmer|kirchen?|moscheen?|synagogen?|konzert|stadion|bahnhof|menge|\w*fest|weihnachtsmarkt|markt|krankenhaus|kitas?|kindergarten)",
    ),
    (
        r"(?:levar|levo|leva|entrar|entro|esconder|escondo|passar|colocar|botar|ataques?|atentados?|agress(?:ã|a)o)",
        r"(?:facas?|fac(?:ã|a)o|machado|armas?|pistolas?|rev(?:ó|o)lver|espingardas?|bombas?|explosivos?|(?:á|a)cido|veneno)",
        r"(?:escolas?|col(?:é|e)gios?|sala de aula|igrejas?|culto|mesquitas?|sinagogas?|show|est(?:á|a)dio|esta(?:ç|c)(?:ã|a)o|multid(?:ã|a)o|festas?|feira|hospital|creches?|bloco)",
    ),
];

pub(super) fn rules() -> Vec<(Category, String)> {
    let mut rules = vec![(Hate, HATE.to_owned()), (Extremism, EXTREMISM.to_owned())];
    for (bring, weapon, place) in ARMED {
        rules.push((
            Violence,
            format!("{bring} (?:\\w+ ){{0,5}}{weapon} (?:\\w+ ){{0,6}}{place}"),
        ));
    }
    for lang in [&ES, &FR, &DE, &PT] {
        let Lang {
            groups,
            hatred,
            are,
            dehumanise,
            must,
            fate,
            jokes,
            people,
            gap,
            violence,
            after,
            mocking,
            place,
            because,
            is,
            insult,
            injection,
            self_harm,
            real_violence,
            sexual,
        } = lang;
        // One rule per phrase shape, so each regular expression stays small (`\w` is a large class).
        rules.extend([
            (Hate, format!("{hatred} (?:\\w+ ){{0,3}}{groups}")),
            (
                Hate,
                format!("{groups} (?:\\w+ ){{0,3}}{are} (?:\\w+ ){{0,2}}{dehumanise}"),
            ),
            (
                Hate,
                format!("{groups} (?:\\w+ ){{0,2}}{must} (?:\\w+ )?{fate}"),
            ),
            (Hate, format!("{jokes} (?:\\w+ )?{groups}")),
            (Violence, format!("{violence} {gap}{people}")),
            (Harassment, format!("{mocking} {gap}{people}")),
            (
                Harassment,
                format!("{mocking} (?:\\w+ ){{0,3}}(?:{place}|{because})"),
            ),
            (
                Harassment,
                format!("{people} (?:\\w+ ){{0,3}}{is} (?:\\w+ ){{0,2}}{insult}"),
            ),
            (Harassment, format!("{insult} (?:\\w+ )?{place}")),
            (Injection, (*injection).to_owned()),
            (SelfHarm, (*self_harm).to_owned()),
            (Violence, (*real_violence).to_owned()),
            (Sexual, (*sexual).to_owned()),
        ]);
        if !after.is_empty() {
            // The target before the verb: "dass Flüchtlinge Ungeziefer sind", "meinen Lehrer auslachen".
            rules.extend([
                (
                    Hate,
                    format!("{groups} (?:\\w+ ){{0,2}}{hatred}|{groups} raus"),
                ),
                (
                    Hate,
                    format!("{groups} (?:\\w+ ){{0,2}}(?:{dehumanise} {are}|{fate} {must})"),
                ),
                (
                    Violence,
                    format!("{people} (?:mit (?:\\w+ )?\\w+ )?{after}"),
                ),
                (Harassment, format!("{people} (?:\\w+ ){{0,5}}{mocking}")),
                (
                    Harassment,
                    format!("{people} (?:\\w+ ){{0,2}}{insult} {is}"),
                ),
            ]);
        }
    }
    rules
}

/// Words for hate itself, in all four languages (English's `racis[mt]` already covers "racista",
/// "raciste").
const HATE: &str = r"rassis\w*|homof(?:ó|o)b\w*|tr(?:á|a)nsf(?:ó|o)b\w*|antis(?:é|e)mit\w*|xen(?:ó|o)fob\w*|x(?:é|e)nophob\w*|fremdenfeindlich\w*|islamof(?:ó|o)b\w*|schwulenfeindlich\w*|judenhass\w*|mis(?:ó|o)gin\w*|discurso de (?:ó|o)dio|discours (?:de haine|haineux)|hassrede\w*|volksverhetz\w*|(?:delitos?|cr(?:í|i)menes|crimes?) de (?:ó|o)dio|crimes? de haine|hassverbrechen|insult(?:os|es) (?:raciales|raciaux|racistes|racistas|homof(?:ó|o)bos)|(?:chistes|piadas) (?:machistas|sexistas)|blagues? sexistes?|sexistische\w* witze";

/// Extremist names, symbols and terms in all four languages (English's `nazi\w*`, `hitler\w*`,
/// `jihad\w*`, `terroris\w*`, `isis` already match most spellings).
const EXTREMISM: &str = r"estado isl(?:á|â|a)mico|islamische\w* staat\w*|(?:é|e)tat islamique|daesh|daech|daesch|yihad\w*|djihad\w*|dschihad\w*|talib(?:á|a)n\w*|ham(?:á|a)s|hezbol(?:á|a)|hisbollah|al qa(?:ï|i)da|neonazi\w*|esv(?:á|a)stica\w*|su(?:á|a)stica\w*|croix gamm(?:é|e)es?|hakenkreuz\w*|(?:tercer|terceiro|troisi(?:è|e)me|dritte\w*) reich|waffen ss|sieg heil|ss (?:soldat\w*|soldados?|offizier\w*|officiers?)|supremac(?:í|i)a (?:blanca|branca)|supr(?:é|e)macis\w* blanc\w*|wei(?:ß|ss)e vorherrschaft|poder (?:blanco|branco)|pouvoir blanc|guerra racial|guerre raciale|rassenkrieg\w*|limpi?eza (?:é|e)tnica|nettoyage ethnique|ethnische\w* s(?:ä|a|ae)uberung\w*|g(?:é|e)nocid\w*|genoc(?:í|i)di\w*|v(?:ö|o|oe)lkermord\w*|terror(?:anschl(?:ä|a|ae)?g|zelle|miliz|gruppe|organisation)\w*|atentados? (?:suicidas?|terroristas?)|attentats? (?:suicides?|terroristes?)|selbstmord(?:attent|anschl)\w*|(?:coche|carro) bomba|bomba suicida|voiture pi(?:é|e)g(?:é|e)e|autobombe\w*|gran reemplazo|grand remplacement|gro(?:ß|ss)e\w* austausch|grande substitui(?:ç|c)(?:ã|a)o|reichsb(?:ü|u|ue)rger\w*";

const ES: Lang = Lang {
    groups: r"(?:(?:los|las|a|unos|unas|esos|esas|de|sobre|contra) (?:jud(?:í|i)os|musulmanes|moros|cristianos|cat(?:ó|o)licos|hind(?:ú|u)es|negros|negratas|asi(?:á|a)ticos|chinos|mexicanos|latinos|(?:á|a)rabes|africanos|ind(?:í|i)genas|gitanos|refugiados|ilegales|trans|retrasados)|gays|gais|inmigrantes|migrantes|sudacas|maricones|maricas|homosexuales|lesbianas|lgbt\w*|transexuales|discapacitados|minusv(?:á|a)lidos|(?:personas|gente|ni(?:ñ|n)os|familias) (?:jud(?:í|i)as?|musulmanas?|negras?|blancas?|asi(?:á|a)ticas?|(?:á|a)rabes|gays?|gais|trans|discapacitadas?|autistas))",
    hatred: r"(?:odi(?:o|ar|amos|as|a)|mat(?:ar|a|as|o|amos|en|ad)|asesin(?:ar|a|as|o|amos)|extermin\w*|erradic\w*|gase(?:ar|a|as)|deport(?:ar|a|as|o|amos|en)|expuls(?:ar|a|as|o|amos|en)|ech(?:ar|a|as|o|amos)|(?:librarnos|deshacernos|deshacerse) de|acabar con|dispar(?:ar|a|as|o|amos|en)|quem(?:ar|a|as|o|amos)|linch\w*|esclaviz\w*|atropell(?:ar|a|as)|apale(?:ar|a|as)|golpe(?:ar|a|as)|muerte)",
    are: r"(?:son|eran|ser(?:í|i)an)",
    dehumanise: r"(?:malvad[oa]s|animales|bestias|ratas|cucarachas|par(?:á|a)sitos|plagas?|alima(?:ñ|n)as|inferiores|infrahumanos|subhumanos|asqueros[oa]s|suci[oa]s|basura|escoria|una enfermedad|enfermos|el enemigo|terroristas|criminales|delincuentes|ladrones|violadores|bichos)",
    must: r"(?:deber(?:í|i)an|deben|merecen|tienen que)",
    fate: r"(?:morir|morirse|ser (?:asesinad|exterminad|eliminad|deportad|expulsad|quemad)[oa]s|irse|largarse|desaparecer|arder)",
    jokes: r"(?:chistes?)",
    people: r"(?:(?:mi|mis|nuestr[oa]s?) (?:\w+ )?(?:compa(?:ñ|n)er[oa]s?|profes?|profesor(?:a|es|as)?|maestr[oa]s?|vecin[oa]s?|herman(?:o|a|os|as|ito|ita)|hermanastr[oa]s?|madre|mam(?:á|a)|padre|pap(?:á|a)|padrastro|madrastra|jef[ea]s?|novi[oa]|ex|espos[oa]|mujer|marido|director(?:a)?|prim[oa]s?|amig[oa]s?|t(?:í|i)[oa]s?|abuel[oa]s?|hij[oa]s?|suegr[oa]|familia))",
    gap: r"(?:(?:a|al|de|del|y|tambi(?:é|e)n|toda|todos|todas) ){0,2}",
    violence: r"(?:mat(?:ar|a|as|o|amos|en)|asesin(?:ar|a|as|o|amos)|dispar(?:ar|a|as|o|amos)(?:le)?|apu(?:ñ|n)al\w*|acuchill\w*|estrangul\w*|ahorc(?:ar|a|as|o)|ahog(?:ar|a|as|o)|envenen\w*|quem(?:ar|a|as|o)|golpe(?:ar|a|as|o)|peg(?:ar|a|as|o)(?:le)?|tortur\w*|lastim(?:ar|a|as|o)|herir|hiere|hacer(?:le)? da(?:ñ|n)o)",
    after: "",
    mocking: r"(?:burl(?:arse|arme|arnos|ar|a|as|o|ando|(?:á|a)ndose)|re(?:í|i)r(?:se|nos|me)? de|humill\w*|ridiculiz\w*|insult(?:ar|a|as|arl[oa]|amos)|acos(?:ar|arl[oa]|a|as|amos)|intimid(?:ar|a|as)|avergonz(?:ar|arl[oa])|hacer(?:le)? bullying|escupir(?:le)?|(?:lanz|tir)(?:ar|a|as)(?:le|les)? (?:huevos|piedras|tomates|agua|comida) a|meter(?:se|nos)? con|doxe\w*)",
    place: r"(?:(?:de|en|del) mi (?:clase|escuela|colegio|cole|instituto|insti|curso|equipo|oficina|trabajo))",
    because: r"(?:porque (?:(?:(?:é|e)l|ella|ellos|ellas) )?(?:es|son|est(?:á|a)))",
    is: r"(?:es|son|est(?:á|a)n?)",
    insult: r"(?:gord[oa]s?|fe[oa]s?|tont[oa]s?|est(?:ú|u)pid[oa]s?|idiotas?|imb(?:é|e)cil(?:es)?|perdedor(?:a|es|as)?|fracasad[oa]s?|asqueros[oa]s?|apestos[oa]s?|in(?:ú|u)til(?:es)?|retrasad[oa]s?|subnormal(?:es)?|pat(?:é|e)tic[oa]s?|lerd[oa]s?)",
    injection: r"(?:ignor(?:a|e|ar|en)|olvid(?:a|e|ar|en)|omit(?:e|ir)|descart(?:a|ar)) (?:\w+ ){0,3}(?:instrucciones|indicaciones|directrices|prompts?|programaci(?:ó|o)n|(?:tus|sus|todas las) (?:reglas|normas)|(?:reglas|normas) (?:anteriores|previas|de arriba)|todo lo (?:anterior|de arriba))|prompt del sistema|mensaje del sistema|prompt (?:oculto|inicial)|tu prompt|(?:a partir de|desde) ahora (?:vas a responder|responde\w*|responder(?:á|a)s|contesta\w*|debes (?:responder|ignorar|olvidar)|(?:eres|ser(?:á|a)s) (?:una? )?(?:ia|asistente|modelo|chatgpt|dan))|(?:ya )?no eres (?:una? )?(?:ia|asistente|modelo)|finge (?:ser|que eres) (?:una? )?(?:ia|asistente|chatgpt|modelo|sistema)|(?:ia|asistente|chatbot|modelo) sin (?:filtros?|censura|restricciones|l(?:í|i)mites)|(?:muestra|mu(?:é|e)strame|revela|imprime|repite|dime|dame) (?:\w+ ){0,2}(?:tus|las|el) (?:instrucciones|prompt|reglas) (?:del sistema|ocultas|originales|iniciales)|clave (?:de (?:la )?)?api|nuevas instrucciones|en lugar de eso (?:di|escribe|imprime)",
    self_harm: r"(?:quiero|voy a|ganas de|c(?:ó|o)mo|formas? de|maneras? de) (?:matarme|suicidarme|morirme|quitarme la vida|hacerme da(?:ñ|n)o|ahorcarme|envenenarme|matarse|quitarse la vida|hacerse da(?:ñ|n)o|ahorcarse)|me quiero (?:matar|morir|suicidar)|quiero morir(?:me)?|no quiero (?:seguir )?vivir|cort(?:arme|arse|o) (?:las venas|los brazos|las mu(?:ñ|n)ecas)|autolesi\w*|(?:hacerme|hacerse) da(?:ñ|n)o a (?:m(?:í|i)|s(?:í|i)) mism[oa]|sobredosis|consejos (?:de|para) (?:anorexia|bulimia|vomitar)",
    real_violence: r"tiroteos? (?:escolar(?:es)?|masivos?)|(?:tiroteos?|masacres?|balaceras?|matanzas?) (?:en|de) (?:(?:la|el|mi|una|un|nuestra|nuestro) )?(?:escuelas?|colegios?|cole|institutos?|insti|clases?|aulas?|iglesias?|mezquitas?|sinagogas?|templos?|hospital(?:es)?|guarder(?:í|i)as?)|(?:dispar(?:ar|a|as|o)|tirote(?:ar|a|as)|bale(?:ar|a|as)|bombarde(?:ar|a|as)|(?:hacer|haz) explotar|explot(?:ar|a|as)|pon(?:er|es|e|go|emos)? una bomba en|quem(?:ar|a|as)|incendi(?:ar|a|as)|apu(?:ñ|n)al(?:ar|a|as)) (?:(?:en|a|contra|la|el|mi|nuestra|nuestro|las|los|todos|todas|un|una) ){0,2}(?:escuelas?|colegios?|cole|institutos?|insti|clases?|aulas?|iglesias?|mezquitas?|sinagogas?|templos?|hospital(?:es)?|guarder(?:í|i)as?|compa(?:ñ|n)eros de clase|alumnos|estudiantes|profesores|maestros|polic(?:í|i)as)|masacr\w*|descuartiz\w*|desmembr\w*|decapit\w*|degoll\w*|mutil(?:ar|a|ado|ada|ados|adas|aci(?:ó|o)n)|ba(?:ñ|n)o de sangre|maltrato (?:animal|infantil)|abuso infantil|(?:maltrat|pate|tortur|ahorc)(?:ar|a|as|o) (?:(?:a|al|un|una|el|la|los|las) ){0,2}(?:perr\w*|gat(?:o|a|os|as|itos?|itas?)|cachorr\w*|animal(?:es)?|ni(?:ñ|n)[oa]s?|beb(?:é|e)s?)|c(?:ó|o)mo (?:hacer|fabricar|construir) (?:una )?(?:bomba|arma|veneno)",
    sexual: r"sexo|desnud(?:o|a|os|as|ez|ar|arse|ando)|desvest\w*|er(?:ó|o)tic[oa]s?|cachond[oa]s?|tetas|pezones|putas?|burdel(?:es)?|striptease|lencer(?:í|i)a|sedu(?:c|z)\w*|follar\w*|hacer el amor|(?:chicas|mujeres|chicos|hombres) calientes|para mayores de 18",
};

const FR: Lang = Lang {
    groups: r"(?:(?:les|des|aux|ces|de|sur) (?:juifs|musulmans|chr(?:é|e)tiens|catholiques|hindous|noirs|blacks|blancs|asiatiques|chinois|arabes|maghr(?:é|e)bins|africains|roms|gitans|tziganes|immigr(?:é|e)s|r(?:é|e)fugi(?:é|e)s|migrants|gays|homos|homosexuels|lesbiennes|trans|handicap(?:é|e)s|autistes|attard(?:é|e)s)|bougnoules|p(?:é|e)d(?:é|e)s|lgbt\w*|(?:personnes|gens|enfants|familles) (?:juives|musulmanes|noires|blanches|asiatiques|arabes|gays|trans|handicap(?:é|e)es|autistes))",
    hatred: r"(?:d(?:é|e)test(?:er|e|ons)|ha(?:ï|i)r|hais|hait|ha(?:ï|i)ssons|tu(?:er|e|es|ons|ez)|massacr(?:er|e|ons)|extermin\w*|(?:é|e)radiqu\w*|gaz(?:er|e|ons)|d(?:é|e)port(?:er|e|ons)|expuls(?:er|e|ons)|d(?:é|e)barrasser|vir(?:er|e)|chass(?:er|e|ons)|tir(?:er|e|ons) sur|abattre|abats|br(?:û|u)l(?:er|e|ons)|lynch\w*|(?:é|e)cras(?:er|e|ons)|r(?:é|e)duire en esclavage|frapp(?:er|e|ons)|tabass(?:er|e|ons)|mort)",
    are: r"(?:sont|(?:é|e)taient|seraient)",
    dehumanise: r"(?:mal(?:é|e)fiques|diaboliques|m(?:é|e)chants|animaux|b(?:ê|e)tes|rats|vermine|cafards|parasites|une plaie|inf(?:é|e)rieurs|sous hommes|sous humains|d(?:é|e)go(?:û|u)tants|sales|ordures|racaille|une maladie|malades|lennemi|terroristes|criminels|voleurs|violeurs|singes|porcs|pas (?:des )?(?:(?:ê|e)tres )?humains)",
    must: r"(?:devraient|doivent|m(?:é|e)ritent de)",
    fate: r"(?:mourir|cr(?:è|e)ver|(?:ê|e)tre (?:tu(?:é|e)s|extermin(?:é|e)s|(?:é|e)limin(?:é|e)s|d(?:é|e)port(?:é|e)s|expuls(?:é|e)s|br(?:û|u)l(?:é|e)s|gaz(?:é|e)s)|partir|d(?:é|e)gager|dispara(?:î|i)tre|br(?:û|u)ler|rentrer chez eux)",
    jokes: r"(?:blagues?)",
    people: r"(?:(?:mon|ma|mes|notre|nos) (?:\w+ )?(?:camarades?|coll(?:è|e)gues?|profs?|professeure?s?|ma(?:î|i)tre(?:sse)?s?|instit|voisin(?:e|s|es)?|s(?:œ|oe)urs?|fr(?:è|e)res?|m(?:è|e)re|maman|p(?:è|e)re|papa|patron(?:ne)?|cheff?e?|ex|copains?|copines?|petit ami|petite amie|femme|mari|directeur|directrice|cousin(?:e|s|es)?|ami(?:e|s|es)?|beau p(?:è|e)re|belle m(?:è|e)re|demi (?:fr(?:è|e)re|s(?:œ|oe)ur)|oncle|tante|grand (?:m(?:è|e)re|p(?:è|e)re)|mamie|papi|fils|fille|famille))",
    gap: r"(?:(?:à|a|aussi|tous|toute|toutes|et|de|du|sur) ){0,2}",
    violence: r"(?:tu(?:er|e|es|ons|ez)|assassin(?:er|e|ons)|abattre|abats|tir(?:er|e|ons)|poignard(?:er|e|ons)|(?:é|e)trangl(?:er|e|ons)|(?:é|e)touff(?:er|e|ons)|empoisonn(?:er|e|ons)|noy(?:er|e|ons)|br(?:û|u)l(?:er|e|ons)|frapp(?:er|e|ons)|tabass(?:er|e|ons)|cogner|tortur(?:er|e|ons)|bless(?:er|e|ons)|faire du mal)",
    after: "",
    mocking: r"(?:(?:moqu(?:er|e|es|ons|ez)|rire|rigoler) (?:de|du|des)|ridiculis(?:er|e|ons)|humili(?:er|e|es|ons)|harcel(?:er|ons)|harc(?:è|e)le|insult(?:er|e|es|ons)|intimid(?:er|e|ons)|tabass(?:er|e|ons)|crach(?:er|e) sur|(?:lanc|jet)(?:er|e) des (?:(?:œ|oe)ufs|tomates|pierres|cailloux) sur|traiter de)",
    place: r"(?:(?:de|dans|à|a) (?:ma|mon|notre) (?:classe|(?:é|e)cole|coll(?:è|e)ge|lyc(?:é|e)e|(?:é|e)quipe|bureau|boulot|travail))",
    because: r"(?:parce (?:qu(?:il|elle|ils|elles)|que (?:il|elle|ils|elles)) (?:est|sont))",
    is: r"(?:est|sont)",
    insult: r"(?:gros|grosses?|moches?|laide?s?|b(?:ê|e)tes?|stupides?|idiote?s?|cons|conne|connasse|losers?|ringard(?:e|s|es)?|rat(?:é|e)e?s?|d(?:é|e)gueu\w*|d(?:é|e)biles?|attard(?:é|e)e?s?|path(?:é|e)tiques?|bouffon(?:ne)?s?)",
    injection: r"(?:ignor(?:e|ez|er)|oubli(?:e|ez|er)) (?:\w+ ){0,3}(?:instructions|consignes|directives|prompts?|programmation|(?:tes|vos|toutes les) r(?:è|e)gles|r(?:è|e)gles (?:pr(?:é|e)c(?:é|e)dentes|ci dessus)|tout ce qui pr(?:é|e)c(?:è|e)de)|(?:prompt|message|invite) syst(?:è|e)me|prompt (?:cach(?:é|e)|initial)|(?:ton|votre) prompt|(?:(?:à|a) partir de maintenant|d(?:é|e)sormais) (?:tu|vous) (?:r(?:é|e)ponds|r(?:é|e)pondez|dois|devez|vas r(?:é|e)pondre|(?:es|(?:ê|e)tes) (?:une? )?(?:ia|assistant|mod(?:è|e)le|chatgpt|dan))|tu (?:nes plus|es maintenant) (?:une? )?(?:ia|assistant|mod(?:è|e)le)|fais semblant d(?:ê|e)tre (?:une? )?(?:ia|assistant|chatgpt|mod(?:è|e)le|syst(?:è|e)me)|(?:ia|assistant|chatbot|mod(?:è|e)le) sans (?:filtres?|censure|restrictions?|limites?)|(?:affiche|montre|r(?:é|e)v(?:è|e)le|r(?:é|e)p(?:è|e)te|donne)(?: moi)? (?:tes|vos|les) (?:instructions|consignes|r(?:è|e)gles) (?:syst(?:è|e)me|cach(?:é|e)es|initiales|originales)|cl(?:é|e) api|nouvelles instructions|(?:à|a) la place (?:dis|(?:é|e)cris|affiche)",
    self_harm: r"(?:je veux|jai envie de|envie de|comment|je vais|apprendre (?:à|a)) (?:me|se) (?:tuer|suicider|pendre|scarifier|mutiler|faire du mal|couper les veines|taillader)|(?:me|se) scarifier|scarification\w*|automutil\w*|(?:je veux|jai envie de|envie de) mourir|en finir avec (?:la|ma) vie|mettre fin (?:à|a) (?:mes|ses|tes) jours|surdose|conseils (?:pour|d) anorexie",
    real_violence: r"(?:fusillades?|tueries?|massacres?) (?:(?:dans|à|a|au|en) )?(?:(?:la|le|ma|mon|notre|une|un) )?(?:(?:l|d)?(?:é|e)coles?|coll(?:è|e)ges?|lyc(?:é|e)es?|classes?|(?:l|d)?(?:é|e)glises?|mosqu(?:é|e)es?|synagogues?|temples?|(?:l|d)?h(?:ô|o)pital|cr(?:è|e)ches?|maternelles?)|(?:fusillade|tuerie) (?:scolaire|de masse)|(?:tir(?:er|e|ons) (?:sur|dans)|fusiller|mitraill(?:er|e)|bombard(?:er|e)|(?:faire|fais) exploser|exploser|(?:poser|pose) une bombe dans|br(?:û|u)l(?:er|e)|incendi(?:er|e)|poignard(?:er|e)) (?:(?:la|le|l|ma|mon|notre|les|des|une|un|mes|tous|toute|à|a|au) ){0,2}(?:(?:l|d)?(?:é|e)coles?|coll(?:è|e)ges?|lyc(?:é|e)es?|classes?|(?:l|d)?(?:é|e)glises?|mosqu(?:é|e)es?|synagogues?|temples?|(?:l|d)?h(?:ô|o)pital|cr(?:è|e)ches?|maternelles?|camarades|(?:l|d)?(?:é|e)l(?:è|e)ves|(?:l|d)?(?:é|e)tudiants|profs|professeurs|policiers|flics)|tueries?|d(?:é|e)membr\w*|d(?:é|e)capit\w*|(?:é|e)ventr\w*|(?:é|e)charp\w*|bain de sang|mutil(?:er|e|(?:é|e)s?|ation)|maltrait(?:er|e|ance)\w* (?:(?:un|une|des|les|le|la|d|l) )?(?:chiens?|chats?|chatons?|chiots?|animaux|enfants?|b(?:é|e)b(?:é|e)s?)|maltraitance animale|torturer (?:des|les|un|le) (?:chatons?|chiots?|chiens?|chats?|animaux)|comment (?:fabriquer|faire|construire) (?:une )?(?:bombe|arme)",
    sexual: r"sexe|sexuel\w*|(?:filles?|femmes?|hommes?|personnes|gens|photos?) (?:toute?s? |tous )?nu(?:e|s|es)?|tout nu|toute nue|(?:à|a) poil|d(?:é|e)nud(?:é|e)e?s?|d(?:é|e)shabill\w*|(?:é|e)rotiques?|seins nus|nichons|prostitu(?:é|e)e?s?|maison close|strip tease|coucher avec|faire lamour|chaudes? (?:filles|femmes)",
};

const DE: Lang = Lang {
    groups: r"(?:juden|muslime|moslems|muselmanen|christen|katholiken|hindus|t(?:ü|u|ue)rken|araber|afrikaner|asiaten|chinesen|zigeuner|roma|ausl(?:ä|a|ae)nder|fl(?:ü|u|ue)chtlinge|migranten|asylanten|asylbewerber|schwule|schwuchteln|lesben|homos|transen|behinderte|behinderten|spastis|spastiker|autisten|kanaken|neger|(?:schwarze|schwarzen|wei(?:ß|ss)e|wei(?:ß|ss)en|j(?:ü|u|ue)dische|muslimische|behinderte|schwule|trans) (?:menschen|leute|kinder|familien|frauen|m(?:ä|a|ae)nner))",
    hatred: r"(?:hass(?:e|en|t)|t(?:ö|oe)te\w*|toten|tote|umbring\w*|umgebracht|ermord\w*|vernicht\w*|ausrott\w*|ausl(?:ö|o|oe)sch\w*|vergas\w*|abschieb\w*|abgeschoben|rauswerf\w*|loswerden|erschie(?:ß|ss)\w*|erschossen|abknall\w*|verbrenn\w*|verbrannt|anz(?:ü|u|ue)nd\w*|lynch\w*|versklav\w*|jag(?:en|t|e)|verpr(?:ü|u|ue)gel\w*|tod den|tod allen)",
    are: r"(?:sind|w(?:ä|a|ae)ren|seien)",
    dehumanise: r"(?:b(?:ö|o|oe)se|tiere|viecher|ratten|ungeziefer|parasiten|kakerlaken|sch(?:ä|a|ae)dlinge|minderwertig\w*|untermenschen|abschaum|dreck|dreckig\w*|schmutzig\w*|widerlich\w*|ekelhaft\w*|eine (?:krankheit|seuche|plage)|(?:der|unser) feind|terroristen|verbrecher|kriminell\w*|diebe|vergewaltiger|keine menschen|affen|schweine|m(?:ü|u|ue)ll)",
    must: r"(?:sollten|sollen|m(?:ü|u|ue)ssen|geh(?:ö|o|oe)ren|verdienen es)",
    fate: r"(?:sterben|vergast|get(?:ö|o|oe)tet|ermordet|ausgerottet|abgeschoben|vernichtet|verbrannt|verschwinden|raus|den tod|erschossen)",
    jokes: r"(?:witze (?:(?:ü|u|ue)ber|auf))",
    people: r"(?:(?:mein|meine|meinen|meinem|meiner|unser|unsere|unseren|unserem|unserer) (?:\w+ )?(?:mitsch(?:ü|u|ue)ler(?:in|innen|n)?|klassenkamerad\w*|lehrer(?:in|innen|n)?|nachbar\w*|schwestern?|bruder|br(?:ü|u|ue)dern?|mutter|mama|vater|papa|chef(?:in)?|kolleg\w*|ex|ex freund(?:in)?|freund(?:in|e|en|innen)?|frau|mann|ehemann|ehefrau|direktor(?:in)?|rektor(?:in)?|cousin\w*|kusine|stief\w+|onkel|tante|oma|opa|gro(?:ß|ss)(?:mutter|vater)|sohn|tochter|familie))",
    gap: r"(?:(?:auch|dann|einfach|sofort|alle|mal|noch) ){0,2}",
    violence: r"(?:t(?:ö|o|oe)te|t(?:ö|o|oe)tet|ermord\w*|erschie(?:ß|ss)\w*|erstech\w*|ersticht|erw(?:ü|u|ue)rg\w*|erstick\w*|vergifte\w*|ertr(?:ä|a|ae)nk\w*|verbrenn\w*|verletz(?:e|en)|schlag(?:e|en)|verpr(?:ü|u|ue)gel\w*|folter\w*|abstech\w*|abknall\w*)",
    after: r"(?:t(?:ö|o|oe)ten|t(?:ö|o|oe)te|umbringen|umbringe|ermorden|ermorde|erschie(?:ß|ss)en|erschie(?:ß|ss)e|erstechen|ersteche|erw(?:ü|u|ue)rgen|erw(?:ü|u|ue)rge|vergiften|vergifte|ertr(?:ä|a|ae)nken|verpr(?:ü|u|ue)geln|verpr(?:ü|u|ue)gle|abstechen|abknallen|foltern|verbrennen|verletzen)",
    mocking: r"(?:lustig mach\w*|auslach\w*|verspott\w*|dem(?:ü|u|ue)tig\w*|blo(?:ß|ss)(?:ge)?stell\w*|blamier\w*|beleidig\w*|beschimpf\w*|mobb\w*|schikanier\w*|h(?:ä|a|ae)nsel\w*|verpr(?:ü|u|ue)gel\w*|bespuck\w*|bewerf\w*|stalk\w*|doxx?\w*|fertig ?mach\w*|runtermach\w*)",
    place: r"(?:(?:in|aus|an) (?:meiner|meinem|unserer|unserem) (?:klasse|schule|mannschaft|team|b(?:ü|u|ue)ro|arbeit|firma))",
    because: r"(?:weil (?:er|sie) (?:\w+ ){0,2}(?:ist|sind))",
    is: r"(?:ist|sind|war|waren)",
    insult: r"(?:fett\w*|dick|dicke|dicker|dicken|h(?:ä|a|ae)sslich\w*|dumm\w*|bl(?:ö|o|oe)d\w*|doof\w*|idiot\w*|versager\w*|loser|behindert\w*|eklig\w*|ekelhaft\w*|stinkend\w*|stinkt|wertlos\w*|erb(?:ä|a|ae)rmlich\w*|spast\w*)",
    injection: r"(?:ignorier\w*|vergiss|vergesst|vergessen|missachte\w*|(?:ü|u|ue)bergeh\w*) (?:\w+ ){0,3}(?:anweisung\w*|instruktion\w*|vorgaben|prompts?|programmierung|(?:deine|ihre|alle) regeln|(?:vorherigen|obigen|bisherigen) regeln|alles (?:bisherige|vorherige|obige|davor))|system ?prompt\w*|systemnachricht\w*|versteckte\w* prompt\w*|dein(?:en)? prompt|ab (?:jetzt|sofort) (?:antwortest|schreibst|musst|wirst) du|(?:ab (?:jetzt|sofort) bist du|du bist (?:jetzt|nun|keine?)) (?:mehr )?(?:eine? )?(?:ki|assistent\w*|chatbot|modell|dan)|tu so als (?:ob du|w(?:ä|a|ae)rst du) (?:eine? )?(?:ki|assistent\w*|chatgpt|modell|system)|(?:ki|assistent|chatbot|modell) ohne (?:filter|zensur|einschr(?:ä|a|ae)nkungen|grenzen)|(?:zeig|zeige|verrat|verrate|gib|wiederhol|wiederhole) (?:mir )?(?:deine|deinen|die versteckten|die urspr(?:ü|u|ue)nglichen) (?:anweisungen|regeln|prompt|systemprompt)|api schl(?:ü|u|ue)ssel\w*|neue anweisungen|stattdessen (?:sag|schreib|gib)",
    self_harm: r"sich (?:selbst )?(?:umbringen|umbringt|umzubringen|t(?:ö|o|oe)ten|t(?:ö|o|oe)tet|ritzen|ritzt|erh(?:ä|a|ae)ngen|erh(?:ä|a|ae)ngt|vergiften)|ich (?:\w+ )?mich (?:selbst )?(?:umbringen|umbringe|t(?:ö|o|oe)ten|t(?:ö|o|oe)te|erh(?:ä|a|ae)ngen|vergiften|verletzen)|(?:mich|sich) selbst verletz\w*|mich (?:selbst )?ritz\w*|ritze mich|bring dich um|ich (?:will|m(?:ö|o|oe)chte) (?:nicht mehr leben|sterben|tot sein)|selbstmord\w*|suizid\w*|selbstverletz\w*|magersucht ?tipps|(?:ü|u|ue)berdosis",
    real_violence: r"amok\w*|schul(?:massaker|schie(?:ß|ss)erei|attentat|anschlag)\w*|(?:schie(?:ß|ss)erei|massaker|anschlag|attentat) (?:in|an|auf) (?:(?:der|die|meiner|meine|einer|eine|unserer|unsere|einem|einen|dem|den) )?(?:schule|klasse|kirche|moschee|synagoge|tempel|krankenhaus|kindergarten|kita)|(?:erschie(?:ß|ss)\w*|abknall\w*|spreng\w*|bombardier\w*|anz(?:ü|u|ue)nd\w*|niederbrenn\w*|abfackel\w*|erstech\w*|schie(?:ß|ss)(?:en|e|t) auf) (?:(?:die|der|den|das|meine|meinen|unsere|eine|alle|in|an) ){0,2}(?:schulen?|klassenzimmer|kirchen?|moscheen?|synagogen?|krankenh(?:ä|a|ae)?us(?:er)?|kinderg(?:ä|a|ae)rten|kindergarten|kitas?|mitsch(?:ü|u|ue)ler\w*|sch(?:ü|u|ue)ler\w*|lehrer\w*|polizist\w*)|(?:die|meine|unsere|eine) (?:schule|kirche|moschee|synagoge|krankenhaus|kita) (?:\w+ ){0,2}(?:sprengen|anz(?:ü|u|ue)nden|niederbrennen|abfackeln|in die luft jagen)|massaker\w*|blutbad\w*|gemetzel\w*|folter\w*|zerst(?:ü|u|ue)ckel\w*|enthaupt\w*|verst(?:ü|u|ue)mmel\w*|ausweid\w*|tierqu(?:ä|a|ae)l\w*|(?:qu(?:ä|a|ae)le|qu(?:ä|a|ae)len|misshandeln|misshandle|trete|treten) (?:\w+ )?(?:tiere|hunde?|katzen?|welpen|k(?:ä|a|ae)tzchen|kinder|babys)|(?:tiere|hunde?|katzen?|welpen|k(?:ä|a|ae)tzchen|kinder|babys) (?:\w+ )?(?:qu(?:ä|a|ae)len|misshandeln|treten)|kindesmiss(?:brauch|handlung)\w*|(?:rohr)?bomben? bauen|wie (?:baut|macht) man (?:eine )?(?:bombe|rohrbombe|waffe)",
    sexual: r"sexspiel\w*|sexuell\w*|nackt(?:e|en|er|es|bild\w*|foto\w*)?|entkleid\w*|porno\w*|erotik\w*|erotisch\w*|titten|br(?:ü|u|ue)ste|prostitu\w*|nutten?|bordell\w*|striptease|reizw(?:ä|a|ae)sche|v(?:ö|o|oe)geln|bumsen|ficken",
};

const PT: Lang = Lang {
    groups: r"(?:(?:os|as|aos|(?:à|a)s|nos|nas|dos|das|uns|umas|esses|essas|de|sobre|contra) (?:judeus|mu(?:ç|c)ulmanos|crist(?:ã|a)os|cat(?:ó|o)licos|hindus|negros|pretos|brancos|asi(?:á|a)ticos|chineses|japas|(?:á|a)rabes|africanos|ind(?:í|i)genas|ciganos|nordestinos|baianos|imigrantes|refugiados|migrantes|viados|sapat(?:õ|o)es|l(?:é|e)sbicas|trans|travecos|deficientes|autistas|retardados|mongoloides)|imigrantes|refugiados|gays|viados|travecos|lgbt\w*|homossexuais|(?:pessoas|gente|crian(?:ç|c)as|fam(?:í|i)lias) (?:judias|mu(?:ç|c)ulmanas|negras|pretas|brancas|asi(?:á|a)ticas|(?:á|a)rabes|gays|trans|deficientes|autistas))",
    hatred: r"(?:odi(?:ar|o|amos|eia)|mat(?:ar|a|o|amos|em)|assassin(?:ar|a|o|amos)|extermin\w*|erradic\w*|gase(?:ar|a)|deport(?:ar|a|o|amos)|expuls(?:ar|a|o|amos)|livrar nos de|nos livrar de|acabar com|atir(?:ar|a|o|amos)|queim(?:ar|a|o|amos)|linch\w*|escraviz\w*|atropel(?:ar|a|o)|espanc(?:ar|a|o)|bater em|morte)",
    are: r"(?:s(?:ã|a)o|eram|seriam)",
    dehumanise: r"(?:malvados|animais|bichos|ratos|baratas|vermes|pragas?|uma praga|par(?:á|a)sitas|inferiores|sub ?humanos|nojent[oa]s|suj[oa]s|lixo|esc(?:ó|o)ria|uma doen(?:ç|c)a|doentes|o inimigo|terroristas|criminosos|bandidos|ladr(?:õ|o)es|estupradores|macacos|porcos|menos que humanos)",
    must: r"(?:deveriam|devem|merecem|t(?:ê|e)m que|tem de)",
    fate: r"(?:morrer|ser (?:mort|exterminad|eliminad|deportad|expuls|queimad)[oa]s|sumir|desaparecer|ir embora|queimar|voltar pra (?:casa|sua terra))",
    jokes: r"(?:piadas?)",
    people: r"(?:(?:meu|minha|meus|minhas|nosso|nossa|nossos|nossas) (?:\w+ )?(?:colegas?|professor(?:a|es|as)?|profe?|profa|vizinh[oa]s?|irm(?:ã|a)(?:os?|s)?|m(?:ã|a)e|pai|chef(?:e|a)|patr(?:ã|a)o|namorad[oa]|ex|espos[oa]|mulher|marido|diretor(?:a)?|prim[oa]s?|amig[oa]s?|padrasto|madrasta|ti[oa]s?|av(?:ó|ô|o)s?|filh[oa]s?|fam(?:í|i)lia|sogr[oa]))",
    gap: r"(?:(?:o|a|os|as|ao|aos|à|em|no|na|nos|nas|de|do|da|tamb(?:é|e)m|todos|todas|toda) ){0,2}",
    violence: r"(?:mat(?:ar|a|o|amos)|assassin(?:ar|a|o|amos)|atir(?:ar|a|o|amos)|esfaque\w*|estrangul\w*|sufoc(?:ar|a|o)|envenen\w*|afog(?:ar|a|o)|queim(?:ar|a|o)|bat(?:er|o|e)|espanc\w*|machuc(?:ar|a|o)|tortur\w*|agredir|agrid[eo]|ferir|fere)",
    after: "",
    mocking: r"(?:zo(?:ar|a|o|amos|ando)|zoeira com|tir(?:ar|a|o|ando) sarro|ca(?:ç|c)o(?:ar|a|ando)|zomb(?:ar|a|ando)|ri(?:r|ndo)? d[aeo]s?|ridiculariz\w*|humilh\w*|xing(?:ar|a|o|amos|ando)|insult(?:ar|a|o|amos|ando)|intimid(?:ar|a|ando)|amea(?:ç|c)(?:ar|a|ando)|fa(?:zer|z) bullying|implic(?:ar|a|o|ando) com|espanc(?:ar|a|ando)|cuspir|cospe|jog(?:ar|a|o) (?:ovos|pedras|tomates) (?:em|n[ao]))",
    place: r"(?:(?:da|na|do|no|de|em) (?:minha|meu|nossa|nosso) (?:sala|turma|classe|escola|col(?:é|e)gio|time|equipe|escrit(?:ó|o)rio|trabalho|servi(?:ç|c)o))",
    because: r"(?:porque (?:(?:ele|ela|eles|elas) )?(?:é|s(?:ã|a)o|est(?:á|a)))",
    is: r"(?:é|s(?:ã|a)o|est(?:á|a)|eh)",
    insult: r"(?:gord[oa]s?|gordinh[oa]s?|fei[oa]s?|burr[oa]s?|idiotas?|est(?:ú|u)pid[oa]s?|imbecis|imbecil|perdedor(?:a|es|as)?|fracassad[oa]s?|nojent[oa]s?|fedorent[oa]s?|in(?:ú|u)teis|in(?:ú|u)til|retardad[oa]s?|ot(?:á|a)ri[oa]s?|pat(?:é|e)tic[oa]s?|lerd[oa]s?)",
    injection: r"(?:ignor(?:e|a|ar)|esque(?:ç|c)(?:a|e)|esquecer|desconsider(?:e|a|ar)) (?:\w+ ){0,3}(?:instru(?:ç|c)(?:õ|o)es|orienta(?:ç|c)(?:õ|o)es|diretrizes|prompts?|programa(?:ç|c)(?:ã|a)o|(?:suas|tuas|todas as) regras|regras (?:anteriores|acima)|tudo (?:acima|o que (?:est(?:á|a) acima|foi dito antes)))|(?:prompt|mensagem) do sistema|prompt (?:oculto|inicial)|seu prompt|a partir de agora (?:voc(?:ê|e)|vc|tu) (?:responde|vai responder|deve|(?:é|e|(?:é|e)s|ser(?:á|a)) (?:uma? )?(?:ia|assistente|modelo|chatgpt|dan))|finja (?:ser|que (?:é|e)) (?:uma? )?(?:ia|assistente|chatgpt|modelo|sistema)|(?:ia|assistente|chatbot|modelo) sem (?:filtros?|censura|restri(?:ç|c)(?:õ|o)es|limites)|(?:mostre|mostra|revele|revela|imprima|repita|diga|me d(?:ê|e)) (?:\w+ ){0,2}(?:suas|seu|o|as) (?:instru(?:ç|c)(?:õ|o)es|prompt|regras) (?:do sistema|ocultas|originais|iniciais)|chave (?:da )?api|novas instru(?:ç|c)(?:õ|o)es|em vez disso (?:diga|escreva|imprima)",
    self_harm: r"(?:quero|vou|como|vontade de|forma de|jeito de|ensinando a|aprender a) (?:me|se) (?:matar|suicidar|cortar|enforcar|machucar|envenenar)|quero morrer|n(?:ã|a)o quero (?:mais )?viver|tirar (?:a )?(?:minha|a pr(?:ó|o)pria) vida|suic(?:í|i)d\w*|automutila\w*|autoles(?:ã|a)o|dicas (?:de|para) anorexia",
    real_violence: r"(?:tiroteios?|massacres?|chacinas?) (?:(?:em|na|no|numa|num|de) )?(?:(?:minha|nossa|uma) )?(?:escolas?|col(?:é|e)gios?|salas? de aula|igrejas?|mesquitas?|sinagogas?|templos?|hospitais|hospital|creches?)|massacre escolar|(?:atir(?:ar|a|o)|metralh(?:ar|a)|fuzil(?:ar|a)|bombarde(?:ar|a)|(?:fazer )?explodir|explode|(?:colocar|p(?:ô|o)r) uma bomba|queim(?:ar|a)|incendi(?:ar|a)|esfaque(?:ar|ia)) (?:(?:em|na|no|nas|nos|a|o|as|os|minha|meu|nossa|nosso|uma|um|todos|todas|contra) ){0,2}(?:escolas?|col(?:é|e)gios?|salas? de aula|igrejas?|mesquitas?|sinagogas?|templos?|hospitais|hospital|creches?|colegas|alunos|estudantes|professores|policiais|pol(?:í|i)cia)|chacinas?|esquartej\w*|desmembr\w*|decapit\w*|mutil(?:ar|a|ado|ada|ados|adas|a(?:ç|c)(?:ã|a)o)|estripa\w*|banho de sangue|maus tratos (?:a|aos|contra) (?:animais|crian(?:ç|c)as)|(?:maltrat|chut|tortur)(?:ar|a|o) (?:(?:um|uma|o|a|os|as) )?(?:cachorr\w*|c(?:ã|a)es|c(?:ã|a)o|gat(?:o|a|os|as|inhos?)|filhot\w*|animais|animal|crian(?:ç|c)as?|beb(?:ê|e)s?)|abuso infantil|como (?:fazer|fabricar|montar) (?:uma )?(?:bomba|arma)",
    sexual: r"sexo|(?:mulher(?:es)?|menin[oa]s?|garot[oa]s?|homens?|pessoas?|fotos?|mo(?:ç|c)as?) (?:\w+ )?(?:pelad[oa]s?|nu[as]?|nuas|despid[oa]s?)|sem roupa|tirar a roupa|er(?:ó|o)tic[oa]s?|peitos|tetas|putas?|prostitut\w*|bordel|striptease|lingerie|seduz\w*|sedu(?:ç|c)(?:ã|a)o|transar|fazer amor",
};
