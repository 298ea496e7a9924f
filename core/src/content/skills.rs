//! The K-8 skill table: ids, names in English and Spanish, grade, Common Core domain and
//! codes, prerequisites, and the item family that generates practice. Statements are not
//! typed here: they come from the CASE package through `core/data/ccss.json`.

use super::generate::Family;

/// One row of the skill table.
#[derive(Debug, Clone, Copy)]
pub struct SkillDef {
    pub id: &'static str,
    pub en: &'static str,
    pub es: &'static str,
    /// 0 = kindergarten .. 8.
    pub grade: u8,
    /// Common Core domain code.
    pub domain: &'static str,
    /// Common Core codes without the `CCSS.Math.Content.` prefix.
    pub codes: &'static [&'static str],
    pub prereqs: &'static [&'static str],
    pub fluency: bool,
    pub family: Family,
}

macro_rules! skill {
    ($id:literal, $en:literal, $es:literal, $grade:literal, $domain:literal, [$($code:literal),*], [$($pre:literal),*], $fluency:literal, $family:expr) => {
        SkillDef { id: $id, en: $en, es: $es, grade: $grade, domain: $domain, codes: &[$($code),*], prereqs: &[$($pre),*], fluency: $fluency, family: $family }
    };
}

use Family::*;

/// Every skill Waypoint teaches, in a sensible reading order.
pub const SKILLS: &[SkillDef] = &[
    skill!("count.to-20", "Count to 20", "Contar hasta 20", 0, "CC", ["K.CC.B.5"], [], false, CountObjects { max: 20 }),
    skill!("count.compare-10", "Compare numbers to 10", "Comparar números hasta 10", 0, "CC", ["K.CC.C.7"], ["count.to-20"], false, CompareWhole { max: 10 }),
    skill!("add.within-5", "Add within 5", "Sumar hasta 5", 0, "OA", ["K.OA.A.5"], ["count.to-20"], true, Add { max: 5, operands: 2 }),
    skill!("sub.within-5", "Subtract within 5", "Restar hasta 5", 0, "OA", ["K.OA.A.5"], ["add.within-5"], true, Sub { max: 5 }),
    skill!("add.within-10", "Add within 10", "Sumar hasta 10", 0, "OA", ["K.OA.A.2"], ["add.within-5"], true, Add { max: 10, operands: 2 }),
    skill!("sub.within-10", "Subtract within 10", "Restar hasta 10", 0, "OA", ["K.OA.A.2"], ["sub.within-5", "add.within-10"], true, Sub { max: 10 }),
    skill!("add.make-10", "Make ten", "Formar diez", 0, "OA", ["K.OA.A.4"], ["add.within-10"], false, MissingAddend { total: 10 }),
    skill!("place.teen-numbers", "Teen numbers: ten and some ones", "Números del 11 al 19: una decena y unidades", 0, "NBT", ["K.NBT.A.1"], ["count.to-20"], false, PlaceValue { digits: 2, max: 19 }),
    skill!("add.within-20", "Add within 20", "Sumar hasta 20", 1, "OA", ["1.OA.C.6"], ["add.within-10", "add.make-10"], true, Add { max: 20, operands: 2 }),
    skill!("sub.within-20", "Subtract within 20", "Restar hasta 20", 1, "OA", ["1.OA.C.6"], ["sub.within-10", "add.within-20"], true, Sub { max: 20 }),
    skill!("add.three-numbers", "Add three numbers", "Sumar tres números", 1, "OA", ["1.OA.A.2"], ["add.within-20"], false, Add { max: 20, operands: 3 }),
    skill!("add.unknown", "Find the unknown number", "Encontrar el número desconocido", 1, "OA", ["1.OA.D.8"], ["add.within-20", "sub.within-20"], false, MissingAddend { total: 20 }),
    skill!("place.tens-ones", "Tens and ones", "Decenas y unidades", 1, "NBT", ["1.NBT.B.2"], ["place.teen-numbers"], false, PlaceValue { digits: 2, max: 99 }),
    skill!("compare.two-digit", "Compare two-digit numbers", "Comparar números de dos cifras", 1, "NBT", ["1.NBT.B.3"], ["place.tens-ones", "count.compare-10"], false, CompareWhole { max: 99 }),
    skill!("add.two-digit-ones", "Add a two-digit number and ones", "Sumar un número de dos cifras y unidades", 1, "NBT", ["1.NBT.C.4"], ["place.tens-ones", "add.within-20"], false, Add { max: 100, operands: 2 }),
    skill!("add.within-100", "Add within 100", "Sumar hasta 100", 2, "NBT", ["2.NBT.B.5"], ["add.two-digit-ones"], true, Add { max: 100, operands: 2 }),
    skill!("sub.within-100", "Subtract within 100", "Restar hasta 100", 2, "NBT", ["2.NBT.B.5"], ["add.within-100", "sub.within-20"], true, Sub { max: 100 }),
    skill!("place.hundreds", "Hundreds, tens and ones", "Centenas, decenas y unidades", 2, "NBT", ["2.NBT.A.1"], ["place.tens-ones"], false, PlaceValue { digits: 3, max: 999 }),
    skill!("compare.three-digit", "Compare three-digit numbers", "Comparar números de tres cifras", 2, "NBT", ["2.NBT.A.4"], ["place.hundreds", "compare.two-digit"], false, CompareWhole { max: 999 }),
    skill!("add.within-1000", "Add within 1000", "Sumar hasta 1000", 2, "NBT", ["2.NBT.B.7"], ["add.within-100", "place.hundreds"], false, Add { max: 1000, operands: 2 }),
    skill!("sub.within-1000", "Subtract within 1000", "Restar hasta 1000", 2, "NBT", ["2.NBT.B.7"], ["sub.within-100", "add.within-1000"], false, Sub { max: 1000 }),
    skill!("add.word-problems", "Add and subtract word problems", "Problemas de sumas y restas", 2, "OA", ["2.OA.A.1"], ["add.within-100", "sub.within-100"], false, WordAddSub { max: 100 }),
    skill!("mult.equal-groups", "Equal groups", "Grupos iguales", 3, "OA", ["3.OA.A.1"], ["add.three-numbers", "add.within-100"], false, Mul { max_a: 5, max_b: 5 }),
    skill!("mult.facts-2-5-10", "Times tables: 2, 5 and 10", "Tablas del 2, 5 y 10", 3, "OA", ["3.OA.C.7"], ["mult.equal-groups"], true, MulTable { tables: &[2, 5, 10] }),
    skill!("mult.facts-all", "All times tables to 10", "Todas las tablas hasta el 10", 3, "OA", ["3.OA.C.7"], ["mult.facts-2-5-10"], true, MulTable { tables: &[2, 3, 4, 5, 6, 7, 8, 9, 10] }),
    skill!("div.facts", "Division facts", "Divisiones de las tablas", 3, "OA", ["3.OA.C.7", "3.OA.B.6"], ["mult.facts-all"], true, Div { max_divisor: 10, max_quotient: 10 }),
    skill!("mult.word-problems", "Multiply and divide word problems", "Problemas de multiplicar y dividir", 3, "OA", ["3.OA.A.3"], ["div.facts"], false, WordMulDiv { max: 10 }),
    skill!("round.tens-hundreds", "Round to tens and hundreds", "Redondear a decenas y centenas", 3, "NBT", ["3.NBT.A.1"], ["place.hundreds"], false, Round { max: 999 }),
    skill!("mult.by-tens", "Multiply by multiples of 10", "Multiplicar por múltiplos de 10", 3, "NBT", ["3.NBT.A.3"], ["mult.facts-all"], false, MulByTens),
    skill!("frac.unit", "Unit fractions", "Fracciones unitarias", 3, "NF", ["3.NF.A.1"], ["mult.equal-groups"], false, FracOfShape),
    skill!("frac.equivalent-simple", "Simple equivalent fractions", "Fracciones equivalentes sencillas", 3, "NF", ["3.NF.A.3b"], ["frac.unit", "mult.facts-2-5-10"], false, FracEquivalent { max_den: 12 }),
    skill!("frac.compare-same", "Compare fractions with the same numerator or denominator", "Comparar fracciones con igual numerador o denominador", 3, "NF", ["3.NF.A.3d"], ["frac.unit"], false, FracCompare { same_part: true }),
    skill!("mult.multi-digit", "Multiply multi-digit numbers", "Multiplicar números de varias cifras", 4, "NBT", ["4.NBT.B.5"], ["mult.by-tens", "add.within-1000"], false, Mul { max_a: 999, max_b: 9 }),
    skill!("div.multi-digit", "Divide with remainders", "Dividir con resto", 4, "NBT", ["4.NBT.B.6"], ["div.facts", "mult.multi-digit"], false, DivRemainder),
    skill!("factors.multiples", "Factors and multiples", "Factores y múltiplos", 4, "OA", ["4.OA.B.4"], ["div.facts"], false, Factors),
    skill!("frac.equivalent", "Equivalent fractions", "Fracciones equivalentes", 4, "NF", ["4.NF.A.1"], ["frac.equivalent-simple"], false, FracEquivalent { max_den: 100 }),
    skill!("frac.compare", "Compare fractions", "Comparar fracciones", 4, "NF", ["4.NF.A.2"], ["frac.equivalent", "frac.compare-same"], false, FracCompare { same_part: false }),
    skill!("frac.add-like", "Add fractions with like denominators", "Sumar fracciones con igual denominador", 4, "NF", ["4.NF.B.3a"], ["frac.equivalent-simple"], false, FracAddSub { like: true, subtract: false }),
    skill!("frac.sub-like", "Subtract fractions with like denominators", "Restar fracciones con igual denominador", 4, "NF", ["4.NF.B.3a"], ["frac.add-like"], false, FracAddSub { like: true, subtract: true }),
    skill!("frac.times-whole", "Multiply a fraction by a whole number", "Multiplicar una fracción por un número entero", 4, "NF", ["4.NF.B.4b"], ["frac.add-like", "mult.facts-all"], false, FracTimesWhole),
    skill!("dec.tenths-hundredths", "Decimals: tenths and hundredths", "Decimales: décimas y centésimas", 4, "NF", ["4.NF.C.6"], ["frac.equivalent"], false, DecimalFromFraction),
    skill!("dec.compare", "Compare decimals", "Comparar decimales", 4, "NF", ["4.NF.C.7"], ["dec.tenths-hundredths"], false, DecimalCompare),
    skill!("frac.add-unlike", "Add fractions with unlike denominators", "Sumar fracciones con distinto denominador", 5, "NF", ["5.NF.A.1"], ["frac.add-like", "frac.equivalent"], false, FracAddSub { like: false, subtract: false }),
    skill!("frac.sub-unlike", "Subtract fractions with unlike denominators", "Restar fracciones con distinto denominador", 5, "NF", ["5.NF.A.1"], ["frac.add-unlike", "frac.sub-like"], false, FracAddSub { like: false, subtract: true }),
    skill!("frac.multiply", "Multiply fractions", "Multiplicar fracciones", 5, "NF", ["5.NF.B.4a"], ["frac.times-whole"], false, FracMultiply),
    skill!("frac.simplify", "Simplify fractions", "Simplificar fracciones", 5, "NF", ["4.NF.A.1"], ["frac.equivalent", "factors.multiples"], false, FracSimplify),
    skill!("dec.add-sub", "Add and subtract decimals", "Sumar y restar decimales", 5, "NBT", ["5.NBT.B.7"], ["dec.compare", "add.within-1000"], false, DecimalAddSub),
    skill!("dec.multiply", "Multiply decimals", "Multiplicar decimales", 5, "NBT", ["5.NBT.B.7"], ["dec.add-sub", "mult.multi-digit"], false, DecimalMultiply),
    skill!("order.ops-simple", "Order of operations", "Orden de las operaciones", 5, "OA", ["5.OA.A.1"], ["mult.facts-all", "sub.within-100"], false, OrderOfOps { parens: true }),
    skill!("ratio.equivalent", "Equivalent ratios", "Razones equivalentes", 6, "RP", ["6.RP.A.3a"], ["frac.equivalent", "mult.facts-all"], false, RatioEquivalent),
    skill!("ratio.unit-rate", "Unit rates", "Tasas unitarias", 6, "RP", ["6.RP.A.2", "6.RP.A.3b"], ["ratio.equivalent", "div.multi-digit"], false, UnitRate),
    skill!("percent.of", "Percent of a number", "Porcentaje de un número", 6, "RP", ["6.RP.A.3c"], ["ratio.equivalent", "dec.multiply"], false, PercentOf),
    skill!("frac.divide", "Divide fractions", "Dividir fracciones", 6, "NS", ["6.NS.A.1"], ["frac.multiply"], false, FracDivide),
    skill!("int.number-line", "Integers on the number line", "Enteros en la recta numérica", 6, "NS", ["6.NS.C.7a"], ["compare.three-digit"], false, IntCompare),
    skill!("exp.powers", "Whole-number exponents", "Potencias de números enteros", 6, "EE", ["6.EE.A.1"], ["mult.facts-all"], false, Powers),
    skill!("expr.evaluate", "Evaluate expressions", "Evaluar expresiones", 6, "EE", ["6.EE.A.2c"], ["order.ops-simple", "exp.powers"], false, EvaluateExpression),
    skill!("eq.one-step", "One-step equations", "Ecuaciones de un paso", 6, "EE", ["6.EE.B.7"], ["expr.evaluate", "add.unknown", "div.facts"], false, EquationOneStep),
    skill!("int.add-sub", "Add and subtract integers", "Sumar y restar enteros", 7, "NS", ["7.NS.A.1d"], ["int.number-line"], false, IntAddSub),
    skill!("int.multiply-divide", "Multiply and divide integers", "Multiplicar y dividir enteros", 7, "NS", ["7.NS.A.2a"], ["int.add-sub", "div.facts"], false, IntMulDiv),
    skill!("order.ops-integers", "Order of operations with integers", "Orden de las operaciones con enteros", 7, "NS", ["7.NS.A.3"], ["int.multiply-divide", "order.ops-simple"], false, OrderOfOps { parens: false }),
    skill!("ratio.proportional", "Proportional relationships", "Relaciones proporcionales", 7, "RP", ["7.RP.A.2b"], ["ratio.unit-rate"], false, UnitRate),
    skill!("percent.change", "Percent increase and decrease", "Aumentos y descuentos porcentuales", 7, "RP", ["7.RP.A.3"], ["percent.of"], false, PercentChange),
    skill!("expr.like-terms", "Combine like terms", "Reducir términos semejantes", 7, "EE", ["7.EE.A.1"], ["expr.evaluate", "int.add-sub"], false, LikeTerms),
    skill!("eq.two-step", "Two-step equations", "Ecuaciones de dos pasos", 7, "EE", ["7.EE.B.4a"], ["eq.one-step", "int.multiply-divide"], false, EquationTwoStep),
    skill!("eq.variables-both-sides", "Equations with the variable on both sides", "Ecuaciones con la incógnita en ambos lados", 8, "EE", ["8.EE.C.7b"], ["eq.two-step", "expr.like-terms"], false, EquationBothSides),
    skill!("exp.square-roots", "Squares and square roots", "Cuadrados y raíces cuadradas", 8, "EE", ["8.EE.A.2"], ["exp.powers"], false, SquareRoots),
];
