//! The badge catalog: one row per badge. Ids are stable (they are stored in save files and
//! exported credentials): never rename one, only add. Texts are in a child's words.

use super::BadgeFamily::*;
use super::Rule::*;
use super::{BadgeDef, Rule};
use crate::learner::GradeBand;

macro_rules! badge {
    ($id:literal, $fam:expr, $glyph:literal, $rule:expr, [$ne:literal, $ns:literal], [$de:literal, $ds:literal], [$ce:literal, $cs:literal], $align:expr) => {
        BadgeDef { id: $id, family: $fam, glyph: $glyph, rule: $rule, name: [$ne, $ns], description: [$de, $ds], criteria: [$ce, $cs], alignment: $align }
    };
}

const fn domain(code: &'static str) -> Rule {
    DomainMastered(code)
}

/// Every badge, grouped by family.
pub const BADGES: &[BadgeDef] = &[
    // Mastery
    badge!("first-skill", Mastery, "1", SkillsMastered(1), ["First Skill", "Primera habilidad"], ["Mastered a first skill.", "Dominó una primera habilidad."], ["Master any one skill.", "Domina cualquier habilidad."], None),
    badge!("five-skills", Mastery, "5", SkillsMastered(5), ["Five Skills", "Cinco habilidades"], ["Mastered five skills.", "Dominó cinco habilidades."], ["Master 5 skills.", "Domina 5 habilidades."], None),
    badge!("twenty-skills", Mastery, "20", SkillsMastered(20), ["Twenty Skills", "Veinte habilidades"], ["Mastered twenty skills.", "Dominó veinte habilidades."], ["Master 20 skills.", "Domina 20 habilidades."], None),
    badge!("domain-cc", Mastery, "CC", domain("CC"), ["Counting Star", "Estrella de contar"], ["Mastered every skill in Counting and Cardinality.", "Dominó todas las habilidades de Conteo y cardinalidad."], ["Master all the counting skills.", "Domina todas las habilidades de contar."], Some(("CC", "Counting and Cardinality"))),
    badge!("domain-oa", Mastery, "OA", domain("OA"), ["Operations Expert", "Experto en operaciones"], ["Mastered every skill in Operations and Algebraic Thinking.", "Dominó todas las habilidades de Operaciones y pensamiento algebraico."], ["Master all the adding, subtracting, times and sharing skills.", "Domina todas las habilidades de sumar, restar, multiplicar y repartir."], Some(("OA", "Operations and Algebraic Thinking"))),
    badge!("domain-nbt", Mastery, "NBT", domain("NBT"), ["Place Value Pro", "Experto en valor posicional"], ["Mastered every skill in Number and Operations in Base Ten.", "Dominó todas las habilidades de Números y operaciones en base diez."], ["Master all the tens-and-ones skills.", "Domina todas las habilidades de decenas y unidades."], Some(("NBT", "Number and Operations in Base Ten"))),
    badge!("domain-nf", Mastery, "NF", domain("NF"), ["Fraction Master", "Maestro de fracciones"], ["Mastered every skill in Number and Operations: Fractions.", "Dominó todas las habilidades de Números y operaciones: fracciones."], ["Master all the fraction skills.", "Domina todas las habilidades de fracciones."], Some(("NF", "Number and Operations—Fractions"))),
    badge!("domain-rp", Mastery, "RP", domain("RP"), ["Ratio Ranger", "Guardián de razones"], ["Mastered every skill in Ratios and Proportional Relationships.", "Dominó todas las habilidades de Razones y relaciones proporcionales."], ["Master all the ratio and percent skills.", "Domina todas las habilidades de razones y porcentajes."], Some(("RP", "Ratios and Proportional Relationships"))),
    badge!("domain-ns", Mastery, "NS", domain("NS"), ["Number System Navigator", "Navegante del sistema numérico"], ["Mastered every skill in The Number System.", "Dominó todas las habilidades de El sistema numérico."], ["Master all the negative number and fraction-dividing skills.", "Domina todas las habilidades de números negativos y división de fracciones."], Some(("NS", "The Number System"))),
    badge!("domain-ee", Mastery, "EE", domain("EE"), ["Equation Explorer", "Explorador de ecuaciones"], ["Mastered every skill in Expressions and Equations.", "Dominó todas las habilidades de Expresiones y ecuaciones."], ["Master all the expression and equation skills.", "Domina todas las habilidades de expresiones y ecuaciones."], Some(("EE", "Expressions and Equations"))),
    badge!("band-k2", Mastery, "K-2", BandMastered(GradeBand::K2), ["K to 2 Champion", "Campeón de K a 2"], ["Mastered every skill for kindergarten to grade 2.", "Dominó todas las habilidades de kínder a 2.º grado."], ["Master every skill from kindergarten to grade 2.", "Domina todas las habilidades de kínder a 2.º grado."], None),
    badge!("band-g35", Mastery, "3-5", BandMastered(GradeBand::G35), ["Grades 3 to 5 Champion", "Campeón de 3.º a 5.º"], ["Mastered every skill for grades 3 to 5.", "Dominó todas las habilidades de 3.º a 5.º grado."], ["Master every skill from grade 3 to grade 5.", "Domina todas las habilidades de 3.º a 5.º grado."], None),
    badge!("band-g68", Mastery, "6-8", BandMastered(GradeBand::G68), ["Grades 6 to 8 Champion", "Campeón de 6.º a 8.º"], ["Mastered every skill for grades 6 to 8.", "Dominó todas las habilidades de 6.º a 8.º grado."], ["Master every skill from grade 6 to grade 8.", "Domina todas las habilidades de 6.º a 8.º grado."], None),
    badge!("times-tables", Mastery, "x", SkillMastered("mult.facts-all"), ["Times Tables", "Tablas de multiplicar"], ["Mastered all the times tables to 10.", "Dominó todas las tablas de multiplicar hasta el 10."], ["Master all the times tables to 10.", "Domina todas las tablas hasta el 10."], Some(("3.OA.C.7", "Fluently multiply and divide within 100"))),
    badge!("fraction-adder", Mastery, "+", SkillMastered("frac.add-like"), ["Fraction Adder", "Sumador de fracciones"], ["Mastered adding fractions with like denominators.", "Dominó sumar fracciones con igual denominador."], ["Master adding fractions with the same bottom number.", "Domina sumar fracciones con el mismo número de abajo."], Some(("4.NF.B.3a", "Add and subtract fractions with like denominators"))),
    badge!("equation-solver", Mastery, "=", SkillMastered("eq.two-step"), ["Equation Solver", "Resolvedor de ecuaciones"], ["Mastered two-step equations.", "Dominó las ecuaciones de dos pasos."], ["Master two-step equations.", "Domina las ecuaciones de dos pasos."], Some(("7.EE.B.4a", "Solve equations of the form px + q = r"))),
    // Growth
    badge!("mistakes-to-mastery", Growth, "M", MasteredAfterMistakes(1), ["Mistakes Help Me Grow", "Los errores me ayudan"], ["Mastered a skill after early mistakes.", "Dominó una habilidad después de errores al principio."], ["Keep going on a tricky skill until you master it.", "Sigue con una habilidad difícil hasta dominarla."], None),
    badge!("mistakes-to-mastery-5", Growth, "M5", MasteredAfterMistakes(5), ["Never Give Up", "Nunca me rindo"], ["Mastered five skills that were tricky at first.", "Dominó cinco habilidades que al principio eran difíciles."], ["Master 5 skills that were tricky at first.", "Domina 5 habilidades que al principio eran difíciles."], None),
    badge!("better-this-week", Growth, "UP", AccuracyUp, ["Better This Week", "Mejor esta semana"], ["Answered more correctly this week than last week.", "Respondió mejor esta semana que la semana pasada."], ["Get more answers right this week than last week.", "Acierta más esta semana que la semana pasada."], None),
    badge!("hint-helper", Growth, "?", CorrectAfterHint(10), ["Smart Helper", "Pido ayuda"], ["Used hints and then got the answer right, 10 times.", "Usó pistas y luego acertó, 10 veces."], ["Use a hint, then get it right, 10 times.", "Usa una pista y luego acierta, 10 veces."], None),
    badge!("level-5", Growth, "L5", XpLevel(5), ["Level 5", "Nivel 5"], ["Reached level 5.", "Llegó al nivel 5."], ["Keep practicing to reach level 5.", "Sigue practicando hasta el nivel 5."], None),
    badge!("level-10", Growth, "L10", XpLevel(10), ["Level 10", "Nivel 10"], ["Reached level 10.", "Llegó al nivel 10."], ["Keep practicing to reach level 10.", "Sigue practicando hasta el nivel 10."], None),
    // Persistence
    badge!("first-session", Persistence, "S1", Sessions(1), ["First Practice", "Primera práctica"], ["Finished a first practice session.", "Terminó una primera sesión de práctica."], ["Finish one practice session.", "Termina una sesión de práctica."], None),
    badge!("ten-sessions", Persistence, "S10", Sessions(10), ["Ten Sessions", "Diez sesiones"], ["Finished ten practice sessions.", "Terminó diez sesiones de práctica."], ["Finish 10 practice sessions.", "Termina 10 sesiones de práctica."], None),
    badge!("fifty-sessions", Persistence, "S50", Sessions(50), ["Fifty Sessions", "Cincuenta sesiones"], ["Finished fifty practice sessions.", "Terminó cincuenta sesiones de práctica."], ["Finish 50 practice sessions.", "Termina 50 sesiones de práctica."], None),
    badge!("streak-3", Persistence, "3d", BestStreak(3), ["Three in a Row", "Tres seguidos"], ["Met the daily goal three days in a row.", "Cumplió la meta diaria tres días seguidos."], ["Meet your goal 3 days in a row.", "Cumple tu meta 3 días seguidos."], None),
    badge!("streak-7", Persistence, "7d", BestStreak(7), ["Week Streak", "Racha de una semana"], ["Met the daily goal seven days in a row.", "Cumplió la meta diaria siete días seguidos."], ["Meet your goal 7 days in a row.", "Cumple tu meta 7 días seguidos."], None),
    badge!("streak-30", Persistence, "30d", BestStreak(30), ["Month Streak", "Racha de un mes"], ["Met the daily goal thirty days in a row.", "Cumplió la meta diaria treinta días seguidos."], ["Meet your goal 30 days in a row.", "Cumple tu meta 30 días seguidos."], None),
    badge!("comeback", Persistence, "HI", Comebacks(1), ["Welcome Back", "Bienvenido de nuevo"], ["Came back and met the goal after a break.", "Volvió y cumplió la meta después de un descanso."], ["Meet your goal again after a few days off.", "Cumple tu meta otra vez después de unos días de descanso."], None),
    badge!("streak-mender", Persistence, "<3", Repairs(1), ["Streak Mender", "Reparador de rachas"], ["Brought a resting streak back.", "Recuperó una racha que descansaba."], ["Bring back a resting streak by meeting your goal two days in a row.", "Recupera una racha cumpliendo tu meta dos días seguidos."], None),
    badge!("reviews-10", Persistence, "R", ReviewsOnTime(10), ["Right on Time", "Justo a tiempo"], ["Did ten reviews on time.", "Hizo diez repasos a tiempo."], ["Do 10 reviews when they are due.", "Haz 10 repasos cuando toquen."], None),
    badge!("goal-days-10", Persistence, "G10", GoalDays(10), ["Goal Getter", "Cumplo mis metas"], ["Met the daily goal on ten days.", "Cumplió la meta diaria en diez días."], ["Meet your daily goal on 10 days.", "Cumple tu meta diaria en 10 días."], None),
    // Exploration
    badge!("three-domains", Exploration, "3", DomainsTried(3), ["Explorer", "Explorador"], ["Tried three areas of maths.", "Probó tres áreas de matemáticas."], ["Try skills from 3 areas of maths.", "Prueba habilidades de 3 áreas de matemáticas."], None),
    badge!("all-domains", Exploration, "ALL", DomainsTried(0), ["World Traveler", "Viajero del mundo"], ["Tried every area of math in Waypoint.", "Probó todas las áreas de matemáticas de Waypoint."], ["Try a skill from every area of math.", "Prueba una habilidad de cada área de matemáticas."], None),
    badge!("read-aloud", Exploration, "A", ReadAloud(1), ["Listener", "Buen oyente"], ["Used read-aloud.", "Usó la lectura en voz alta."], ["Have a question read aloud to you.", "Pide que te lean una pregunta en voz alta."], None),
    badge!("goal-setter", Exploration, "G", GoalsSet(1), ["Goal Setter", "Pongo mis metas"], ["Chose a daily goal.", "Eligió una meta diaria."], ["Choose your own daily goal.", "Elige tu propia meta diaria."], None),
    badge!("hundred-items", Exploration, "100", Items(100), ["Hundred Answers", "Cien respuestas"], ["Answered one hundred questions.", "Respondió cien preguntas."], ["Answer 100 questions.", "Responde 100 preguntas."], None),
    // Reflection
    badge!("first-reflection", Reflection, "R1", Reflections(1), ["Thinker", "Pensador"], ["Wrote a first reflection.", "Escribió una primera reflexión."], ["Write about how your practice went.", "Escribe cómo te fue en la práctica."], None),
    badge!("ten-reflections", Reflection, "R10", Reflections(10), ["Deep Thinker", "Gran pensador"], ["Wrote ten reflections.", "Escribió diez reflexiones."], ["Write 10 reflections.", "Escribe 10 reflexiones."], None),
    badge!("thoughtful-writer", Reflection, "W", LongReflections(5), ["Thoughtful Writer", "Escritor reflexivo"], ["Wrote five long reflections.", "Escribió cinco reflexiones largas."], ["Write 5 reflections of 20 words or more.", "Escribe 5 reflexiones de 20 palabras o más."], None),
    badge!("know-what-i-know", Reflection, "OK", Calibrated(10), ["I Know What I Know", "Sé lo que sé"], ["Said how sure they were, and it matched, many times.", "Dijo qué tan seguro estaba, y acertó, muchas veces."], ["Say how sure you are; be right about it 10 times.", "Di qué tan seguro estás; acierta 10 veces."], None),
];
