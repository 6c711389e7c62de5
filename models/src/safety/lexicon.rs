//! The phrase rules of the content policy, as regular expressions over [`super::normalise`]d
//! text: lower-case words separated by single spaces (each rule is wrapped in spaces, so it
//! matches whole words; `\w*` lets a rule cover a word's endings). Leetspeak is folded only in
//! words that have letters, so a bare number such as `1488` is written as it is.
//!
//! What is deliberately *not* here: the make-believe violence games are made of ("shoot the
//! aliens", "kill zombies", "bomb defusing", "sword fight", "war strategy"). Violence rules name
//! real targets (a school, a named relative or classmate, a religious building), atrocities and
//! gore. Every rule is exercised by the labelled set `prompts/evals/safety.jsonl`.

use super::Category::{self, *};

/// People targeted by hate: groups by religion, ethnicity, origin, sexuality, gender identity or
/// disability. Plural nouns, "<adjective> people" or a gendered form ("a jewish man", "every trans
/// person"), so "the black knight", "a Chinese dragon" or "jewels" never read as a group. Shared
/// with [`super::frames`].
pub(super) const GROUPS: &str = r"(?:jews|jewish (?:people|kids|families|man|men|woman|women)|muslims|muslim (?:people|kids|men|women|man|woman|girls)|islamic people|christians|catholics|hindus|sikhs|blacks|black (?:people|folks|kids|person|man|men|women)|brown people|whites|white (?:people|folks)|asians|asian (?:people|kids|drivers)|chinese people|mexicans|latinos|latinas|hispanics|arabs|africans|indian people|immigrants|refugees|migrants|gypsies|gypsy (?:family|families|people)|gays|gay (?:people|men|kids|person|couple|couples)|lesbians|lgbt\w*|queers|trans (?:people|kids|women|men|person)|transgender (?:people|kids|person)|disabled (?:people|kids)|wheelchair (?:kids|users|people)|autistic (?:people|kids)|down syndrome (?:kids|people)|retards?)";

/// Calls to harm or remove a group.
const HATRED: &str = r"(?:hate|hating|kill|killing|exterminat\w*|eradicat\w*|gas|gassing|deport|deporting|get rid of|wipe out|ban all|shoot|shooting|burn|burning|lynch\w*|enslave)";

/// What dehumanising speech says a group is.
const DEHUMANISE: &str = r"(?:evil|animals|rats|vermin|inferior|subhuman\w*|disgusting|cockroach\w*|the enemy|terrorists|criminals|dirty|trash|a disease|parasites|not human|less than human)";

/// Real people a game must not target: someone's own relatives, classmates, colleagues. Only
/// with a possessive ("my sister"), since "the boss" of a game is a level's final enemy.
const PEOPLE: &str = r"(?:my|our|his|her) (?:\w+ )?(?:classmate|teacher|neighbou?r|sister|brother|mom|mum|mother|dad|father|boss|coworker|co worker|ex|ex girlfriend|ex boyfriend|girlfriend|boyfriend|wife|husband|principal|cousin|friend|stepdad|stepmom|stepbrother|stepsister|uncle|aunt|grandma|grandpa|baby sister|baby brother)s?";

/// Ways of picking on someone.
const MOCKING: &str = r"(?:make fun of|making fun of|laugh at|laughing at|mock|mocking|humiliat\w*|bully|bullying|harass\w*|insult\w*|roast|roasting|embarrass\w*|expose|exposing|dox\w*|stalk\w*|beat up|beating up|punch|punching|slap|slapping|spit on|throw \w+ at|pick on|picking on)";

/// Rules built from the word classes above.
const VERB_VIOLENCE: &str = r"(?:kill|killing|murder\w*|shoot|shooting|stab|stabbing|strangl\w*|choke|choking|poison|poisoning|drown|drowning|burn|burning|hurt|hurting|beat|beating|torture|kidnap\w*)";

pub(super) fn rules() -> Vec<(Category, String)> {
    let hate = format!(
        "{HATRED} (?:\\w+ ){{0,2}}{GROUPS}|{GROUPS} (?:\\w+ ){{0,3}}(?:are|r) (?:all |so |just )?{DEHUMANISE}|{GROUPS} (?:\\w+ ){{0,2}}(?:should|must|deserve to) (?:die|be killed|burn|be deported|leave)"
    );
    let people = format!("{VERB_VIOLENCE} (?:\\w+ ){{0,2}}{PEOPLE}");
    let mocking = format!(
        "{MOCKING} (?:\\w+ ){{0,2}}{PEOPLE}|{MOCKING} (?:\\w+ ){{0,3}}(?:in|from|at) my (?:class|school|team|street|office|work|church|building)|{MOCKING} \\w+ because (?:he|she|they) (?:is|are)|{PEOPLE} (?:\\w+ ){{0,5}}{MOCKING}"
    );
    let mut rules: Vec<(Category, String)> =
        FIXED.iter().map(|(c, r)| (*c, (*r).to_owned())).collect();
    rules.push((Hate, hate));
    rules.push((Violence, people));
    rules.push((Harassment, mocking));
    rules
}

const FIXED: &[(Category, &str)] = &[
    // ------------------------------------------------------------------ injection
    (
        Injection,
        r"(?:ignore|disregard|forget|override) (?:\w+ ){0,3}(?:instructions?|prompts?|guidelines|directions|rules above|previous rules|your rules|all rules|programming)",
    ),
    (
        Injection,
        r"system prompt|system message|hidden prompt|initial prompt|your prompt|your instructions|the instructions above|the text above|dan mode|jailbreak\w*|do anything now|im start|im end|begin system|end system",
    ),
    (
        Injection,
        r"(?:you are|youre) (?:now|no longer) (?:an? )?(?:ai|assistant|chatbot|chatgpt|gpt|model|dan|unfiltered|uncensored|restricted|bound)|from now on you (?:will|must|are|answer|respond|reply|write)|pretend (?:to be|you are) (?:an? )?(?:ai|assistant|chatgpt|gpt|model|system|developer)|act as (?:an? )?(?:unfiltered|uncensored|evil ai|different ai|jailbroken)",
    ),
    (
        Injection,
        r"(?:reveal|print|repeat|output|leak|tell me|show me|give me) (?:\w+ ){0,2}(?:your|the system|the hidden|the original|the initial) (?:instructions|prompt|rules|api key|configuration)|api key|openai key|secret key|environment variables|new instructions|instead (?:say|write|output|print)|(?:title|name) (?:it|the game) (?:exactly )?(?:system|prompt|ignore)\w*",
    ),
    // ------------------------------------------------------------------ self-harm
    (
        SelfHarm,
        r"(?:kill|killing|hurt|hurting|cut|cutting|harm|harming|hang|hanging|starve|starving|poison|poisoning) (?:my ?self|myself)|kill (?:your ?self|yourself)|kys|hangs? (?:him|her|them)sel(?:f|ves)",
    ),
    (
        SelfHarm,
        r"suicid\w*|self harm\w*|selfharm\w*|end (?:my|your) (?:own )?life|(?:i|we) (?:\w+ )?want to die|wanna die|overdos\w*|pro ana|thinspo\w*|anorexia tips|how to purge",
    ),
    // ------------------------------------------------------------------ extremism
    (
        Extremism,
        r"isis|al qaeda|al qaida|taliban|hamas|hezbollah|jihad\w*|mujahideen|nazi\w*|hitler\w*|heil|third reich|ss soldiers?|swastika\w*|kkk|ku klux\w*|white power|white supremac\w*|white pride|1488|14 words|great replacement|race war|ethnic cleansing|genocid\w*|terroris\w*|suicide bomb\w*|car bomb\w*|martyrdom|unabomber",
    ),
    // ------------------------------------------------------------------ hate
    (
        Hate,
        r"slurs?|racis[mt]\w*|hate speech|hateful|hate crimes?|bigot\w*|homophob\w*|transphob\w*|antisemit\w*|islamophob\w*|xenophob\w*|misogyn\w*|sexist jokes?|jokes? about (?:race|religion|black people|jews|muslims|gays)",
    ),
    // ------------------------------------------------------------------ harassment
    (
        Harassment,
        r"(?:my|our) (?:\w+ )?(?:classmate|teacher|neighbou?r|sister|brother|boss|coworker|ex|friend|cousin)s? (?:\w+ ){0,3}(?:is|are) (?:so |a |an |really |very |such a )*(?:fat|ugly|stupid|dumb|loser|losers|idiot|idiots|retard\w*|freak|freaks|smelly|gross|worthless|pathetic)",
    ),
    (
        Harassment,
        r"(?:fat|ugly|stupid|dumb|smelly|retarded|weird) (?:kid|girl|boy|guy|teacher) (?:in|from|at) my (?:class|school)|game to bully|cyberbull\w*",
    ),
    // ------------------------------------------------------------------ violence (real world)
    (
        Violence,
        r"school shoot\w*|mass shoot\w*|columbine|(?:shoot|shooting|bomb|bombing|blow up|blowing up|burn|burning|stab|stabbing) (?:up )?(?:a |the |my |our |your |their |all )?(?:school|schools|classroom|church|churches|mosque|mosques|synagogue|synagogues|temple|hospital|kindergarten|daycare|classmates|students|teachers|police officers?|cops)",
    ),
    (
        Violence,
        r"gore|gory|blood bath|bloodbath|dismember\w*|decapitat\w*|behead\w*|mutilat\w*|tortur\w*|disembowel\w*|massacr\w*|animal cruelty|(?:abuse|abusing|kick|kicking|hurt|hurting|torture) (?:a |the )?(?:puppy|puppies|kitten|kittens|dogs?|cats?|animals?|child|children|kids?|babies|baby)|child abuse|how to make (?:a )?(?:bomb|pipe bomb|weapon|poison)|real guns? (?:at|in) school",
    ),
    // ------------------------------------------------------------------ sexual
    (
        Sexual,
        r"sex|sexy|sexual\w*|naked|nude|nudes|nudity|porn\w*|hentai|nsfw|erotic\w*|horny|onlyfans|xxx|fetish\w*|undress\w*|strip club|stripper\w*|strip poker|boobs?|lingerie|seduc\w*|one night stand|brothel|prostitut\w*|escort girls?|milf|booty call|r18|18 plus|adults only",
    ),
];
