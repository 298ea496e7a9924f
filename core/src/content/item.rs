//! Items as the learner meets them: a prompt made of text and maths (rendered as MathML by
//! the app, spoken by the browser), an answer with its checker, hints, a worked solution,
//! and for multiple choice, distractors that come from named misconceptions.

use crate::error::UserMessage;
use crate::{Lang, SkillId};
use serde::{Deserialize, Serialize};

/// An exact number: numerator over a positive denominator, always in lowest terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rational {
    pub n: i64,
    pub d: i64,
}

pub fn gcd(a: i64, b: i64) -> i64 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1) as i64
}

impl Rational {
    /// `None` for a zero denominator.
    pub fn new(n: i64, d: i64) -> Option<Rational> {
        if d == 0 {
            return None;
        }
        let g = gcd(n, d);
        let s = if d < 0 { -1 } else { 1 };
        Some(Rational { n: s * n / g, d: s * d / g })
    }
    pub fn int(n: i64) -> Rational {
        Rational { n, d: 1 }
    }
    pub fn is_integer(self) -> bool {
        self.d == 1
    }
    /// The decimal text if it terminates within 4 places ("0.25", "-1.5"), with `sep` as the
    /// decimal separator.
    pub fn decimal_text(self, sep: char) -> Option<String> {
        for places in 0..=4u32 {
            let scale = 10i64.pow(places);
            if (self.n * scale) % self.d == 0 {
                let v = self.n * scale / self.d;
                if places == 0 {
                    return Some(v.to_string());
                }
                let sign = if v < 0 { "-" } else { "" };
                let v = v.abs();
                return Some(format!("{sign}{}{sep}{:0width$}", v / scale, v % scale, width = places as usize));
            }
        }
        None
    }
}

/// Maths inside a prompt, rendered as MathML by the app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Math {
    /// A whole number (negative numbers render with a true minus sign).
    Num(i64),
    /// A decimal written as text with a `.`; the app shows the language's separator.
    Dec(String),
    /// A fraction bar.
    Frac(i64, i64),
    /// An operator or relation: + − × ÷ = < > ?
    Op(char),
    /// A letter standing for a number.
    Var(String),
    /// base^exponent.
    Pow(i64, u32),
    /// √n.
    Sqrt(i64),
    /// The box to fill in.
    Blank,
    /// ( ... ).
    Paren(Vec<Math>),
    /// A coefficient times a variable, e.g. 3x.
    Term(i64, String),
}

/// A piece of a prompt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Segment {
    Text(String),
    Math(Vec<Math>),
}

/// What the learner reads (or hears).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Prompt {
    pub segments: Vec<Segment>,
}

impl Prompt {
    pub fn text(t: impl Into<String>) -> Prompt {
        Prompt { segments: vec![Segment::Text(t.into())] }
    }
    pub fn then_text(mut self, t: impl Into<String>) -> Prompt {
        self.segments.push(Segment::Text(t.into()));
        self
    }
    pub fn then_math(mut self, m: Vec<Math>) -> Prompt {
        self.segments.push(Segment::Math(m));
        self
    }

    /// The prompt as plain text (for logs and tests).
    pub fn plain(&self) -> String {
        self.render(|m| math_plain(m, Lang::En))
    }

    /// The prompt as words for speech synthesis ("3 over 4 plus 1 over 4").
    pub fn spoken(&self, lang: Lang) -> String {
        self.render(|m| math_spoken(m, lang))
    }

    fn render(&self, f: impl Fn(&[Math]) -> String) -> String {
        let parts: Vec<String> = self
            .segments
            .iter()
            .map(|s| match s {
                Segment::Text(t) => t.clone(),
                Segment::Math(m) => f(m),
            })
            .collect();
        parts.join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

fn op_plain(c: char) -> String {
    c.to_string()
}

fn math_plain(ms: &[Math], lang: Lang) -> String {
    ms.iter()
        .map(|m| match m {
            Math::Num(n) => n.to_string(),
            Math::Dec(d) => if lang == Lang::Es { d.replace('.', ",") } else { d.clone() },
            Math::Frac(a, b) => format!("{a}/{b}"),
            Math::Op(c) => op_plain(*c),
            Math::Var(v) => v.clone(),
            Math::Pow(b, e) => format!("{b}^{e}"),
            Math::Sqrt(n) => format!("√{n}"),
            Math::Blank => "□".into(),
            Math::Paren(inner) => format!("({})", math_plain(inner, lang)),
            Math::Term(c, v) => format!("{c}{v}"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn math_spoken(ms: &[Math], lang: Lang) -> String {
    let w = |en: &str, es: &str| lang.pick(en, es).to_string();
    ms.iter()
        .map(|m| match m {
            Math::Num(n) if *n < 0 => format!("{} {}", w("minus", "menos"), -n),
            Math::Num(n) => n.to_string(),
            Math::Dec(d) => d.replace('.', &format!(" {} ", w("point", "coma"))),
            Math::Frac(a, b) => format!("{a} {} {b}", w("over", "sobre")),
            Math::Op('+') => w("plus", "más"),
            Math::Op('−') | Math::Op('-') => w("minus", "menos"),
            Math::Op('×') => w("times", "por"),
            Math::Op('÷') => w("divided by", "entre"),
            Math::Op('=') => w("equals", "es igual a"),
            Math::Op('<') => w("is less than", "es menor que"),
            Math::Op('>') => w("is greater than", "es mayor que"),
            Math::Op(c) => c.to_string(),
            Math::Var(v) => v.clone(),
            Math::Pow(b, 2) => format!("{b} {}", w("squared", "al cuadrado")),
            Math::Pow(b, e) => format!("{b} {} {e}", w("to the power of", "elevado a")),
            Math::Sqrt(n) => format!("{} {n}", w("the square root of", "la raíz cuadrada de")),
            Math::Blank => w("what number", "qué número"),
            Math::Paren(inner) => math_spoken(inner, lang),
            Math::Term(c, v) => format!("{c} {v}"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A known wrong way of thinking that a wrong answer can reveal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Misconception {
    AddedDenominators,
    MultipliedOnlyNumerators,
    PlaceValueSlip,
    SmallerFromLarger,
    SignError,
    LeftToRight,
    OperationSwap,
    OffByOne,
    ExponentAsMultiply,
    PercentAsNumber,
    LargerDenominatorLarger,
    DecimalLength,
    NoCarry,
    InverseOperation,
    /// One group, part or step too many or too few (5 x 3 answered 20).
    OneStepOff,
    /// A number that does not divide the given one chosen as its factor.
    NotAFactor,
    /// The other parts counted instead of the one asked about (3/4 for one slice of 4).
    CountedTheRest,
}

impl Misconception {
    pub fn key(self) -> &'static str {
        match self {
            Misconception::AddedDenominators => "added-denominators",
            Misconception::MultipliedOnlyNumerators => "multiplied-only-numerators",
            Misconception::PlaceValueSlip => "place-value-slip",
            Misconception::SmallerFromLarger => "smaller-from-larger",
            Misconception::SignError => "sign-error",
            Misconception::LeftToRight => "left-to-right",
            Misconception::OperationSwap => "operation-swap",
            Misconception::OffByOne => "off-by-one",
            Misconception::ExponentAsMultiply => "exponent-as-multiply",
            Misconception::PercentAsNumber => "percent-as-number",
            Misconception::LargerDenominatorLarger => "larger-denominator-larger",
            Misconception::DecimalLength => "decimal-length",
            Misconception::NoCarry => "no-carry",
            Misconception::InverseOperation => "inverse-operation",
            Misconception::OneStepOff => "one-step-off",
            Misconception::NotAFactor => "not-a-factor",
            Misconception::CountedTheRest => "counted-the-rest",
        }
    }
}

impl UserMessage for Misconception {
    fn message(&self, lang: Lang) -> String {
        let (en, es) = match self {
            Misconception::AddedDenominators => ("It looks like the denominators were added. Only the numerators are added when the pieces are the same size.", "Parece que se sumaron los denominadores. Solo se suman los numeradores cuando las partes son del mismo tamaño."),
            Misconception::MultipliedOnlyNumerators => ("It looks like only the numerators were multiplied. Multiply the denominators too.", "Parece que solo se multiplicaron los numeradores. Multiplica también los denominadores."),
            Misconception::PlaceValueSlip => ("It looks like a digit slipped into the wrong place. Check tens and ones.", "Parece que una cifra se movió de lugar. Revisa decenas y unidades."),
            Misconception::SmallerFromLarger => ("It looks like the smaller digit was taken from the larger one in each column. Regroup instead.", "Parece que en cada columna se restó la cifra menor de la mayor. Hay que reagrupar."),
            Misconception::SignError => ("It looks like the sign got lost. Check whether the answer is positive or negative.", "Parece que se perdió el signo. Comprueba si el resultado es positivo o negativo."),
            Misconception::LeftToRight => ("It looks like the operations were done from left to right. Multiply and divide before adding and subtracting.", "Parece que se operó de izquierda a derecha. Multiplica y divide antes de sumar y restar."),
            Misconception::OperationSwap => ("It looks like a different operation was used. Read the sign again.", "Parece que se usó otra operación. Vuelve a leer el signo."),
            Misconception::OffByOne => ("So close: the answer is one away. Count again carefully.", "¡Casi! La respuesta está a uno de distancia. Cuenta otra vez con cuidado."),
            Misconception::ExponentAsMultiply => ("It looks like the base was multiplied by the exponent. An exponent says how many times to multiply the base by itself.", "Parece que se multiplicó la base por el exponente. El exponente dice cuántas veces se multiplica la base por sí misma."),
            Misconception::PercentAsNumber => ("It looks like the percent was used as a plain number. A percent is a part of 100.", "Parece que el porcentaje se usó como un número normal. Un porcentaje es una parte de 100."),
            Misconception::LargerDenominatorLarger => ("A larger denominator means smaller pieces, so the fraction is not bigger.", "Un denominador mayor significa partes más pequeñas, así que la fracción no es mayor."),
            Misconception::DecimalLength => ("A longer decimal is not always bigger. Compare tenths first, then hundredths.", "Un decimal más largo no siempre es mayor. Compara primero las décimas y luego las centésimas."),
            Misconception::NoCarry => ("It looks like a carried ten was forgotten.", "Parece que se olvidó una decena que se llevaba."),
            Misconception::InverseOperation => ("It looks like the step undid the wrong operation. Do the opposite of what is done to the variable.", "Parece que se deshizo la operación equivocada. Haz lo contrario de lo que se le hace a la incógnita."),
            Misconception::OneStepOff => ("Close: one group or step too many or too few. Count the groups again.", "¡Casi! Hay un grupo o un paso de más o de menos. Vuelve a contar los grupos."),
            Misconception::NotAFactor => ("That number does not divide it with nothing left over, so it is not a factor.", "Ese número no lo divide sin que sobre nada, así que no es un factor."),
            Misconception::CountedTheRest => ("It looks like the other parts were counted. Count only the part the question asks about.", "Parece que se contaron las otras partes. Cuenta solo la parte por la que se pregunta."),
        };
        lang.pick(en, es).to_string()
    }
}

/// One option of a multiple-choice item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub math: Vec<Math>,
    /// What choosing this reveals; `None` for the correct option.
    pub misconception: Option<Misconception>,
}

/// How an answer is given and checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Answer {
    /// A typed number. `fraction_forms`: equivalent fractions and decimals are accepted;
    /// `lowest_terms`: a fraction must be in lowest terms (skills about simplifying).
    Number { value: Rational, fraction_forms: bool, lowest_terms: bool, wrong: Vec<(Rational, Misconception)> },
    /// One of the options, the correct one at `correct`.
    Choice { options: Vec<Choice>, correct: usize },
}

/// The result of checking an answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    Correct,
    Incorrect { misconception: Option<Misconception> },
    /// Nothing typed: a gentle prompt, not a wrong answer.
    Empty,
    /// Not a number we can read; the item stays.
    Unreadable,
    /// A correct value not in lowest terms where the skill asks for it.
    NotSimplified,
}

impl Check {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Check::Correct => lang.pick("Correct!", "¡Correcto!").into(),
            Check::Incorrect { .. } => lang.pick("Not quite.", "No del todo.").into(),
            Check::Empty => lang.pick("Type your answer first.", "Escribe primero tu respuesta.").into(),
            Check::Unreadable => lang.pick("That isn't a number we can read.", "Ese no es un número que podamos leer.").into(),
            Check::NotSimplified => lang
                .pick("That's equal, but write it in lowest terms.", "Es equivalente, pero escríbela simplificada.")
                .into(),
        }
    }
}

/// An item to practise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub skill: SkillId,
    /// In `MIN_LEVEL..=MAX_LEVEL`.
    pub level: u8,
    /// Stable key of the item family (skill and kind), for the engine's difficulty estimates.
    pub family: String,
    pub prompt: Prompt,
    pub answer: Answer,
    /// 1 to 3 hints, shown one at a time.
    pub hints: Vec<Prompt>,
    /// The worked solution, step by step.
    pub solution: Vec<Prompt>,
}

/// What `parse_number` says of text that is not a number a person would write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotANumber;

/// Parses what a person typed as an exact number: integers, decimals (`.`, or `,` in
/// Spanish), fractions `a/b`, mixed numbers `1 1/2`, a leading `+` or `-`/`−`, spaces.
pub fn parse_number(input: &str, lang: Lang) -> Result<Option<(Rational, bool)>, NotANumber> {
    let s: String = input.trim().replace(['−', '–'], "-").replace('⁄', "/");
    if s.is_empty() {
        return Ok(None);
    }
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, s.strip_prefix('+').unwrap_or(&s).trim_start()),
    };
    let digits = |t: &str| -> Result<i64, NotANumber> {
        if t.is_empty() || t.len() > 12 || !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NotANumber);
        }
        t.parse::<i64>().map_err(|_| NotANumber)
    };
    let sign = if neg { -1 } else { 1 };
    // Mixed number "a b/c".
    let parts: Vec<&str> = body.split_whitespace().collect();
    if parts.len() == 2 && parts[1].contains('/') && !parts[0].contains('/') {
        let whole = digits(parts[0])?;
        let (n, d) = parts[1].split_once('/').ok_or(NotANumber)?;
        let (n, d) = (digits(n.trim())?, digits(d.trim())?);
        if d == 0 || n >= d {
            return Err(NotANumber);
        }
        return Rational::new(sign * (whole * d + n), d).map(|r| Some((r, false))).ok_or(NotANumber);
    }
    // Spaces are fine around a fraction bar ("3 / 4"), not between digits ("3 5").
    let tight = body.split('/').map(str::trim).collect::<Vec<_>>().join("/");
    if tight.contains(char::is_whitespace) {
        return Err(NotANumber);
    }
    let body = tight;
    if let Some((n, d)) = body.split_once('/') {
        let (n, d) = (digits(n)?, digits(d)?);
        if d == 0 {
            return Err(NotANumber);
        }
        let lowest = gcd(n, d) == 1;
        return Rational::new(sign * n, d).map(|r| Some((r, lowest))).ok_or(NotANumber);
    }
    let sep_ok = |c: char| c == '.' || (c == ',' && lang == Lang::Es);
    if let Some(pos) = body.find(sep_ok) {
        let (int_part, frac_part) = (&body[..pos], &body[pos + 1..]);
        if frac_part.is_empty() || frac_part.len() > 6 || frac_part.contains(sep_ok) {
            return Err(NotANumber);
        }
        let ip = if int_part.is_empty() { 0 } else { digits(int_part)? };
        let fp = digits(frac_part)?;
        let scale = 10i64.pow(frac_part.len() as u32);
        return Rational::new(sign * (ip * scale + fp), scale).map(|r| Some((r, true))).ok_or(NotANumber);
    }
    // "1,000" in English is a thousands separator; accept it only in groups of three.
    let plain: String = if lang == Lang::En && body.contains(',') {
        let groups: Vec<&str> = body.split(',').collect();
        if groups.iter().skip(1).all(|g| g.len() == 3) { groups.concat() } else { return Err(NotANumber) }
    } else {
        body
    };
    Ok(Some((Rational::int(sign * digits(&plain)?), true)))
}

impl Item {
    /// Checks what the learner typed or chose. For multiple choice, `input` is the option's
    /// index (0-based) or its text.
    pub fn check(&self, input: &str, lang: Lang) -> Check {
        match &self.answer {
            Answer::Choice { options, correct } => {
                let t = input.trim();
                if t.is_empty() {
                    return Check::Empty;
                }
                let idx = t.parse::<usize>().ok().filter(|i| *i < options.len()).or_else(|| {
                    options.iter().position(|o| math_plain(&o.math, lang) == t || math_plain(&o.math, Lang::En) == t)
                });
                match idx {
                    Some(i) if i == *correct => Check::Correct,
                    Some(i) => Check::Incorrect { misconception: options.get(i).and_then(|o| o.misconception) },
                    None => Check::Unreadable,
                }
            }
            Answer::Number { value, fraction_forms, lowest_terms, wrong } => match parse_number(input, lang) {
                Ok(None) => Check::Empty,
                Err(NotANumber) => Check::Unreadable,
                Ok(Some((given, written_lowest))) => {
                    let typed_fraction = input.contains('/') || input.contains('⁄');
                    if given == *value {
                        if *lowest_terms && typed_fraction && !written_lowest {
                            Check::NotSimplified
                        } else if !*fraction_forms && !value.is_integer() && !typed_fraction {
                            // A fraction answer typed as a decimal, where the skill is about fractions.
                            Check::Correct
                        } else {
                            Check::Correct
                        }
                    } else {
                        Check::Incorrect { misconception: wrong.iter().find(|(w, _)| *w == given).map(|(_, m)| *m) }
                    }
                }
            },
        }
    }

    /// The correct answer as text, for feedback.
    /// The right answer as shown in feedback, with a true minus sign ("−7": a screen
    /// reader says "minus", not "dash").
    pub fn correct_answer_text(&self, lang: Lang) -> String {
        let sep = if lang == Lang::Es { ',' } else { '.' };
        let text = match &self.answer {
            Answer::Choice { options, correct } => options.get(*correct).map(|o| math_plain(&o.math, lang)).unwrap_or_default(),
            Answer::Number { value, .. } if value.is_integer() => value.n.to_string(),
            Answer::Number { value, fraction_forms, .. } => {
                if *fraction_forms {
                    format!("{}/{}", value.n, value.d)
                } else {
                    value.decimal_text(sep).unwrap_or_else(|| format!("{}/{}", value.n, value.d))
                }
            }
        };
        match text.strip_prefix('-') {
            Some(rest) => format!("\u{2212}{rest}"),
            None => text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(n: i64, d: i64) -> Rational {
        Rational::new(n, d).unwrap()
    }

    #[test]
    fn parses_what_people_type() {
        let ok = |s: &str, lang| parse_number(s, lang).unwrap().unwrap().0;
        assert_eq!(ok(" 42 ", Lang::En), r(42, 1));
        assert_eq!(ok("+7", Lang::En), r(7, 1));
        assert_eq!(ok("−3", Lang::En), r(-3, 1));
        assert_eq!(ok("- 3", Lang::En), r(-3, 1));
        assert_eq!(ok("2/4", Lang::En), r(1, 2));
        assert_eq!(ok("1 1/2", Lang::En), r(3, 2));
        assert_eq!(ok("0.25", Lang::En), r(1, 4));
        assert_eq!(ok(".5", Lang::En), r(1, 2));
        assert_eq!(ok("0,25", Lang::Es), r(1, 4));
        assert_eq!(ok("1,000", Lang::En), r(1000, 1));
        assert_eq!(parse_number("   ", Lang::En), Ok(None));
        for bad in ["abc", "1//2", "1/0", &"9".repeat(40), "1.2.3", "1,5", "3 5", "1 5/3", "--2", "2-"] {
            assert_eq!(parse_number(bad, Lang::En), Err(NotANumber), "{bad:?}");
        }
        assert_eq!(parse_number("1,2,3", Lang::Es), Err(NotANumber));
    }

    #[test]
    fn lowest_terms_only_where_asked() {
        let item = |lowest| Item {
            skill: SkillId::new_static("frac.simplify"),
            level: 1,
            family: "f".into(),
            prompt: Prompt::text("x"),
            answer: Answer::Number { value: r(1, 2), fraction_forms: true, lowest_terms: lowest, wrong: vec![(r(2, 3), Misconception::AddedDenominators)] },
            hints: vec![],
            solution: vec![],
        };
        assert_eq!(item(false).check("2/4", Lang::En), Check::Correct);
        assert_eq!(item(true).check("2/4", Lang::En), Check::NotSimplified);
        assert_eq!(item(true).check("1/2", Lang::En), Check::Correct);
        assert_eq!(item(true).check("0.5", Lang::En), Check::Correct);
        assert_eq!(item(true).check("2/3", Lang::En), Check::Incorrect { misconception: Some(Misconception::AddedDenominators) });
        assert_eq!(item(true).check("abc", Lang::En), Check::Unreadable);
        assert_eq!(item(true).check("", Lang::En), Check::Empty);
    }

    #[test]
    fn speaks_maths_in_both_languages() {
        let p = Prompt::text("What is").then_math(vec![Math::Frac(1, 4), Math::Op('+'), Math::Frac(2, 4), Math::Op('='), Math::Blank]);
        assert_eq!(p.spoken(Lang::En), "What is 1 over 4 plus 2 over 4 equals what number");
        assert_eq!(p.spoken(Lang::Es), "What is 1 sobre 4 más 2 sobre 4 es igual a qué número");
        assert_eq!(p.plain(), "What is 1/4 + 2/4 = □");
    }

    #[test]
    fn decimals_print_with_the_language_separator() {
        assert_eq!(r(1, 4).decimal_text('.').as_deref(), Some("0.25"));
        assert_eq!(r(-3, 2).decimal_text(',').as_deref(), Some("-1,5"));
        assert_eq!(r(1, 3).decimal_text('.'), None);
    }
}
