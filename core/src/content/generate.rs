//! Item generators, one per family of skills. Every generator is deterministic in its
//! seed, scales its numbers with the level (1 easy .. 5 hard), and gives hints, a worked
//! solution, and wrong answers tied to misconceptions (used as distractors).

use super::Interest;
use super::item::{Answer, Choice, Math, Misconception, Prompt, Rational, gcd};
use crate::Lang;
use crate::rng::SeededRng;

use Math::{Blank, Frac, Num, Op};
use Misconception as M;

/// How a skill's items are made. Parameters are fixed per skill in the skill table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Family {
    CountObjects { max: i64 },
    CompareWhole { max: i64 },
    Add { max: i64, operands: u8 },
    Sub { max: i64 },
    MissingAddend { total: i64 },
    PlaceValue { digits: u8, max: i64 },
    WordAddSub { max: i64 },
    Mul { max_a: i64, max_b: i64 },
    MulTable { tables: &'static [i64] },
    Div { max_divisor: i64, max_quotient: i64 },
    WordMulDiv { max: i64 },
    Round { max: i64 },
    MulByTens,
    DivRemainder,
    Factors,
    FracOfShape,
    FracEquivalent { max_den: i64 },
    FracCompare { same_part: bool },
    FracAddSub { like: bool, subtract: bool },
    FracTimesWhole,
    FracMultiply,
    FracSimplify,
    FracDivide,
    DecimalFromFraction,
    DecimalCompare,
    DecimalAddSub,
    DecimalMultiply,
    OrderOfOps { parens: bool },
    RatioEquivalent,
    UnitRate,
    PercentOf,
    PercentChange,
    IntCompare,
    IntAddSub,
    IntMulDiv,
    Powers,
    SquareRoots,
    EvaluateExpression,
    LikeTerms,
    EquationOneStep,
    EquationTwoStep,
    EquationBothSides,
}

/// What a generator produces before the catalog wraps it into an `Item`.
pub struct Generated {
    pub kind: &'static str,
    pub prompt: Prompt,
    pub answer: Answer,
    pub hints: Vec<Prompt>,
    pub solution: Vec<Prompt>,
}

/// Upper bound for a level: a fifth of `max` per level, never below `min`.
fn up_to(level: u8, max: i64, min: i64) -> i64 {
    (max * level as i64 / 5).max(min).min(max)
}

fn q(n: i64, d: i64) -> Rational {
    Rational::new(n, d).unwrap_or(Rational::int(0))
}

fn number(value: Rational, wrong: Vec<(Rational, Misconception)>) -> Answer {
    let mut kept: Vec<(Rational, Misconception)> = Vec::new();
    for (w, m) in wrong {
        // One misconception per wrong value (the first, most specific, wins).
        if w != value && !kept.iter().any(|(k, _)| *k == w) {
            kept.push((w, m));
        }
    }
    let wrong = kept;
    Answer::Number { value, fraction_forms: true, lowest_terms: false, wrong }
}

fn int(v: i64, wrong: Vec<(i64, Misconception)>) -> Answer {
    number(Rational::int(v), wrong.into_iter().map(|(w, m)| (Rational::int(w), m)).collect())
}

fn math_of(r: Rational) -> Vec<Math> {
    if r.is_integer() { vec![Num(r.n)] } else { vec![Frac(r.n, r.d)] }
}

/// Sometimes turns a typed answer with known wrong answers into multiple choice, whose
/// distractors are exactly those misconceptions.
fn maybe_choice(rng: &mut SeededRng, answer: Answer) -> Answer {
    let Answer::Number { value, wrong, .. } = &answer else { return answer };
    let mut distinct: Vec<(Rational, Misconception)> = Vec::new();
    for (w, m) in wrong {
        if !distinct.iter().any(|(d, _)| d == w) && *w != *value {
            distinct.push((*w, *m));
        }
    }
    if distinct.len() < 2 || !rng.chance(0.4) {
        return answer;
    }
    distinct.truncate(3);
    let mut options: Vec<Choice> = distinct.iter().map(|(w, m)| Choice { math: math_of(*w), misconception: Some(*m) }).collect();
    options.push(Choice { math: math_of(*value), misconception: None });
    rng.shuffle(&mut options);
    let correct = options.iter().position(|o| o.misconception.is_none()).unwrap_or(0);
    Answer::Choice { options, correct }
}

fn t(lang: Lang, en: &str, es: &str) -> Prompt {
    Prompt::text(lang.pick(en, es))
}

/// Nouns for word problems by interest: (English plural, Spanish plural).
fn theme(interest: Interest, rng: &mut SeededRng) -> (&'static str, &'static str, &'static str, &'static str) {
    // (thing en, thing es, place en, place es)
    let options: &[(&str, &str, &str, &str)] = match interest {
        Interest::Animals => &[("puppies", "cachorros", "the shelter", "el refugio"), ("birds", "pájaros", "the park", "el parque")],
        Interest::Sports => &[("balls", "balones", "the gym", "el gimnasio"), ("goals", "goles", "the match", "el partido")],
        Interest::Space => &[("rockets", "cohetes", "the space station", "la estación espacial"), ("stars", "estrellas", "the sky", "el cielo")],
        Interest::Music => &[("drums", "tambores", "the band", "la banda"), ("songs", "canciones", "the concert", "el concierto")],
        Interest::Cooking => &[("cookies", "galletas", "the kitchen", "la cocina"), ("apples", "manzanas", "the market", "el mercado")],
        Interest::Games => &[("cards", "cartas", "the game", "el juego"), ("coins", "monedas", "the level", "el nivel")],
    };
    options[rng.index(options.len())]
}

const NAMES: &[&str] = &["Ana", "Leo", "Mia", "Sam", "Iris", "Omar", "Zoe", "Luis", "Nora", "Kai"];

pub fn generate(family: Family, level: u8, rng: &mut SeededRng, lang: Lang, interests: &[Interest]) -> Generated {
    let l = level;
    let interest = if interests.is_empty() { Interest::ALL[rng.index(Interest::ALL.len())] } else { interests[rng.index(interests.len())] };
    let name = NAMES[rng.index(NAMES.len())];
    match family {
        Family::CountObjects { max } => {
            let n = rng.range_i64(1, up_to(l, max, 5));
            let stars = "★".repeat(n as usize);
            Generated {
                kind: "count",
                prompt: t(lang, "How many stars are there?", "¿Cuántas estrellas hay?").then_text(stars),
                answer: int(n, vec![(n + 1, M::OffByOne), (n - 1, M::OffByOne)]),
                hints: vec![t(lang, "Touch each star once as you count.", "Toca cada estrella una vez mientras cuentas.")],
                solution: vec![Prompt::text(format!("{} {n}.", lang.pick("Counting one by one gives", "Contando una a una salen")))],
            }
        }
        Family::CompareWhole { max } => {
            let hi = up_to(l, max, 10);
            let a = rng.range_i64(0, hi);
            let mut b = rng.range_i64(0, hi);
            if b == a {
                b = (a + 1 + rng.range_i64(0, 3)).min(hi.max(a + 1));
            }
            let bigger = a.max(b);
            Generated {
                kind: "compare",
                prompt: t(lang, "Which number is greater?", "¿Qué número es mayor?").then_math(vec![Num(a)]).then_text(lang.pick("or", "o")).then_math(vec![Num(b)]),
                answer: Answer::Choice {
                    options: vec![
                        Choice { math: vec![Num(a)], misconception: (a != bigger).then_some(M::PlaceValueSlip) },
                        Choice { math: vec![Num(b)], misconception: (b != bigger).then_some(M::PlaceValueSlip) },
                    ],
                    correct: if a == bigger { 0 } else { 1 },
                },
                hints: vec![t(lang, "Compare the digit in the biggest place first.", "Compara primero la cifra del lugar más grande.")],
                solution: vec![Prompt::text(format!("{bigger} > {}", a.min(b)))],
            }
        }
        Family::Add { max, operands } => {
            let hi = up_to(l, max, 5);
            let mut terms = Vec::new();
            let mut left = hi;
            for i in 0..operands {
                let rest = (operands - i - 1) as i64;
                let v = rng.range_i64(if max >= 100 { hi / 10 } else { 0 }, (left - rest).max(0));
                terms.push(v);
                left -= v;
            }
            let sum: i64 = terms.iter().sum();
            let mut math = Vec::new();
            for (i, v) in terms.iter().enumerate() {
                if i > 0 {
                    math.push(Op('+'));
                }
                math.push(Num(*v));
            }
            math.extend([Op('='), Blank]);
            let no_carry: i64 = if terms.len() == 2 { ((terms[0] % 10 + terms[1] % 10) % 10) + ((terms[0] / 10 + terms[1] / 10) * 10) } else { sum };
            let answer = maybe_choice(rng, int(sum, vec![(sum + 1, M::OffByOne), (no_carry, M::NoCarry), (sum - 1, M::OffByOne), ((terms[0] - terms.get(1).copied().unwrap_or(0)).abs(), M::OperationSwap)]));
            Generated {
                kind: "add",
                prompt: t(lang, "Add:", "Suma:").then_math(math),
                answer,
                hints: vec![
                    t(lang, "Start from the bigger number and count on.", "Empieza por el número mayor y sigue contando."),
                    t(lang, "Add the ones first, then the tens.", "Suma primero las unidades y luego las decenas."),
                ],
                solution: vec![Prompt::text(format!("{} = {sum}", terms.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(" + ")))],
            }
        }
        Family::Sub { max } => {
            let hi = up_to(l, max, 5);
            let a = rng.range_i64(hi / 3, hi);
            let b = rng.range_i64(0, a);
            let d = a - b;
            // Subtracting the smaller digit from the larger in each column.
            let naive = {
                let (mut x, mut y, mut out, mut place) = (a, b, 0, 1);
                while x > 0 || y > 0 {
                    out += ((x % 10) - (y % 10)).abs() * place;
                    x /= 10;
                    y /= 10;
                    place *= 10;
                }
                out
            };
            Generated {
                kind: "sub",
                prompt: t(lang, "Subtract:", "Resta:").then_math(vec![Num(a), Op('−'), Num(b), Op('='), Blank]),
                answer: maybe_choice(rng, int(d, vec![(naive, M::SmallerFromLarger), (a + b, M::OperationSwap), (d + 1, M::OffByOne)])),
                hints: vec![
                    t(lang, "Count up from the smaller number to the bigger one.", "Cuenta desde el número menor hasta el mayor."),
                    t(lang, "If a column is too small, regroup a ten.", "Si una columna no alcanza, reagrupa una decena."),
                ],
                solution: vec![Prompt::text(format!("{a} − {b} = {d}")), Prompt::text(format!("{b} + {d} = {a} ✓"))],
            }
        }
        Family::MissingAddend { total } => {
            let hi = up_to(l, total, 5);
            let whole = rng.range_i64(2, hi);
            let a = rng.range_i64(0, whole);
            let b = whole - a;
            Generated {
                kind: "missing",
                prompt: t(lang, "What number goes in the box?", "¿Qué número va en la casilla?").then_math(vec![Num(a), Op('+'), Blank, Op('='), Num(whole)]),
                answer: maybe_choice(rng, int(b, vec![(a + whole, M::OperationSwap), (b + 1, M::OffByOne), (b - 1, M::OffByOne)])),
                hints: vec![Prompt::text(lang.pick(&format!("Count up from {a} to {whole}."), &format!("Cuenta desde {a} hasta {whole}.")))],
                solution: vec![Prompt::text(format!("{whole} − {a} = {b}")), Prompt::text(format!("{a} + {b} = {whole}"))],
            }
        }
        Family::PlaceValue { digits, max } => {
            let lo = 10i64.pow(digits as u32 - 1);
            // A digit that is not 0 and appears once, so "the digit 1 in 11" is never asked.
            let unique = |n: i64| -> Vec<usize> {
                let s = n.to_string();
                (0..s.len()).filter(|&i| s.as_bytes()[i] != b'0' && s.bytes().filter(|&b| b == s.as_bytes()[i]).count() == 1).collect()
            };
            let mut n = rng.range_i64(lo.max(11), up_to(l, max, lo * 2).max(lo + 1));
            while unique(n).is_empty() && n > lo {
                n -= 1;
            }
            let s = n.to_string();
            let places = unique(n);
            let pos = places.get(rng.index(places.len().max(1))).copied().unwrap_or(0);
            let digit = (s.as_bytes()[pos] - b'0') as i64;
            let place = 10i64.pow((s.len() - pos - 1) as u32);
            let value = digit * place;
            let other = if place >= 10 { digit * (place / 10) } else { digit * 10 };
            Generated {
                kind: "place",
                prompt: Prompt::text(lang.pick(&format!("What is the value of the digit {digit} in"), &format!("¿Cuánto vale la cifra {digit} en"))).then_math(vec![Num(n)]).then_text("?"),
                answer: maybe_choice(rng, int(value, vec![(digit, M::PlaceValueSlip), (other, M::PlaceValueSlip), (n, M::PlaceValueSlip)])),
                hints: vec![t(lang, "Name the places from the right: ones, tens, hundreds.", "Nombra los lugares desde la derecha: unidades, decenas, centenas.")],
                solution: vec![Prompt::text(format!("{digit} × {place} = {value}"))],
            }
        }
        Family::WordAddSub { max } => {
            let hi = up_to(l, max, 10);
            let (thing_en, thing_es, place_en, place_es) = theme(interest, rng);
            let a = rng.range_i64(hi / 4 + 1, hi);
            let b = rng.range_i64(1, a);
            let take = rng.chance(0.5);
            let (prompt, ans, sol) = if take {
                (
                    Prompt::text(lang.pick(
                        &format!("{name} has {a} {thing_en} at {place_en}. {b} of them go away. How many {thing_en} are left?"),
                        &format!("{name} tiene {a} {thing_es} en {place_es}. Se van {b}. ¿Cuántos quedan?"),
                    )),
                    a - b,
                    format!("{a} − {b} = {}", a - b),
                )
            } else {
                (
                    Prompt::text(lang.pick(
                        &format!("{name} has {a} {thing_en} at {place_en} and gets {b} more. How many {thing_en} are there now?"),
                        &format!("{name} tiene {a} {thing_es} en {place_es} y consigue {b} más. ¿Cuántos hay ahora?"),
                    )),
                    a + b,
                    format!("{a} + {b} = {}", a + b),
                )
            };
            let swapped = if take { a + b } else { a - b };
            Generated {
                kind: "word",
                prompt,
                answer: maybe_choice(rng, int(ans, vec![(swapped, M::OperationSwap), (ans + 1, M::OffByOne), (ans - 1, M::OffByOne)])),
                hints: vec![t(lang, "Does the amount get bigger or smaller? That tells you to add or subtract.", "¿La cantidad crece o disminuye? Eso te dice si sumar o restar.")],
                solution: vec![Prompt::text(sol)],
            }
        }
        Family::Mul { max_a, max_b } => {
            let a = rng.range_i64(2, up_to(l, max_a, 5));
            let b = rng.range_i64(2, up_to(l, max_b, 3).max(2));
            let p = a * b;
            Generated {
                kind: "mul",
                prompt: t(lang, "Multiply:", "Multiplica:").then_math(vec![Num(a), Op('×'), Num(b), Op('='), Blank]),
                answer: maybe_choice(rng, int(p, vec![(a + b, M::OperationSwap), (p + a, M::OneStepOff), (p - a, M::OneStepOff)])),
                hints: vec![Prompt::text(lang.pick(&format!("Think of {b} groups of {a}."), &format!("Piensa en {b} grupos de {a}.")))],
                solution: vec![Prompt::text(format!("{a} × {b} = {p}"))],
            }
        }
        Family::MulTable { tables } => {
            let a = tables[rng.index(tables.len())];
            let b = rng.range_i64(1, (2 * l as i64).clamp(3, 10));
            let p = a * b;
            Generated {
                kind: "fact",
                prompt: t(lang, "Multiply:", "Multiplica:").then_math(vec![Num(a), Op('×'), Num(b), Op('='), Blank]),
                answer: maybe_choice(rng, int(p, vec![(a + b, M::OperationSwap), (p + a, M::OneStepOff), (p - a, M::OneStepOff)])),
                hints: vec![Prompt::text(lang.pick(&format!("Skip-count by {a}, {b} times."), &format!("Cuenta de {a} en {a}, {b} veces.")))],
                solution: vec![Prompt::text(format!("{a} × {b} = {p}"))],
            }
        }
        Family::Div { max_divisor, max_quotient } => {
            let d = rng.range_i64(2, up_to(l, max_divisor, 3));
            let qv = rng.range_i64(1, up_to(l, max_quotient, 4));
            let n = d * qv;
            Generated {
                kind: "div",
                prompt: t(lang, "Divide:", "Divide:").then_math(vec![Num(n), Op('÷'), Num(d), Op('='), Blank]),
                answer: maybe_choice(rng, int(qv, vec![(n * d, M::OperationSwap), (n - d, M::OperationSwap), (qv + 1, M::OffByOne)])),
                hints: vec![Prompt::text(lang.pick(&format!("Which number times {d} makes {n}?"), &format!("¿Qué número por {d} da {n}?")))],
                solution: vec![Prompt::text(format!("{d} × {qv} = {n}")), Prompt::text(format!("{n} ÷ {d} = {qv}"))],
            }
        }
        Family::WordMulDiv { max } => {
            let (thing_en, thing_es, _, _) = theme(interest, rng);
            let g = rng.range_i64(2, up_to(l, max, 4));
            let each = rng.range_i64(2, up_to(l, max, 4));
            let total = g * each;
            let divide = rng.chance(0.5);
            let (prompt, ans) = if divide {
                (
                    Prompt::text(lang.pick(
                        &format!("{name} shares {total} {thing_en} equally into {g} groups. How many {thing_en} are in each group?"),
                        &format!("{name} reparte {total} {thing_es} en {g} grupos iguales. ¿Cuántos hay en cada grupo?"),
                    )),
                    each,
                )
            } else {
                (
                    Prompt::text(lang.pick(
                        &format!("{name} has {g} boxes with {each} {thing_en} in each. How many {thing_en} in all?"),
                        &format!("{name} tiene {g} cajas con {each} {thing_es} en cada una. ¿Cuántos hay en total?"),
                    )),
                    total,
                )
            };
            Generated {
                kind: "word",
                prompt,
                answer: maybe_choice(rng, int(ans, vec![(g + each, M::OperationSwap), (ans + 1, M::OffByOne), (if divide { total * g } else { total / g.max(1) }, M::OperationSwap)])),
                hints: vec![t(lang, "Equal groups: multiply to find the total, divide to share.", "Grupos iguales: multiplica para el total, divide para repartir.")],
                solution: vec![Prompt::text(if divide { format!("{total} ÷ {g} = {each}") } else { format!("{g} × {each} = {total}") })],
            }
        }
        Family::Round { max } => {
            let n = rng.range_i64(11, up_to(l, max, 99));
            let to = if n >= 100 && rng.chance(0.5) { 100 } else { 10 };
            let r = (n + to / 2) / to * to;
            let down = n / to * to;
            Generated {
                kind: "round",
                prompt: Prompt::text(lang.pick(&format!("Round {n} to the nearest {to}."), &format!("Redondea {n} a la {} más cercana.", if to == 10 { "decena" } else { "centena" }))),
                answer: maybe_choice(rng, int(r, vec![(if r == down { down + to } else { down }, M::PlaceValueSlip), (n, M::PlaceValueSlip)])),
                hints: vec![Prompt::text(lang.pick(&format!("Is {n} closer to {down} or to {}?", down + to), &format!("¿{n} está más cerca de {down} o de {}?", down + to)))],
                solution: vec![Prompt::text(format!("{down} … {n} … {} → {r}", down + to))],
            }
        }
        Family::MulByTens => {
            let a = rng.range_i64(2, 9);
            let b = rng.range_i64(1, 9) * 10i64.pow(l.div_ceil(2) as u32);
            let p = a * b;
            Generated {
                kind: "tens",
                prompt: t(lang, "Multiply:", "Multiplica:").then_math(vec![Num(a), Op('×'), Num(b), Op('='), Blank]),
                answer: maybe_choice(rng, int(p, vec![(p / 10, M::PlaceValueSlip), (p * 10, M::PlaceValueSlip), (a + b, M::OperationSwap)])),
                hints: vec![Prompt::text(lang.pick(&format!("Multiply {a} × {}, then add the zeros.", b / 10i64.pow(b.to_string().trim_end_matches('0').len() as u32 - 1).max(1)), "Multiplica sin los ceros y luego añádelos."))],
                solution: vec![Prompt::text(format!("{a} × {b} = {p}"))],
            }
        }
        Family::DivRemainder => {
            let d = rng.range_i64(2, 9);
            let qv = rng.range_i64(2, up_to(l, 120, 12));
            let r = rng.range_i64(0, d - 1);
            let n = d * qv + r;
            Generated {
                kind: "divrem",
                prompt: Prompt::text(lang.pick(&format!("{n} ÷ {d}: what is the whole-number quotient? (The remainder is {r}.)"), &format!("{n} ÷ {d}: ¿cuál es el cociente entero? (El resto es {r}.)"))),
                answer: int(qv, vec![(qv + 1, M::OffByOne), (qv - 1, M::OffByOne)]),
                hints: vec![Prompt::text(lang.pick(&format!("How many times does {d} fit into {n}?"), &format!("¿Cuántas veces cabe {d} en {n}?")))],
                solution: vec![Prompt::text(format!("{d} × {qv} + {r} = {n}"))],
            }
        }
        Family::Factors => {
            let a = rng.range_i64(2, 9);
            let b = rng.range_i64(2, (l as i64 * 3).max(4));
            let n = a * b;
            let not = n + 1;
            Generated {
                kind: "factor",
                prompt: Prompt::text(lang.pick(&format!("Which of these is a factor of {n}?"), &format!("¿Cuál de estos es factor de {n}?"))),
                answer: {
                    let mut options = vec![
                        Choice { math: vec![Num(a)], misconception: None },
                        Choice { math: vec![Num(not)], misconception: Some(M::NotAFactor) },
                        Choice { math: vec![Num(n * 2)], misconception: Some(M::NotAFactor) },
                    ];
                    rng.shuffle(&mut options);
                    let correct = options.iter().position(|o| o.misconception.is_none()).unwrap_or(0);
                    Answer::Choice { options, correct }
                },
                hints: vec![t(lang, "A factor divides the number with nothing left over.", "Un factor divide al número sin que sobre nada.")],
                solution: vec![Prompt::text(format!("{a} × {b} = {n}"))],
            }
        }
        Family::FracOfShape => {
            let d = rng.range_i64(2, (l as i64 + 3).min(8));
            Generated {
                kind: "unit",
                prompt: Prompt::text(lang.pick(&format!("A pizza is cut into {d} equal slices. What fraction of the pizza is one slice?"), &format!("Una pizza se corta en {d} porciones iguales. ¿Qué fracción de la pizza es una porción?"))),
                answer: maybe_choice(rng, number(q(1, d), vec![(Rational::int(d), M::PlaceValueSlip), (q(d - 1, d), M::CountedTheRest), (q(1, d + 1), M::OneStepOff)])),
                hints: vec![t(lang, "The bottom number says how many equal parts make the whole.", "El número de abajo dice cuántas partes iguales forman el entero.")],
                solution: vec![Prompt::text(format!("1 {} {d} = 1/{d}", lang.pick("out of", "de")))],
            }
        }
        Family::FracEquivalent { max_den } => {
            let d = rng.range_i64(2, up_to(l, 10, 4).min(max_den));
            let n = rng.range_i64(1, d - 1);
            let k = rng.range_i64(2, if max_den > 12 { 10 } else { 4 });
            let target = d * k;
            Generated {
                kind: "equiv",
                prompt: t(lang, "Fill in the missing numerator:", "Completa el numerador que falta:").then_math(vec![Frac(n, d), Op('='), Math::Paren(vec![Blank]), Op('÷'), Num(target)]),
                answer: int(n * k, vec![(n + k, M::OperationSwap), (n, M::MultipliedOnlyNumerators)]),
                hints: vec![Prompt::text(lang.pick(&format!("{d} × {k} = {target}. Do the same to the top."), &format!("{d} × {k} = {target}. Haz lo mismo arriba.")))],
                solution: vec![Prompt::text(format!("{n}/{d} = {}/{target}", n * k))],
            }
        }
        Family::FracCompare { same_part } => {
            let (a, b) = if same_part {
                let d1 = rng.range_i64(2, 8);
                let mut d2 = rng.range_i64(2, 8);
                if d2 == d1 {
                    d2 = d1 + 1;
                }
                let n = 1;
                (q(n, d1), q(n, d2))
            } else {
                let d1 = rng.range_i64(2, 6 + l as i64);
                let d2 = rng.range_i64(2, 6 + l as i64);
                let a = q(rng.range_i64(1, d1 - 1), d1);
                let mut b = q(rng.range_i64(1, d2 - 1), d2);
                if a == b {
                    b = q(b.n, b.d + 1);
                }
                (a, b)
            };
            let a_bigger = a.n * b.d > b.n * a.d;
            let wrong_m = M::LargerDenominatorLarger;
            Generated {
                kind: "compare",
                prompt: t(lang, "Which fraction is greater?", "¿Qué fracción es mayor?").then_math(vec![Frac(a.n, a.d)]).then_text(lang.pick("or", "o")).then_math(vec![Frac(b.n, b.d)]),
                answer: Answer::Choice {
                    options: vec![
                        Choice { math: vec![Frac(a.n, a.d)], misconception: (!a_bigger).then_some(wrong_m) },
                        Choice { math: vec![Frac(b.n, b.d)], misconception: a_bigger.then_some(wrong_m) },
                    ],
                    correct: if a_bigger { 0 } else { 1 },
                },
                hints: vec![t(lang, "Make the denominators the same, or compare each to one half.", "Iguala los denominadores o compara cada una con un medio.")],
                solution: vec![Prompt::text(format!("{}/{} = {}/{}, {}/{} = {}/{}", a.n, a.d, a.n * b.d, a.d * b.d, b.n, b.d, b.n * a.d, a.d * b.d))],
            }
        }
        Family::FracAddSub { like, subtract } => {
            let d1 = rng.range_i64(2, 4 + 2 * l as i64);
            let d2 = if like { d1 } else {
                let mut d = rng.range_i64(2, 4 + 2 * l as i64);
                if d == d1 {
                    d = d1 + 1;
                }
                d
            };
            // Proper fractions, shown as drawn (not reduced: "2/4 + 1/4" keeps its like
            // denominators), the larger first when subtracting.
            let n1 = rng.range_i64(1, d1 - 1);
            let n2 = rng.range_i64(1, d2 - 1);
            let (na, da, nb, db) = if subtract && n1 * d2 < n2 * d1 { (n2, d2, n1, d1) } else { (n1, d1, n2, d2) };
            let res = if subtract { q(na * db - nb * da, da * db) } else { q(na * db + nb * da, da * db) };
            let wrong_den = if subtract { q(na - nb, (da - db).abs().max(1)) } else { q(na + nb, da + db) };
            let op = if subtract { '−' } else { '+' };
            let common = da * db / gcd(da, db);
            Generated {
                kind: if like { "like" } else { "unlike" },
                prompt: t(lang, "Work out:", "Calcula:").then_math(vec![Frac(na, da), Op(op), Frac(nb, db), Op('='), Blank]),
                answer: maybe_choice(rng, number(res, vec![(wrong_den, M::AddedDenominators), (q(if subtract { na - nb } else { na + nb }, da.max(db) ), M::AddedDenominators), (q(na * nb, da * db), M::OperationSwap)])),
                hints: if like {
                    vec![t(lang, "The pieces are the same size: keep the denominator and work with the numerators.", "Las partes son del mismo tamaño: deja el denominador y opera los numeradores.")]
                } else {
                    vec![
                        Prompt::text(lang.pick(&format!("Find a common denominator, like {common}."), &format!("Busca un denominador común, como {common}."))),
                        t(lang, "Rewrite both fractions with that denominator, then add or subtract the numerators.", "Reescribe las dos fracciones con ese denominador y luego opera los numeradores."),
                    ]
                },
                solution: vec![
                    Prompt::text(format!("{na}/{da} {op} {nb}/{db} = {}/{common} {op} {}/{common}", na * common / da, nb * common / db)),
                    Prompt::text(format!("= {}/{} ", res.n, res.d)),
                ],
            }
        }
        Family::FracTimesWhole => {
            let d = rng.range_i64(2, 4 + l as i64);
            let n = rng.range_i64(1, d - 1);
            let w = rng.range_i64(2, 3 + l as i64);
            let res = q(n * w, d);
            Generated {
                kind: "timeswhole",
                prompt: t(lang, "Multiply:", "Multiplica:").then_math(vec![Num(w), Op('×'), Frac(n, d), Op('='), Blank]),
                answer: maybe_choice(rng, number(res, vec![(q(n * w, d * w), M::MultipliedOnlyNumerators), (q(n + w, d), M::OperationSwap)])),
                hints: vec![Prompt::text(lang.pick(&format!("{w} groups of {n}/{d}: multiply the numerator by {w}."), &format!("{w} grupos de {n}/{d}: multiplica el numerador por {w}.")))],
                solution: vec![Prompt::text(format!("{w} × {n}/{d} = {}/{d}", n * w))],
            }
        }
        Family::FracMultiply => {
            let (d1, d2) = (rng.range_i64(2, 4 + l as i64), rng.range_i64(2, 4 + l as i64));
            let (n1, n2) = (rng.range_i64(1, d1), rng.range_i64(1, d2));
            let res = q(n1 * n2, d1 * d2);
            Generated {
                kind: "mulfrac",
                prompt: t(lang, "Multiply:", "Multiplica:").then_math(vec![Frac(n1, d1), Op('×'), Frac(n2, d2), Op('='), Blank]),
                answer: maybe_choice(rng, number(res, vec![(q(n1 * n2, d1), M::MultipliedOnlyNumerators), (q(n1 * d2 + n2 * d1, d1 * d2), M::OperationSwap)])),
                hints: vec![t(lang, "Multiply the numerators together and the denominators together.", "Multiplica los numeradores entre sí y los denominadores entre sí.")],
                solution: vec![Prompt::text(format!("{n1}×{n2} / {d1}×{d2} = {}/{}", n1 * n2, d1 * d2)), Prompt::text(format!("= {}/{}", res.n, res.d))],
            }
        }
        Family::FracSimplify => {
            let d = rng.range_i64(2, 6 + l as i64);
            let mut n = rng.range_i64(1, d - 1);
            while gcd(n, d) != 1 {
                n -= 1;
            }
            let k = rng.range_i64(2, 2 + l as i64);
            Generated {
                kind: "simplify",
                prompt: t(lang, "Write in lowest terms:", "Escribe la fracción simplificada:").then_math(vec![Frac(n * k, d * k)]),
                answer: Answer::Number { value: q(n, d), fraction_forms: true, lowest_terms: true, wrong: vec![] },
                hints: vec![Prompt::text(lang.pick(&format!("Both numbers can be divided by {k}."), &format!("Los dos números se pueden dividir entre {k}.")))],
                solution: vec![Prompt::text(format!("{}/{} ÷ {k}/{k} = {n}/{d}", n * k, d * k))],
            }
        }
        Family::FracDivide => {
            let (d1, d2) = (rng.range_i64(2, 4 + l as i64), rng.range_i64(2, 4 + l as i64));
            let (n1, n2) = (rng.range_i64(1, d1), rng.range_i64(1, d2));
            let res = q(n1 * d2, d1 * n2);
            Generated {
                kind: "divfrac",
                prompt: t(lang, "Divide:", "Divide:").then_math(vec![Frac(n1, d1), Op('÷'), Frac(n2, d2), Op('='), Blank]),
                answer: maybe_choice(rng, number(res, vec![(q(n1 * n2, d1 * d2), M::OperationSwap), (q(d1 * n2, n1 * d2), M::InverseOperation)])),
                hints: vec![t(lang, "Keep the first fraction, change ÷ to ×, flip the second fraction.", "Deja la primera fracción, cambia ÷ por × y da la vuelta a la segunda.")],
                solution: vec![Prompt::text(format!("{n1}/{d1} × {d2}/{n2} = {}/{}", n1 * d2, d1 * n2))],
            }
        }
        Family::DecimalFromFraction => {
            let d = if l <= 2 { 10 } else { 100 };
            let n = rng.range_i64(1, d - 1);
            let r = q(n, d);
            Generated {
                kind: "todecimal",
                prompt: t(lang, "Write as a decimal:", "Escribe como número decimal:").then_math(vec![Frac(n, d)]),
                answer: Answer::Number { value: r, fraction_forms: false, lowest_terms: false, wrong: vec![(q(n, 10 * d), M::PlaceValueSlip), (q(n * 10, d), M::PlaceValueSlip)] },
                hints: vec![t(lang, "Tenths are one place after the point, hundredths two places.", "Las décimas van un lugar después de la coma y las centésimas dos.")],
                solution: vec![Prompt::text(format!("{n}/{d} = {}", r.decimal_text(if lang == Lang::Es { ',' } else { '.' }).unwrap_or_default()))],
            }
        }
        Family::DecimalCompare => {
            let a = rng.range_i64(1, 9);
            let b = rng.range_i64(10, 99);
            let (ra, rb) = (q(a, 10), q(b, 100));
            let (ra, rb) = if ra == rb { (q(a, 10), q(b + 1, 100)) } else { (ra, rb) };
            let sep = if lang == Lang::Es { ',' } else { '.' };
            let da = ra.decimal_text('.').unwrap_or_default();
            let db = rb.decimal_text('.').unwrap_or_default();
            let a_bigger = ra.n * rb.d > rb.n * ra.d;
            Generated {
                kind: "compare",
                prompt: t(lang, "Which decimal is greater?", "¿Qué número decimal es mayor?").then_math(vec![Math::Dec(da.clone())]).then_text(lang.pick("or", "o")).then_math(vec![Math::Dec(db.clone())]),
                answer: Answer::Choice {
                    options: vec![
                        Choice { math: vec![Math::Dec(da.clone())], misconception: (!a_bigger).then_some(M::DecimalLength) },
                        Choice { math: vec![Math::Dec(db.clone())], misconception: a_bigger.then_some(M::DecimalLength) },
                    ],
                    correct: if a_bigger { 0 } else { 1 },
                },
                hints: vec![t(lang, "Compare the tenths digits first.", "Compara primero las décimas.")],
                solution: vec![Prompt::text(format!("{} {} {}", da.replace('.', &sep.to_string()), if a_bigger { '>' } else { '<' }, db.replace('.', &sep.to_string())))],
            }
        }
        Family::DecimalAddSub => {
            let a = rng.range_i64(10, 100 * l as i64 + 50);
            let b = rng.range_i64(1, a);
            let sub = rng.chance(0.5);
            let res = if sub { q(a - b, 100) } else { q(a + b, 100) };
            let (sa, sb) = (q(a, 100).decimal_text('.').unwrap_or_default(), q(b, 100).decimal_text('.').unwrap_or_default());
            Generated {
                kind: "decaddsub",
                prompt: t(lang, "Work out:", "Calcula:").then_math(vec![Math::Dec(sa), Op(if sub { '−' } else { '+' }), Math::Dec(sb), Op('='), Blank]),
                answer: Answer::Number { value: res, fraction_forms: false, lowest_terms: false, wrong: vec![(if sub { q(a + b, 100) } else { q(a - b, 100) }, M::OperationSwap)] },
                hints: vec![t(lang, "Line up the decimal points before you add or subtract.", "Alinea las comas decimales antes de operar.")],
                solution: vec![Prompt::text(res.decimal_text(if lang == Lang::Es { ',' } else { '.' }).unwrap_or_default())],
            }
        }
        Family::DecimalMultiply => {
            let a = rng.range_i64(2, 9 + l as i64 * 3);
            let b = rng.range_i64(1, 9);
            let res = q(a * b, 10);
            Generated {
                kind: "decmul",
                prompt: t(lang, "Multiply:", "Multiplica:").then_math(vec![Math::Dec(q(a, 10).decimal_text('.').unwrap_or_default()), Op('×'), Num(b), Op('='), Blank]),
                answer: Answer::Number { value: res, fraction_forms: false, lowest_terms: false, wrong: vec![(Rational::int(a * b), M::PlaceValueSlip), (q(a * b, 100), M::PlaceValueSlip)] },
                hints: vec![Prompt::text(lang.pick(&format!("Multiply {a} × {b}, then put back one decimal place."), &format!("Multiplica {a} × {b} y luego vuelve a poner un decimal.")))],
                solution: vec![Prompt::text(format!("{a} × {b} = {} → {}", a * b, res.decimal_text(if lang == Lang::Es { ',' } else { '.' }).unwrap_or_default()))],
            }
        }
        Family::OrderOfOps { parens } => {
            let a = rng.range_i64(if parens { 1 } else { -9 }, 9 + l as i64);
            let b = rng.range_i64(2, 5 + l as i64);
            let c = rng.range_i64(2, 6);
            let use_paren = parens && rng.chance(0.5);
            let (math, val, ltr) = if use_paren {
                (vec![Math::Paren(vec![Num(a), Op('+'), Num(b)]), Op('×'), Num(c), Op('='), Blank], (a + b) * c, a + b * c)
            } else {
                (vec![Num(a), Op('+'), Num(b), Op('×'), Num(c), Op('='), Blank], a + b * c, (a + b) * c)
            };
            Generated {
                kind: if use_paren { "parens" } else { "ops" },
                prompt: t(lang, "Work out:", "Calcula:").then_math(math),
                answer: maybe_choice(rng, int(val, vec![(ltr, M::LeftToRight), (-val, M::SignError), (val + 1, M::OffByOne)])),
                hints: vec![t(lang, "Brackets first, then × and ÷, then + and −.", "Primero los paréntesis, luego × y ÷, después + y −.")],
                solution: vec![Prompt::text(if use_paren { format!("({a} + {b}) × {c} = {} × {c} = {val}", a + b) } else { format!("{a} + {b} × {c} = {a} + {} = {val}", b * c) })],
            }
        }
        Family::RatioEquivalent => {
            let a = rng.range_i64(1, 5 + l as i64);
            let b = rng.range_i64(1, 5 + l as i64);
            let k = rng.range_i64(2, 4 + l as i64);
            let (thing_en, thing_es, _, _) = theme(interest, rng);
            Generated {
                kind: "ratio",
                prompt: Prompt::text(lang.pick(
                    &format!("A recipe uses {a} cups of flour for every {b} {thing_en}. How many cups for {} {thing_en}?", b * k),
                    &format!("Una receta usa {a} tazas de harina por cada {b} {thing_es}. ¿Cuántas tazas para {} {thing_es}?", b * k),
                )),
                answer: maybe_choice(rng, int(a * k, vec![(a + (b * k - b), M::OperationSwap), (a * k + 1, M::OffByOne), (b * k, M::PlaceValueSlip)])),
                hints: vec![Prompt::text(lang.pick(&format!("{b} became {}: multiplied by {k}.", b * k), &format!("{b} pasó a ser {}: se multiplicó por {k}.", b * k)))],
                solution: vec![Prompt::text(format!("{a}:{b} = {}:{}", a * k, b * k))],
            }
        }
        Family::UnitRate => {
            let rate = rng.range_i64(2, 6 + 2 * l as i64);
            let n = rng.range_i64(2, 9);
            let (thing_en, thing_es, _, _) = theme(interest, rng);
            Generated {
                kind: "rate",
                prompt: Prompt::text(lang.pick(
                    &format!("{name} collects {} {thing_en} in {n} minutes, at a steady rate. How many {thing_en} per minute?", rate * n),
                    &format!("{name} reúne {} {thing_es} en {n} minutos, a ritmo constante. ¿Cuántos por minuto?", rate * n),
                )),
                answer: maybe_choice(rng, int(rate, vec![(rate * n * n, M::OperationSwap), (rate * n - n, M::OperationSwap), (rate + 1, M::OffByOne)])),
                hints: vec![t(lang, "Divide the total by the number of minutes.", "Divide el total entre los minutos.")],
                solution: vec![Prompt::text(format!("{} ÷ {n} = {rate}", rate * n))],
            }
        }
        Family::PercentOf => {
            let p = [10, 20, 25, 50, 75, 5, 15, 30, 40, 60][rng.index(4 + 2 * l as usize).min(9)];
            let base = rng.range_i64(1, 4 + l as i64) * 20;
            let val = q(p * base, 100);
            Generated {
                kind: "percent",
                prompt: Prompt::text(lang.pick(&format!("What is {p}% of {base}?"), &format!("¿Cuánto es el {p} % de {base}?"))),
                answer: maybe_choice(rng, number(val, vec![(Rational::int(p), M::PercentAsNumber), (Rational::int(base - p), M::PercentAsNumber), (Rational::int(p * base), M::PercentAsNumber)])),
                hints: vec![Prompt::text(lang.pick(&format!("{p}% means {p} out of every 100."), &format!("El {p} % significa {p} de cada 100.")))],
                solution: vec![Prompt::text(format!("{p}/100 × {base} = {}", if val.is_integer() { val.n.to_string() } else { format!("{}/{}", val.n, val.d) }))],
            }
        }
        Family::PercentChange => {
            let p = [10, 20, 25, 50][rng.index(4)];
            let base = rng.range_i64(1, 4 + l as i64) * 20;
            let up = rng.chance(0.5);
            let val = if up { base + p * base / 100 } else { base - p * base / 100 };
            Generated {
                kind: "percentchange",
                prompt: Prompt::text(if up {
                    lang.pick(&format!("A price of {base} goes up by {p}%. What is the new price?"), &format!("Un precio de {base} sube un {p} %. ¿Cuál es el precio nuevo?")).to_string()
                } else {
                    lang.pick(&format!("A price of {base} is reduced by {p}%. What is the new price?"), &format!("Un precio de {base} baja un {p} %. ¿Cuál es el precio nuevo?")).to_string()
                }),
                answer: maybe_choice(rng, int(val, vec![(p * base / 100, M::PercentAsNumber), (if up { base + p } else { base - p }, M::PercentAsNumber), (if up { base - p * base / 100 } else { base + p * base / 100 }, M::SignError)])),
                hints: vec![Prompt::text(lang.pick(&format!("First find {p}% of {base}."), &format!("Primero calcula el {p} % de {base}.")))],
                solution: vec![Prompt::text(format!("{p}% × {base} = {}", p * base / 100)), Prompt::text(format!("{base} {} {} = {val}", if up { '+' } else { '−' }, p * base / 100))],
            }
        }
        Family::IntCompare => {
            let a = rng.range_i64(-10 * l as i64, 10 * l as i64);
            let mut b = rng.range_i64(-10 * l as i64, 10 * l as i64);
            if b == a {
                b = a - 1;
            }
            let a_bigger = a > b;
            Generated {
                kind: "compare",
                prompt: t(lang, "Which number is greater?", "¿Qué número es mayor?").then_math(vec![Num(a)]).then_text(lang.pick("or", "o")).then_math(vec![Num(b)]),
                answer: Answer::Choice {
                    options: vec![
                        Choice { math: vec![Num(a)], misconception: (!a_bigger).then_some(M::SignError) },
                        Choice { math: vec![Num(b)], misconception: a_bigger.then_some(M::SignError) },
                    ],
                    correct: if a_bigger { 0 } else { 1 },
                },
                hints: vec![t(lang, "On the number line, the number further right is greater.", "En la recta numérica, el número más a la derecha es mayor.")],
                solution: vec![Prompt::text(format!("{} > {}", a.max(b), a.min(b)))],
            }
        }
        Family::IntAddSub => {
            let r = 5 + 5 * l as i64;
            let a = rng.range_i64(-r, r);
            let b = rng.range_i64(-r, r);
            let sub = rng.chance(0.5);
            let val = if sub { a - b } else { a + b };
            let wrong = if sub { a + b } else { a - b };
            Generated {
                kind: if sub { "sub" } else { "add" },
                prompt: t(lang, "Work out:", "Calcula:").then_math(vec![Num(a), Op(if sub { '−' } else { '+' }), Math::Paren(vec![Num(b)]), Op('='), Blank]),
                answer: maybe_choice(rng, int(val, vec![(-val, M::SignError), (wrong, M::SignError), (val + 1, M::OffByOne)])),
                hints: vec![t(lang, "Subtracting a negative is the same as adding a positive.", "Restar un negativo es lo mismo que sumar un positivo.")],
                solution: vec![Prompt::text(format!("{a} {} ({b}) = {val}", if sub { '−' } else { '+' }))],
            }
        }
        Family::IntMulDiv => {
            let a = rng.range_i64(-9, 9).max(1) * if rng.chance(0.5) { -1 } else { 1 };
            let b = rng.range_i64(2, 4 + l as i64) * if rng.chance(0.5) { -1 } else { 1 };
            let div = rng.chance(0.5);
            let (math, val) = if div { (vec![Num(a * b), Op('÷'), Math::Paren(vec![Num(b)]), Op('='), Blank], a) } else { (vec![Num(a), Op('×'), Math::Paren(vec![Num(b)]), Op('='), Blank], a * b) };
            Generated {
                kind: if div { "div" } else { "mul" },
                prompt: t(lang, "Work out:", "Calcula:").then_math(math),
                answer: maybe_choice(rng, int(val, vec![(-val, M::SignError), (val + 1, M::OffByOne), (a + b, M::OperationSwap)])),
                hints: vec![t(lang, "Same signs give a positive answer; different signs give a negative one.", "Signos iguales dan positivo; signos distintos dan negativo.")],
                solution: vec![Prompt::text(format!("= {val}"))],
            }
        }
        Family::Powers => {
            let b = rng.range_i64(2, 4 + l as i64);
            let e = rng.range_i64(2, if b > 5 { 2 } else { 3 + (l as i64 / 3) }) as u32;
            let val = b.pow(e);
            Generated {
                kind: "power",
                prompt: t(lang, "Work out:", "Calcula:").then_math(vec![Math::Pow(b, e), Op('='), Blank]),
                answer: maybe_choice(rng, int(val, vec![(b * e as i64, M::ExponentAsMultiply), (val + b, M::OneStepOff), (b.pow(e + 1), M::OneStepOff)])),
                hints: vec![Prompt::text(lang.pick(&format!("Multiply {b} by itself {e} times."), &format!("Multiplica {b} por sí mismo {e} veces.")))],
                solution: vec![Prompt::text(format!("{} = {val}", vec![b.to_string(); e as usize].join(" × ")))],
            }
        }
        Family::SquareRoots => {
            let r = rng.range_i64(2, 5 + 2 * l as i64);
            Generated {
                kind: "sqrt",
                prompt: t(lang, "Work out:", "Calcula:").then_math(vec![Math::Sqrt(r * r), Op('='), Blank]),
                answer: maybe_choice(rng, int(r, vec![(r * r / 2, M::ExponentAsMultiply), (r + 1, M::OffByOne), (-r, M::SignError)])),
                hints: vec![Prompt::text(lang.pick(&format!("Which number times itself makes {}?", r * r), &format!("¿Qué número por sí mismo da {}?", r * r)))],
                solution: vec![Prompt::text(format!("{r} × {r} = {}", r * r))],
            }
        }
        Family::EvaluateExpression => {
            let a = rng.range_i64(2, 4 + l as i64);
            let b = rng.range_i64(1, 10);
            let x = rng.range_i64(1, 3 + l as i64);
            let val = a * x + b;
            Generated {
                kind: "evaluate",
                prompt: Prompt::text(lang.pick("Find the value when", "Calcula el valor cuando")).then_math(vec![Math::Var("x".into()), Op('='), Num(x)]).then_text(":").then_math(vec![Math::Term(a, "x".into()), Op('+'), Num(b)]),
                answer: maybe_choice(rng, int(val, vec![(a + x + b, M::OperationSwap), (a * (x + b), M::LeftToRight), (val + 1, M::OffByOne)])),
                hints: vec![Prompt::text(lang.pick(&format!("{a}x means {a} × x."), &format!("{a}x significa {a} × x.")))],
                solution: vec![Prompt::text(format!("{a} × {x} + {b} = {} + {b} = {val}", a * x))],
            }
        }
        Family::LikeTerms => {
            let a = rng.range_i64(1, 6 + l as i64);
            let b = rng.range_i64(-6, 6 + l as i64);
            let b = if b == 0 { 1 } else { b };
            let c = rng.range_i64(1, 9);
            Generated {
                kind: "liketerms",
                prompt: Prompt::text(lang.pick("Simplify, then give the number in front of x:", "Simplifica y escribe el número que multiplica a x:")).then_math(vec![Math::Term(a, "x".into()), Op('+'), Num(c), Op('+'), Math::Paren(vec![Math::Term(b, "x".into())])]),
                answer: maybe_choice(rng, int(a + b, vec![(a + b + c, M::OperationSwap), (a - b, M::SignError), (a * b, M::OperationSwap)])),
                hints: vec![t(lang, "Only terms with x can be combined with each other.", "Solo los términos con x se pueden juntar entre sí.")],
                solution: vec![Prompt::text(format!("{a}x + ({b}x) + {c} = {}x + {c}", a + b))],
            }
        }
        Family::EquationOneStep => {
            let x = rng.range_i64(1, 5 + 3 * l as i64);
            let a = rng.range_i64(2, 9);
            let mul = rng.chance(0.5);
            let (math, wrong, step) = if mul {
                (vec![Math::Term(a, "x".into()), Op('='), Num(a * x)], a * x * a, format!("x = {} ÷ {a} = {x}", a * x))
            } else {
                (vec![Math::Var("x".into()), Op('+'), Num(a), Op('='), Num(x + a)], x + 2 * a, format!("x = {} − {a} = {x}", x + a))
            };
            Generated {
                kind: if mul { "mul" } else { "add" },
                prompt: t(lang, "Solve for x:", "Resuelve x:").then_math(math),
                answer: maybe_choice(rng, int(x, vec![(wrong, M::InverseOperation), (x + 1, M::OffByOne), (-x, M::SignError)])),
                hints: vec![t(lang, "Do the opposite operation to both sides.", "Haz la operación contraria en los dos lados.")],
                solution: vec![Prompt::text(step)],
            }
        }
        Family::EquationTwoStep => {
            let x = rng.range_i64(-5, 5 + 2 * l as i64);
            let a = rng.range_i64(2, 7);
            let b = rng.range_i64(1, 12);
            let c = a * x + b;
            Generated {
                kind: "twostep",
                prompt: t(lang, "Solve for x:", "Resuelve x:").then_math(vec![Math::Term(a, "x".into()), Op('+'), Num(b), Op('='), Num(c)]),
                answer: maybe_choice(rng, int(x, vec![((c + b) / a, M::InverseOperation), (c / a - b, M::InverseOperation), (-x, M::SignError)])),
                hints: vec![
                    Prompt::text(lang.pick(&format!("First subtract {b} from both sides."), &format!("Primero resta {b} en los dos lados."))),
                    Prompt::text(lang.pick(&format!("Then divide both sides by {a}."), &format!("Después divide los dos lados entre {a}."))),
                ],
                solution: vec![Prompt::text(format!("{a}x = {c} − {b} = {}", c - b)), Prompt::text(format!("x = {} ÷ {a} = {x}", c - b))],
            }
        }
        Family::EquationBothSides => {
            let x = rng.range_i64(-6, 6 + l as i64);
            let a = rng.range_i64(3, 9);
            let c = rng.range_i64(1, a - 1);
            let b = rng.range_i64(-9, 9);
            let d = a * x + b - c * x;
            Generated {
                kind: "bothsides",
                prompt: t(lang, "Solve for x:", "Resuelve x:").then_math(vec![Math::Term(a, "x".into()), Op('+'), Math::Paren(vec![Num(b)]), Op('='), Math::Term(c, "x".into()), Op('+'), Math::Paren(vec![Num(d)])]),
                answer: maybe_choice(rng, int(x, vec![(-x, M::SignError), (x + 1, M::OffByOne), ((d + b) / (a - c).max(1), M::InverseOperation)])),
                hints: vec![
                    Prompt::text(lang.pick(&format!("Subtract {c}x from both sides."), &format!("Resta {c}x en los dos lados."))),
                    t(lang, "Then get the numbers on the other side and divide.", "Luego pasa los números al otro lado y divide."),
                ],
                solution: vec![Prompt::text(format!("{}x = {} − ({b}) = {}", a - c, d, d - b)), Prompt::text(format!("x = {}", x))],
            }
        }
    }
}
