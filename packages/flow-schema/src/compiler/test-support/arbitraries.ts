import fc from 'fast-check';

/** Random expressions inside the compiled subset, and random JSON inputs over the same field names. */

const FIELDS = ['a', 'b', 'c', 'n', 's', 'items', 'obj'];

const field = fc.constantFrom(...FIELDS);
const number = fc.oneof(
  fc.integer({ min: -20, max: 20 }),
  fc.constantFrom(0.1, 0.2, 2.5, -3.75, 1e21, 1.005, 100, 0.5),
  fc.double({ min: -1000, max: 1000, noNaN: true, noDefaultInfinity: true }),
);
const string = fc.constantFrom(
  '',
  'x',
  'Hello World',
  ' padded  text ',
  'a,b,c',
  '42',
  '-1.5',
  'ÄÖ😀',
  'null',
);

/** A JSON input document built from the same field names the expressions use. */
export const jsonInput: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    number,
    string,
    fc.boolean(),
    fc.constant(null),
    tie('array'),
    tie('object'),
  ),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(field, tie('value'), { maxKeys: 5 }),
})).object;

function literal(): fc.Arbitrary<string> {
  return fc.oneof(
    number.map((n) => (Object.is(n, -0) ? '0' : String(n))),
    string.map((s) => JSON.stringify(s)),
    fc.constantFrom('true', 'false', 'null'),
  );
}

const predicate = (expr: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(
      '[0]',
      '[1]',
      '[-1]',
      '[]',
      '[n > 0]',
      '[s = "x"]',
      '[$ = 1]',
      '[a]',
      '[[0, 1]]',
    ),
    expr.map((e) => `[${e}]`),
  );

const FUNCTIONS_1 = [
  'string',
  'number',
  'boolean',
  'not',
  'exists',
  'count',
  'sum',
  'max',
  'min',
  'average',
  'round',
  'floor',
  'ceil',
  'abs',
  'sqrt',
  'uppercase',
  'lowercase',
  'trim',
  'length',
  'keys',
  'merge',
  'reverse',
  'distinct',
  'type',
  'join',
];
const FUNCTIONS_2 = [
  'round',
  'power',
  'join',
  'split',
  'substring',
  'substringBefore',
  'substringAfter',
  'pad',
  'contains',
  'lookup',
  'append',
  'string',
];

/** A random expression source within the compiled subset. */
export const expression: fc.Arbitrary<string> = fc.letrec<{ expr: string; path: string }>((tie) => {
  const expr = tie('expr');
  return {
    path: fc
      .tuple(
        fc.oneof(field, fc.constantFrom('$', '$$', '$v')),
        fc.array(fc.tuple(field, fc.option(predicate(expr), { nil: undefined, freq: 3 })), {
          maxLength: 3,
        }),
      )
      .map(([head, steps]) => [head, ...steps.map(([f, p]) => f + (p ?? ''))].join('.')),
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      tie('path'),
      literal(),
      fc
        .tuple(
          expr,
          fc.constantFrom(
            '+',
            '-',
            '*',
            '/',
            '%',
            '&',
            '=',
            '!=',
            '<',
            '<=',
            '>',
            '>=',
            'and',
            'or',
            'in',
          ),
          expr,
        )
        .map(([l, op, r]) => `(${l} ${op} ${r})`),
      expr.map((e) => `-(${e})`),
      fc
        .tuple(expr, expr, fc.option(expr, { nil: undefined }))
        .map(([c, t, e]) => `(${c} ? ${t}${e ? ` : ${e}` : ''})`),
      fc.tuple(expr, expr).map(([l, r]) => `(${l} ?? ${r})`),
      fc.tuple(expr, expr).map(([l, r]) => `(${l} ?: ${r})`),
      fc.tuple(expr, expr).map(([l, r]) => `($exists(${l}) ? ${l} : ${r})`),
      fc
        .array(fc.tuple(fc.constantFrom('"k"', '"n"', 's', '"x"'), expr), {
          minLength: 1,
          maxLength: 3,
        })
        .map((pairs) => `{${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
      fc
        .tuple(tie('path'), fc.constantFrom('"k"', 's', '$string(n)'), expr)
        .map(([p, k, v]) => `${p}{${k}: ${v}}`),
      fc.tuple(tie('path'), expr).map(([p, v]) => `${p}.{"v": ${v}}`),
      fc.array(expr, { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
      fc.tuple(expr, expr).map(([v, body]) => `($v := ${v}; ${body})`),
      fc.tuple(fc.constantFrom(...FUNCTIONS_1), expr).map(([f, a]) => `$${f}(${a})`),
      fc.tuple(fc.constantFrom(...FUNCTIONS_2), expr, expr).map(([f, a, b]) => `$${f}(${a}, ${b})`),
      fc.tuple(fc.constantFrom(...FUNCTIONS_1), tie('path')).map(([f, p]) => `${p}.$${f}()`),
      fc
        .tuple(expr, fc.constantFrom('$string', '$uppercase', '$trim', '$count'))
        .map(([a, f]) => `${a} ~> ${f}()`),
      fc.tuple(expr, expr).map(([arr, body]) => `$map(${arr}, function($v, $i) { ${body} })`),
      fc.tuple(expr, expr).map(([arr, body]) => `$filter(${arr}, function($v) { ${body} })`),
      fc.tuple(expr, expr).map(([arr, body]) => `$reduce(${arr}, function($v, $w) { ${body} })`),
      fc
        .tuple(expr, fc.constantFrom('"0.00"', '"#,##0.00"', '"#"', '"000.###"'))
        .map(([a, p]) => `$formatNumber(${a}, ${p})`),
      fc.tuple(expr, expr, expr).map(([a, b, c]) => `$replace(${a}, ${b}, ${c})`),
      fc.tuple(expr, expr).map(([a, b]) => `(${a}; ${b})`),
    ),
  };
}).expr;
