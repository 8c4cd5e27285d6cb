// @ts-check
/**
 * Medverkan's own lint rules (see eslint.config.mjs, where they are switched on per folder).
 *
 * `medverkan/sql-in-repositories`: SQL is written only in repositories. Reports a call of `.query(…)` or
 * `.createQueryBuilder(…)` on a TypeORM object (DataSource, EntityManager, QueryRunner, Repository, a query
 * builder): the receiver's type is checked, so a Temporal workflow handle's `.query(statusQuery)` is not SQL.
 */

/** @param {import('typescript').Type} type */
function isTypeorm(type) {
  if (type.isUnionOrIntersection()) return type.types.some(isTypeorm);
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  return (symbol?.getDeclarations() ?? []).some((d) => /[\\/]node_modules[\\/](typeorm|pg|@types[\\/]pg)[\\/]/.test(d.getSourceFile().fileName));
}

const SQL_METHODS = new Set(['query', 'createQueryBuilder']);

/** @type {import('eslint').Rule.RuleModule} */
const sqlInRepositories = {
  meta: {
    type: 'problem',
    docs: { description: 'SQL (`.query`, `createQueryBuilder`) only in `*.repository.ts` files' },
    messages: {
      sql:
        '`{{method}}` is SQL: write it as a named method of the feature\'s `<feature>.repository.ts` and call that from the service ' +
        '(docs/CONVENTIONS.md, "Layout").',
    },
    schema: [],
  },
  create(context) {
    const services = context.sourceCode.parserServices;
    if (!services?.program || !services.esTreeNodeToTSNodeMap) return {};
    const checker = services.program.getTypeChecker();
    return {
      /** @param {any} node */
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
        if (!SQL_METHODS.has(callee.property.name)) return;
        const receiver = services.esTreeNodeToTSNodeMap.get(callee.object);
        if (receiver && isTypeorm(checker.getTypeAtLocation(receiver))) {
          context.report({ node: callee.property, messageId: 'sql', data: { method: `.${callee.property.name}(…)` } });
        }
      },
    };
  },
};

export default { meta: { name: 'medverkan' }, rules: { 'sql-in-repositories': sqlInRepositories } };
