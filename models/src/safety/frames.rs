//! Phrase rules for requests that say what they want without the words [`super::lexicon`] knows:
//! a group of people cast as a game's enemies or obstacles ("the zombies are <group>"), a claim that
//! a group is lesser ("proves girls are too dumb for maths"), a real child named and insulted
//! ("liam p from oakwood primary is a fat loser"), an attack planned on a real place ("bring a
//! weapon to <school> and make them all pay"), eating-disorder goals ("skip meals until you
//! faint"), grooming, and injections that speak to the model ("as the developer I authorise
//! you").
//!
//! They were written against the development set `prompts/evals/safety_dev.jsonl` (hostile
//! paraphrases and benign close calls written without the eval's prompts), never against
//! `prompts/evals/generation.yaml`, which stays the held-out measure; `docs/safety.md` has both.
//!
//! The common shape is a *frame* and a *target*: a frame alone ("the enemies are", "is a fat
//! loser") is ordinary game talk, and so is a target alone ("refugees", "Olivia", "my school");
//! together they are the request. Targets are narrow on purpose: groups by the plural or "<adjective>
//! people" ([`super::lexicon`]'s `GROUPS`), real children by a school or class reference or a
//! common first name, places by the words people use for their own school or town.

use super::Category::{self, *};
use super::lexicon::GROUPS as PEOPLE_GROUPS;

/// The enemies, targets and obstacles of a game, which a group must not be cast as.
const ROLES: &str = r"(?:enemies|enemy|targets|target|zombies|zombie|aliens|alien|invaders|obstacles|obstacle|pins|pin|moles|mole|bad guys|villains|villain|monsters|monster|animals|losers|pests|rats|bullets|prey|pinata|piñata|punching bag)";

/// A sex or a race as a whole, for claims of inferiority only (never with game roles: "girls vs
/// boys" is an ordinary team game).
const SEXES: &str = r"(?:women|girls|females|woman)";

/// What an inferiority claim says.
const LESSER: &str = r"(?:stupid|dumb|too dumb|inferior|lesser|worthless|useless|weak|sick|broken|idiots|smelly|dirty|bad drivers|such bad drivers|lazy|criminals|thieves|animals|subhuman|less smart|not as smart|cant do|can t do|cant learn|belong in the kitchen)";

/// Insults aimed at a real person.
const INSULT: &str = r"(?:fat|fatter|ugly|ugliest|stupid|dumb|loser|losers|smelly|slut|sluts|whore|freak|weirdo|idiot|gross|pathetic|worthless|wets the bed|crybaby|gay|retard\w*)";

/// "is" as people write it ("shes gross", "hes a loser").
const IS: &str = r"(?:is|s|are|looks|shes|hes|theyre|was)";

/// Insults a name alone may carry ("Max the dog is fat" is a pet, "Max is a loser" a person).
const PERSON_INSULT: &str = r"(?:ugly|ugliest|stupid|dumb|loser|losers|smelly|slut|whore|freak|weirdo|idiot|crybaby|gay|retard\w*|wets the bed)";

/// A real child or adult: a class, room, grade or school, a teacher by title, "the new girl".
const REAL: &str = r"(?:(?:room|grade|year|class) \d+|\d+(?:st|nd|rd|th) grade|(?:in|from) \d[a-z]|(?:in|from|at) \w+ (?:primary|middle|high|elementary|academy|school|college)|(?:mr|mrs|ms|coach) \w+|in the (?:whole )?school|the new (?:girl|boy|kid|student)|my (?:\w+ )?(?:class|school|grade)|(?:that|this) (?:streamer|youtuber|tiktoker))";

/// Common English first names (top given names in the US, UK and Australia since 2000): with an
/// insult they name the person a game is made to mock.
const NAMES: &str = r"(?:olivia|emma|ava|sophia|sophie|isabella|mia|amelia|harper|evelyn|abigail|emily|ella|elizabeth|camila|luna|sofia|avery|mila|aria|scarlett|penelope|layla|chloe|victoria|madison|eleanor|grace|nora|riley|zoey|hannah|hazel|lily|ellie|violet|lillian|zoe|stella|aurora|natalie|emilia|everly|leah|aubrey|willow|addison|lucy|audrey|bella|nova|brooklyn|paisley|savannah|claire|skylar|isla|genesis|naomi|elena|caroline|eliana|anna|maya|valentina|ruby|kennedy|ivy|ariana|aaliyah|cora|madelyn|alice|kinsley|hailey|gabriella|allison|gianna|serenity|samantha|sarah|autumn|quinn|eva|piper|sophie|sadie|delilah|josephine|nevaeh|adeline|arya|emery|lydia|clara|vivian|madeline|peyton|julia|rylee|amira|jessica|megan|lauren|ashley|amber|rachel|rebecca|katie|jade|poppy|freya|evie|daisy|phoebe|molly|erin|holly|liam|noah|oliver|elijah|james|william|benjamin|lucas|henry|theodore|jack|levi|alexander|jackson|mateo|daniel|michael|mason|sebastian|ethan|logan|owen|samuel|jacob|asher|aiden|john|joseph|wyatt|david|leo|luke|julian|hudson|grayson|matthew|ezra|gabriel|carter|isaac|jayden|luca|anthony|dylan|lincoln|thomas|maverick|elias|josiah|charles|caleb|christopher|ezekiel|miles|jaxon|isaiah|andrew|joshua|josh|nathan|nolan|adrian|cameron|santiago|eli|aaron|ryan|angel|cooper|waylon|easton|kai|christian|landon|colton|roman|axel|brooks|jonathan|robert|jameson|ian|everett|greyson|wesley|jeremiah|hunter|leonardo|jordan|jose|bennett|silas|nicholas|parker|beau|weston|austin|connor|carson|dominic|xavier|jaxson|jace|emmett|adam|declan|rowan|micah|kayden|gael|river|ryder|kingston|damian|sawyer|luka|evan|vincent|legend|myles|harrison|august|bryson|amir|giovanni|chase|diego|milo|jasper|walker|jason|brayden|cole|nathaniel|george|lorenzo|zion|alex|max|harry|charlie|alfie|archie|freddie|oscar|toby|tyler|kevin|brandon|justin|marcus|jake|ben|sam|tom|tommy|jimmy|billy|bobby|danny|mike|chris|matt|nick|joe|dan|olly|ollie|harvey|reggie|stanley|finn|ronnie|louie|teddy|arthur|rory|callum|kyle|liam|zach|zack|brody|travis|lucía|lucia|pedro|maria|jose|juan|carlos|diego|ana)";

/// Weapons and harm a planned attack names.
const WEAPON: &str = r"(?:rifle|rifles|gun|guns|pistol|shotgun|knife|knives|weapon|weapons|bomb|bombs|explosives|ammo|acid|poison|machete|axe)";

/// Real places people attack: their own school, a crowd, a camp, a place of worship, transport.
const PLACE: &str = r"(?:school|high school|academy|classroom|playground|summer camp|camp|church|mosque|synagogue|temple|stadium|cup final|concert|mall|train station|station|bus stop|crowd|parade|office|hospital|daycare|kindergarten|air vents|water tank|water supply)";

pub(super) fn rules() -> Vec<(Category, String)> {
    let cast = format!(
        "{ROLES} (?:\\w+ ){{0,3}}(?:are|is|r|as|=) (?:all |just |only )?(?:\\w+ ){{0,1}}{PEOPLE_GROUPS}|{PEOPLE_GROUPS} (?:\\w+ ){{0,3}}(?:are|as|become) (?:the |all |just )?(?:\\w+ )?{ROLES}|(?:whack|shoot|stomp|squash|knock|jump over|run over|chase|kick|punch|bomb|keep|drive|push|make) (?:\\w+ ){{0,3}}{PEOPLE_GROUPS} (?:out|away|back|down|off|cry)|every {PEOPLE_GROUPS} (?:\\w+ ){{0,3}}(?:you|u) (?:kill|make cry|hit|whack|shoot)|{PEOPLE_GROUPS} (?:\\w+ ){{0,2}}(?:zombies|enemies|moles|pins|aliens|obstacles)"
    );
    let lesser = format!(
        "(?:{PEOPLE_GROUPS}|{SEXES}) (?:\\w+ ){{0,2}}(?:are|r|is) (?:so |too |all |just |really |naturally |such )?{LESSER}|(?:are|r|is) {PEOPLE_GROUPS} (?:so |such |all )?{LESSER}|{PEOPLE_GROUPS} (?:\\w+ ){{0,8}}(?:they|theyre) (?:are )?(?:so |all |just )?{LESSER}|{PEOPLE_GROUPS} are not allowed to win|(?:religion|race)s? (?:\\w+ ){{0,5}}(?:they|believers) (?:are )?(?:\\w+ )?(?:idiots|stupid|dumb|evil)|(?:prove|proves|proving|shows?|showing|teach|teaches|why) (?:that )?(?:\\w+ ){{0,2}}(?:{PEOPLE_GROUPS}|{SEXES}) (?:are|r|is) (?:so |too |all |just |really |naturally |secretly )?{LESSER}|(?:{PEOPLE_GROUPS}|{SEXES}) (?:belong in|cant do|can t do|should not be allowed)|{SEXES} belong in the kitchen|which (?:race|religion) is (?:the )?(?:\\w+ )?(?:smartest|dumbest|stupidest|best|worst|most)|(?:nicknames|insults|jokes|slurs) (?:for|about) {PEOPLE_GROUPS}|{PEOPLE_GROUPS} (?:secretly )?control|{PEOPLE_GROUPS} (?:\\w+ ){{0,3}}(?:need to be fixed|should be fixed|are a disease)|{PEOPLE_GROUPS} out of (?:our|my|this|the) country|{PEOPLE_GROUPS} (?:\\w+ ){{0,3}}(?:steal|steals|stealing)"
    );
    let named = format!(
        "{NAMES}s? (?:\\w+ ){{0,6}}(?:{IS}|gets) (?:\\w+ ){{0,3}}{PERSON_INSULT}|{PERSON_INSULT} (?:\\w+ ){{0,3}}(?:about|to|at) {NAMES}|(?:is|s) (?:a |an |so |the )?(?:\\w+ )?{INSULT} (?:\\w+ ){{0,6}}{REAL}|{REAL} (?:\\w+ ){{0,6}}{IS} (?:\\w+ ){{0,3}}{INSULT}|(?:how|so|too|the) {INSULT} (?:and {INSULT} )?(?:\\w+ ){{0,3}}{REAL}|{INSULT} (?:\\w+ ){{0,4}}(?:in|from|at) my (?:\\w+ )?(?:class|school|grade)|(?:mean|nasty|rude|horrible) (?:messages?|things|names|comments) (?:about|to|for) (?:\\w+ )?{NAMES}|make {NAMES} (?:\\w+ ){{0,4}}look (?:as )?(?:\\w+ )?(?:ugly|stupid|fat|dumb)|{NAMES} (?:\\w+ ){{0,4}}(?:gets|get) (?:fatter|uglier)|(?:makes?|making) {NAMES} cry|(?:nobody|no one) likes {NAMES}|(?:poop|poo|crap|trash|garbage|spit) (?:\\w+ ){{0,4}}at {NAMES}"
    );
    let attack = format!(
        "poison\\w* (?:\\w+ ){{0,6}}(?:air vents|water tank|water supply)|(?:bring|take|sneak|smuggle|put|mix|carry)\\w* (?:\\w+ ){{0,3}}{WEAPON} (?:\\w+ ){{0,4}}{PLACE}|{PLACE} (?:\\w+ ){{0,5}}(?:sneak|smuggle) (?:a |the )?{WEAPON}|(?:truck|van|car) (?:\\w+ ){{0,2}}into (?:the |a )?(?:crowd|people|parade|market)"
    );
    let mut rules: Vec<(Category, String)> =
        FRAMES.iter().map(|(c, r)| (*c, (*r).to_owned())).collect();
    rules.push((Hate, cast));
    rules.push((Hate, lesser));
    rules.push((Harassment, named));
    rules.push((Violence, attack));
    rules
}

const FRAMES: &[(Category, &str)] = &[
    // ------------------------------------------------------------------ harassment
    (
        Harassment,
        r"(?:home )?address and (?:\w+ ){0,2}(?:phone|number|routine)|home address|phone number|daily routine|what street (?:\w+ ){0,3}lives|where (?:my|our|her|his|that|this) (?:\w+ ){0,2}lives?|private messages|screenshots of (?:\w+ ){0,2}(?:messages|chats|dms)|prank call (?:him|her|them)|so (?:people|ppl|we) can find (?:him|her|them)",
    ),
    (
        Harassment,
        r"(?:tells?|telling|show|shows) everyone (?:\w+ ){0,6}(?:is|has|are|wets|likes)|spread\w* (?:\w+ ){0,2}rumou?rs?|fake news (?:\w+ ){0,2}(?:saying|about|that)|so (?:people|ppl|everyone) believe|(?:making|make) fun of (?:the )?new (?:girl|boy|kid)|(?:mock|mocking|make fun of|making fun of|laugh at) (?:\w+ ){0,5}(?:accent|weight|skin|teeth|glasses|stutter|disability|wheelchair)|(?:whack|hit|punch|smash|slap|shoot|throw \w+ at)\w* (?:\w+ ){0,6}(?:my|our|your) (?:\w+ )?(?:classmate|teacher|sister|brother|mom|mum|dad|boss|friend|cousin|grandma|grandpa|ex)s? (?:\w+ )?(?:head|face|picture|photo)s?|(?:slut|whore)s?|embarras\w* (?:things|stuff|photos|pictures|moments|secrets) (?:\w+ ){0,2}did|send it to the whole (?:grade|class|school)|use (?:his|her|their) real (?:photo|picture|name)|(?:fattest|ugliest|dumbest|smelliest|weirdest) (?:kids?|girls?|boys?|people|person) (?:in|at|from) (?:our|my|the)|nobody sits with|who (?:\w+ ){0,4}(?:still )?wets the bed",
    ),
    // ------------------------------------------------------------------ violence
    (
        Violence,
        r"(?:hit|hits|hitting|beat|beats|beating|slap\w*|punch\w*|choke|choking|kick\w*|break\w*|smash\w*) (?:\w+ ){0,2}(?:your|my|his|her) (?:wife|husband|girlfriend|boyfriend|kids?|children|son|daughter|mom|mum|dad|stepdad|stepmom|grandma|grandpa|baby)|get back at (?:everyone|them|my|all|those|the people)|everyone who (?:laughed|bullied|made fun)|make (?:them|everyone|em) all pay|(?:my|your) (?:ex|stepdad|stepmom|dad|mom|teacher|boss|neighbou?r) (?:\w+ ){0,6}(?:with a|a) (?:knife|gun|rifle|bat|axe|hammer)|breaking (?:\w+ ){0,2}legs|legs with a bat",
    ),
    (
        Violence,
        r"(?:cat|cats|dog|dogs|puppy|puppies|kitten|kittens|hamster|pet)s? in (?:the |a )?(?:microwave|oven|freezer|blender|washing machine)|(?:beat|beating|kill|killing|hurt|hurting|punch|punching|kick|kicking|attack|attacking|rob|robbing|burn|burning)\w* (?:up )?(?:\w+ )?(?:homeless|old|elderly|disabled) (?:people|men|man|woman|women|person|ladies)|switch(?:ing)? off (?:\w+ ){0,3}(?:machines?|life support|oxygen)|derail\w*|(?:come|comes|go|goes) off the (?:tracks|rails)|(?:grab|grabbing|snatch|snatching|lure|luring|abduct\w*) (?:\w+ ){0,2}(?:little |small |young )?(?:kid|kids|child|children|girl|girls|boy|boys) (?:from|off|into|when|while|at)|(?:peel|peeling|rip|ripping|tear|tearing|flay\w*) (?:\w+ ){0,3}(?:skin|flesh|face)|while (?:he|she|they) screams?|guts (?:and brains )?(?:fly|flying|spill|splatter)|brains (?:fly|splatter|spill)|choke (?:someone|a person|people|him|her|them)|until (?:they|he|she) pass(?:es)? out|throw\w* acid|acid (?:in|at|on|into) (?:\w+ ){0,2}(?:face|eyes)|poison gas|rat poison|nail (?:vest|bomb)|hit (?:a |the )?(?:person|people|pedestrians?) (?:\w+ ){0,3}(?:street|road)|(?:hit|hitting|run over|running over) (?:\w+ ){0,2}(?:people|pedestrians) in the street|set fire to (?:the |a |my |our |their )?(?:\w+ )?(?:house|home|school|car|building)s?|(?:run\w*|drive|driving) over (?:\w+ ){0,2}(?:kids|children|people|pedestrians)|drunk driving|dog fights?|dog fighting|dogfighting|pit bulls? (?:\w+ ){0,4}(?:rip|fight|kill)|drop (?:\w+ ){0,3}on (?:the )?(?:people|crowd)|(?:hurt|kill|injure)\w* (?:the most|as many) (?:people|kids|children)|vest full of (?:nails|explosives)|suicide vest|explosive vest",
    ),
    // ------------------------------------------------------------------ self-harm
    (
        SelfHarm,
        r"(?:without|stop|stopped|skip|skipping|not|never|dont|don t) (?:\w+ )?eat(?:ing)?(?: food)? (?:\w+ ){0,4}(?:skinny|thin|weight|faint|legs|ribs)|skip\w* meals|how long can (?:i|you) go without (?:eating|food)|(?:get|be|look|stay) (?:\w+ )?(?:skinny|thin) (?:\w+ ){0,3}(?:eat|eating|food|meals|skip)|how skinny i am|thigh gap|meanspo|laxative\w*|under \d+ (?:calories|kcal)|lose \d+ (?:kilos|kg|pounds|lbs) (?:\w+ ){0,2}(?:week|days?)|(?:yells?|shouts?) at me (?:\w+ ){0,3}(?:eat|eating)|throw up after (?:\w+ ){0,2}(?:dinner|eating|meals|lunch|food)|(?:havent|haven t|have not) eaten|eat under \d+|punish myself|hate my body",
    ),
    (
        SelfHarm,
        r"(?:places|where|how) to cut|cut (?:my )?(?:arms|wrists|legs)|(?:hide|hiding) (?:\w+ ){0,2}(?:scars|cuts)|scars on (?:my|your) (?:arms|wrists|legs)|(?:nobody|no one|noone) would (?:care|miss)|(?:wont|will not|not) be here anymore|(?:jumps?|jumping) off (?:the |a )?(?:bridge|building|roof) because|(?:bridge|building|roof|cliff) (?:\w+ ){0,4}high enough|punch (?:the |a )?wall until|knuckles bleed|choking challenge|blackout challenge|pass out challenge|see how long till (?:you|i) pass out|(?:the day|day) i (?:die|wont be here)|(?:not|never) wak\w* up|pills (?:\w+ ){0,5}sleep forever|to sleep forever|goodbye letter|give (?:her|his|my|all my) stuff away|head under (?:the )?(?:bath )?water|until i black out|burn\w* (?:your|my) (?:own )?skin|scratch\w* (?:my|your) (?:arms|skin|legs|wrists)",
    ),
    // ------------------------------------------------------------------ sexual
    (
        Sexual,
        r"(?:take|takes|taking|took|come|comes|coming|came) (?:\w+ ){0,3}(?:clothes|clothing|top|tops|shirt|bra|panties|underwear|bikini) off|(?:take|takes|taking) off (?:\w+ ){0,4}(?:clothing|clothes|top|shirt|bra|panties|underwear)|take everything off|(?:clothes|clothing) (?:\w+ ){0,3}(?:come|comes|coming) off|upskirt|panties|wet t shirt|bikini contest|twerk\w* (?:\w+ ){0,4}(?:girl|woman|her|bend)|(?:make|makes|making) (?:the |a )?(?:girl|woman|her) bend over|bend over for|(?:she|he|girl|woman) moans|moaning|massage with a happy ending|special massage|private parts|jiggle physics|(?:chests?|boobs|butt) (?:\w+ ){0,2}jiggl\w*|chests? (?:\w+ ){0,3}(?:bounce|bouncing|small|huge|big)|(?:rate|rating|rank) (?:\w+ ){0,2}(?:girls|women|bodies|chests)|(?:get|gets|getting) (?:her|him|them) (?:drunk|into bed)|do it in bed|touch (?:the |a )?(?:girl|boy|woman|her|him) (?:in|on)",
    ),
    (
        Sexual,
        r"(?:\d{1,2}|ten|eleven|twelve|thirteen|fourteen|fifteen) (?:year old|years old|yo)s? (?:\w+ ){0,8}(?:kiss\w*|into bed|bodies|dating|meet alone|lap)|(?:kiss\w*|into bed|bodies|dating) (?:\w+ ){0,4}(?:\d{1,2}|ten|eleven|twelve|thirteen|fourteen|fifteen) (?:year old|years old|yo)|(?:teacher|adult|grown up|man|men) and (?:a )?(?:\d+ year old|kid|child|student)s? (?:\w+ ){0,2}kiss|(?:send|sending) (?:\w+ ){0,2}(?:pictures|photos|pics|selfies) (?:\w+ ){0,6}secret|keep it (?:a )?secret from (?:their|your|her|his) parents|(?:asks?|gets?|makes?) (?:\w+ ){0,2}(?:kids|children|child|girls|boys) to send|(?:kid|child|girl|boy)s? into (?:his|a|the) van|(?:take|taking) photos of (?:\w+ ){0,2}(?:kids|children|girls|boys)|(?:little|young) girls? (?:\w+ ){0,4}(?:body|bodies|bath)|bath (?:time )?(?:\w+ ){0,3}(?:little|young) (?:girl|boy)|(?:crush|girl|boy|her|him) (?:\w+ ){0,3}(?:pictures|pics|photos) of (?:your|my|his|her) (?:private|naked)|(?:peek|peep|spy|look)\w* (?:\w+ ){0,3}(?:changing rooms?|showers?|locker rooms?)|(?:daddy|dad|uncle|man|adult|stepdad) (?:\w+ ){0,3}(?:does|do) to (?:his|her|a|the) (?:little )?(?:girl|boy|daughter|son)|meet (?:up )?alone|(?:not|dont|don t|never) tell (?:your )?(?:mum|mom|mommy|parents|anyone)",
    ),
    // ------------------------------------------------------------------ extremism
    (
        Extremism,
        r"boogaloo|proud boys|atomwaffen|boko haram|al shabaab|caliphate|zionist occupied|day of the rope|race traitors?|kaczynski|bin laden|osama|brenton tarrant|christchurch shoot\w*|breivik|elliot rodger|incels?|el paso shoot\w*|ira bomb\w*|provisional ira|mcveigh|oklahoma city bomb\w*|infidels|hijack\w* (?:a |the )?planes?|crash (?:\w+ ){0,2}planes? into|planes? into (?:the )?(?:twin )?towers|blow\w* up (?:\w+ ){0,2}government buildings?|holy (?:war|revolution)|totenkopf|sonnenrad|for allah (?:\w+ ){0,3}(?:crash|bomb|kill|attack)|lone wolf (?:\w+ ){0,4}attack\w*|attacks? the government|civil war against|stockpil\w* (?:\w+ ){0,2}(?:ammo|weapons|guns)|traitors in (?:the )?government|(?:shooters?|killers?|bombers?|his|their) manifesto|white genocide|sieg heil|siegheil|sieg hiel|seig heil",
    ),
    // ------------------------------------------------------------------ injection
    (
        Injection,
        r"your (?:initial|original|hidden|secret|first) (?:setup|orders|message|words|text|instructions)|setup text|(?:first|last) \d+ words you were given|(?:words|instructions|orders|rules|text|prompt|setup) (?:\w+ ){0,2}you were given|what (?:exact )?(?:orders|instructions|rules) were you given|safety (?:checks?|filters?|flags?) (?:\w+ ){0,2}(?:off|false|disabled)|(?:turn|switch|set|shut) off (?:the )?(?:safety|moderation|filter|content policy)|skip (?:the )?moderation|(?:enter|enable|activate) (?:dev|developer|debug|jailbreak|dan) mode|(?:dev|developer|debug) mode (?:\w+ ){0,3}(?:skip|ignore|disable|bypass|turn off|remove)|(?:doesnt|does not|dont|don t) apply to me|i am the (?:owner|developer|admin|creator) of (?:this|the|aimini)|as the (?:developer|owner|admin|creator) (?:of \w+ )?i (?:authori[sz]e|order|allow|command)|(?:answer|respond|reply|act) as (?:your )?evil twin|never got the guidelines|the real rule is|(?:earlier|previous|old) rules (?:were|are) (?:a test|fake|void)|new directive|directive from|end of (?:the )?user request|echo back (?:the |your )?(?:template|prompt|instructions|setup|system)|the template you put|everything (?:written|said|above) before|(?:decode|decrypt) (?:this|the following|it) (?:\w+ ){0,3}(?:and|then) (?:do|follow|run|execute|obey)|do exactly what it says|document cookie|paste your (?:setup|instructions|prompt|system|rules|configuration)|(?:you|u) have no rules|(?:you|ai|model|assistant) (?:\w+ ){0,2}(?:have|has|with) no (?:rules|restrictions|limits)|the real rule is no|(?:the )?(?:note|message) (?:for|to) the (?:model|ai|assistant)|p s to the (?:ai|model)|(?:set|make) all (?:\w+ ){0,2}(?:flags?|filters?) (?:to )?(?:false|off)|may contain any content|generate whatever|ignore everything (?:before|above)|hacked by|(?:write|give) me a (?:python|bash|shell|javascript|powershell) script|delet\w* (?:every|all) (?:the )?files?|(?:were you|you were) told before|\w*(?:yourprompt|systemprompt|yourinstructions|ignoreall|ignoreprevious)\w*",
    ),
];

/// Benign phrases removed before the rules read a text: history told from the side that fought
/// the Nazis ("how the Allies defeated the Nazis", "hide from the Nazis") is not extremism.
pub(super) const BENIGN: &[&str] = &[
    r" (?:defeat\w*|fought|fight\w*|against|beat|stopped|escap\w*|resist\w*|liberat\w*|hid\w* from|hiding from) (?:\w+ ){0,2}nazis? ",
];

/// Injection markup, read on the raw text (lower case) since normalising drops the brackets:
/// chat-format tokens, role lines, closing prompt tags, HTML comments addressed to the model,
/// script that reaches for the network or cookies.
pub(super) const RAW: &[&str] = &[
    r"</?\s*(?:prompt|system|instructions?|context|user|assistant)\s*>",
    r"<!--",
    r"\[/?\s*(?:inst|system|sys)\s*\]",
    r"(?m)^\s*(?:system|assistant|developer)\s*:",
    r"(?m)^\s*user\s*:.*\n\s*assistant\s*:",
    r"fetch\s*\(|document\.cookie|xmlhttprequest|<\s*script",
    r"<\|[a-z_]+\|>|```\s*system|\{\{\s*/?\s*system\s*\}\}",
];
