/**
 * A type assertion (`value as T`, `<T>value`) is a claim the compiler takes without checking, so
 * each one says why it holds, in a comment on its own line or alone on the line above. Most can
 * go instead: a type guard, a zod parse, `satisfies` or a better declaration check the value.
 * `as const` claims nothing about a value and needs no comment.
 *
 * @type {import('eslint').Rule.RuleModule}
 */
const rule = {
  meta: {
    type: 'suggestion',
    docs: {
      description:
        'Require a comment on the line or the line above every type assertion but `as const`',
    },
    messages: {
      uncommented:
        'Check the value instead of asserting its type (type guard, zod, satisfies), or say why ' +
        'this assertion holds in a comment on its line or alone on the line above.',
    },
    schema: [],
  },
  create(context) {
    const { sourceCode } = context;
    const explained = explainedLines(sourceCode);

    /** @param {any} node A TSAsExpression or TSTypeAssertion: typescript-eslint's, not ESTree's. */
    function check(node) {
      const type = node.typeAnnotation;
      const isConst =
        type.type === 'TSTypeReference' &&
        type.typeName?.type === 'Identifier' &&
        type.typeName.name === 'const';
      if (isConst) return;
      // The assertion's first line and the line of its `as` (a long operand may sit between).
      const keyword = sourceCode.getTokenBefore(type);
      const lines = [node.loc?.start.line, keyword?.loc.start.line];
      if (lines.some((line) => line !== undefined && explained.has(line))) return;
      context.report({ node, messageId: 'uncommented' });
    }

    return { TSAsExpression: check, TSTypeAssertion: check };
  },
};

/**
 * The lines a comment explains: those it stands on and, when it is alone on its last line, the
 * line below. A comment that ends a line of code speaks of that code, not of the next line.
 *
 * @param {import('eslint').SourceCode} sourceCode
 */
function explainedLines(sourceCode) {
  const lines = new Set();
  for (const comment of sourceCode.getAllComments()) {
    if (!comment.loc) continue;
    const { start, end } = comment.loc;
    for (let line = start.line; line <= end.line; line++) lines.add(line);
    const before = sourceCode.getTokenBefore(comment);
    const after = sourceCode.getTokenAfter(comment);
    const alone =
      (!before || before.loc.end.line < start.line) && (!after || after.loc.start.line > end.line);
    if (alone) lines.add(end.line + 1);
  }
  return lines;
}

export default rule;
